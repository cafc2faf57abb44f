// mimalloc (version 2, see Cargo.toml): the build allocates millions of
// small strings and maps on several threads; with glibc's malloc a 10,000-
// report build takes a fifth longer.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    arkiv::cli::main()
}
