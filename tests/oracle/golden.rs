//! The recorded traces: where they are (`oracle/golden/<release>/<setting>/`), what each release's
//! MANIFEST says about them, and how a trace line is compared with an engine's line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ lives in the workspace root").to_owned()
}

/// A Go release, `go1.26.6`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Release {
    /// Go 1.`minor`.
    pub minor: u32,
    /// Go 1.minor.`patch`.
    pub patch: u32,
}

impl Release {
    /// `go1.26.6` (a release directory's name).
    pub fn parse(text: &str) -> Option<Release> {
        let (minor, patch) = text.strip_prefix("go1.")?.split_once('.')?;
        Some(Release { minor: minor.parse().ok()?, patch: patch.parse().ok()? })
    }
}

impl std::fmt::Display for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "go1.{}.{}", self.minor, self.patch)
    }
}

/// How the oracle was started: a MANIFEST `setting` or `refused` line.
#[derive(Clone, Debug)]
pub struct Setting {
    /// Its directory below the release's: `asynctimerchan=2`, `default-go1.22`.
    pub name: String,
    /// The go line of the oracle's go.mod: `go 1.<go_line>`.
    pub go_line: u32,
    /// GODEBUG's `asynctimerchan` value, if the environment had one.
    pub asynctimerchan: Option<String>,
    /// What `oracle -behaviour` observed (`sync`, `async` or `async-collected`), or None for a refusal.
    pub observed: Option<String>,
}

/// One release's MANIFEST.
pub struct Manifest {
    pub release: Release,
    /// `oracle/golden/go1.26.6`, relative to the workspace root.
    pub dir: String,
    /// The settings it has traces for.
    pub settings: Vec<Setting>,
    /// The settings Go refused to start with (a `REFUSED` file each).
    pub refusals: Vec<Setting>,
    /// Script path below `scripts/` → hash of the text its traces came from.
    pub scripts: BTreeMap<String, String>,
}

/// Every release directory's MANIFEST, in release order.
pub fn manifests() -> Vec<Manifest> {
    let golden = root().join("oracle/golden");
    let mut out = Vec::new();
    for entry in
        std::fs::read_dir(&golden).unwrap_or_else(|e| panic!("cannot list {}: {e}", golden.display()))
    {
        let entry = entry.expect("a readable directory entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        // `async` and `sync` link to go1.23.5's settings for readers of the old layout.
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            continue;
        }
        let release = Release::parse(&name).unwrap_or_else(|| {
            panic!("oracle/golden/{name}: expected only release directories such as go1.26.6")
        });
        out.push(read_manifest(release, &format!("oracle/golden/{name}")));
    }
    out.sort_by_key(|m| m.release);
    out
}

fn read_manifest(release: Release, dir: &str) -> Manifest {
    let file = format!("{dir}/MANIFEST");
    let text = std::fs::read_to_string(root().join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut manifest = Manifest {
        release,
        dir: dir.to_owned(),
        settings: Vec::new(),
        refusals: Vec::new(),
        scripts: BTreeMap::new(),
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let setting = |name: &str, go_line: &str, godebug: &str, observed: Option<&str>| Setting {
            name: name.to_owned(),
            go_line: go_line
                .strip_prefix("go 1.")
                .and_then(|m| m.parse().ok())
                .unwrap_or_else(|| panic!("{file}: bad go line {go_line:?}")),
            asynctimerchan: match godebug {
                "-" => None,
                _ => Some(
                    godebug
                        .strip_prefix("GODEBUG=asynctimerchan=")
                        .unwrap_or_else(|| panic!("{file}: bad GODEBUG {godebug:?}"))
                        .to_owned(),
                ),
            },
            observed: observed.map(|o| o.split_whitespace().next().unwrap_or_default().to_owned()),
        };
        match fields.as_slice() {
            ["toolchain", name, _platform] => {
                assert_eq!(
                    Release::parse(name),
                    Some(release),
                    "{file}: the toolchain is not the directory's release"
                );
            }
            ["recorded", _] => {}
            ["setting", name, go_line, godebug, observed] => {
                manifest.settings.push(setting(name, go_line, godebug, Some(observed)));
            }
            ["refused", name, go_line, godebug, _status] => {
                manifest.refusals.push(setting(name, go_line, godebug, None));
            }
            ["script", path, hash] => {
                manifest.scripts.insert((*path).to_owned(), (*hash).to_owned());
            }
            _ => panic!("{file}: unexpected line {line:?}"),
        }
    }
    manifest
}

/// One recorded trace: real Go's observations of one script on one release under one setting.
pub struct Golden {
    pub release: Release,
    pub setting: Setting,
    /// The script, relative to the workspace root (`scripts/semantics/timer_len.tl`).
    pub script: String,
    /// The trace file, relative to the workspace root.
    pub file: String,
    /// Its text.
    pub trace: String,
}

/// The golden file name of a script below `scripts/`: `semantics/timer_len.tl` is
/// `semantics__timer_len.out`.
pub fn golden_name(rel: &str) -> String {
    format!("{}.out", rel.trim_end_matches(".tl").replace('/', "__"))
}

/// The script path below `scripts/` a golden file name stands for.
pub fn script_of(golden_name: &str) -> String {
    format!("{}.tl", golden_name.trim_end_matches(".out").replace("__", "/"))
}

/// The `.out` files of a setting directory, sorted.
pub fn trace_names(dir: &str) -> Vec<String> {
    let full = root().join(dir);
    let mut names: Vec<String> = std::fs::read_dir(&full)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", full.display()))
        .map(|entry| entry.expect("a readable directory entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".out"))
        .collect();
    names.sort();
    names
}

/// Every recorded trace, by release, then setting, then script.
pub fn all() -> Vec<Golden> {
    let mut goldens = Vec::new();
    for manifest in manifests() {
        for setting in &manifest.settings {
            let dir = format!("{}/{}", manifest.dir, setting.name);
            for name in trace_names(&dir) {
                let file = format!("{dir}/{name}");
                let trace = std::fs::read_to_string(root().join(&file)).expect("a readable golden trace");
                goldens.push(Golden {
                    release: manifest.release,
                    setting: setting.clone(),
                    script: format!("scripts/{}", script_of(&name)),
                    file,
                    trace,
                });
            }
        }
    }
    goldens
}

/// Does an engine's line say what Go's line says? Equal text, except that Go cannot count live
/// timers: its `live = ?` stands for any `live = N`.
pub fn line_matches(go: &str, ours: &str) -> bool {
    go == ours
        || (go == "live = ?"
            && ours
                .strip_prefix("live = ")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// A line diff aligned by position: `- go`, `+ ours`, two spaces where they match.
pub fn diff(go: &str, ours: &str) -> String {
    let (g, o): (Vec<_>, Vec<_>) = (go.lines().collect(), ours.lines().collect());
    let mut out = String::new();
    for i in 0..g.len().max(o.len()) {
        match (g.get(i), o.get(i)) {
            (Some(x), Some(y)) if line_matches(x, y) => out.push_str(&format!("  {y}\n")),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("- {x}\n"));
                }
                if let Some(y) = y {
                    out.push_str(&format!("+ {y}\n"));
                }
            }
        }
    }
    out
}

#[test]
fn golden_names_round_trip_to_script_paths() {
    assert_eq!(golden_name("semantics/timer_len.tl"), "semantics__timer_len.out");
    assert_eq!(script_of("semantics__timer_len.out"), "semantics/timer_len.tl");
    assert_eq!(script_of(&golden_name("oracle/a_b/c.tl")), "oracle/a_b/c.tl");
}

#[test]
fn release_directories_parse_as_releases_and_nothing_else_does() {
    assert_eq!(Release::parse("go1.26.6"), Some(Release { minor: 26, patch: 6 }));
    assert_eq!(Release::parse("go1.26.6").map(|r| r.to_string()), Some("go1.26.6".to_owned()));
    assert_eq!(Release::parse("async"), None);
    assert_eq!(Release::parse("go1.26"), None);
    assert!(Release { minor: 23, patch: 9 } < Release { minor: 24, patch: 1 });
}

#[test]
fn go_live_question_mark_matches_any_count_and_nothing_else() {
    assert!(line_matches("live = ?", "live = 0"));
    assert!(line_matches("live = ?", "live = 12"));
    assert!(!line_matches("live = ?", "live = "));
    assert!(!line_matches("live = ?", "live = -1"));
    assert!(!line_matches("live = ?", "len t = 1"));
    assert!(!line_matches("recv t = @1s", "recv t = @2s"));
    assert!(line_matches("recv t = @1s", "recv t = @1s"));
}

#[test]
fn diff_marks_go_lines_with_minus_and_ours_with_plus() {
    let d = diff("stop t = false\nlive = ?\nrecv t = @1s\n", "stop t = true\nlive = 1\n");
    assert_eq!(d, "- stop t = false\n+ stop t = true\n  live = 1\n- recv t = @1s\n");
}
