//! The recorded traces: where they are, which script each belongs to, and how a trace line is
//! compared with an engine's line.

use std::path::{Path, PathBuf};

use gotime::Semantics;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the workspace root").to_owned()
}

/// One recorded trace: real Go's observations of one script in one mode.
pub struct Golden {
    /// The script, relative to the workspace root (`scripts/semantics/timer_len.tl`).
    pub script: String,
    /// The mode Go ran in.
    pub semantics: Semantics,
    /// The trace file, relative to the workspace root.
    pub file: String,
    /// Its text.
    pub trace: String,
}

/// The golden file name of a script below `scripts/`: `semantics/timer_len.tl` is
/// `semantics__timer_len.out`.
pub fn golden_name(rel: &str) -> String {
    format!("{}.out", rel.trim_end_matches(".tl").replace('/', "__"))
}

/// The script path below `scripts/` a golden file name stands for.
pub fn script_of(golden_name: &str) -> String {
    format!("{}.tl", golden_name.trim_end_matches(".out").replace("__", "/"))
}

/// Every recorded trace, sorted by mode, then script.
pub fn all() -> Vec<Golden> {
    let mut goldens = Vec::new();
    for semantics in Semantics::BOTH {
        let dir = root().join("oracle/golden").join(semantics.to_string());
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
            .map(|entry| {
                entry.expect("a readable directory entry").file_name().to_string_lossy().into_owned()
            })
            .filter(|name| name.ends_with(".out"))
            .collect();
        names.sort();
        for name in names {
            let trace = std::fs::read_to_string(dir.join(&name)).expect("a readable golden trace");
            goldens.push(Golden {
                script: format!("scripts/{}", script_of(&name)),
                semantics,
                file: format!("oracle/golden/{semantics}/{name}"),
                trace,
            });
        }
    }
    goldens
}

/// Does an engine's line say what Go's line says? Equal text, except that Go cannot count live
/// timers: its `live = ?` stands for any `live = N`.
pub fn line_matches(go: &str, ours: &str) -> bool {
    go == ours
        || (go == "live = ?"
            && ours
                .strip_prefix("live = ")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// A line diff aligned by position: `- go`, `+ ours`, two spaces where they match.
pub fn diff(go: &str, ours: &str) -> String {
    let (g, o): (Vec<_>, Vec<_>) = (go.lines().collect(), ours.lines().collect());
    let mut out = String::new();
    for i in 0..g.len().max(o.len()) {
        match (g.get(i), o.get(i)) {
            (Some(x), Some(y)) if line_matches(x, y) => out.push_str(&format!("  {y}\n")),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("- {x}\n"));
                }
                if let Some(y) = y {
                    out.push_str(&format!("+ {y}\n"));
                }
            }
        }
    }
    out
}

#[test]
fn golden_names_round_trip_to_script_paths() {
    assert_eq!(golden_name("semantics/timer_len.tl"), "semantics__timer_len.out");
    assert_eq!(script_of("semantics__timer_len.out"), "semantics/timer_len.tl");
    assert_eq!(script_of(&golden_name("oracle/a_b/c.tl")), "oracle/a_b/c.tl");
}

#[test]
fn go_live_question_mark_matches_any_count_and_nothing_else() {
    assert!(line_matches("live = ?", "live = 0"));
    assert!(line_matches("live = ?", "live = 12"));
    assert!(!line_matches("live = ?", "live = "));
    assert!(!line_matches("live = ?", "live = -1"));
    assert!(!line_matches("live = ?", "len t = 1"));
    assert!(!line_matches("recv t = @1s", "recv t = @2s"));
    assert!(line_matches("recv t = @1s", "recv t = @1s"));
}

#[test]
fn diff_marks_go_lines_with_minus_and_ours_with_plus() {
    let d = diff("stop t = false\nlive = ?\nrecv t = @1s\n", "stop t = true\nlive = 1\n");
    assert_eq!(d, "- stop t = false\n+ stop t = true\n  live = 1\n- recv t = @1s\n");
}
