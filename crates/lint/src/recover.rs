//! Parsing a file the grammar does not fully accept. The Go grammar lags the language (Go 1.26's
//! `new(expr)`, Go 1.27's generic methods), and one such line must not cost the whole file. A
//! file that fails to parse is parsed again with the declaration holding the first error
//! blanked out (spaces, newlines kept, so every position stays where it was), until it parses:
//! each blanked declaration becomes a warning, the rest is linted. `new(expr)` is recognised and
//! rewritten to a call of the same length instead of being dropped — up front where its argument
//! cannot be a type (a literal, a call), then every one the errors of a
//! parse point at, before the next parse, which starts from the last tree edited in place (the
//! text keeps its length and lines): a file with hundreds of `new(expr)` costs a few parses, not
//! one each. An error before the first declaration (the package clause, the imports) leaves
//! nothing to lint: the file is skipped.

use tree_sitter::{InputEdit, Parser, Point, Range, Tree};

use crate::chunks::declaration_starts;
use crate::syntax::{error_ranges, first_error_message, parse_ranges};

/// At most this many declarations are dropped from one file before it is given up.
const MAX_DROPPED: usize = 32;

/// A parsed file, perhaps with declarations blanked out.
pub(crate) struct Parsed {
    /// The tree.
    pub(crate) tree: Tree,
    /// The source the tree was parsed from: the file's, or a copy with declarations blanked
    /// and `new(expr)` rewritten (same length, same lines).
    pub(crate) source: Option<Vec<u8>>,
    /// One line per dropped declaration: where, and why.
    pub(crate) dropped: Vec<String>,
    /// Parses the recovery took after the first.
    #[cfg(test)]
    rounds: usize,
}

/// Parses `src` (only `ranges` of it when given, see `chunks.rs`), recovering per declaration.
///
/// # Errors
///
/// The parse error, when it lies before the first declaration or too many declarations fail.
pub(crate) fn parse_recovering(
    parser: &mut Parser,
    src: &[u8],
    ranges: Option<Vec<Range>>,
) -> Result<Parsed, String> {
    if let Ok(tree) = parse_ranges(parser, src, ranges) {
        return Ok(Parsed {
            tree,
            source: None,
            dropped: Vec::new(),
            #[cfg(test)]
            rounds: 0,
        });
    }
    let cuts = declaration_starts(src);
    let lines = LineStarts::of(src);
    let mut buf = src.to_vec();
    rewrite_certain_new_exprs(&mut buf);
    let mut dropped = Vec::new();
    let mut tree: Option<Tree> = None;
    #[cfg(test)]
    let mut rounds = 0;
    loop {
        #[cfg(test)]
        {
            rounds += 1;
        }
        // Every rewrite keeps the length and the lines, so the last tree is edited in place and
        // the parser re-reads only around the change: a file with hundreds of `new(expr)` costs
        // a parse, not hundreds.
        let parsed =
            parser.parse(&buf, tree.as_ref()).ok_or_else(|| "parse error: the parser gave up".to_owned())?;
        let Some((error, message)) = first_error_message(&parsed, &buf) else {
            return Ok(Parsed {
                tree: parsed,
                source: Some(buf),
                dropped,
                #[cfg(test)]
                rounds,
            });
        };
        let Some(i) = cuts.iter().rposition(|&c| c <= error.start) else {
            return Err(format!("{message}; file skipped"));
        };
        // Every error a `new(expr)` explains is rewritten before the next parse: one parse per
        // round, not per `new(expr)`.
        let mut changes = Vec::new();
        for error in error_ranges(&parsed) {
            let Some(i) = cuts.iter().rposition(|&c| c <= error.start) else { continue };
            let (start, end) = (cuts[i], cuts.get(i + 1).copied().unwrap_or(buf.len()));
            if let Some(at) = rewrite_new_expr(&mut buf[start..end], error.start - start, error.end - start) {
                changes.push((start + at)..(start + at + 1));
            }
        }
        let (start, end) = (cuts[i], cuts.get(i + 1).copied().unwrap_or(buf.len()));
        if changes.is_empty() {
            if dropped.len() == MAX_DROPPED {
                return Err(format!("{message}; file skipped"));
            }
            let first_line = 1 + buf[..start].iter().filter(|&&b| b == b'\n').count();
            let last_line =
                first_line + buf[start..end].trim_ascii_end().iter().filter(|&&b| b == b'\n').count();
            for b in &mut buf[start..end] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
            dropped.push(format!("{message}; skipped lines {first_line}-{last_line}"));
            changes.push(start..end);
        }
        let mut edited = parsed;
        for changed in changes {
            edited.edit(&InputEdit {
                start_byte: changed.start,
                old_end_byte: changed.end,
                new_end_byte: changed.end,
                start_position: lines.point(changed.start),
                old_end_position: lines.point(changed.end),
                new_end_position: lines.point(changed.end),
            });
        }
        tree = Some(edited);
    }
}

/// Where each line starts: a byte offset's row and column for a tree edit (rewrites never move a
/// line).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(src: &[u8]) -> LineStarts {
        let starts =
            std::iter::once(0).chain(src.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1));
        LineStarts(starts.collect())
    }

    fn point(&self, byte: usize) -> Point {
        let row = self.0.partition_point(|&s| s <= byte) - 1;
        Point { row, column: byte - self.0[row] }
    }
}

/// Rewrites a `new(` at the error at `at..end` — the last one before `at` on its line
/// (`new(uint64(7))` fails at `uint64`, or at the missing `)`), else the first one from `at` on,
/// to the end of its line or of the error, whichever is later (an error can start at the
/// statement, or a line before, as in `if c {` above `f(new(int64(400)))`) — into `neW(`, a plain
/// call the grammar accepts whatever its argument (Go 1.26's `new(expr)`). Returns the byte
/// changed; `None` when there is no such `new(`.
fn rewrite_new_expr(code: &mut [u8], at: usize, end: usize) -> Option<usize> {
    let at = at.min(code.len());
    let is_new = |code: &[u8], i: usize| code[i..].starts_with(b"new(") && (i == 0 || !is_ident(code[i - 1]));
    let line_start = code[..at].iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
    let line_end = code[at..].iter().position(|&b| b == b'\n').map_or(code.len(), |n| at + n);
    let until = line_end.max(end.min(code.len()));
    let before = (line_start..at).rev().find(|&i| is_new(code, i));
    let i = before.or_else(|| (at..until).find(|&i| is_new(code, i)))?;
    code[i + 2] = b'W';
    Some(i + 2)
}

/// Rewrites, all at once, every `new(` whose argument cannot be a type — a literal (`new("main")`,
/// `new(7)`) or a call or conversion (`new(int64(400))`) — into `neW(`. Such a `new` is Go 1.26's
/// `new(expr)` and nothing else; the grammar's error for one can start far from it (in nested
/// composite literals, at the top of the file), where the error-led rewrite cannot find it.
fn rewrite_certain_new_exprs(code: &mut [u8]) {
    let mut i = 0;
    while let Some(at) = code[i..].windows(4).position(|w| w == b"new(") {
        let at = i + at;
        i = at + 4;
        if at > 0 && is_ident(code[at - 1]) {
            continue;
        }
        let arg = &code[at + 4..];
        let literal = arg
            .first()
            .is_some_and(|&b| b == b'"' || b == b'`' || b == b'\'' || b.is_ascii_digit() || b == b'-');
        let ident_len = arg.iter().take_while(|&&b| is_ident(b)).count();
        let called = ident_len > 0 && arg.get(ident_len) == Some(&b'(') && &arg[..ident_len] != b"func";
        if literal || called {
            code[at + 2] = b'W';
        }
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::go_parser;

    fn parse(src: &str) -> Result<Parsed, String> {
        parse_recovering(&mut go_parser(), src.as_bytes(), None)
    }

    #[test]
    fn new_of_an_expression_parses_with_nothing_dropped() {
        let parsed = parse("package p\n\nfunc f() *uint64 {\n\treturn new(uint64(7))\n}\n").unwrap();
        assert!(parsed.dropped.is_empty());
        assert!(!parsed.tree.root_node().has_error());
    }

    #[test]
    fn new_of_an_expression_assigned_in_a_statement_parses() {
        let parsed = parse("package p\n\nfunc f(r *R, e E) {\n\tr.Crc = new(e.crc.Sum32())\n}\n").unwrap();
        assert!(parsed.dropped.is_empty(), "{:?}", parsed.dropped);
    }

    #[test]
    fn new_of_an_expression_below_the_line_the_error_starts_on_parses() {
        // The grammar's error starts at the `if`, a line above the `new(expr)` that caused it.
        let src = "package p\n\nimport \"time\"\n\nvar _ = time.After\n\n\
                   func (a *A) watch(c io.Closer) {\n\
                   \tif level == log.None {\n\
                   \t\tfail(errors.New(\"unknown level\"), new(int64(400)), enc)\n\
                   \t}\n\tdefer m.Stop()\n\tgo func() {\n\t\tfor {\n\t\t}\n\t}()\n\n\
                   \tif err != nil {\n\t}\n}";
        let parsed = parse(src).unwrap();
        assert!(parsed.dropped.is_empty(), "{:?}", parsed.dropped);
        assert!(!parsed.tree.root_node().has_error());
    }

    #[test]
    fn every_new_of_an_expression_is_rewritten_in_a_few_parses_not_one_each() {
        // `n + 1` could start a type as far as the up-front rewrite can tell: the errors lead.
        let fields: String = (0..300).map(|i| format!("\t{{A: new(n{i} + 1)}},\n")).collect();
        let src =
            format!("package p\n\nvar cases = []T{{\n{fields}}}\n\nfunc f() *int {{ return new(int(1)) }}\n");
        let parsed = parse(&src).unwrap();
        assert!(parsed.dropped.is_empty(), "{:?}", parsed.dropped);
        assert!(!parsed.tree.root_node().has_error());
        assert!((1..=4).contains(&parsed.rounds), "{} parses for 301 new(expr)", parsed.rounds);
        let fresh = go_parser().parse(parsed.source.as_ref().unwrap(), None).unwrap();
        assert_eq!(fresh.root_node().to_sexp(), parsed.tree.root_node().to_sexp(), "as parsed from scratch");
    }

    #[test]
    fn new_of_literals_in_nested_composite_literals_parses() {
        // The grammar's error for these starts at the package clause: only the up-front
        // rewrite reaches them.
        let rows: String = (0..3)
            .map(|i| format!("\t\t{{repos: []Repo{{{{Name: new(\"r{i}\"), URL: new(\"https://u\")}}}}}},\n"))
            .collect();
        let src = format!(
            "package p\n\ntype Repo struct{{ Name, URL *string }}\n\nfunc f() {{\n\tcases := []struct {{\n\t\t\
             repos []Repo\n\t}}{{\n{rows}\t}}\n\t_ = cases\n\t_ = new(int)\n\t_ = new([]int)\n\t_ = renew(\"x\")\n}}\n"
        );
        let parsed = parse(&src).unwrap();
        assert!(parsed.dropped.is_empty(), "{:?}", parsed.dropped);
        assert!(!parsed.tree.root_node().has_error());
        let text = String::from_utf8(parsed.source.unwrap()).unwrap();
        assert!(text.contains("new(int)") && text.contains("new([]int)"), "types are left alone: {text}");
        assert!(text.contains("renew(\"x\")"), "other names ending in new are left alone: {text}");
        let mut code =
            b"new('x') new(`r`) new(7) new(-1) new(f(x)) new(func()) new(T) new(*T) new(x + 1)".to_vec();
        rewrite_certain_new_exprs(&mut code);
        assert_eq!(
            String::from_utf8(code).unwrap(),
            "neW('x') neW(`r`) neW(7) neW(-1) neW(f(x)) new(func()) new(T) new(*T) new(x + 1)",
            "literals and calls are expressions; a type, or what may start one, is left to the errors"
        );
    }

    #[test]
    fn a_new_of_an_expression_that_may_start_a_type_is_found_from_its_error() {
        // `x + 1` is left by the up-front rewrite (`x` may start a type); the grammar's error
        // starts at the statement, so the rewrite takes the `new(` calls from there on, one per
        // round: `new(T)` too, which parses as well as a call `neW(T)`.
        let src = "package p\n\nfunc f(x int) (*T, *int) {\n\treturn new(T), new(x + 1)\n}\n";
        let parsed = parse(src).unwrap();
        assert!(parsed.dropped.is_empty(), "{:?}", parsed.dropped);
        assert!(!parsed.tree.root_node().has_error());
        let text = String::from_utf8(parsed.source.unwrap()).unwrap();
        assert!(text.contains("return neW(T), neW(x + 1)"), "{text}");
    }

    #[test]
    fn a_declaration_the_grammar_rejects_is_dropped_and_the_rest_kept() {
        let src = "package p\n\nfunc (s S) M[T any](x T) T { return x }\n\nfunc g() {}\n";
        let parsed = parse(src).unwrap();
        assert_eq!(parsed.dropped.len(), 1, "{:?}", parsed.dropped);
        assert!(parsed.dropped[0].ends_with("skipped lines 3-3"), "{}", parsed.dropped[0]);
        assert!(!parsed.tree.root_node().has_error());
        assert_eq!(parsed.source.as_ref().map(Vec::len), Some(src.len()), "positions are kept");
    }

    #[test]
    fn an_error_in_the_package_clause_skips_the_file() {
        let err = parse("package\n\nfunc f() {}\n").err().unwrap();
        assert!(err.starts_with("parse error at ") && err.ends_with("; file skipped"), "{err}");
    }
}
