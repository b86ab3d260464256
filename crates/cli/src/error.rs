//! One-line errors: every failure the command reports is one line on stderr, `error: ...`,
//! naming the valid choices or range where there are some, and a distinct exit code.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use timerlab_report::Conclusion;

use crate::args::Cli;

/// A failure with its one-line message and exit code.
#[derive(Debug)]
pub(crate) struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    /// Input the command cannot run (exit 2, as clap's usage errors).
    pub(crate) fn input(message: impl ToString) -> CliError {
        CliError { message: message.to_string(), code: Conclusion::BAD_INPUT }
    }

    /// A report file that could not be written (exit 1).
    pub(crate) fn io(message: impl ToString) -> CliError {
        CliError { message: message.to_string(), code: Conclusion::IO_ERROR }
    }

    /// Prints `error: message` and returns the exit code.
    pub(crate) fn exit(self) -> ExitCode {
        eprintln!("error: {}", self.message);
        ExitCode::from(self.code)
    }
}

/// Prints clap's `--help` / `--version` as clap does (exit 0); any other clap error as one line
/// with the valid values or the suggestion clap found (exit 2).
pub(crate) fn clap_exit(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{}", one_line(&e));
            ExitCode::from(Conclusion::BAD_INPUT)
        }
    }
}

/// clap's first line (`error: invalid value 'x' for '--semantics <SEMANTICS>'`), plus what its
/// following lines would have said: the missing arguments, the valid values, or a similar
/// argument or subcommand.
fn one_line(e: &clap::Error) -> String {
    let rendered = e.to_string();
    let mut line = rendered.lines().next().unwrap_or("error: invalid command line").trim_end().to_owned();
    let strings = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    // clap lists the missing arguments on the lines below its first.
    if e.kind() == ErrorKind::MissingRequiredArgument {
        let missing = strings(ContextKind::InvalidArg);
        if !missing.is_empty() {
            line.push_str(&format!(" {}", missing.join(", ")));
        }
    }
    let valid = strings(ContextKind::ValidValue);
    if !valid.is_empty() {
        line.push_str(&format!(" (valid: {})", valid.join(", ")));
    }
    let similar: Vec<String> = strings(ContextKind::SuggestedArg)
        .into_iter()
        .chain(strings(ContextKind::SuggestedSubcommand))
        .collect();
    if !similar.is_empty() {
        line.push_str(&format!(" (did you mean {}?)", similar.join(" or ")));
    }
    if e.kind() == ErrorKind::InvalidSubcommand {
        let names: Vec<String> = <Cli as clap::CommandFactory>::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        line.push_str(&format!(" (valid: {})", names.join(", ")));
    }
    if !matches!(e.kind(), ErrorKind::InvalidValue | ErrorKind::ValueValidation) {
        line.push_str("; see 'timerlab --help'");
    }
    line
}
