//! The op-script corpus (`scripts/**/*.tl`) and how a script's trace is named and fingerprinted.

use std::fmt::Write as _;
use std::path::Path;

/// A script of the corpus: its path below `scripts/` and its text.
pub struct Script {
    pub rel: String,
    pub text: Vec<u8>,
}

impl Script {
    /// The golden file's name: `semantics/timer_len.tl` → `semantics__timer_len.out`.
    pub fn golden_name(&self) -> String {
        format!("{}.out", self.rel.trim_end_matches(".tl").replace('/', "__"))
    }

    /// The FNV-1a 64 hash of its text, as the MANIFEST records it.
    pub fn hash(&self) -> String {
        format!("{:016x}", fnv1a64(&self.text))
    }
}

/// Every `.tl` file below `scripts/`, sorted by path.
pub fn corpus(root: &Path) -> Result<Vec<Script>, String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<Script>) -> Result<(), String> {
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("oracle: cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("oracle: cannot list {}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if path.extension().is_some_and(|e| e == "tl") {
                let rel =
                    path.strip_prefix(base).expect("below the base").to_string_lossy().replace('\\', "/");
                if rel.contains("__") {
                    return Err(format!(
                        "oracle: scripts/{rel}: `__` in a script path would be ambiguous in its golden file name"
                    ));
                }
                let text = std::fs::read(&path)
                    .map_err(|e| format!("oracle: cannot read {}: {e}", path.display()))?;
                out.push(Script { rel, text });
            }
        }
        Ok(())
    }
    let base = root.join("scripts");
    let mut scripts = Vec::new();
    walk(&base, &base, &mut scripts)?;
    scripts.sort_by(|a, b| a.rel.cmp(&b.rel));
    if scripts.is_empty() {
        return Err("oracle: no scripts under scripts/".to_owned());
    }
    Ok(scripts)
}

/// FNV-1a, 64 bits: a stable fingerprint of bytes (tests/oracle computes the same).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A line diff aligned by position: `-` first, `+` second, two spaces for equal lines.
pub fn diff(first: &str, second: &str) -> String {
    let (a, b): (Vec<_>, Vec<_>) = (first.lines().collect(), second.lines().collect());
    let mut out = String::new();
    for i in 0..a.len().max(b.len()) {
        match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) if x == y => {
                let _ = writeln!(out, "  {x}");
            }
            (x, y) => {
                if let Some(x) = x {
                    let _ = writeln!(out, "- {x}");
                }
                if let Some(y) = y {
                    let _ = writeln!(out, "+ {y}");
                }
            }
        }
    }
    out
}
