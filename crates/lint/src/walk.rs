//! Which files a run lints: the files given, and the `.go` files under the directories given,
//! recursively, in sorted order so that output is the same on every machine. Like the go command,
//! the walk skips `vendor/`, `testdata/` and directories whose names start with `.` or `_`
//! (unless asked not to); it does not follow symbolic links to directories.

use std::path::{Path, PathBuf};

use crate::report::Problem;

/// The files to lint and the paths that could not be walked.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) problems: Vec<Problem>,
}

/// Collects the files under `paths`; `all_dirs` also walks the directories skipped by default.
pub(crate) fn collect(paths: &[PathBuf], all_dirs: bool) -> Walk {
    let mut walk = Walk::default();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk_dir(path, all_dirs, &mut walk),
            Ok(_) => walk.files.push(path.clone()),
            Err(e) => {
                walk.problems.push(Problem { path: path.display().to_string(), message: e.to_string() })
            }
        }
    }
    walk
}

fn walk_dir(dir: &Path, all_dirs: bool, walk: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walk.problems.push(Problem { path: dir.display().to_string(), message: e.to_string() });
            return;
        }
    };
    let mut children: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                walk.problems.push(Problem { path: dir.display().to_string(), message: e.to_string() });
                continue;
            }
        };
        // file_type() does not follow symbolic links: a link to a directory is not walked.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        children.push((entry.path(), is_dir));
    }
    children.sort();
    for (path, is_dir) in children {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if is_dir {
            if all_dirs || !skipped(&name) {
                walk_dir(&path, all_dirs, walk);
            }
        } else if name.ends_with(".go") {
            walk.files.push(path);
        }
    }
}

/// Directories the go command ignores, and the walk too by default.
fn skipped(name: &str) -> bool {
    name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_')
}
