//! GODEBUG settings as a Go program receives them: a `godebug` line in `go.mod`, a `//go:debug`
//! directive in package main, the `GODEBUG` environment variable — and which one wins.
//!
//! Precedence, lowest first, from Go's source:
//!
//! 1. the defaults of the main module's `go` line, or of a `default=goX.Y` setting
//!    (cmd/go/internal/load/godebug.go, `defaultGODEBUG` and `godebugForGoVersion`: every setting
//!    whose default changed after that version gets its old value);
//! 2. `godebug` lines of the main module's `go.mod` (`defaultGODEBUG` reads them first);
//! 3. `//go:debug` directives of package main (read next, so they win over `go.mod`); 1–3 are
//!    compiled into the binary as its default GODEBUG;
//! 4. the `GODEBUG` environment variable, applied over that default at start
//!    (runtime/runtime1.go, `parsedebugvars`: "apply compile-time GODEBUG settings", then "apply
//!    environment settings"; internal/godebug reads the environment first the same way).
//!
//! Within each source the last setting of a key wins (`parsegodebug`: "process left to right,
//! overwriting older settings with newer"; `defaultGODEBUG` overwrites its map in order).

use super::error::ResolveError;
use super::source::Source;

/// One `key=value` setting and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Setting {
    pub(crate) source: Source,
    pub(crate) key: String,
    pub(crate) value: String,
}

/// Reads the `GODEBUG` environment variable: `key=value` fields separated by commas, empty
/// fields skipped.
pub(crate) fn environment(text: &str) -> Result<Vec<Setting>, ResolveError> {
    text.split(',')
        .filter(|field| !field.is_empty())
        .map(|field| setting(Source::Environment, field))
        .collect()
}

/// Reads one `//go:debug key=value` directive (the `//go:debug` prefix may be left out).
pub(crate) fn directive(line: &str) -> Result<Setting, ResolveError> {
    let text = line.trim();
    let text = text.strip_prefix("//go:debug").map_or(text, str::trim_start);
    setting(Source::Directive, text).map_err(|_| malformed(Source::Directive, line))
}

/// Reads one `go.mod` `godebug key=value` line (the `godebug` keyword may be left out, as in a
/// `godebug ( ... )` block).
pub(crate) fn go_mod(line: &str) -> Result<Setting, ResolveError> {
    let text = line.trim();
    let text = text.strip_prefix("godebug").map_or(text, str::trim_start);
    setting(Source::GoMod, text).map_err(|_| malformed(Source::GoMod, line))
}

/// `key=value` with no space or comma in either (cmd/go/internal/modload, `CheckGodebug`).
fn setting(source: Source, text: &str) -> Result<Setting, ResolveError> {
    let (key, value) = text.split_once('=').ok_or_else(|| malformed(source, text))?;
    let spaced = |s: &str| s.contains([' ', '\t', ',']);
    if key.is_empty() || spaced(key) || spaced(value) {
        return Err(malformed(source, text));
    }
    Ok(Setting { source, key: key.to_owned(), value: value.to_owned() })
}

fn malformed(source: Source, text: &str) -> ResolveError {
    ResolveError::MalformedSetting { source, text: text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_a_comma_separated_list_whose_order_is_kept() {
        let settings = environment("panicnil=1,asynctimerchan=2,,asynctimerchan=0").unwrap();
        let pairs: Vec<(&str, &str)> = settings.iter().map(|s| (s.key.as_str(), s.value.as_str())).collect();
        assert_eq!(pairs, [("panicnil", "1"), ("asynctimerchan", "2"), ("asynctimerchan", "0")]);
        assert!(environment("").unwrap().is_empty());
    }

    #[test]
    fn a_directive_and_a_go_mod_line_may_keep_or_drop_their_keyword() {
        for line in ["//go:debug asynctimerchan=1", "asynctimerchan=1", "  //go:debug\tasynctimerchan=1 "] {
            let s = directive(line).unwrap();
            assert_eq!(
                (s.source, s.key.as_str(), s.value.as_str()),
                (Source::Directive, "asynctimerchan", "1")
            );
        }
        for line in ["godebug asynctimerchan=1", "asynctimerchan=1"] {
            let s = go_mod(line).unwrap();
            assert_eq!((s.source, s.key.as_str(), s.value.as_str()), (Source::GoMod, "asynctimerchan", "1"));
        }
    }

    #[test]
    fn a_setting_that_is_not_key_equals_value_is_a_one_line_error() {
        for (result, expected) in [
            (
                environment("asynctimerchan").map(|_| ()),
                "malformed GODEBUG environment setting \"asynctimerchan\"",
            ),
            (directive("//go:debug asynctimerchan 1").map(|_| ()), "malformed //go:debug setting"),
            (go_mod("godebug =1").map(|_| ()), "malformed go.mod godebug setting \"godebug =1\""),
            (go_mod("godebug a=1 b=2").map(|_| ()), "malformed go.mod godebug setting"),
        ] {
            let err = result.unwrap_err().to_string();
            assert!(err.starts_with(expected), "{err}");
            assert!(err.ends_with("expected key=value, such as asynctimerchan=1"), "{err}");
        }
    }
}
