//! `timerlab conform --engine NAME [--semantics async|async-collected|sync]`: the library side of
//! the command.
//!
//! The `timerlab` binary flattens [`ConformArgs`] into a `conform` subcommand and calls [`run`].
//! Without `--semantics` it prints the matrix (async, async-collected, sync, which behaviours each
//! row matches); with it,
//! the table of that claim. Exit status: [`EXIT_CONFORMS`] when every applicable row passes in the
//! claimed semantics (without `--semantics`: in at least one), [`EXIT_DOES_NOT_CONFORM`]
//! otherwise, [`EXIT_BAD_INPUT`] when the corpus cannot be read, [`EXIT_IO`] when the output
//! cannot be written. Errors are one line on stderr.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use gotime::Semantics;

use crate::catalog::EngineName;
use crate::corpus::{workspace_root, Corpus};

/// Every applicable row passed.
pub const EXIT_CONFORMS: i32 = 0;
/// The output could not be written.
pub const EXIT_IO: i32 = 1;
/// The corpus could not be read (the `timerlab` binary's code for bad input).
pub const EXIT_BAD_INPUT: i32 = 2;
/// Some applicable row failed or was unreliable.
pub const EXIT_DOES_NOT_CONFORM: i32 = 7;

/// `timerlab conform`'s arguments.
#[derive(Clone, Debug, Args)]
pub struct ConformArgs {
    /// The timer implementation to test.
    #[arg(long, value_enum)]
    pub engine: EngineName,
    /// The behaviour it claims: Go <= 1.22 (async), GODEBUG=asynctimerchan=2 (async-collected) or
    /// Go >= 1.23 (sync); each in turn when omitted.
    #[arg(long, value_enum)]
    pub semantics: Option<Claim>,
    /// Also print the diff of every failing script.
    #[arg(long)]
    pub diff: bool,
    /// The repository whose scripts/ and oracle/golden/ to run (default: the one built from).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// A claimed semantics on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Claim {
    /// Go <= 1.22, or GODEBUG=asynctimerchan=1.
    Async,
    /// GODEBUG=asynctimerchan=2 (Go 1.23-1.26): async's channel, unreferenced timers collected.
    AsyncCollected,
    /// Go >= 1.23.
    Sync,
}

impl From<Semantics> for Claim {
    fn from(s: Semantics) -> Claim {
        match s {
            Semantics::Async => Claim::Async,
            Semantics::AsyncCollected => Claim::AsyncCollected,
            Semantics::Sync => Claim::Sync,
        }
    }
}

impl From<Claim> for Semantics {
    fn from(c: Claim) -> Semantics {
        match c {
            Claim::Async => Semantics::Async,
            Claim::AsyncCollected => Semantics::AsyncCollected,
            Claim::Sync => Semantics::Sync,
        }
    }
}

/// Runs the conformance suite as `args` say, writes the table to `out`, and returns the exit
/// status (see the module docs).
pub fn run(args: &ConformArgs, out: &mut dyn Write) -> i32 {
    let root = args.root.clone().unwrap_or_else(workspace_root);
    let corpus = match Corpus::load(&root) {
        Ok(corpus) => corpus,
        Err(e) => {
            eprintln!("error: cannot load the conformance corpus: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    let subject = args.engine.subject();
    let (text, conforms) = match args.semantics {
        Some(claim) => {
            let report = corpus.conform(&*subject, claim.into());
            let failures = if args.diff { report.failures() } else { String::new() };
            (format!("{}{failures}", report.table()), report.passed())
        }
        None => {
            let matrix = corpus.matrix(&*subject);
            let failures = if args.diff {
                matrix.reports.iter().map(|r| r.failures()).collect::<String>()
            } else {
                String::new()
            };
            let conforms = matrix.passed_in_some_behaviour();
            (format!("{matrix}{failures}"), conforms)
        }
    };
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("error: cannot write the report: {e}");
        return EXIT_IO;
    }
    if conforms {
        EXIT_CONFORMS
    } else {
        EXIT_DOES_NOT_CONFORM
    }
}
