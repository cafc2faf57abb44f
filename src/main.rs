fn main() -> std::process::ExitCode {
    arkiv::cli::main()
}
