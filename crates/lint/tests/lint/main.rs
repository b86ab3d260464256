//! Tests of `timerlab lint`. The corpus of Go snippets is in `tests/corpus/` (see its README).
//!
//! | module | what |
//! |---|---|
//! | `corpus` | every snippet gives the findings its `// want` comments expect, in every behaviour |
//! | `modules` | the behaviour of each file: toolchain, go.mod, go.work, //go:debug, GODEBUG |
//! | `paths` | walking directories, problems, warnings and exit status |
//! | `formats` | the text, JSON and SARIF outputs |
//! | `cli` | the clap arguments and the standalone binary |
//! | `docs` | every rule's simulation command exists, and docs/LINT.md describes every rule |
//! | `robustness` | broken input never panics |

mod cli;
mod corpus;
mod docs;
mod formats;
mod modules;
mod paths;
mod robustness;

use std::path::{Path, PathBuf};

/// The crate's directory: tests run from there, and corpus paths are shown relative to it.
fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A directory of the corpus.
fn corpus(dir: &str) -> PathBuf {
    crate_dir().join("tests/corpus").join(dir)
}

/// The `.go` files of a corpus directory, sorted.
fn go_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus(dir))
        .expect("the corpus directory exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    files.sort();
    files
}
