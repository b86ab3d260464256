//! `cargo xtask bench [--quick] [--go PATH]`: timerlab's timer operations next to Go's and tokio's.
//!
//! Runs the criterion benchmarks (`benches/timers`, package `timerlab-benches`: timerlab in both semantics and
//! tokio), the Go benchmarks (`oracle/bench`, under `GODEBUG=asynctimerchan=1` and `=0`, one P) and
//! the memory test, then prints one Markdown table and the goals of docs/PERFORMANCE.md. Without
//! Go ≥ 1.23 the Go columns say `n/a`.
//!
//! `cargo xtask bench --instructions` counts instructions per operation instead (valgrind's
//! callgrind, timerlab and tokio): the same on every run, so it compares two versions of the
//! runtime on a busy machine where timings cannot.
//!
//! `cargo xtask bench --profile OP/IMPLEMENTATION/OTHERS [--seconds S]` shows where one
//! benchmark's nanoseconds go, the timed loop alone (`perf`; see `bench/profile.rs`).

mod profile;
mod target;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use target::{build_for, OPS, SIZES};

const GO_FALLBACK: &str = "/usr/lib/go-1.23/bin/go";
/// Go's leaking loops run this many times per process, the bound the Rust side keeps on its leak
/// (`benches/timers/others.rs`, `LEAK_BOUND`).
const LEAK_ITERATIONS: &str = "10000x";

const MODES: [(&str, &str); 2] = [("async", "asynctimerchan=1"), ("sync", "asynctimerchan=0")];

struct Options {
    quick: bool,
    instructions: bool,
    go: Option<PathBuf>,
    /// A benchmark id to profile instead (`--profile`).
    profile: Option<String>,
    /// The profile's criterion measurement time, seconds (`--seconds`; 20 when not given).
    seconds: Option<f64>,
}

const USAGE: &str =
    "usage: cargo xtask bench [--quick] [--go PATH] | --instructions | --profile OP/IMPLEMENTATION/OTHERS [--seconds S]";

fn parse(args: &[String]) -> Result<Options, String> {
    let mut opts = Options { quick: false, instructions: false, go: None, profile: None, seconds: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => opts.quick = true,
            "--instructions" => opts.instructions = true,
            "--go" => {
                let path = args.next().ok_or("bench: --go needs a path to a go binary")?;
                opts.go = Some(PathBuf::from(path));
            }
            "--profile" => {
                let spec =
                    args.next().ok_or_else(|| format!("bench: --profile needs a benchmark id; {USAGE}"))?;
                opts.profile = Some(spec.clone());
            }
            "--seconds" => {
                opts.seconds = Some(
                    args.next()
                        .and_then(|s| s.parse().ok())
                        .filter(|s: &f64| s.is_finite() && *s > 0.0)
                        .ok_or_else(|| format!("bench: --seconds needs a positive number; {USAGE}"))?,
                );
            }
            other => return Err(format!("bench: unknown argument {other:?}; {USAGE}")),
        }
    }
    if opts.profile.is_some() && (opts.instructions || opts.quick || opts.go.is_some()) {
        return Err(format!("bench: --profile runs one criterion benchmark alone; {USAGE}"));
    }
    if opts.seconds.is_some() && opts.profile.is_none() {
        return Err(format!("bench: --seconds is the --profile run's time; {USAGE}"));
    }
    Ok(opts)
}

/// Nanoseconds per operation, by `(implementation, operation id, other live timers)`.
/// Implementations: `timerlab-async`, `timerlab-sync`, `tokio`, `go-async`, `go-sync`.
type Results = BTreeMap<(String, &'static str, u64), f64>;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let opts = parse(args)?;
    let root = crate::cmd::root();
    if opts.instructions {
        return instructions(&root);
    }
    if let Some(spec) = &opts.profile {
        return profile::run(&root, spec, opts.seconds.unwrap_or(20.0));
    }
    let mut results = Results::new();
    let go = find_go(opts.go.as_deref());
    match &go {
        Ok((_, version)) => eprintln!("bench: Go {version}"),
        Err(why) => eprintln!("bench: {why}; the Go columns will say n/a"),
    }
    criterion(&root, opts.quick, &mut results)?;
    if let Ok((go, _)) = &go {
        go_benches(&root, go, opts.quick, &mut results)?;
    }
    let memory = memory_per_timer()?;
    println!("{}", machine(go.as_ref().ok().map(|(_, v)| v.as_str())));
    println!("{}", table(&results));
    println!("{}", goals(&results, &memory));
    Ok(())
}

/// Runs the criterion benchmarks and reads back every estimate they wrote.
fn criterion(root: &Path, quick: bool, results: &mut Results) -> Result<(), String> {
    let home = root.join("target/criterion");
    let started = SystemTime::now();
    let mut cmd = crate::cmd::cargo();
    cmd.args(["bench", "--locked", "-p", "timerlab-benches", "--bench", "timers", "--", "--noplot"]);
    if quick {
        cmd.args(["--warm-up-time", "0.5", "--measurement-time", "1", "--sample-size", "20"]);
        cmd.args(["--nresamples", "10000"]);
    }
    cmd.env("CRITERION_HOME", &home);
    crate::cmd::run(cmd)?;
    for op in &OPS {
        for imp in ["timerlab-async", "timerlab-sync", "tokio"] {
            if imp == "tokio" && !op.tokio {
                continue;
            }
            for n in SIZES {
                let file = home.join(op.id).join(imp).join(n.to_string()).join("new/estimates.json");
                if let Some(ns) = criterion_estimate(&file, started)? {
                    results.insert((imp.to_owned(), op.id, n), ns);
                }
            }
        }
    }
    Ok(())
}

/// Criterion's headline figure from an `estimates.json` written by this run: the slope of the
/// linear regression when it has one, the mean otherwise. `None` for a file older than `since`.
fn criterion_estimate(file: &Path, since: SystemTime) -> Result<Option<f64>, String> {
    let fresh = std::fs::metadata(file).and_then(|m| m.modified()).is_ok_and(|t| t >= since);
    if !fresh {
        return Ok(None);
    }
    let text =
        std::fs::read_to_string(file).map_err(|e| format!("bench: cannot read {}: {e}", file.display()))?;
    let estimate = if text.contains("\"slope\":{") { "slope" } else { "mean" };
    point_estimate(&text, estimate)
        .map(Some)
        .ok_or_else(|| format!("bench: no {estimate} point estimate in {}", file.display()))
}

/// `"<name>":{"confidence_interval":{...},"point_estimate":X,...}` → X.
fn point_estimate(json: &str, name: &str) -> Option<f64> {
    let object = &json[json.find(&format!("\"{name}\":{{"))?..];
    let value = &object[object.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = value.find([',', '}'])?;
    value[..end].trim().parse().ok()
}

/// `--go`, else `go` on PATH when it is Go ≥ 1.23, else Debian's golang-1.23 location; with its
/// version.
fn find_go(given: Option<&Path>) -> Result<(PathBuf, String), String> {
    let candidates: Vec<PathBuf> = match given {
        Some(go) => vec![go.to_owned()],
        None => vec![PathBuf::from("go"), PathBuf::from(GO_FALLBACK)],
    };
    for go in candidates {
        if let Some(version) = go_version(&go).filter(|v| at_least_1_23(v)) {
            return Ok((go, version));
        }
    }
    Err("Go >= 1.23 not found (on PATH, at /usr/lib/go-1.23/bin/go, or --go PATH)".to_owned())
}

fn go_version(go: &Path) -> Option<String> {
    let out = Command::new(go).arg("version").env("GOTOOLCHAIN", "local").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.split_whitespace().find(|w| w.starts_with("go1")).map(str::to_owned)
}

/// Go 1.23 is the first with both timer channel implementations behind GODEBUG=asynctimerchan.
fn at_least_1_23(version: &str) -> bool {
    let mut parts = version.trim_start_matches("go").split('.');
    let major = parts.next().and_then(|p| p.parse::<u32>().ok());
    let minor = parts.next().and_then(|p| p.parse::<u32>().ok());
    matches!((major, minor), (Some(1), Some(m)) if m >= 23)
}

/// Builds the Go benchmarks once, then runs them per mode and size: the operations that leak
/// nothing together in one process (`--quick`: 1 run of 200 ms each, else 3 of 1 s, median), each
/// leaking one in processes of its own of exactly 10,000 iterations (3 or 5 of them, median).
/// `-test.cpu 1`: one P, so one timer heap holds every timer, as in the simulator.
fn go_benches(root: &Path, go: &Path, quick: bool, results: &mut Results) -> Result<(), String> {
    let bin = root.join("target/go-bench/timers.test");
    let mut build = Command::new(go);
    build
        .args(["test", "-c", "-o"])
        .arg(&bin)
        .arg(".")
        .current_dir(root.join("oracle/bench"))
        .env("GOTOOLCHAIN", "local")
        .env("GOPROXY", "off")
        .env("GOWORK", "off")
        .env("GOFLAGS", "-buildvcs=false");
    crate::cmd::run(build)?;
    let (benchtime, count, leak_runs) = if quick { ("200ms", 1, 3) } else { ("1s", 3, 5) };
    for (mode, godebug) in MODES {
        for n in SIZES {
            let steady: Vec<&str> = OPS.iter().filter(|op| !op.leaks).map(|op| op.go).collect();
            let mut samples = BTreeMap::<&str, Vec<f64>>::new();
            let pattern = format!("^Benchmark({})$/^others={n}$", steady.join("|"));
            go_run(&bin, godebug, &pattern, benchtime, count, &mut samples)?;
            for op in OPS.iter().filter(|op| op.leaks) {
                for _ in 0..leak_runs {
                    let pattern = format!("^Benchmark{}$/^others={n}$", op.go);
                    go_run(&bin, godebug, &pattern, LEAK_ITERATIONS, 1, &mut samples)?;
                }
            }
            for op in &OPS {
                if let Some(ns) = samples.get_mut(op.go).and_then(|s| median(s)) {
                    results.insert((format!("go-{mode}"), op.id, n), ns);
                }
            }
        }
    }
    Ok(())
}

/// One process of the Go benchmarks; collects `ns/op` per benchmark name (without `Benchmark`
/// and the `/others=N` suffix).
fn go_run(
    bin: &Path,
    godebug: &str,
    pattern: &str,
    benchtime: &str,
    count: u32,
    samples: &mut BTreeMap<&'static str, Vec<f64>>,
) -> Result<(), String> {
    let mut cmd = Command::new(bin);
    cmd.args(["-test.run", "^$", "-test.cpu", "1", "-test.bench", pattern, "-test.benchtime", benchtime])
        .arg(format!("-test.count={count}"))
        .env("GODEBUG", godebug);
    eprintln!("$ {cmd:?}");
    let out = cmd.output().map_err(|e| format!("bench: cannot run {}: {e}", bin.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "bench: Go benchmarks {pattern} failed ({}):\n{stdout}{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let Some(name) = fields.first().and_then(|f| f.strip_prefix("Benchmark")) else { continue };
        let name = name.split('/').next().unwrap_or(name);
        let Some(op) = OPS.iter().find(|op| op.go == name) else { continue };
        let ns = fields.windows(2).find(|w| w[1] == "ns/op").and_then(|w| w[0].parse::<f64>().ok());
        if let Some(ns) = ns {
            samples.entry(op.go).or_default().push(ns);
        }
    }
    Ok(())
}

/// Iterations per instruction count: the leak bound, so no count includes a collection. Each
/// operation is counted at this many iterations and at half as many, and the table gives the
/// difference per iteration: the steady cost of one more operation, without what the first
/// iterations pay once (vectors growing to the loop's size; the AfterFunc heap a runtime starts
/// keeping at its first buffered ticker, a copy of every AfterFunc already armed).
const COUNTED_ITERATIONS: u64 = 10_000;

/// Counts instructions per operation with callgrind, collecting only inside the benchmarks'
/// `measured` functions (`benches/timers/count.rs`), and prints them as a table.
fn instructions(root: &Path) -> Result<(), String> {
    let (exe, dir) = build_for("valgrind", "valgrind", "--instructions", "bench-instructions", root)?;
    let mut table = String::from(
        "| operation | other live | timerlab async | timerlab sync | tokio |\n|---|---:|---:|---:|---:|\n",
    );
    for op in &OPS {
        for n in SIZES {
            let mut row = format!("| {} | {n} |", op.label);
            for imp in ["timerlab-async", "timerlab-sync", "tokio"] {
                let count = if imp == "tokio" && !op.tokio {
                    "n/a".to_owned()
                } else {
                    let half = COUNTED_ITERATIONS / 2;
                    let mut totals = [0; 2];
                    for (total, iterations) in totals.iter_mut().zip([half, COUNTED_ITERATIONS]) {
                        let file = dir.join(format!("{}-{imp}-{n}-{iterations}.callgrind", op.id));
                        let spec = format!("{} {imp} {n} {iterations}", op.id);
                        *total = callgrind(&exe, &spec, &file)?;
                    }
                    format!("{}", totals[1].saturating_sub(totals[0]) / (COUNTED_ITERATIONS - half))
                };
                row.push_str(&format!(" {count} |"));
            }
            table.push_str(&row);
            table.push('\n');
        }
    }
    println!(
        "Instructions per operation (callgrind; {COUNTED_ITERATIONS} iterations less {}, per iteration):\n\n{table}",
        COUNTED_ITERATIONS / 2
    );
    Ok(())
}

/// Runs the benchmark binary in counting mode under callgrind; the instructions it counted.
fn callgrind(exe: &Path, spec: &str, out_file: &Path) -> Result<u64, String> {
    let mut cmd = Command::new("valgrind");
    cmd.args(["--tool=callgrind", "--toggle-collect=*::measured"])
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(exe)
        .env("TIMERLAB_BENCH_COUNT", spec);
    eprintln!("$ TIMERLAB_BENCH_COUNT={spec:?} valgrind --tool=callgrind ... {}", exe.display());
    let out = cmd.output().map_err(|e| format!("bench: cannot run valgrind: {e}"))?;
    if !out.status.success() {
        return Err(format!("bench: counting {spec:?} failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    let text = std::fs::read_to_string(out_file)
        .map_err(|e| format!("bench: cannot read {}: {e}", out_file.display()))?;
    text.lines()
        .find_map(|l| l.strip_prefix("summary:").or_else(|| l.strip_prefix("totals:")))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("bench: no instruction total in {}", out_file.display()))
}

fn median(samples: &mut [f64]) -> Option<f64> {
    samples.sort_by(f64::total_cmp);
    samples.get(samples.len() / 2).copied()
}

/// The memory test's figures, bytes per live timer: `(what, bytes)`.
fn memory_per_timer() -> Result<Vec<(String, f64)>, String> {
    let mut cmd = crate::cmd::cargo();
    cmd.args(["test", "--locked", "-p", "gotime", "--test", "memory_per_timer", "--", "--nocapture"]);
    eprintln!("$ {cmd:?}");
    let out = cmd.output().map_err(|e| format!("bench: cannot run the memory test: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let figures: Vec<(String, f64)> = stdout
        .lines()
        .filter(|line| line.contains("bytes per live timer"))
        .filter_map(|line| {
            let (what, rest) = line.split_once(": ")?;
            Some((what.to_owned(), rest.split_whitespace().next()?.parse().ok()?))
        })
        .collect();
    if !out.status.success() || figures.is_empty() {
        eprintln!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
        eprintln!("bench: the memory test failed (its output is above); reporting what it measured");
    }
    Ok(figures)
}

fn machine(go: Option<&str>) -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| t.lines().next().and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok()))
        .map_or("?".to_owned(), |kib| format!("{:.0}", kib / 1024.0 / 1024.0));
    format!("{model}, {cores} cores, {mem_gib} GiB; Go: {}", go.unwrap_or("not found"))
}

fn ns(value: Option<f64>) -> String {
    value.map_or("n/a".to_owned(), |v| if v < 100.0 { format!("{v:.1}") } else { format!("{v:.0}") })
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
        _ => "n/a".to_owned(),
    }
}

/// The comparison table: one row per operation, semantics and heap size. `timerlab/Go` divides by
/// Go in the same mode.
fn table(results: &Results) -> String {
    let get = |imp: &str, op: &'static str, n: u64| results.get(&(imp.to_owned(), op, n)).copied();
    let mut out = String::from(
        "| operation | other live | timerlab ns | Go async ns | Go sync ns | tokio ns | timerlab/Go | timerlab/tokio |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for op in &OPS {
        for n in SIZES {
            for (mode, _) in MODES {
                let ours = get(&format!("timerlab-{mode}"), op.id, n);
                let go_same = get(&format!("go-{mode}"), op.id, n);
                let tokio = get("tokio", op.id, n);
                out.push_str(&format!(
                    "| {} ({mode}) | {n} | {} | {} | {} | {} | {} | {} |\n",
                    op.label,
                    ns(ours),
                    ns(get("go-async", op.id, n)),
                    ns(get("go-sync", op.id, n)),
                    ns(tokio),
                    ratio(ours, go_same),
                    ratio(ours, tokio),
                ));
            }
        }
    }
    out
}

/// The goals of docs/PERFORMANCE.md, each with its worst case over sizes and modes.
fn goals(results: &Results, memory: &[(String, f64)]) -> String {
    let get = |imp: String, op: &'static str, n: u64| results.get(&(imp, op, n)).copied();
    // The worst ratio of timerlab (each mode) to `peer` over modes and sizes; `peer` names the
    // implementation to divide by, given the mode.
    let worst_against = |op: &'static str, peer: &dyn Fn(&str) -> String| -> Option<f64> {
        let mut worst: Option<f64> = None;
        for (mode, _) in MODES {
            for n in SIZES {
                let r = get(format!("timerlab-{mode}"), op, n)? / get(peer(mode), op, n)?;
                worst = Some(worst.map_or(r, |w: f64| w.max(r)));
            }
        }
        worst
    };
    let verdict = |ok: Option<bool>| match ok {
        Some(true) => "met",
        Some(false) => "NOT met",
        None => "n/a",
    };
    let times = |worst: Option<f64>| worst.map_or("n/a".to_owned(), |w| format!("{w:.2}x"));
    let mut out = String::from("| goal | worst measured | verdict |\n|---|---|---|\n");
    for op in &OPS {
        let worst = worst_against(op.id, &|mode| format!("go-{mode}"));
        out.push_str(&format!(
            "| {} <= 0.5x Go (same mode, every size) | {} | {} |\n",
            op.label,
            times(worst),
            verdict(worst.map(|w| w <= 0.5)),
        ));
    }
    for op in OPS.iter().filter(|op| op.tokio) {
        let worst = worst_against(op.id, &|_| "tokio".to_owned());
        out.push_str(&format!(
            "| {} <= tokio (every mode and size) | {} | {} |\n",
            op.label,
            times(worst),
            verdict(worst.map(|w| w <= 1.0)),
        ));
    }
    let reset_worst = MODES
        .iter()
        .flat_map(|(mode, _)| SIZES.map(|n| get(format!("timerlab-{mode}"), "reset_active", n)))
        .collect::<Option<Vec<f64>>>()
        .and_then(|v| v.into_iter().reduce(f64::max));
    out.push_str(&format!(
        "| Reset <= 25 ns | {} ns | {} |\n",
        ns(reset_worst),
        verdict(reset_worst.map(|w| w <= 25.0))
    ));
    let mut scaling = Vec::new();
    for op in &OPS {
        for (mode, _) in MODES {
            let imp = format!("timerlab-{mode}");
            if let (Some(big), Some(small)) = (get(imp.clone(), op.id, 1_000_000), get(imp, op.id, 10)) {
                scaling.push((big / small, format!("{} ({mode})", op.label)));
            }
        }
    }
    scaling.sort_by(|a, b| a.0.total_cmp(&b.0));
    match scaling.last() {
        Some((worst, what)) => {
            let over: Vec<String> =
                scaling.iter().filter(|(r, _)| *r > 1.5).map(|(r, w)| format!("{w} {r:.2}x")).collect();
            // Only a failing run has rows to name.
            let over =
                if over.is_empty() { String::new() } else { format!("; over 1.5x: {}", over.join(", ")) };
            out.push_str(&format!(
                "| cost at 1e6 others <= 1.5x cost at 10 | {worst:.2}x ({what}){over} | {} |\n",
                verdict(Some(*worst <= 1.5)),
            ));
        }
        None => out.push_str("| cost at 1e6 others <= 1.5x cost at 10 | n/a | n/a |\n"),
    }
    let worst_bytes = memory.iter().map(|(_, b)| *b).reduce(f64::max);
    let detail: Vec<String> = memory.iter().map(|(what, b)| format!("{what}: {b:.2}")).collect();
    out.push_str(&format!(
        "| <= 96 bytes per live timer | {} B ({}) | {} |\n",
        worst_bytes.map_or("n/a".to_owned(), |b| format!("{b:.2}")),
        detail.join("; "),
        verdict(worst_bytes.map(|b| b <= 96.0)),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_names_its_benchmark_may_set_its_seconds_and_runs_alone() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let opts = parse(&args(&["--profile", "seed2_loop/tokio/10"])).expect("valid");
        assert_eq!((opts.profile.as_deref(), opts.seconds), (Some("seed2_loop/tokio/10"), None));
        let opts = parse(&args(&["--seconds", "2.5", "--profile", "x"])).expect("valid");
        assert_eq!((opts.profile.as_deref(), opts.seconds), (Some("x"), Some(2.5)));
        let bad_runs: [&[&str]; 8] = [
            &["--profile"],
            &["--seconds", "0", "--profile", "x"],
            &["--seconds", "NaN", "--profile", "x"],
            &["--seconds"],
            &["--fast"],
            &["--seconds", "5"],
            &["--profile", "x", "--instructions"],
            &["--quick", "--profile", "x"],
        ];
        for bad in bad_runs {
            let message = parse(&args(bad)).err().unwrap_or_default();
            assert!(
                message.contains("usage: cargo xtask bench") && !message.contains('\n'),
                "{bad:?}: {message}"
            );
        }
    }

    #[test]
    fn every_operation_is_held_to_half_of_go_and_to_tokio_where_tokio_has_it() {
        let mut results = Results::new();
        for op in &OPS {
            for n in SIZES {
                for mode in ["async", "sync"] {
                    results.insert((format!("timerlab-{mode}"), op.id, n), 40.0);
                    results.insert((format!("go-{mode}"), op.id, n), 100.0);
                }
                results.insert(("tokio".to_owned(), op.id, n), 30.0);
            }
        }
        // One slow size is enough to miss a goal.
        results.insert(("timerlab-sync".to_owned(), "seed2_loop", 1_000_000), 60.0);
        let table = goals(&results, &[]);
        let row = |start: &str| table.lines().find(|l| l.starts_with(start)).unwrap_or("").to_owned();
        assert_eq!(
            row("| AfterFunc+Stop <= 0.5x Go"),
            "| AfterFunc+Stop <= 0.5x Go (same mode, every size) | 0.40x | met |"
        );
        assert_eq!(
            row("| seed-2 loop iteration <= 0.5x Go"),
            "| seed-2 loop iteration <= 0.5x Go (same mode, every size) | 0.60x | NOT met |"
        );
        assert_eq!(
            row("| Reset (armed) <= tokio"),
            "| Reset (armed) <= tokio (every mode and size) | 1.33x | NOT met |"
        );
        assert_eq!(row("| AfterFunc+Stop <= tokio"), "", "tokio has no AfterFunc");
    }

    #[test]
    fn the_cost_at_a_million_others_names_the_rows_over_its_bound_only_when_there_are_any() {
        let mut results = Results::new();
        for op in &OPS {
            for mode in ["async", "sync"] {
                results.insert((format!("timerlab-{mode}"), op.id, 10), 40.0);
                results.insert((format!("timerlab-{mode}"), op.id, 1_000_000), 48.0);
            }
        }
        let row = |results: &Results| {
            let table = goals(results, &[]);
            table.lines().find(|l| l.starts_with("| cost at 1e6")).unwrap_or("").to_owned()
        };
        let met = row(&results);
        assert!(met.ends_with("| 1.20x (seed-2 loop iteration (sync)) | met |"), "{met}");
        results.insert(("timerlab-async".to_owned(), "reset_active", 1_000_000), 80.0);
        let missed = row(&results);
        assert!(
            missed.ends_with(
                "| 2.00x (Reset (armed) (async)); over 1.5x: Reset (armed) (async) 2.00x | NOT met |"
            ),
            "{missed}"
        );
    }

    #[test]
    fn reads_the_point_estimate_of_the_named_statistic() {
        let json = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":3.0},"point_estimate":2.5,"standard_error":0.1},"slope":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":3.0},"point_estimate":2.25,"standard_error":0.1}}"#;
        assert_eq!(point_estimate(json, "mean"), Some(2.5));
        assert_eq!(point_estimate(json, "slope"), Some(2.25));
        assert_eq!(point_estimate(json, "median"), None);
    }

    #[test]
    fn go_1_22_lacks_the_sync_timer_channels() {
        assert!(at_least_1_23("go1.23.5"));
        assert!(at_least_1_23("go1.24"));
        assert!(!at_least_1_23("go1.22.9"));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_upper_middle() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0, 4.0]), Some(3.0));
        assert_eq!(median(&mut []), None);
    }
}
