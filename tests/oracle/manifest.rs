//! The golden set is complete and current: every release's MANIFEST names the directories that
//! exist, every script of the corpus has a trace under every recorded setting, every trace belongs
//! to a script, and each script is the text its traces were recorded from (each MANIFEST holds a
//! hash of it).

use std::path::Path;

use crate::golden::{self, manifests, root};

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

/// FNV-1a, 64 bits, as `cargo xtask oracle` writes it.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn regenerate(release: golden::Release) -> String {
    format!(
        "regenerate with `cargo xtask oracle --go {}` (needs Go; oracle/README.md)",
        release.to_string().trim_start_matches("go")
    )
}

#[test]
fn every_corpus_script_has_a_golden_trace_under_every_recorded_setting() {
    let mut missing = Vec::new();
    for m in manifests() {
        for s in &m.settings {
            for rel in corpus() {
                let file = format!("{}/{}/{}", m.dir, s.name, golden::golden_name(&rel));
                if !root().join(&file).exists() {
                    missing.push(format!("scripts/{rel} has no {file}; {}", regenerate(m.release)));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_golden_trace_belongs_to_a_corpus_script() {
    let scripts = corpus();
    let orphans: Vec<String> = golden::all()
        .into_iter()
        .filter(|g| !scripts.iter().any(|rel| format!("scripts/{rel}") == g.script))
        .map(|g| format!("{} has no script {}; {}", g.file, g.script, regenerate(g.release)))
        .collect();
    assert!(orphans.is_empty(), "{}", orphans.join("\n"));
}

#[test]
fn every_script_is_the_text_each_release_recorded_its_traces_from() {
    let mut stale = Vec::new();
    for m in manifests() {
        for rel in corpus() {
            let text = std::fs::read(root().join("scripts").join(&rel)).expect("a readable script");
            let hash = format!("{:016x}", fnv1a64(&text));
            match m.scripts.get(&rel) {
                Some(h) if *h == hash => {}
                Some(_) => stale.push(format!(
                    "scripts/{rel} changed since {} recorded it; {}",
                    m.release,
                    regenerate(m.release)
                )),
                None => stale.push(format!(
                    "scripts/{rel} is not in {}/MANIFEST; {}",
                    m.dir,
                    regenerate(m.release)
                )),
            }
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn every_release_directory_holds_exactly_the_settings_its_manifest_names() {
    let mut wrong = Vec::new();
    for m in manifests() {
        let mut named: Vec<&str> = m.settings.iter().chain(&m.refusals).map(|s| s.name.as_str()).collect();
        named.sort_unstable();
        let mut present: Vec<String> = std::fs::read_dir(root().join(&m.dir))
            .expect("a readable release directory")
            .map(|e| e.expect("a readable directory entry"))
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        present.sort_unstable();
        if named != present {
            wrong.push(format!("{}: MANIFEST names {named:?}, the directory holds {present:?}", m.dir));
        }
        for s in &m.refusals {
            if !golden::trace_names(&format!("{}/{}", m.dir, s.name)).is_empty() {
                wrong.push(format!("{}/{}: a refused setting has traces", m.dir, s.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_oracle_compares_at_least_sixty_scripts_under_every_setting_of_every_release() {
    let manifests = manifests();
    assert!(manifests.len() >= 2, "only {} releases recorded under oracle/golden", manifests.len());
    for m in &manifests {
        assert!(!m.settings.is_empty(), "{}: no setting with traces", m.dir);
        for s in &m.settings {
            let n = golden::trace_names(&format!("{}/{}", m.dir, s.name)).len();
            assert!(n >= 60, "only {n} golden traces in {}/{}", m.dir, s.name);
        }
    }
}

#[test]
fn fnv1a64_matches_its_reference_values() {
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
}
