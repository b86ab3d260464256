//! `timerlab replay SCRIPT`: the op-script crate's [`timerlab_script::replay_source`], its output
//! verbatim on stdout so it can be diffed against the Go oracle's; the behaviour it ran in, and
//! why, on stderr.

use gotime::Semantics;
use timerlab_script::{parse, replay_source, ScriptError};

use crate::args::ReplayArgs;
use crate::behaviour;
use crate::error::CliError;

/// Runs the script and prints its observations.
///
/// # Errors
///
/// A [`CliError::input`] (exit 2) when the script cannot be read or does not parse (the message
/// is the script crate's `FILE:LINE:COL: message`), or the Go program does not resolve.
pub(crate) fn replay(args: &ReplayArgs) -> Result<u8, CliError> {
    let resolved = behaviour::for_one("replay", args.semantics.map(Into::into), &args.go)?;
    let file = args.script.display().to_string();
    let src = std::fs::read(&args.script)
        .map_err(|e| CliError::input(ScriptError::Read { file: file.clone(), reason: e.to_string() }))?;
    let (semantics, why) = match resolved {
        // The script's engines are built from the semantics alone.
        Some(r) if r.stop_race_69312 => (r.semantics, format!("{} (replayed without the race)", r.why)),
        Some(r) => (r.semantics, r.why),
        None => match parse(&file, &src).map_err(CliError::input)?.mode {
            Some(mode) => (mode, format!("mode {mode} in {file} → {mode}")),
            None => (Semantics::Async, format!("no mode line in {file} → {}", Semantics::Async)),
        },
    };
    let output = replay_source(&file, &src, Some(semantics), args.engine.into()).map_err(CliError::input)?;
    eprintln!("behaviour: {why}");
    crate::stdout::print(&output);
    Ok(0)
}
