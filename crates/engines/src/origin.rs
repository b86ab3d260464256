//! [`Origin`]: where a corpus's files are read from — the copy embedded in this crate when it was
//! built (so a packaged crate needs no checkout), or a directory laid out as the repository is.

use std::fmt;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use timerlab_script::ScriptError;

/// `scripts/` and Go 1.23.5's golden traces as this crate was built: `corpus/` links to them in
/// the repository, and `cargo package` copies them into the crate.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// Where a [`Corpus`](crate::Corpus) was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The corpus embedded in `timerlab-engines` when it was built.
    Embedded,
    /// A directory holding `scripts/` and `oracle/golden/` as the repository does.
    Dir(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Embedded => {
                write!(f, "the corpus embedded in timerlab-engines {}", env!("CARGO_PKG_VERSION"))
            }
            Origin::Dir(root) => write!(f, "{}", root.display()),
        }
    }
}

impl Origin {
    /// Every `.tl` below `scripts/`, relative to it, `/`-separated, sorted.
    pub(crate) fn script_paths(&self) -> Result<Vec<String>, ScriptError> {
        let mut paths = Vec::new();
        match self {
            Origin::Embedded => {
                let scripts = EMBEDDED.get_dir("scripts").into_iter();
                scripts.for_each(|dir| embedded_scripts(dir, &mut paths));
            }
            Origin::Dir(root) => {
                let base = root.join("scripts");
                walk(&base, &base, &mut paths)?;
            }
        }
        if paths.is_empty() {
            let file = self.describe("scripts");
            return Err(ScriptError::Read { file, reason: "no .tl script below it".to_owned() });
        }
        paths.sort();
        Ok(paths)
    }

    /// The text of `file` (relative to the root: `scripts/…`, `oracle/golden/…`), `None` when
    /// there is no such file.
    pub(crate) fn read(&self, file: &str) -> Result<Option<String>, ScriptError> {
        match self {
            Origin::Embedded => EMBEDDED
                .get_file(file)
                .map(|f| {
                    f.contents_utf8().map(str::to_owned).ok_or_else(|| ScriptError::Read {
                        file: self.describe(file),
                        reason: "not UTF-8".to_owned(),
                    })
                })
                .transpose(),
            Origin::Dir(root) => match std::fs::read_to_string(root.join(file)) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(read_error(&root.join(file), &e)),
            },
        }
    }

    /// `file` as an error names it: a path on disk, or the file in the embedded corpus.
    fn describe(&self, file: &str) -> String {
        match self {
            Origin::Embedded => format!("{file} (embedded)"),
            Origin::Dir(root) => root.join(file).display().to_string(),
        }
    }
}

fn embedded_scripts(dir: &Dir<'_>, out: &mut Vec<String>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "tl") {
            let rel = file.path().strip_prefix("scripts").unwrap_or(file.path());
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    dir.dirs().for_each(|sub| embedded_scripts(sub, out));
}

/// Collects the `.tl` files below `dir` as paths relative to `base`, `/`-separated.
fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) -> Result<(), ScriptError> {
    let entries = std::fs::read_dir(dir).map_err(|e| read_error(dir, &e))?;
    for entry in entries {
        let path = entry.map_err(|e| read_error(dir, &e))?.path();
        if path.is_dir() {
            walk(&path, base, out)?;
        } else if path.extension().is_some_and(|e| e == "tl") {
            let rel = path.strip_prefix(base).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

fn read_error(path: &Path, e: &std::io::Error) -> ScriptError {
    ScriptError::Read { file: path.display().to_string(), reason: e.to_string() }
}
