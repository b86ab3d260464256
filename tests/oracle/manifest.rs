//! The golden set is complete and current: every script of the corpus has a trace in both modes,
//! every trace belongs to a script, and each script is the text its traces were recorded from
//! (oracle/golden/MANIFEST holds a hash of it).

use std::collections::BTreeMap;
use std::path::Path;

use gotime::Semantics;

use crate::golden::{self, root};

/// Every `.tl` below `scripts/`, as paths below `scripts/`, sorted.
fn corpus() -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("a readable scripts directory") {
            let path = entry.expect("a readable directory entry").path();
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "tl") {
                let rel = path.strip_prefix(base).expect("below scripts/");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let base = root().join("scripts");
    let mut scripts = Vec::new();
    walk(&base, &base, &mut scripts);
    scripts.sort();
    scripts
}

/// The manifest: script path below `scripts/` → recorded hash.
fn manifest() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(root().join("oracle/golden/MANIFEST")).expect("oracle/golden/MANIFEST");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (path, hash) = line.split_once('\t').expect("MANIFEST lines are PATH<TAB>HASH");
            (path.to_owned(), hash.to_owned())
        })
        .collect()
}

/// FNV-1a, 64 bits, as `cargo xtask oracle` writes it.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

const REGENERATE: &str = "regenerate with `cargo xtask oracle` (needs Go >= 1.23)";

#[test]
fn every_corpus_script_has_a_golden_trace_in_both_modes() {
    let mut missing = Vec::new();
    for rel in corpus() {
        for semantics in Semantics::BOTH {
            let file = format!("oracle/golden/{semantics}/{}", golden::golden_name(&rel));
            if !root().join(&file).exists() {
                missing.push(format!("scripts/{rel} has no {file}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}\n{REGENERATE}", missing.join("\n"));
}

#[test]
fn every_golden_trace_belongs_to_a_corpus_script() {
    let scripts = corpus();
    let orphans: Vec<String> = golden::all()
        .into_iter()
        .filter(|g| !scripts.iter().any(|rel| format!("scripts/{rel}") == g.script))
        .map(|g| format!("{} has no script {}", g.file, g.script))
        .collect();
    assert!(orphans.is_empty(), "{}\n{REGENERATE}", orphans.join("\n"));
}

#[test]
fn every_script_is_the_text_its_golden_traces_were_recorded_from() {
    let recorded = manifest();
    let mut stale = Vec::new();
    for rel in corpus() {
        let text = std::fs::read(root().join("scripts").join(&rel)).expect("a readable script");
        let hash = format!("{:016x}", fnv1a64(&text));
        match recorded.get(&rel) {
            Some(h) if *h == hash => {}
            Some(_) => stale.push(format!("scripts/{rel} changed since its golden traces were recorded")),
            None => stale.push(format!("scripts/{rel} is not in oracle/golden/MANIFEST")),
        }
    }
    assert!(stale.is_empty(), "{}\n{REGENERATE}", stale.join("\n"));
}

#[test]
fn the_oracle_compares_at_least_sixty_scripts_in_both_modes() {
    let goldens = golden::all();
    for semantics in Semantics::BOTH {
        let n = goldens.iter().filter(|g| g.semantics == semantics).count();
        assert!(n >= 60, "only {n} golden traces in {semantics} mode");
    }
}

#[test]
fn fnv1a64_matches_its_reference_values() {
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
}
