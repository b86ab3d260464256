//! Broken input never panics: every corpus file cut at the start and in the middle of every
//! line, and corrupted bytes, either lint or give a parse error.

use gotime::Semantics;
use timerlab_lint::lint_source;

use super::go_files;

/// Where a corpus file is cut: at the start and in the middle of every line — a cut between
/// statements and one inside a statement, a string, a comment or a selector, per line. (Every
/// fifth byte, as before, cost O(n²) per file: 21 s of the suite's CPU as the corpus grew.)
fn cuts(source: &[u8]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut start = 0;
    for line in source.split_inclusive(|&b| b == b'\n') {
        cuts.push(start);
        cuts.push(start + line.len() / 2);
        start += line.len();
    }
    cuts.dedup();
    cuts
}

#[test]
fn every_line_of_every_corpus_file_cut_in_two_places_lints_or_reports_a_parse_error() {
    let (mut linted, mut skipped) = (0, 0);
    for dir in ["seeds", "bugs", "nearmiss", "godocs", "realcode"] {
        for path in go_files(dir) {
            let source = std::fs::read(&path).unwrap();
            for end in cuts(&source) {
                match lint_source("prefix.go", &source[..end], Semantics::Async) {
                    Ok(_) => linted += 1,
                    Err(e) => {
                        assert!(e.starts_with("parse error") && e.ends_with("; file skipped"), "{e}");
                        skipped += 1;
                    }
                }
            }
        }
    }
    // A prefix cut inside a declaration loses that declaration only; one cut before the first
    // declaration (in the package clause or the imports) has nothing to lint.
    assert!(linted > 1000 && skipped > 100, "{linted} linted, {skipped} skipped");
}

#[test]
fn corrupted_bytes_never_panic() {
    // A fixed xorshift stream: the same corruptions on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for path in go_files("bugs") {
        let source = std::fs::read(&path).unwrap();
        for _ in 0..50 {
            let mut bytes = source.clone();
            for _ in 0..3 {
                let i = (next() % bytes.len() as u64) as usize;
                bytes[i] = (next() & 0xFF) as u8;
            }
            let _ = lint_source("corrupt.go", &bytes, Semantics::Sync);
        }
    }
}
