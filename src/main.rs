// mimalloc: the search index build allocates millions of small strings and
// maps on several threads; glibc's arenas fragment under that load.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    arkiv::cli::main()
}
