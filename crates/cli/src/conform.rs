//! `timerlab conform`: the conformance suite of `timerlab-engines`, its claim named by
//! `--semantics` or by a Go program (`--go`, `--go-mod`, `--godebug`), whose behaviour line
//! comes first.

use timerlab_engines::cli::Claim;

use crate::args::ConformCommand;
use crate::behaviour;
use crate::error::CliError;

/// Runs the suite and returns its exit status.
///
/// # Errors
///
/// [`CliError::input`] when the Go program does not resolve.
pub(crate) fn conform(mut args: ConformCommand) -> Result<u8, CliError> {
    let claim = args.suite.semantics.map(Into::into);
    let resolved = behaviour::for_one("conform", claim, &args.go)?;
    let mut out = std::io::stdout().lock();
    if let Some(resolved) = resolved {
        args.suite.semantics = Some(Claim::from(resolved.semantics));
        // The claim is the behaviour alone: an engine under test has its own costs.
        crate::stdout::println(&format!("behaviour: {}", resolved.why));
    }
    let code = timerlab_engines::cli::run(&args.suite, &mut out);
    Ok(u8::try_from(code).unwrap_or(1))
}
