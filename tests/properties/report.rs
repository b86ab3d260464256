//! Failure reports: a line diff of two outputs.

use std::fmt::Write;

/// Both outputs line by line: `  same`, `- left only`, `+ right only`, aligned by position.
pub fn diff(left: &str, right: &str) -> String {
    let (l, r): (Vec<_>, Vec<_>) = (left.lines().collect(), right.lines().collect());
    let mut out = String::new();
    for i in 0..l.len().max(r.len()) {
        match (l.get(i), r.get(i)) {
            (Some(a), Some(b)) if a == b => {
                let _ = writeln!(out, "  {a}");
            }
            (a, b) => {
                if let Some(a) = a {
                    let _ = writeln!(out, "- {a}");
                }
                if let Some(b) = b {
                    let _ = writeln!(out, "+ {b}");
                }
            }
        }
    }
    out
}
