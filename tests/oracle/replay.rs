//! The differential test: each golden trace against both engines.

use std::fmt::Write;

use timerlab_script::{replay, EngineKind};

use crate::golden::{self, diff, line_matches, root};

/// Does `ours` say, line for line, what Go said?
fn agrees(go: &str, ours: &str) -> bool {
    let (g, o): (Vec<_>, Vec<_>) = (go.lines().collect(), ours.lines().collect());
    g.len() == o.len() && g.iter().zip(&o).all(|(g, o)| line_matches(g, o))
}

#[test]
fn the_model_and_the_runtime_print_what_real_go_printed_for_every_golden_trace() {
    let mut failures = String::new();
    let mut compared = 0;
    for golden in golden::all() {
        for engine in EngineKind::BOTH {
            compared += 1;
            let ours = match replay(&root().join(&golden.script), Some(golden.semantics), engine) {
                Ok(out) => out,
                Err(e) => format!("error: {e}\n"),
            };
            if !agrees(&golden.trace, &ours) {
                let (script, mode) = (&golden.script, golden.semantics);
                let _ = writeln!(
                    failures,
                    "\n{script} ({mode} mode, {engine} engine) differs from real Go ({}):\n{}\
                     repro: cargo run -p timerlab -- replay {script} --semantics {mode} --engine {engine}",
                    golden.file,
                    diff(&golden.trace, &ours),
                );
            }
        }
    }
    assert!(compared > 0, "no golden traces under oracle/golden");
    assert!(failures.is_empty(), "`-` is real Go, `+` is ours:{failures}");
}

#[test]
fn agreement_requires_the_same_number_of_lines() {
    assert!(agrees("live = ?\nrecv t = @1s\n", "live = 2\nrecv t = @1s\n"));
    assert!(!agrees("recv t = @1s\n", "recv t = @1s\nrecv t = empty\n"));
    assert!(!agrees("recv t = @1s\nrecv t = empty\n", "recv t = @1s\n"));
}
