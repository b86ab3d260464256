//! `timerlab-lint`: `timerlab lint` as a binary of its own (same arguments, same output).

use std::process::ExitCode;

use clap::Parser;
use timerlab_lint::cli::{run, LintArgs};

/// The standalone command line.
#[derive(Parser)]
#[command(name = "timerlab-lint", version)]
struct Cli {
    #[command(flatten)]
    args: LintArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = run(&cli.args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    status.into()
}
