//! `timerlab replay SCRIPT`: the op-script crate's [`timerlab_script::replay`], its output
//! verbatim on stdout so it can be diffed against the Go oracle's.

use crate::args::ReplayArgs;
use crate::error::CliError;

/// Runs the script and prints its observations.
///
/// # Errors
///
/// A [`CliError::input`] (exit 2) when the script cannot be read or does not parse; the message
/// is the script crate's `FILE:LINE:COL: message`.
pub(crate) fn replay(args: &ReplayArgs) -> Result<u8, CliError> {
    let output = timerlab_script::replay(&args.script, args.semantics.map(Into::into), args.engine.into())
        .map_err(CliError::input)?;
    print!("{output}");
    Ok(0)
}
