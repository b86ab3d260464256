//! Which files a run lints: the files given, and the `.go` files under the directories given,
//! recursively, in sorted order so that output is the same on every machine. Like the go command,
//! the walk skips `vendor/`, `testdata/` and directories whose names start with `.` or `_`
//! (unless asked not to); it does not follow symbolic links to directories. `--exclude` globs and
//! `--tests=false` leave out more.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::report::Problem;

/// Which paths the walk leaves out besides the go command's.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    /// `--exclude` patterns.
    exclude: GlobSet,
    /// Also walk `vendor/`, `testdata/`, `.x/` and `_x/`.
    all_dirs: bool,
    /// Leave out `_test.go` files.
    skip_tests: bool,
}

impl Filter {
    /// A filter from `--exclude` patterns (`*` stays within a path element, `**` crosses them).
    ///
    /// # Errors
    ///
    /// The first pattern that is not a glob, and why.
    pub(crate) fn new(exclude: &[String], all_dirs: bool, skip_tests: bool) -> Result<Filter, String> {
        let mut set = GlobSetBuilder::new();
        for pattern in exclude {
            let pattern = pattern.trim_end_matches('/');
            let glob = GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("not a glob pattern: {e}"))?;
            set.add(glob);
        }
        let exclude = set.build().map_err(|e| format!("not a glob pattern: {e}"))?;
        Ok(Filter { exclude, all_dirs, skip_tests })
    }

    /// Whether `path` (found under `root`, or given as itself) is excluded by a pattern.
    fn excludes(&self, root: &Path, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let clean = |p: &Path| p.strip_prefix("./").unwrap_or(p).to_path_buf();
        let relative = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
        self.exclude.is_match(clean(path)) || self.exclude.is_match(clean(&relative))
    }
}

/// The files to lint and the paths that could not be walked.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) problems: Vec<Problem>,
}

/// Collects the files under `paths` that `filter` lets through.
pub(crate) fn collect(paths: &[PathBuf], filter: &Filter) -> Walk {
    let mut walk = Walk::default();
    for path in paths {
        // `./...` and `dir/...`, as the go command spells "this tree": the directory, walked.
        let text = path.to_string_lossy();
        let tree = match text.as_ref() {
            "..." => Some(PathBuf::from(".")),
            t => t.strip_suffix("/...").map(PathBuf::from),
        };
        let path = tree.as_ref().unwrap_or(path);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk_dir(path, path, filter, &mut walk),
            Ok(_) if filter.excludes(path, path) || (filter.skip_tests && is_test(path)) => {}
            Ok(_) => walk.files.push(path.clone()),
            Err(e) => {
                walk.problems.push(Problem { path: path.display().to_string(), message: e.to_string() })
            }
        }
    }
    walk
}

fn is_test(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().ends_with("_test.go"))
}

fn walk_dir(root: &Path, dir: &Path, filter: &Filter, walk: &mut Walk) {
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
        if filter.excludes(root, &path) {
            continue;
        }
        if is_dir {
            if filter.all_dirs || !skipped(&name) {
                walk_dir(root, &path, filter, walk);
            }
        } else if name.ends_with(".go") && !(filter.skip_tests && name.ends_with("_test.go")) {
            walk.files.push(path);
        }
    }
}

/// Directories the go command ignores, and the walk too by default.
fn skipped(name: &str) -> bool {
    name == "vendor" || name == "testdata" || name.starts_with('.') || name.starts_with('_')
}
