//! Module import cycles in one crate: the strongly connected components of its file graph
//! (`references.rs`) with more than one file, each with one example edge per file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::modules::CrateTree;
use super::references::{edges, Edge};
use super::scc;

/// Files of one crate that name each other's items around a loop.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Cycle {
    /// The directory of the crate's root file: the files are shown relative to it.
    pub(crate) dir: PathBuf,
    /// The files, sorted.
    pub(crate) files: Vec<PathBuf>,
    /// For each file, in the same order, its first edge to another file of the cycle.
    pub(crate) examples: Vec<Example>,
}

/// `from` names an item of `to` at `line`, which reads `text`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Example {
    pub(crate) from: PathBuf,
    pub(crate) to: PathBuf,
    pub(crate) line: usize,
    pub(crate) text: String,
}

/// What reading one crate found.
#[derive(Debug)]
pub(crate) struct Found {
    /// Its cycles, by first file.
    pub(crate) cycles: Vec<Cycle>,
    /// Its `mod` declarations with no file (`path: mod x`): modules under a `#[cfg]` that is off
    /// can lack one; any other is a file this check did not find and did not read.
    pub(crate) missing: Vec<String>,
}

/// The cycles of the crate whose root file is `root`.
///
/// # Errors
///
/// A file of the crate that cannot be read or parsed.
pub(crate) fn find(root: &Path) -> Result<Found, String> {
    let tree = CrateTree::load(root)?;
    let edges = edges(&tree);
    let mut graph: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for edge in &edges {
        graph.entry(edge.from).or_default().insert(edge.to);
    }
    let dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
    let path = |file: usize| tree.files[file].path.clone();
    let cycles = scc::cycles(tree.files.len(), &graph)
        .into_iter()
        .map(|component| {
            let mut members: Vec<usize> = component.clone();
            members.sort_by_key(|&f| path(f));
            let examples = members
                .iter()
                .filter_map(|&f| {
                    let first: &Edge = edges
                        .iter()
                        .filter(|e| e.from == f && component.contains(&e.to))
                        .min_by_key(|e| (e.line, path(e.to)))?;
                    let text = tree.files[f].line(first.line).to_owned();
                    Some(Example { from: path(f), to: path(first.to), line: first.line, text })
                })
                .collect();
            Cycle { dir: dir.clone(), files: members.into_iter().map(path).collect(), examples }
        })
        .collect();
    Ok(Found { cycles, missing: tree.missing })
}

impl Cycle {
    /// The files, relative to the crate root's directory, comma-separated.
    pub(crate) fn file_list(&self) -> String {
        self.files.iter().map(|p| self.show(p).to_string()).collect::<Vec<_>>().join(", ")
    }

    /// `p` relative to the crate root's directory, when it is inside it.
    fn show<'a>(&self, p: &'a Path) -> std::path::Display<'a> {
        p.strip_prefix(&self.dir).unwrap_or(p).display()
    }
}

/// The example edges, one a line: `run.rs → scenarios/mod.rs (line 16: use crate::scenarios::find;)`.
impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.examples.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let text: String = e.text.chars().take(90).collect();
            let cut = if text.len() < e.text.len() { "…" } else { "" };
            write!(f, "    {} → {} (line {}: {text}{cut})", self.show(&e.from), self.show(&e.to), e.line)?;
        }
        Ok(())
    }
}
