//! The differential test: each golden trace against both engines, in the semantics
//! [`behaviour_of`] gives its release and setting.

use std::fmt::Write;

use timerlab_script::{replay, EngineKind};

use crate::behaviour::{behaviour_of, Outcome};
use crate::golden::{self, diff, line_matches, root};

/// Does `ours` say, line for line, what Go said?
fn agrees(go: &str, ours: &str) -> bool {
    let (g, o): (Vec<_>, Vec<_>) = (go.lines().collect(), ours.lines().collect());
    g.len() == o.len() && g.iter().zip(&o).all(|(g, o)| line_matches(g, o))
}

#[test]
fn the_model_and_the_runtime_print_what_real_go_printed_for_every_golden_trace_of_every_release() {
    let mut failures = String::new();
    let mut compared = 0;
    for golden in golden::all() {
        let (release, setting) = (golden.release, &golden.setting.name);
        let semantics =
            match behaviour_of(release, golden.setting.go_line, golden.setting.asynctimerchan.as_deref()) {
                Outcome::Runs(semantics) => semantics,
                Outcome::Refused { .. } => {
                    let _ = writeln!(
                        failures,
                        "\n{}: recorded, but the resolver says Go refuses {release} {setting}",
                        golden.file
                    );
                    continue;
                }
            };
        for engine in EngineKind::BOTH {
            compared += 1;
            let ours = match replay(&root().join(&golden.script), Some(semantics), engine) {
                Ok(out) => out,
                Err(e) => format!("error: {e}\n"),
            };
            if !agrees(&golden.trace, &ours) {
                let script = &golden.script;
                let _ = writeln!(
                    failures,
                    "\n{release} {setting}: {script} ({semantics} semantics, {engine} engine) differs from real Go ({}):\n{}\
                     repro: cargo run -p timerlab -- replay {script} --semantics {semantics} --engine {engine}",
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
