//! `--pprof DIR` and `--pprof-diff`: the heap profiles written, decoded with prost and held to
//! report.json of the same invocation; the same seed writing the same bytes; and, where a Go
//! toolchain is installed, `go tool pprof` reading them as it reads Go's own.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use flate2::read::GzDecoder;
use gotime::{CostModel, TimerKind};
use prost::Message as _;
use serde_json::Value;
use timerlab_report::pprof::proto::Profile;

use super::{run, run_in, scratch, Output};

/// S1's leaky variant in async and sync, with its report.json, its profiles and the diff.
const S1_LEAKY: &[&str] = &[
    "run",
    "s1",
    "leaky",
    "--semantics",
    "both",
    "--preset",
    "quick",
    "--out",
    "out",
    "--pprof",
    "pprof",
    "--pprof-diff",
];

const FILES: [&str; 4] = [
    "s1-leaky-async-seed7.end.pb.gz",
    "s1-leaky-async-seed7.peak.pb.gz",
    "s1-leaky-sync-seed7.end.pb.gz",
    "s1-leaky-sync-seed7.peak.pb.gz",
];

/// The shared run and the directory it ran in; run once per test binary.
fn s1_leaky() -> &'static (Output, PathBuf) {
    static RUN: OnceLock<(Output, PathBuf)> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = scratch("s1_leaky_pprof");
        (run_in(&dir, S1_LEAKY), dir)
    })
}

fn report_json(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("out/report.json")).expect("report.json written");
    serde_json::from_str(&text).expect("report.json is JSON")
}

/// The written files by name.
fn written(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("pprof"))
        .expect("the pprof directory")
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).expect("a readable profile"))
        })
        .collect()
}

/// A written profile, gunzipped and decoded as `go tool pprof` does.
fn decode(dir: &Path, name: &str) -> Profile {
    let bytes = std::fs::read(dir.join("pprof").join(name)).expect("the profile was written");
    let mut raw = Vec::new();
    GzDecoder::new(bytes.as_slice()).read_to_end(&mut raw).expect("gzipped");
    Profile::decode(raw.as_slice()).expect("a profile.proto message")
}

fn string(p: &Profile, index: i64) -> &str {
    &p.string_table[usize::try_from(index).expect("a string index")]
}

/// The frames of sample `i`, leaf first, inlined ones expanded: function names.
fn frames(p: &Profile, i: usize) -> Vec<&str> {
    let mut out = Vec::new();
    for id in &p.sample[i].location_id {
        let location = p.location.iter().find(|l| l.id == *id).expect("a location per id");
        for line in &location.line {
            let f = p.function.iter().find(|f| f.id == line.function_id).expect("a function per id");
            out.push(string(p, f.name));
        }
    }
    out
}

/// The bytes of one timer made by `kind` (`time.After`), by the cost model the scenarios use.
fn bytes_per_timer(kind: &str) -> i64 {
    let kind = TimerKind::ALL.into_iter().find(|k| k.go_name() == kind).expect("a Go constructor");
    CostModel::default().bytes(kind) as i64
}

fn run_name(run: &Value) -> String {
    format!("s1-leaky-{}-seed7", run["semantics"].as_str().unwrap())
}

#[test]
fn pprof_writes_the_peak_and_the_end_of_every_run_and_prints_the_commands_that_read_them() {
    let (out, dir) = s1_leaky();
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(written(dir).keys().collect::<Vec<_>>(), FILES);
    assert!(
        out.stdout.ends_with(
            "wrote 4 heap profiles to pprof (the peak and the end of every run)\n\
             the worst run at its peak: go tool pprof -top pprof/s1-leaky-async-seed7.peak.pb.gz\n\
             what Go 1.23 took away (the async run's peak, the sync run's as its base):\n  \
             s1/leaky         go tool pprof -top -diff_base pprof/s1-leaky-sync-seed7.peak.pb.gz \
             pprof/s1-leaky-async-seed7.peak.pb.gz\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn each_peak_profile_holds_the_report_s_sites_with_the_go_frames_above_them() {
    let (out, dir) = s1_leaky();
    assert_eq!(out.code, 0, "{out:?}");
    let report = report_json(dir);
    for run in report["runs"].as_array().unwrap() {
        let p = decode(dir, &format!("{}.peak.pb.gz", run_name(run)));
        let sites = run["sites"].as_array().unwrap();
        let created: Vec<&Value> = sites.iter().filter(|s| s["created"].as_i64() > Some(0)).collect();
        assert_eq!(p.sample.len(), created.len(), "one sample per site that created timers");
        for (i, site) in created.iter().enumerate() {
            let n = |field: &str| site[field].as_i64().unwrap();
            let each = bytes_per_timer(site["kind"].as_str().unwrap());
            assert_eq!(p.sample[i].value, [n("created"), n("created") * each, n("live"), n("bytes")]);
            assert_eq!(p.sample[i].label[0].num, each, "Go's object-size label");
            // The call site is the outermost frame, named, placed and numbered as the report has it.
            let location = p.location.iter().find(|l| Some(&l.id) == p.sample[i].location_id.last()).unwrap();
            let line = location.line.last().unwrap();
            let function = p.function.iter().find(|f| f.id == line.function_id).unwrap();
            assert_eq!(string(&p, function.name), site["site"].as_str().unwrap());
            assert_eq!(string(&p, function.filename), site["file"].as_str().unwrap());
            assert_eq!((line.line, line.column), (n("line"), n("column")));
        }
        // The profile is taken at the check with the most live timers: its total is the peak.
        let live: i64 = p.sample.iter().map(|s| s.value[2]).sum();
        assert_eq!(live, run["peak_live"].as_i64().unwrap(), "{}", run_name(run));
    }
    // The leak as the incident's profile showed it: time.NewTimer under time.After, at the
    // leaky variant's call site.
    let async_peak = decode(dir, "s1-leaky-async-seed7.peak.pb.gz");
    let site = report["runs"][0]["sites"][0]["site"].as_str().unwrap();
    assert!(site.contains("scenarios/s1/variants.rs:"), "{site}");
    assert_eq!(frames(&async_peak, 0), ["time.NewTimer", "time.After", site]);
    let sync_peak = decode(dir, "s1-leaky-sync-seed7.peak.pb.gz");
    assert_eq!(frames(&sync_peak, 0), ["time.newTimer", "time.NewTimer", "time.After", site]);
}

#[test]
fn each_end_profile_is_the_run_s_last_check() {
    let (out, dir) = s1_leaky();
    assert_eq!(out.code, 0, "{out:?}");
    let report = report_json(dir);
    for run in report["runs"].as_array().unwrap() {
        let name = run_name(run);
        let end = decode(dir, &format!("{name}.end.pb.gz"));
        let last = run["samples"].as_array().unwrap().last().unwrap();
        // The last sample reads the last check; while the process is up, that is the end profile's.
        if last["tasks"].as_i64() > Some(0) {
            let live: i64 = end.sample.iter().map(|s| s.value[2]).sum();
            assert_eq!(live, last["live"].as_i64().unwrap(), "{name}");
        }
        let comments: Vec<&str> = end.comment.iter().map(|&c| string(&end, c)).collect();
        assert!(comments[0].ends_with("seed=7, at its end"), "{comments:?}");
    }
    // One process life in sync mode (no restart): timers created only add up, peak to end.
    let created = |p: &Profile| p.sample.iter().map(|s| s.value[0]).sum::<i64>();
    assert_eq!(report["runs"][1]["restarts"], 0);
    let (peak, end) =
        (decode(dir, "s1-leaky-sync-seed7.peak.pb.gz"), decode(dir, "s1-leaky-sync-seed7.end.pb.gz"));
    assert!(created(&end) >= created(&peak), "{} then {}", created(&peak), created(&end));
}

#[test]
fn the_same_seed_writes_the_same_bytes() {
    let (out, dir) = s1_leaky();
    assert_eq!(out.code, 0, "{out:?}");
    let again = scratch("s1_leaky_pprof_again");
    let out = run_in(&again, S1_LEAKY);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(written(dir), written(&again));
}

#[test]
fn pprof_diff_needs_pprof_and_the_async_and_sync_runs_of_semantics_all_or_both() {
    let out = run(&["run", "s1", "leaky", "--pprof-diff"]);
    assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{out:?}");
    assert_eq!(
        out.stderr,
        "error: the following required arguments were not provided: --pprof <DIR>; see 'timerlab --help'\n"
    );
    let out = run(&["run", "s1", "leaky", "--semantics", "async", "--pprof", "p", "--pprof-diff"]);
    assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{out:?}");
    assert_eq!(
        out.stderr,
        "error: --pprof-diff subtracts each variant's sync run from its async run: it needs --semantics all \
         (the default) or both\n"
    );
    let out = run(&["run", "s1", "leaky", "--go", "1.22", "--pprof", "p", "--pprof-diff"]);
    assert_eq!((out.code, out.stdout.as_str()), (2, ""), "{out:?}");
    assert_eq!(
        out.stderr,
        "error: --pprof-diff subtracts each variant's sync run from its async run: use --semantics all|both, not --go\n"
    );
}

#[test]
fn a_pprof_directory_that_cannot_be_made_exits_1_naming_it() {
    let dir = scratch("pprof_blocked");
    std::fs::write(dir.join("blocked"), "a file, not a directory").unwrap();
    let args = ["run", "s2", "hoisted", "--semantics", "sync", "--preset", "quick", "--pprof", "blocked/p"];
    let out = run_in(&dir, &args);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.starts_with("error: cannot write blocked/p: "), "{out:?}");
}

/// A Go toolchain that runs: `TIMERLAB_GO` when set (and then only it), else `go` on PATH,
/// Debian's golang-1.23, or the newest release installed by the project's Go installer
/// (`$GO_RELEASES_DIR`, default `~/.cache/go-releases`).
fn find_go() -> Option<PathBuf> {
    let runs = |go: &PathBuf| {
        Command::new(go).arg("version").env("GOTOOLCHAIN", "local").output().is_ok_and(|o| o.status.success())
    };
    if let Some(go) = std::env::var_os("TIMERLAB_GO") {
        return Some(PathBuf::from(go)).filter(runs);
    }
    let releases = std::env::var_os("GO_RELEASES_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache/go-releases")));
    let mut installed: Vec<PathBuf> = releases
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .filter_map(|e| Some(e.ok()?.path().join("bin/go")))
        .collect();
    installed.sort();
    let mut candidates = [PathBuf::from("go"), PathBuf::from("/usr/lib/go-1.23/bin/go")]
        .into_iter()
        .chain(installed.into_iter().rev());
    candidates.find(runs)
}

/// `go tool pprof ARGS` in `dir`: its stdout.
fn pprof(go: &Path, dir: &Path, args: &[&str]) -> String {
    let out = Command::new(go)
        .args(["tool", "pprof"])
        .args(args)
        .current_dir(dir)
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("PPROF_TMPDIR", dir)
        .output()
        .expect("go tool pprof runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "go tool pprof {args:?}: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The rows of `-top` below its column header: (flat, flat%, cum, cum%, name).
fn top_rows(text: &str) -> Vec<[String; 5]> {
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with("flat  flat%"))
        .skip(1)
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            [w[0], w[1], w[3], w[4], &w[5..].join(" ")].map(str::to_owned)
        })
        .collect()
}

#[test]
fn go_tool_pprof_top_shows_time_new_timer_and_the_leaking_site_and_the_diff_what_go_1_23_took_away() {
    let Some(go) = find_go() else {
        eprintln!(
            "skipped: no Go toolchain (TIMERLAB_GO, PATH, /usr/lib/go-1.23/bin/go, ~/.cache/go-releases) \
             to run go tool pprof; the profiles' decoding is checked without it"
        );
        return;
    };
    let (out, dir) = s1_leaky();
    assert_eq!(out.code, 0, "{out:?}");
    let report = report_json(dir);
    let site = report["runs"][0]["sites"][0]["site"].as_str().unwrap();
    let peak = "pprof/s1-leaky-async-seed7.peak.pb.gz";

    // As in the incident: the allocation in time.NewTimer on top, the leaking line holding all.
    let top = pprof(&go, dir, &["-top", "-sample_index=inuse_objects", peak]);
    let rows = top_rows(&top);
    let live = report["runs"][0]["peak_live"].as_i64().unwrap().to_string();
    assert_eq!(rows[0], [&live, "100%", &live, "100%", "time.NewTimer"].map(str::to_owned), "{top}");
    let leaking = rows.iter().find(|r| r[4] == site).unwrap_or_else(|| panic!("{site} in\n{top}"));
    assert_eq!((leaking[2].as_str(), leaking[3].as_str()), (live.as_str(), "100%"), "{top}");
    assert!(rows.iter().any(|r| r[4] == "time.After (inline)"), "{top}");
    assert!(top.contains("Type: inuse_objects"), "{top}");

    // The printed diff command, as printed: the async peak over the sync peak. The site's
    // cumulative count is exactly the live timers Go 1.23 no longer holds.
    let command = out.stdout.lines().find(|l| l.contains("-diff_base")).expect("the diff command");
    let args: Vec<&str> = command.split_whitespace().skip_while(|w| *w != "-top").collect();
    let args = [&["-sample_index=inuse_objects"][..], &args].concat();
    let diff = pprof(&go, dir, &args);
    let taken_away =
        report["runs"][0]["peak_live"].as_i64().unwrap() - report["runs"][1]["peak_live"].as_i64().unwrap();
    let rows = top_rows(&diff);
    let leaking = rows.iter().find(|r| r[4] == site).unwrap_or_else(|| panic!("{site} in\n{diff}"));
    assert_eq!(leaking[2], taken_away.to_string(), "{diff}");
}
