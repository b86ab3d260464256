//! Which of Go's timer behaviours an invocation asks for — `--semantics`, or a Go program named
//! by `--go`, `--go-mod` and `--godebug` — each resolved before anything runs, so that a bad
//! version or a program Go refuses is one line and exit 2.

use gotime::Semantics;
use timerlab_sim::{go_all, Behaviour, ResolvedBehaviour, KNOWN_RELEASES};

use crate::args::{GoArgs, SemanticsArg};
use crate::error::CliError;

/// The behaviours of `timerlab run`: the Go program, every known release (`--go all`), or the
/// semantics of `--semantics`.
///
/// # Errors
///
/// [`CliError::input`] when one does not resolve (see [`resolve`]), or for `--go all` with
/// `--go-mod` or `--godebug`.
pub(crate) fn for_run(semantics: SemanticsArg, go: &GoArgs) -> Result<Vec<Behaviour>, CliError> {
    let behaviours: Vec<Behaviour> = if go.all() {
        if go.go_mod.is_some() || !go.godebug.is_empty() {
            return Err(CliError::input(
                "--go all runs every known release on its own go line (and on go 1.22 where that \
                 keeps Go 1.22's timers): --go-mod and --godebug need one release, such as --go 1.26.6",
            ));
        }
        go_all().into_iter().map(Behaviour::from).collect()
    } else if let Some(program) = go.program() {
        vec![Behaviour::from(program)]
    } else {
        semantics.list().into_iter().map(Behaviour::from).collect()
    };
    for behaviour in &behaviours {
        resolve(behaviour)?;
    }
    Ok(behaviours)
}

/// The one behaviour of `replay` or `conform` (`command`): the Go program, or `--semantics`;
/// `None` when neither is given.
///
/// # Errors
///
/// [`CliError::input`] when it does not resolve, or for `--go all`.
pub(crate) fn for_one(
    command: &str,
    semantics: Option<Semantics>,
    go: &GoArgs,
) -> Result<Option<ResolvedBehaviour>, CliError> {
    if go.all() {
        let known: Vec<String> = KNOWN_RELEASES.iter().map(|r| r.go_name()).collect();
        return Err(CliError::input(format!(
            "--go all is for timerlab run; {command} takes one release (known: {})",
            known.join(", ")
        )));
    }
    match (go.program(), semantics) {
        (Some(program), _) => resolve(&Behaviour::from(program)).map(Some),
        (None, Some(semantics)) => resolve(&Behaviour::from(semantics)).map(Some),
        (None, None) => Ok(None),
    }
}

/// What `behaviour` resolves to.
///
/// # Errors
///
/// [`CliError::input`]: the flags, then why they do not resolve — a malformed or unknown version,
/// a GODEBUG value Go does not give `asynctimerchan`, or Go's own refusal in Go's words — and
/// what is valid.
pub(crate) fn resolve(behaviour: &Behaviour) -> Result<ResolvedBehaviour, CliError> {
    behaviour.resolve().map_err(|e| CliError::input(format!("{}: {e}", behaviour.flags().trim_start())))
}
