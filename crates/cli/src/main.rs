//! `timerlab`: run a scenario of the Go timer incidents in virtual time and show the leak like a
//! profiler would; sweep it over many seeds; list the scenarios; replay an op script; check a
//! timer implementation's conformance; lint Go source. Usage, output, exit codes and the JSON
//! schema are in docs/CLI.md.
//!
//! This file parses the command line and dispatches; the scenarios are `timerlab-sim`, their
//! report `timerlab-report`, `conform` is `timerlab-engines` and `lint` is `timerlab-lint`.
//!
//! | module | concept |
//! |---|---|
//! | `args.rs` | clap's definitions: the subcommands and their arguments |
//! | `error.rs` | one-line errors (clap's included) and their exit code |
//! | `behaviour.rs` | `--semantics` or `--go`/`--go-mod`/`--godebug`: the behaviours asked for, resolved |
//! | `run.rs` | `timerlab run`: the runs, the text or JSON report, `--out` |
//! | `sweep/` | `timerlab sweep`: seeds × variants × behaviours in threads or shards, the summary, `--merge` |
//! | `repro.rs` | the command line that reproduces an invocation |
//! | `progress.rs` | the progress bar in virtual time (stderr, terminals only) |
//! | `output.rs` | the files of `--out DIR` |
//! | `pprof.rs` | the heap profiles of `--pprof DIR` and the `go tool pprof` commands |
//! | `list.rs`, `replay.rs`, `conform.rs` | `timerlab list`, `timerlab replay`, `timerlab conform` |
//! | `shell.rs` | `timerlab completions SHELL`, `timerlab man`: generated from `args.rs` |

mod args;
mod behaviour;
mod conform;
mod error;
mod list;
mod output;
mod pprof;
mod progress;
mod replay;
mod repro;
mod run;
mod shell;
mod stdout;
mod sweep;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Parses the command line, runs the command, and returns its exit status; errors are one line
/// on stderr.
fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return error::clap_exit(e),
    };
    let result = match cli.command {
        Some(Command::Run(args)) => run::run(&args),
        // No subcommand: the default run, exactly as `timerlab run` with no arguments.
        None => match Cli::try_parse_from(["timerlab", "run"]) {
            Ok(Cli { command: Some(Command::Run(args)) }) => run::run(&args),
            other => unreachable!("`timerlab run` parses as the run command: {other:?}"),
        },
        Some(Command::Sweep(args)) => sweep::sweep(&args),
        Some(Command::List) => list::list(),
        Some(Command::Replay(args)) => replay::replay(&args),
        Some(Command::Conform(args)) => conform::conform(args),
        Some(Command::Lint(args)) => {
            let status =
                timerlab_lint::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
            Ok(status.code())
        }
        Some(Command::Completions(args)) => shell::completions(args.shell),
        Some(Command::Man(args)) => shell::man(args.out.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => e.exit(),
    }
}
