//! Parsing a file the grammar does not fully accept. The Go grammar lags the language (Go 1.26's
//! `new(expr)`, Go 1.27's generic methods), and one such line must not cost the whole file. A
//! file that fails to parse is parsed again with the declaration holding the first error
//! blanked out (spaces, newlines kept, so every position stays where it was), until it parses:
//! each blanked declaration becomes a warning, the rest is linted. `new(expr)` is recognised and
//! rewritten to a call of the same length instead of being dropped. An error before the first
//! declaration (the package clause, the imports) leaves nothing to lint: the file is skipped.

use tree_sitter::{Parser, Range, Tree};

use crate::chunks::declaration_starts;
use crate::syntax::{first_error_message, parse_ranges};

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
        return Ok(Parsed { tree, source: None, dropped: Vec::new() });
    }
    let cuts = declaration_starts(src);
    let mut buf = src.to_vec();
    let mut dropped = Vec::new();
    loop {
        let tree = parser.parse(&buf, None).ok_or_else(|| "parse error: the parser gave up".to_owned())?;
        let Some((offset, message)) = first_error_message(&tree, &buf) else {
            return Ok(Parsed { tree, source: Some(buf), dropped });
        };
        let Some(i) = cuts.iter().rposition(|&c| c <= offset) else {
            return Err(format!("{message}; file skipped"));
        };
        let (start, end) = (cuts[i], cuts.get(i + 1).copied().unwrap_or(buf.len()));
        if rewrite_new_expr(&mut buf[start..end], offset - start) {
            continue;
        }
        if dropped.len() == MAX_DROPPED {
            return Err(format!("{message}; file skipped"));
        }
        let first_line = 1 + buf[..start].iter().filter(|&&b| b == b'\n').count();
        let last_line = first_line + buf[start..end].trim_ascii_end().iter().filter(|&&b| b == b'\n').count();
        for b in &mut buf[start..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        dropped.push(format!("{message}; skipped lines {first_line}-{last_line}"));
    }
}

/// Rewrites a `new(` on the line of the error at `at` — the last one before it (`new(uint64(7))`
/// fails at `uint64`, or at the missing `)`), else the first one after it (an error can start at
/// the statement) — into `neW(`, a plain call the grammar accepts whatever its argument (Go
/// 1.26's `new(expr)`); `false` when the line has none.
fn rewrite_new_expr(code: &mut [u8], at: usize) -> bool {
    let at = at.min(code.len());
    let is_new = |code: &[u8], i: usize| code[i..].starts_with(b"new(") && (i == 0 || !is_ident(code[i - 1]));
    let line_start = code[..at].iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
    let line_end = code[at..].iter().position(|&b| b == b'\n').map_or(code.len(), |n| at + n);
    let before = (line_start..at).rev().find(|&i| is_new(code, i));
    match before.or_else(|| (at..line_end).find(|&i| is_new(code, i))) {
        Some(i) => {
            code[i + 2] = b'W';
            true
        }
        None => false,
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
