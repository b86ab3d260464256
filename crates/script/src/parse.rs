//! The op-script parser: text to a validated [`Script`], or one [`SyntaxError`] at a line and
//! column. It never panics, whatever the input.
//!
//! Validation happens here too, so that a script that parses can always be run: every name an op
//! uses must be bound by an earlier constructor (and not dropped since), and must support the op
//! (`stop`/`reset` need a Timer or Ticker, not the bare channel of `after`/`tick`).

use std::collections::BTreeMap;

use gotime::{GoDuration, Semantics};

use crate::ast::{Ctor, Op, Script, Step};
use crate::SyntaxError;

/// Parses and validates a script. `file` names it in error messages; `src` is its raw bytes.
///
/// # Errors
///
/// The first problem found, as `FILE:LINE:COL: message`: invalid UTF-8, an unknown op, a missing
/// or extra argument, an invalid name or duration, a misplaced `mode`, or a name that is unknown,
/// already bound, or does not support the op.
pub fn parse(file: &str, src: &[u8]) -> Result<Script, SyntaxError> {
    let text = std::str::from_utf8(src).map_err(|e| {
        let (line, column) = position_of_byte(src, e.valid_up_to());
        SyntaxError { file: file.to_owned(), line, column, message: "invalid UTF-8".to_owned() }
    })?;
    parse_str(file, text)
}

/// [`parse`] for text already known to be UTF-8.
///
/// # Errors
///
/// As [`parse`].
pub fn parse_str(file: &str, text: &str) -> Result<Script, SyntaxError> {
    let mut parser =
        Parser { file, script: Script { mode: None, steps: Vec::new() }, names: BTreeMap::new() };
    for (index, raw) in text.split('\n').enumerate() {
        parser.line(index + 1, raw)?;
    }
    Ok(parser.script)
}

/// Line and column (1-based, in characters) of byte `at` of a byte string valid up to `at`.
fn position_of_byte(src: &[u8], at: usize) -> (usize, usize) {
    let before = &src[..at];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&before[line_start..]).chars().count();
    (line, column)
}

/// A word of a line and its 1-based column.
#[derive(Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    column: usize,
}

/// What a name is bound to, for validation.
#[derive(Clone, Copy)]
enum Binding {
    /// Bound by the constructor on `line`.
    Bound { ctor: Ctor, line: usize },
    /// Dropped on `line`.
    Dropped { line: usize },
    /// Its constructor on `line` panicked (`ticker k 0`), so nothing was bound.
    Panicked { line: usize },
}

struct Parser<'f> {
    file: &'f str,
    script: Script,
    names: BTreeMap<String, Binding>,
}

const OPS: &str =
    "mode, timer, after, afterfunc, ticker, tick, stop, reset, advance, recv, wait, len, drop, live";

impl Parser<'_> {
    fn error(&self, line: usize, column: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError { file: self.file.to_owned(), line, column, message: message.into() }
    }

    fn line(&mut self, line: usize, raw: &str) -> Result<(), SyntaxError> {
        let code = raw.split('#').next().unwrap_or("");
        let tokens = tokenize(code);
        let Some(&first) = tokens.first() else { return Ok(()) };
        let end = 1 + code.trim_end().chars().count() + 1;
        let op = match first.text {
            "mode" => {
                let [mode] = self.args(line, end, &tokens, "mode async|async-collected|sync")?;
                return self.mode(line, first, mode);
            }
            "timer" | "after" | "afterfunc" | "ticker" | "tick" => {
                let ctor = *Ctor::ALL.iter().find(|c| c.keyword() == first.text).expect("listed above");
                let usage = format!("{} NAME DUR", ctor.keyword());
                let [name, d] = self.args(line, end, &tokens, &usage)?;
                let d = self.duration(line, d)?;
                self.create(line, ctor, name, d)?
            }
            "stop" => Op::Stop(self.handle_name(line, end, &tokens, "stop")?),
            "reset" => {
                let [name, d] = self.args(line, end, &tokens, "reset NAME DUR")?;
                let d = self.duration(line, d)?;
                Op::Reset(self.use_name(line, name, Some("reset"))?, d)
            }
            "advance" => {
                let [d] = self.args(line, end, &tokens, "advance DUR")?;
                Op::Advance(self.duration(line, d)?)
            }
            "recv" => Op::Recv(self.channel_name(line, end, &tokens, "recv")?),
            "wait" => Op::Wait(self.channel_name(line, end, &tokens, "wait")?),
            "len" => Op::Len(self.channel_name(line, end, &tokens, "len")?),
            "drop" => {
                let name = self.channel_name(line, end, &tokens, "drop")?;
                self.names.insert(name.clone(), Binding::Dropped { line });
                Op::Drop(name)
            }
            "live" => {
                let [] = self.args(line, end, &tokens, "live")?;
                Op::Live
            }
            other => {
                let message = format!("unknown op {other:?}: expected one of {OPS}");
                return Err(self.error(line, first.column, message));
            }
        };
        self.script.steps.push(Step { line, op });
        Ok(())
    }

    /// The `N` arguments after the op word, or an error naming the op's usage.
    fn args<'a, const N: usize>(
        &self,
        line: usize,
        end: usize,
        tokens: &[Token<'a>],
        usage: &str,
    ) -> Result<[Token<'a>; N], SyntaxError> {
        let args = &tokens[1..];
        if let Some(extra) = args.get(N) {
            let message = format!("unexpected {:?}: the op is `{usage}`", extra.text);
            return Err(self.error(line, extra.column, message));
        }
        <[Token<'a>; N]>::try_from(args)
            .map_err(|_| self.error(line, end, format!("missing argument: the op is `{usage}`")))
    }

    fn mode(&mut self, line: usize, first: Token<'_>, mode: Token<'_>) -> Result<(), SyntaxError> {
        if !self.script.steps.is_empty() || self.script.mode.is_some() {
            return Err(self.error(line, first.column, "`mode` must be the first op, and appear once"));
        }
        let semantics: Semantics = mode
            .text
            .parse()
            .map_err(|e: gotime::ParseSemanticsError| self.error(line, mode.column, e.to_string()))?;
        self.script.mode = Some(semantics);
        Ok(())
    }

    fn duration(&self, line: usize, d: Token<'_>) -> Result<GoDuration, SyntaxError> {
        d.text.parse().map_err(|e: gotime::ParseDurationError| self.error(line, d.column, e.to_string()))
    }

    fn create(&mut self, line: usize, ctor: Ctor, name: Token<'_>, d: GoDuration) -> Result<Op, SyntaxError> {
        self.check_identifier(line, name)?;
        if let Some(Binding::Bound { line: bound, .. }) = self.names.get(name.text) {
            let message =
                format!("{} is already bound (line {bound}); drop it before reusing the name", name.text);
            return Err(self.error(line, name.column, message));
        }
        // `ticker NAME DUR` with DUR <= 0 panics in Go, so the name is never bound.
        let binding = if ctor == Ctor::Ticker && !d.is_positive() {
            Binding::Panicked { line }
        } else {
            Binding::Bound { ctor, line }
        };
        self.names.insert(name.text.to_owned(), binding);
        Ok(Op::Create { ctor, name: name.text.to_owned(), d })
    }

    fn check_identifier(&self, line: usize, name: Token<'_>) -> Result<(), SyntaxError> {
        let mut chars = name.text.chars();
        let head_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
        if head_ok && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Ok(());
        }
        let message = format!("invalid name {:?}: names are [a-z][a-z0-9_]*", name.text);
        Err(self.error(line, name.column, message))
    }

    /// The single NAME argument of an op that needs a Timer or Ticker.
    fn handle_name(
        &self,
        line: usize,
        end: usize,
        tokens: &[Token<'_>],
        op: &str,
    ) -> Result<String, SyntaxError> {
        let [name] = self.args(line, end, tokens, &format!("{op} NAME"))?;
        self.use_name(line, name, Some(op))
    }

    /// The single NAME argument of an op any bound name supports.
    fn channel_name(
        &self,
        line: usize,
        end: usize,
        tokens: &[Token<'_>],
        op: &str,
    ) -> Result<String, SyntaxError> {
        let [name] = self.args(line, end, tokens, &format!("{op} NAME"))?;
        self.use_name(line, name, None)
    }

    /// Checks that `name` is bound and, when `needs_handle` names the op, that it has Stop/Reset.
    fn use_name(
        &self,
        line: usize,
        name: Token<'_>,
        needs_handle: Option<&str>,
    ) -> Result<String, SyntaxError> {
        self.check_identifier(line, name)?;
        let n = name.text;
        let message = match self.names.get(n) {
            Some(Binding::Bound { ctor, line: bound }) => match needs_handle {
                Some(op) if !ctor.has_handle() => format!(
                    "`{op}` needs a timer, afterfunc or ticker, but {n} is the bare channel of `{}` (line {bound})",
                    ctor.keyword()
                ),
                _ => return Ok(n.to_owned()),
            },
            Some(Binding::Dropped { line: dropped }) => format!("{n} was dropped at line {dropped}"),
            Some(Binding::Panicked { line: created }) => {
                format!("{n} was never bound: its constructor at line {created} panicked")
            }
            None => format!("unknown name {n:?}: create it first with timer, after, afterfunc, ticker or tick"),
        };
        Err(self.error(line, name.column, message))
    }
}

/// Splits a line into whitespace-separated words with their 1-based character columns.
fn tokenize(code: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte offset, column)
    let mut column = 0;
    for (offset, c) in code.char_indices() {
        column += 1;
        match (c.is_whitespace(), start) {
            (true, Some((from, col))) => {
                tokens.push(Token { text: &code[from..offset], column: col });
                start = None;
            }
            (false, None) => start = Some((offset, column)),
            _ => {}
        }
    }
    if let Some((from, col)) = start {
        tokens.push(Token { text: &code[from..], column: col });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(src: &str) -> String {
        parse_str("t.tl", src).expect_err("should not parse").to_string()
    }

    #[test]
    fn parses_every_op_and_skips_comments_and_blank_lines() {
        let src =
            "mode sync # Go 1.23\n\ntimer t 1s\nafter a 250ms\nafterfunc f -5s\nticker k 1m30s\ntick c 2s\n\
                   stop t\nreset t 3s\nadvance 0\nrecv a\nwait c\nlen k\ndrop a\nlive\n";
        let script = parse_str("t.tl", src).expect("valid");
        assert_eq!(script.mode, Some(Semantics::Sync));
        assert_eq!(script.steps.len(), 13);
        assert_eq!(script.steps[0].line, 3);
        assert_eq!(script.to_string().lines().count(), 14);
    }

    #[test]
    fn rendering_a_script_parses_back_to_the_same_script() {
        let src = "timer t 90s\nafterfunc f -5s\nadvance 1h\nreset t 1.5ms\nlive\n";
        let script = parse_str("t.tl", src).expect("valid");
        assert_eq!(parse_str("t.tl", &script.to_string()), Ok(script));
    }

    #[test]
    fn names_are_lowercase_letters_digits_and_underscores_after_a_letter() {
        assert!(parse_str("t.tl", "timer read_deadline2 1s\nstop read_deadline2\n").is_ok());
        for bad in ["Timer", "t-1", "tX", "_t", "9t"] {
            let err = error_of(&format!("timer {bad} 1s\n"));
            assert!(
                err.contains(&format!("invalid name {bad:?}: names are [a-z][a-z0-9_]*")),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn reports_an_unknown_op_at_its_column() {
        assert!(error_of("timer t 1s\n  sleep 3s").starts_with("t.tl:2:3: unknown op \"sleep\""));
    }

    #[test]
    fn reports_a_bad_duration_at_its_column() {
        assert!(error_of("timer t 3 # no unit").starts_with("t.tl:1:9: invalid duration \"3\""));
    }

    #[test]
    fn reports_a_missing_argument_after_the_last_word() {
        assert_eq!(error_of("timer t"), "t.tl:1:9: missing argument: the op is `timer NAME DUR`");
    }

    #[test]
    fn reports_an_extra_argument() {
        assert_eq!(error_of("timer t 1s\nstop t now"), "t.tl:2:8: unexpected \"now\": the op is `stop NAME`");
    }

    #[test]
    fn reports_an_unknown_name() {
        assert!(error_of("stop t").starts_with("t.tl:1:6: unknown name \"t\""));
    }

    #[test]
    fn reports_a_name_used_after_drop() {
        assert_eq!(error_of("after a 1s\ndrop a\nrecv a"), "t.tl:3:6: a was dropped at line 2");
    }

    #[test]
    fn allows_a_name_to_be_rebound_after_drop() {
        assert!(parse_str("t.tl", "after a 1s\ndrop a\nafter a 1s\nrecv a").is_ok());
    }

    #[test]
    fn reports_a_name_bound_twice() {
        assert!(error_of("timer t 1s\ntimer t 2s").starts_with("t.tl:2:7: t is already bound (line 1)"));
    }

    #[test]
    fn refuses_stop_on_the_bare_channel_of_after() {
        assert!(error_of("after a 1s\nstop a").starts_with("t.tl:2:6: `stop` needs a timer"));
    }

    #[test]
    fn a_ticker_whose_constructor_panics_binds_nothing() {
        assert_eq!(
            error_of("ticker k 0\nstop k"),
            "t.tl:2:6: k was never bound: its constructor at line 1 panicked"
        );
    }

    #[test]
    fn mode_must_come_first() {
        assert!(error_of("timer t 1s\nmode sync").starts_with("t.tl:2:1: `mode` must be the first op"));
        assert!(error_of("mode fast").starts_with("t.tl:1:6: unknown semantics"));
    }

    #[test]
    fn every_semantics_has_a_mode_line() {
        for semantics in Semantics::ALL {
            let script = parse_str("t.tl", &format!("mode {semantics}\ntimer t 1s\n")).expect("valid");
            assert_eq!(script.mode, Some(semantics));
        }
        assert_eq!(
            error_of("mode async_collected"),
            "t.tl:1:6: unknown semantics \"async_collected\": expected async, async-collected or sync"
        );
    }

    #[test]
    fn reports_invalid_utf8_at_its_position() {
        let err = parse("t.tl", b"timer t 1s\nstop \xff").expect_err("invalid");
        assert_eq!(err.to_string(), "t.tl:2:6: invalid UTF-8");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        assert!(error_of("timer µ 1s").starts_with("t.tl:1:7: invalid name \"µ\""));
        assert!(error_of("timer t 1s µ").starts_with("t.tl:1:12: unexpected"));
    }
}
