//! [`replay`]: read a script file and run it — the library side of `timerlab replay`.

use std::path::Path;

use gotime::Semantics;

use crate::{parse, run, EngineKind, ScriptError};

/// Reads the op script at `path`, runs it on a fresh `engine` and returns its observations, one
/// line each (`stop t = true`, `recv t = @3s`, ...), every line ending in `\n`.
///
/// The semantics is `semantics` when given (the CLI's `--semantics async|async-collected|sync`), else the script's
/// `mode` line, else async. The output does not name the semantics or the engine: a caller that
/// wants a header prints it. Same file, semantics and engine ⇒ byte-identical output.
///
/// For `timerlab replay SCRIPT [--semantics async|async-collected|sync] [--engine model|runtime]`: parse the flags
/// with `Semantics::from_str` and [`EngineKind`]'s `FromStr` (default [`EngineKind::Runtime`]),
/// print the returned text to stdout; on `Err`, print the error (already `FILE:LINE:COL: message`
/// or `FILE: cannot read: reason`) as one line to stderr and exit non-zero.
///
/// # Errors
///
/// [`ScriptError::Read`] when the file cannot be read; [`ScriptError::Syntax`] when it is not a
/// valid script. Running a valid script cannot fail: ops where Go panics print `panic NAME: ...`.
pub fn replay(path: &Path, semantics: Option<Semantics>, engine: EngineKind) -> Result<String, ScriptError> {
    let file = path.display().to_string();
    let src =
        std::fs::read(path).map_err(|e| ScriptError::Read { file: file.clone(), reason: e.to_string() })?;
    replay_source(&file, &src, semantics, engine)
}

/// [`replay`] for a script already in memory; `file` names it in error messages.
///
/// # Errors
///
/// [`ScriptError::Syntax`] when `src` is not a valid script.
pub fn replay_source(
    file: &str,
    src: &[u8],
    semantics: Option<Semantics>,
    engine: EngineKind,
) -> Result<String, ScriptError> {
    let script = parse(file, src)?;
    let semantics = semantics.or(script.mode).unwrap_or(Semantics::Async);
    let mut engine = engine.build(semantics);
    Ok(run(&script, &mut *engine))
}
