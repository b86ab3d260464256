//! `timerlab`: run a scenario of the Go timer incidents in virtual time and show the leak like a
//! profiler would; list the scenarios; replay an op script. Usage, output, exit codes and the
//! JSON schema are in docs/CLI.md.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
