//! `timerlab completions SHELL` and `timerlab man`: generated from the clap definitions of
//! `args.rs`, so they name every subcommand and flag the binary accepts.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::Cli;
use crate::error::CliError;

/// Prints `shell`'s completion script for `timerlab`.
///
/// # Errors
///
/// [`CliError::io`] when stdout cannot be written.
pub(crate) fn completions(shell: Shell) -> Result<u8, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "timerlab", &mut script);
    print_bytes(&script)
}

/// Prints the man page (roff, section 1), or writes it and a page per subcommand into `out`.
///
/// # Errors
///
/// [`CliError::io`] when a page cannot be rendered or written.
pub(crate) fn man(out: Option<&Path>) -> Result<u8, CliError> {
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir))
            .map_err(|e| CliError::io(format!("cannot write the man pages to {}: {e}", dir.display())))?;
        return Ok(0);
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| CliError::io(format!("cannot render the man page: {e}")))?;
    print_bytes(&page)
}

fn print_bytes(bytes: &[u8]) -> Result<u8, CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| CliError::io(format!("cannot write to stdout: {e}")))?;
    Ok(0)
}
