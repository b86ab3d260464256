//! `cargo xtask consumer`: timerlab as another repository gets it. Packages the published crates
//! (`cargo package`), checks what each `.crate` holds, unpacks them under `target/consumer/`, and
//! builds and tests there a crate written from the `<!-- consumer: PATH -->` blocks of
//! docs/ENGINES.md ("From your own crate") against the unpacked crates — so that section is a
//! test. Offline: the workspace's `Cargo.lock` pins every third-party crate to what this
//! checkout already builds with, and the build shares `target/` with the workspace.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::cmd::{cargo, root, run as run_cmd};

/// The crates a user depends on, dependencies first, and whether the consumer builds them.
const PACKAGES: [(&str, bool); 9] = [
    ("timerlab-vocab", true),
    ("gotime", true),
    ("timerlab-model", true),
    ("timerlab-script", true),
    ("timerlab-engines", true),
    ("timerlab-lint", false),
    ("timerlab-sim", false),
    ("timerlab-report", false),
    ("timerlab", false),
];

/// What a `.crate` may hold besides `src/`: cargo's own files, the licences, the readme, and
/// the engines' build script, worked example and embedded corpus.
const ALLOWED: [&str; 12] = [
    "src/",
    "Cargo.toml",
    "Cargo.toml.orig",
    "Cargo.lock",
    ".cargo_vcs_info.json",
    "LICENSE-MIT",
    "LICENSE-APACHE",
    "README.md",
    "build.rs",
    "examples/buffered_timers.rs",
    "corpus/scripts/",
    "corpus/oracle/golden/go1.23.5/",
];

/// A `.crate` larger than this holds something it should not (the largest is about 85 KiB).
const MAX_CRATE_BYTES: u64 = 256 * 1024;

/// The marker before each file's fenced block in docs/ENGINES.md.
const MARKER: &str = "<!-- consumer: ";

/// Packages, checks, unpacks, writes the consumer crate and runs its tests.
pub(crate) fn run(_args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    let root = root();
    let version = workspace_version(&root)?;
    let mut package = cargo();
    package.args(["package", "--offline", "--allow-dirty", "--no-verify", "--quiet"]);
    for (name, _) in PACKAGES {
        package.args(["-p", name]);
    }
    run_cmd(package)?;

    let dir = root.join("target/consumer");
    let crates = dir.join("crates");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&crates).map_err(|e| format!("cannot create {}: {e}", crates.display()))?;
    for (name, _) in PACKAGES {
        let file = root.join(format!("target/package/{name}-{version}.crate"));
        check_contents(&file)?;
        let mut untar = Command::new("tar");
        untar.arg("xzf").arg(&file).arg("-C").arg(&crates);
        run_cmd(untar)?;
    }

    let krate = dir.join("my-timers");
    write_consumer(&root, &krate, &version)?;
    let mut test = cargo();
    test.current_dir(&krate)
        .args(["test", "--offline", "--quiet"])
        .env("CARGO_TARGET_DIR", root.join("target"));
    run_cmd(test).map_err(|e| format!("the consumer crate of docs/ENGINES.md fails: {e}"))?;
    eprintln!("xtask: consumer: packaged, unpacked, built and tested in {:.0?}", started.elapsed());
    Ok(())
}

/// Fails when `file` holds something outside [`ALLOWED`] or is larger than [`MAX_CRATE_BYTES`];
/// prints its size.
fn check_contents(file: &Path) -> Result<(), String> {
    let bytes = std::fs::metadata(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?.len();
    let listing = Command::new("tar")
        .arg("tzf")
        .arg(file)
        .output()
        .map_err(|e| format!("cannot list {}: {e}", file.display()))?;
    let listing = String::from_utf8_lossy(&listing.stdout);
    let mut files = 0;
    for entry in listing.lines().filter(|l| !l.ends_with('/')) {
        // Every entry is `NAME-VERSION/path`.
        let path = entry.split_once('/').map_or(entry, |(_, path)| path);
        if !ALLOWED
            .iter()
            .any(|allowed| path == *allowed || (allowed.ends_with('/') && path.starts_with(allowed)))
        {
            return Err(format!("{} holds {path}, which a package should not ship", file.display()));
        }
        files += 1;
    }
    if bytes > MAX_CRATE_BYTES {
        return Err(format!("{} is {bytes} B, over {MAX_CRATE_BYTES} B", file.display()));
    }
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    eprintln!("xtask: consumer: {name}: {files} files, {:.1} KiB", bytes as f64 / 1024.0);
    Ok(())
}

/// Writes the consumer crate: docs/ENGINES.md's blocks, then its manifest completed with the
/// patches to the unpacked crates, an empty workspace (it lives below this one's directory) and
/// this workspace's profiles (so the build reuses `target/`), and this workspace's lock file.
fn write_consumer(root: &Path, krate: &Path, version: &str) -> Result<(), String> {
    let doc = std::fs::read_to_string(root.join("docs/ENGINES.md"))
        .map_err(|e| format!("cannot read docs/ENGINES.md: {e}"))?;
    let files = blocks(&doc)?;
    if !files.iter().any(|(path, _)| path == "Cargo.toml") {
        return Err("docs/ENGINES.md has no `<!-- consumer: Cargo.toml -->` block".to_owned());
    }
    for (path, text) in &files {
        let mut text = text.clone();
        if path == "Cargo.toml" {
            text.push_str(
                "\n# Added by `cargo xtask consumer`: the packaged crates, unpacked.\n[patch.crates-io]\n",
            );
            for (name, built) in PACKAGES {
                if built {
                    text.push_str(&format!("{name} = {{ path = \"../crates/{name}-{version}\" }}\n"));
                }
            }
            text.push_str("\n[workspace]\n\n");
            text.push_str(&profiles(root)?);
        }
        let file = krate.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    Ok(())
}

/// The `(path, text)` of each fenced block that follows a `<!-- consumer: PATH -->` line.
fn blocks(doc: &str) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line.strip_prefix(MARKER).and_then(|rest| rest.strip_suffix(" -->")) else {
            continue;
        };
        if !lines.next().is_some_and(|fence| fence.starts_with("```")) {
            return Err(format!("docs/ENGINES.md: the consumer block {path} does not start with a fence"));
        }
        let mut text = String::new();
        for line in lines.by_ref().take_while(|line| *line != "```") {
            text.push_str(line);
            text.push('\n');
        }
        files.push((path.to_owned(), text));
    }
    Ok(files)
}

/// The workspace manifest's `[profile.*]` tables, verbatim.
fn profiles(root: &Path) -> Result<String, String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let mut out = String::new();
    let mut in_profile = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            in_profile = line.starts_with("[profile.");
        }
        if in_profile {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// `[workspace.package] version`.
fn workspace_version(root: &Path) -> Result<String, String> {
    let manifest: PathBuf = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    let section = text.split("[workspace.package]").nth(1).ok_or("Cargo.toml has no [workspace.package]")?;
    let line = section
        .lines()
        .take_while(|l| !l.starts_with('['))
        .find_map(|l| l.strip_prefix("version = "))
        .ok_or("[workspace.package] has no version")?;
    Ok(line.trim_matches('"').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_the_fenced_text_after_each_marker() {
        let doc =
            "intro\n<!-- consumer: src/lib.rs -->\n```rust\nfn a() {}\n```\nprose\n```rust\nnot this\n```\n\
                   <!-- consumer: Cargo.toml -->\n```toml\n[package]\n```\n";
        let files = blocks(doc).expect("well formed");
        assert_eq!(
            files,
            [
                ("src/lib.rs".to_owned(), "fn a() {}\n".to_owned()),
                ("Cargo.toml".to_owned(), "[package]\n".to_owned())
            ]
        );
    }

    #[test]
    fn a_marker_without_a_fence_is_an_error_naming_the_file() {
        let err = blocks("<!-- consumer: src/lib.rs -->\nprose\n").unwrap_err();
        assert!(err.contains("src/lib.rs"), "{err}");
    }

    #[test]
    fn profiles_are_copied_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[workspace]\nmembers = []\n\n[profile.test]\nopt-level = 1\n\n[workspace.lints.rust]\nx = 1\n",
        )
        .expect("written");
        assert_eq!(profiles(dir.path()).expect("read"), "[profile.test]\nopt-level = 1\n\n");
    }
}
