//! The workspace's test binaries, built by `cargo test --no-run`, and the tests each one lists.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// One test binary, named as nextest names it.
#[derive(Clone, Debug)]
pub(crate) struct TestBinary {
    /// `gotime` (unit tests), `gotime::semantics` (an integration test), `timerlab::bin/timerlab`.
    pub(crate) id: String,
    pub(crate) package: String,
    pub(crate) exe: PathBuf,
    /// The package's directory: cargo runs a test binary there, and so do both runners.
    pub(crate) dir: PathBuf,
}

/// What `cargo test --no-run --message-format=json` built: the test binaries, and every other
/// executable (the examples `cargo test` builds to check they compile), by target name.
#[derive(Debug, Default)]
pub(crate) struct Built {
    pub(crate) tests: Vec<TestBinary>,
    pub(crate) executables: Vec<(String, PathBuf)>,
}

/// Runs `cmd` — a `cargo test --no-run` — with JSON messages and collects what it built.
pub(crate) fn build(mut cmd: Command) -> Result<Built, String> {
    cmd.arg("--message-format=json-render-diagnostics").stdout(Stdio::piped());
    eprintln!("$ {cmd:?}");
    let out =
        cmd.spawn().and_then(|c| c.wait_with_output()).map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed with {}", out.status));
    }
    let mut built = Built::default();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<Value>(line) else { continue };
        if msg["reason"] != "compiler-artifact" {
            continue;
        }
        let Some(exe) = msg["executable"].as_str() else { continue };
        let target = msg["target"]["name"].as_str().unwrap_or_default().to_owned();
        if msg["profile"]["test"] != true {
            built.executables.push((target, PathBuf::from(exe)));
            continue;
        }
        let package = package_name(msg["package_id"].as_str().unwrap_or_default());
        let kind = msg["target"]["kind"][0].as_str().unwrap_or("lib");
        let kind = if matches!(kind, "lib" | "rlib" | "dylib" | "cdylib" | "staticlib" | "proc-macro") {
            "lib"
        } else {
            kind
        };
        let id = match kind {
            "lib" => package.clone(),
            "test" => format!("{package}::{target}"),
            other => format!("{package}::{other}/{target}"),
        };
        let manifest = msg["manifest_path"].as_str().unwrap_or_default();
        let dir = Path::new(manifest).parent().unwrap_or(Path::new(".")).to_owned();
        built.tests.push(TestBinary { id, package, exe: PathBuf::from(exe), dir });
    }
    built.tests.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(built)
}

/// `path+file:///w/crates/cli#timerlab@0.1.0` → `timerlab`; `path+file:///w/crates/gotime#0.1.0`
/// → `gotime` (cargo leaves the name out when it is the directory's).
fn package_name(package_id: &str) -> String {
    let (path, fragment) = package_id.rsplit_once('#').unwrap_or((package_id, ""));
    match fragment.split_once('@') {
        Some((name, _version)) => name.to_owned(),
        None => path.rsplit('/').next().unwrap_or(path).to_owned(),
    }
}

impl TestBinary {
    /// The tests this binary runs by default (`--list`, less `--list --ignored`).
    pub(crate) fn tests(&self) -> Result<Vec<String>, String> {
        let all = self.list(false)?;
        let ignored = self.list(true)?;
        Ok(all.into_iter().filter(|name| !ignored.contains(name)).collect())
    }

    /// The ignored tests.
    pub(crate) fn ignored_tests(&self) -> Result<Vec<String>, String> {
        self.list(true)
    }

    fn list(&self, ignored: bool) -> Result<Vec<String>, String> {
        let mut cmd = self.command();
        cmd.args(["--list", "--format", "terse"]);
        if ignored {
            cmd.arg("--ignored");
        }
        let out = cmd.output().map_err(|e| format!("cannot list the tests of {}: {e}", self.id))?;
        if !out.status.success() {
            return Err(format!("{} --list failed with {}", self.id, out.status));
        }
        let names = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| line.strip_suffix(": test"))
            .map(str::to_owned)
            .collect();
        Ok(names)
    }

    /// The binary, run as cargo runs it: from the package's directory, with cargo's variables.
    pub(crate) fn command(&self) -> Command {
        let mut cmd = Command::new(&self.exe);
        cmd.current_dir(&self.dir).env("CARGO_MANIFEST_DIR", &self.dir).env("CARGO_PKG_NAME", &self.package);
        cmd
    }

    /// The command that runs one of its tests alone, with cargo only.
    pub(crate) fn repro(&self, test: &str) -> String {
        super::report::repro(&self.id, test)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_come_from_the_id_fragment_or_the_directory() {
        assert_eq!(package_name("path+file:///w/crates/cli#timerlab@0.1.0"), "timerlab");
        assert_eq!(package_name("path+file:///w/crates/gotime#0.1.0"), "gotime");
        assert_eq!(package_name("path+file:///w/sim#timerlab-sim@0.1.0"), "timerlab-sim");
    }
}
