//! The fuzz targets' checks on stable, which is what CI always runs: every committed fuzz
//! regression (`fuzz/regressions/`) and every op script (`scripts/**/*.tl`, the fuzzers' seed
//! corpus) goes through the parser's contract and the model-vs-runtime differential in both
//! semantics, exactly as `cargo xtask fuzz` checks each input (docs/TESTING.md, "Hardening").

#[path = "../../fuzz/src/check.rs"]
mod check;

use std::path::{Path, PathBuf};

use gotime::Semantics;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("sim lives in the workspace root").to_owned()
}

/// Every regular file under `dir`, recursively, sorted (a missing directory has none).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_committed_fuzz_regression_passes_the_parser_contract_and_the_differential() {
    let dir = root().join("fuzz/regressions");
    let inputs: Vec<PathBuf> =
        files(&dir).into_iter().filter(|p| p.extension() != Some("md".as_ref())).collect();
    for path in &inputs {
        let data = std::fs::read(path).expect("regression input readable");
        let result = std::panic::catch_unwind(|| check::differential(&data));
        assert!(
            result.is_ok(),
            "{p} fails; compare `cargo run -q -p timerlab -- replay {p} --engine model` with `--engine runtime`",
            p = path.display()
        );
    }
    eprintln!("{} fuzz regressions replayed", inputs.len());
}

#[test]
fn every_corpus_script_parses_fits_the_fuzz_budget_and_agrees_across_engines() {
    let scripts: Vec<PathBuf> =
        files(&root().join("scripts")).into_iter().filter(|p| p.extension() == Some("tl".as_ref())).collect();
    assert!(scripts.len() >= 50, "only {} scripts under scripts/", scripts.len());
    for path in &scripts {
        let data = std::fs::read(path).expect("script readable");
        let script =
            check::parse_checked(&data).unwrap_or_else(|| panic!("{} does not parse", path.display()));
        // A seed the fuzzer would skip as too much work would seed nothing.
        assert!(check::work_bound(&script).is_some(), "{} exceeds the fuzz work budget", path.display());
        assert_eq!(check::differential(&data), Semantics::ALL.len(), "{}", path.display());
    }
}

#[test]
fn the_work_budget_refuses_a_nanosecond_ticker_over_an_hour() {
    let fast = check::parse_checked(b"ticker k 1ns\nadvance 1h\n").expect("valid");
    assert_eq!(check::work_bound(&fast), None, "3.6e12 ticks");
    let slow = check::parse_checked(b"ticker k 1s\nadvance 1h\n").expect("valid");
    // 3,600 ticks (+1 for the partial period) plus the two ops.
    assert_eq!(check::work_bound(&slow), Some(3_601 + 2));
    // A wait can reach the farthest deadline in the script: a ticker beside a far timer.
    let wait = check::parse_checked(b"ticker k 1ms\ntimer t 1h\nwait t\n").expect("valid");
    assert_eq!(check::work_bound(&wait), None, "3.6e6 ticks before the timer fires");
    let long = "live\n".repeat(check::MAX_STEPS + 1);
    assert_eq!(check::work_bound(&check::parse_checked(long.as_bytes()).expect("valid")), None);
    // The boundary: ticks + 1 + ops firings at most MAX_FIRINGS.
    let at = |n: u128| format!("ticker k 1ns\nadvance {n}ns\n");
    let fits = check::parse_checked(at(check::MAX_FIRINGS - 3).as_bytes()).expect("valid");
    assert_eq!(check::work_bound(&fits), Some(check::MAX_FIRINGS));
    let over = check::parse_checked(at(check::MAX_FIRINGS - 2).as_bytes()).expect("valid");
    assert_eq!(check::work_bound(&over), None);
}

#[test]
fn the_parser_contract_holds_for_errors_at_the_end_of_the_input() {
    // An error on the last line, with and without a final newline: inside the input.
    for src in [&b"timer t 1s\nstop"[..], b"timer t 1s\nstop\n", b"\xff", b"timer t"] {
        assert_eq!(check::parse_checked(src), None, "{src:?}");
    }
    assert!(check::FILE.ends_with(".tl"));
}
