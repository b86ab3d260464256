//! Which parts of a file to parse. Parsing is most of the cost, and in a file that uses timers
//! most functions do not: a small Go lexer (comments, strings, raw strings, runes, bracket depth)
//! cuts the file at every top-level declaration — a line whose first token, outside any bracket,
//! is `func`, `type`, `var`, `const` or `import` — and keeps everything but the `func`
//! declarations that name no timer call and read no `x.C`. tree-sitter then parses only the kept ranges (nodes keep
//! their positions in the whole file). If that parse finds an error — a cut in the wrong place,
//! say — the caller parses the whole file instead, so the result is the same either way.

use memchr::memmem::Finder;
use tree_sitter::{Point, Range};

/// The byte ranges of `src` worth parsing, or `None` when that is the whole file.
pub(crate) fn ranges(src: &[u8], names: &[Finder<'_>]) -> Option<Vec<Range>> {
    let cuts = declaration_starts(src);
    let mut keep: Vec<(usize, usize)> = Vec::new();
    let mut skipped = false;
    let ends = cuts.iter().skip(1).copied().chain(std::iter::once(src.len()));
    // Everything before the first declaration (package clause, directives) is kept.
    let mut spans = vec![(0, cuts.first().copied().unwrap_or(src.len()))];
    spans.extend(cuts.iter().copied().zip(ends));
    for (start, end) in spans {
        let chunk = &src[start..end];
        let is_func = chunk.starts_with(b"func") && chunk.get(4).is_some_and(|b| !is_ident(*b));
        if is_func && !names.iter().any(|f| f.find(chunk).is_some()) && !reads_a_c_field(chunk) {
            skipped = true;
            continue;
        }
        match keep.last_mut() {
            Some(last) if last.1 == start => last.1 = end,
            _ => keep.push((start, end)),
        }
    }
    if !skipped {
        return None;
    }
    let lines = LineIndex::new(src);
    Some(
        keep.into_iter()
            .map(|(s, e)| Range {
                start_byte: s,
                end_byte: e,
                start_point: lines.point(s),
                end_point: lines.point(e),
            })
            .collect(),
    )
}

/// Whether `chunk` reads a field `x.C` (a timer's channel, perhaps): a goroutine's function that
/// only waits on a timer made elsewhere names no timer call, and its wait can still be stranded
/// (`rules/stranded.rs`).
fn reads_a_c_field(chunk: &[u8]) -> bool {
    static DOT_C: std::sync::OnceLock<Finder<'static>> = std::sync::OnceLock::new();
    let finder = DOT_C.get_or_init(|| Finder::new(b".C"));
    finder.find_iter(chunk).any(|at| {
        let before = at.checked_sub(1).and_then(|i| chunk.get(i));
        before.is_some_and(|b| is_ident(*b)) && chunk.get(at + 2).is_none_or(|b| !is_ident(*b))
    })
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Offsets of the first token of every top-level declaration after the first line's.
pub(crate) fn declaration_starts(src: &[u8]) -> Vec<usize> {
    const KEYWORDS: [&[u8]; 5] = [b"func", b"type", b"var", b"const", b"import"];
    let mut cuts = Vec::new();
    let mut depth: usize = 0;
    let mut line_start = true;
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let first_on_line = std::mem::replace(&mut line_start, false);
        match b {
            b'/' if src.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |n| i + n);
                // A comment alone on its line does not make the next line's token not first.
                line_start = first_on_line;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let end = memchr::memmem::find(&src[i + 2..], b"*/").map_or(src.len(), |n| i + 2 + n + 2);
                if src[i..end].contains(&b'\n') {
                    line_start = true;
                } else {
                    line_start = first_on_line;
                }
                i = end;
            }
            b'"' | b'\'' => i = skip_quoted(src, i, b),
            b'`' => i = memchr::memchr(b'`', &src[i + 1..]).map_or(src.len(), |n| i + 1 + n + 1),
            b'{' | b'(' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b')' | b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ if is_ident(b) => {
                let end = src[i..].iter().position(|&c| !is_ident(c)).map_or(src.len(), |n| i + n);
                if first_on_line && depth == 0 && KEYWORDS.contains(&&src[i..end]) {
                    cuts.push(i);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    cuts
}

/// The offset after the string or rune literal starting at `i` with `quote`; a newline ends a
/// broken literal so that one typo does not swallow the file.
fn skip_quoted(src: &[u8], mut i: usize, quote: u8) -> usize {
    i += 1;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    src.len()
}

/// Line starts, to turn offsets into tree-sitter points.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(src: &[u8]) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', src).map(|n| n + 1));
        LineIndex { starts }
    }

    fn point(&self, offset: usize) -> Point {
        let row = self.starts.partition_point(|&s| s <= offset) - 1;
        Point { row, column: offset - self.starts[row] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(src: &str) -> Vec<String> {
        let names = [Finder::new(b"After")];
        match ranges(src.as_bytes(), &names) {
            None => vec!["<all>".to_owned()],
            Some(r) => r.iter().map(|r| src[r.start_byte..r.end_byte].to_owned()).collect(),
        }
    }

    #[test]
    fn functions_without_timer_calls_are_left_out_and_the_rest_is_kept() {
        let src = "package p\n\nimport \"time\"\n\ntype T struct{ t *time.Timer }\n\nfunc a() {\n\tx := 1\n}\n\nfunc b() {\n\t<-time.After(1)\n}\n";
        assert_eq!(
            kept(src),
            [
                "package p\n\nimport \"time\"\n\ntype T struct{ t *time.Timer }\n\n",
                "func b() {\n\t<-time.After(1)\n}\n"
            ]
        );
    }

    #[test]
    fn functions_reading_a_c_field_are_kept_and_other_names_with_a_c_are_not() {
        let src = "package p\n\nfunc a() {\n\t<-p.ticker.C\n}\n\nfunc b() {\n\tx.Close()\n}\n\nfunc c() {\n\tselect {\n\tcase <-t.C:\n\t}\n}\n\nfunc d() {\n\t_ = pkg.CODE + .C\n}\n";
        assert_eq!(
            kept(src),
            [
                "package p\n\nfunc a() {\n\t<-p.ticker.C\n}\n\n",
                "func c() {\n\tselect {\n\tcase <-t.C:\n\t}\n}\n\n"
            ]
        );
    }

    #[test]
    fn keywords_inside_strings_comments_and_brackets_do_not_cut() {
        let src = "package p\n\nfunc a() {\n\ts := `\nfunc x() {}\n`\n\t/*\nfunc y() {}\n*/\n\tc := '{'\n\t_ = \"}\"\n\tvar v int\n\t<-time.After(1)\n}\n\nfunc b() {}\n";
        assert_eq!(kept(src), [&src[..src.len() - "func b() {}\n".len()]]);
    }

    #[test]
    fn a_file_whose_every_function_names_a_timer_call_is_parsed_whole() {
        assert_eq!(kept("package p\n\nfunc a() { After() }\n"), ["<all>"]);
    }

    /// The line from each cut on: which declarations `declaration_starts` found.
    fn cuts(src: &str) -> Vec<&str> {
        declaration_starts(src.as_bytes())
            .into_iter()
            .map(|i| src[i..].lines().next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn a_declaration_indented_by_blanks_still_starts_at_its_first_token() {
        assert_eq!(cuts("package p\r\n  \tfunc a() {}\r\n\tvar b int\n"), ["func a() {}", "var b int"]);
    }

    #[test]
    fn brackets_in_comments_do_not_count() {
        assert_eq!(cuts("// see f(\nfunc a() {}\n/* { */\nfunc b() {}\n"), ["func a() {}", "func b() {}"]);
    }

    #[test]
    fn a_slash_that_starts_no_comment_is_an_operator() {
        // The bracket after the division still opens: the literal below it is inside a call.
        let src = "var v = 6 / g(\nfunc() int { return 1 }())\nfunc b() {}\n";
        assert_eq!(cuts(src), ["var v = 6 / g(", "func b() {}"]);
    }

    #[test]
    fn brackets_in_strings_runes_and_raw_strings_do_not_count() {
        let src = "var s = \"a{\"\nfunc a() {}\nvar r = '('\nfunc b() {}\nvar t = `[`\nfunc c() {}\n";
        assert_eq!(
            cuts(src),
            ["var s = \"a{\"", "func a() {}", "var r = '('", "func b() {}", "var t = `[`", "func c() {}"]
        );
    }

    #[test]
    fn a_string_ends_at_its_closing_quote_and_code_after_it_counts() {
        let src = "var v = \"a\" + g(\nfunc() string { return \"\" }())\nfunc b() {}\n";
        assert_eq!(cuts(src), ["var v = \"a\" + g(", "func b() {}"]);
        let raw = "var v = `a` + g(\nfunc() string { return `` }())\nfunc b() {}\nvar w = `x`\n";
        assert_eq!(cuts(raw), ["var v = `a` + g(", "func b() {}", "var w = `x`"]);
        // The last raw string of a file: nothing after it to close a raw string begun by mistake.
        assert_eq!(cuts("var a = `xyz`\nfunc b() {}\n"), ["var a = `xyz`", "func b() {}"]);
    }

    #[test]
    fn an_escaped_quote_does_not_end_a_string() {
        assert_eq!(cuts("var s = \"\\\"{\"\nfunc a() {}\n"), ["var s = \"\\\"{\"", "func a() {}"]);
        assert_eq!(cuts("var r = '\\''\nfunc a() {}\n"), ["var r = '\\''", "func a() {}"]);
    }

    #[test]
    fn code_after_a_string_ending_in_an_escaped_quote_counts() {
        let src = "var v = \"\\\"\" + g(\nfunc() int { return 1 }())\nfunc b() {}\n";
        assert_eq!(cuts(src), ["var v = \"\\\"\" + g(", "func b() {}"]);
        // A bracket between two escaped quotes is inside the string.
        assert_eq!(cuts("var w = \"\\\"(\\\"\"\nfunc c() {}\n"), ["var w = \"\\\"(\\\"\"", "func c() {}"]);
    }

    #[test]
    fn a_newline_ends_a_broken_string() {
        assert_eq!(
            cuts("var s = \"broken\nfunc a() {}\nvar t = \"x\"\n"),
            ["var s = \"broken", "func a() {}", "var t = \"x\""]
        );
    }

    #[test]
    fn a_keyword_is_a_whole_identifier() {
        // `func_b` and `funcé` are identifiers, not `func` followed by something else.
        let src = "var x = 1 +\n\tfunc_b() +\n\tfuncé()\nfunc c() {}\n";
        assert_eq!(cuts(src), ["var x = 1 +", "func c() {}"]);
    }

    #[test]
    fn points_count_rows_and_byte_columns() {
        let lines = LineIndex::new(b"ab\ncd\n");
        assert_eq!(lines.point(4), Point { row: 1, column: 1 });
        assert_eq!(lines.point(6), Point { row: 2, column: 0 });
    }
}
