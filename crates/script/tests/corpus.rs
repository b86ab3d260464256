//! Runs every script of the corpus (`scripts/semantics`, `scripts/seeds`) on both engines in
//! every semantics and compares the observations with the hand-derived `NAME.async.out`,
//! `NAME.async-collected.out` and `NAME.sync.out` next to each script (see scripts/README.md).
//! A script that cannot tell async-collected from async has no `.async-collected.out`: its
//! async output is expected in both.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use gotime::Semantics;
use timerlab_script::{replay, EngineKind};

const CORPUS_DIRS: [&str; 2] = ["semantics", "seeds"];

fn scripts_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts")
}

/// Every `.tl` file of the corpus, sorted by path.
fn corpus() -> Vec<PathBuf> {
    let mut scripts = Vec::new();
    for dir in CORPUS_DIRS {
        let entries = std::fs::read_dir(scripts_root().join(dir)).expect("the corpus directory exists");
        for entry in entries {
            let path = entry.expect("a readable directory entry").path();
            if path.extension().is_some_and(|e| e == "tl") {
                scripts.push(path);
            }
        }
    }
    scripts.sort();
    scripts
}

/// The file holding `script`'s expected output in `semantics`: its own, or — for async-collected,
/// when the script prints the same in both — async's.
fn expected_path(script: &Path, semantics: Semantics) -> PathBuf {
    let own = script.with_extension(format!("{semantics}.out"));
    if semantics != Semantics::AsyncCollected || own.exists() {
        return own;
    }
    let src = std::fs::read(script).expect("a readable script");
    let parsed = timerlab_script::parse(&relative(script), &src).expect("a valid script");
    if parsed.prints_the_same_in_async_and_async_collected(true) {
        script.with_extension("async.out")
    } else {
        own // missing: the script needs its own, which the first test reports
    }
}

fn relative(path: &Path) -> String {
    let root = scripts_root();
    let rel = path.strip_prefix(&root).map_or(path.to_path_buf(), |p| Path::new("scripts").join(p));
    rel.display().to_string()
}

/// A line diff: `-expected`, `+actual`, ` ` for equal lines, aligned by position.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => writeln!(out, "  {x}"),
            (x, y) => {
                if let Some(x) = x {
                    writeln!(out, "- {x}").expect("write to String");
                }
                match y {
                    Some(y) => writeln!(out, "+ {y}"),
                    None => Ok(()),
                }
            }
        }
        .expect("write to String");
    }
    out
}

#[test]
fn the_corpus_has_at_least_forty_scripts_each_with_an_expected_output_in_every_semantics() {
    let scripts = corpus();
    assert!(scripts.len() >= 40, "only {} scripts in the corpus", scripts.len());
    for script in &scripts {
        for semantics in Semantics::ALL {
            let out = expected_path(script, semantics);
            assert!(out.exists(), "{} has no expected output {}", relative(script), relative(&out));
        }
    }
}

#[test]
fn a_script_has_its_own_async_collected_output_exactly_when_it_can_tell_async_collected_from_async() {
    for script in corpus() {
        let src = std::fs::read(&script).expect("a readable script");
        let parsed = timerlab_script::parse(&relative(&script), &src).expect("a valid script");
        let own = script.with_extension("async-collected.out").exists();
        let needs_own = !parsed.prints_the_same_in_async_and_async_collected(true);
        assert_eq!(
            own,
            needs_own,
            "{}: an .async-collected.out only where async's output cannot stand",
            relative(&script)
        );
    }
}

#[test]
fn every_script_has_a_header_naming_its_row_or_seed() {
    for script in corpus() {
        let text = std::fs::read_to_string(&script).expect("readable script");
        let first = text.lines().next().unwrap_or("");
        let names_source = ["SEMANTICS.md", "SCENARIOS.md", "SCRIPT.md"].iter().any(|s| first.contains(s));
        assert!(names_source, "{}: the first line must name its SEMANTICS.md row or seed", relative(&script));
    }
}

#[test]
fn every_script_prints_its_expected_output_on_both_engines_in_every_mode() {
    let mut failures = String::new();
    let mut runs = 0;
    for script in corpus() {
        for semantics in Semantics::ALL {
            let expected_file = expected_path(&script, semantics);
            let Ok(expected) = std::fs::read_to_string(&expected_file) else { continue };
            for engine in EngineKind::BOTH {
                runs += 1;
                let actual = match replay(&script, Some(semantics), engine) {
                    Ok(out) => out,
                    Err(e) => format!("error: {e}\n"),
                };
                if actual != expected {
                    let rel = relative(&script);
                    let _ = writeln!(
                        failures,
                        "\n{rel} ({semantics}, {engine}) differs from {}:\n{}repro: cargo run -q -p timerlab -- replay {rel} \
                         --semantics {semantics} --engine {engine}",
                        relative(&expected_file),
                        diff(&expected, &actual),
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
    assert!(runs >= 240, "only {runs} runs");
}
