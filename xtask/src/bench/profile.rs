//! `cargo xtask bench --profile OP/IMPLEMENTATION/OTHERS [--seconds S]`: where one benchmark's
//! nanoseconds go, counting only the timed loop.
//!
//! A leaking operation (async `After`, the async seed-2 loop) fires its leaked timers between
//! rounds, untimed; at a million other timers that firing is nearly all of the process's time, so a
//! plain profile shows the firing, not the operation. Here `perf record` samples the criterion
//! benchmark with DWARF call stacks, and only the samples whose stack passes through a
//! benchmark's `measured` function and not through the untimed collection between rounds are
//! counted: each innermost frame's share of them, times criterion's estimate, is what that frame
//! costs per operation.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::target::{build_for, OPS, SIZES};

/// The implementations the benchmark measures, as its ids name them.
const IMPLEMENTATIONS: [&str; 4] = ["timerlab-async", "timerlab-async-collected", "timerlab-sync", "tokio"];
/// A frame of the timed part: every benchmark loop runs inside one of these.
const TIMED: &str = "::measured";
/// Frames of the untimed part inside `measured`: firing the leaked timers between rounds.
const UNTIMED: [&str; 2] = ["GotimeOthers::collect_leaked", "GotimeOthers::make_room"];
/// Frames listed in a table; the rest are summed in one row.
const LISTED: usize = 30;
/// Paths of the standard library: its atomics, locks and reference counts are charged, in the
/// second table, to the first caller outside it.
const STD: [&str; 3] = ["core::", "alloc::", "std::"];

/// One benchmark, as its criterion id names it.
#[derive(Debug, PartialEq)]
struct Benchmark {
    op: &'static str,
    implementation: &'static str,
    others: u64,
}

impl Benchmark {
    fn id(&self) -> String {
        format!("{}/{}/{}", self.op, self.implementation, self.others)
    }
}

/// Parses `OP/IMPLEMENTATION/OTHERS`.
fn parse(spec: &str) -> Result<Benchmark, String> {
    let ops: Vec<&str> = OPS.iter().map(|op| op.id).collect();
    let sizes: Vec<String> = SIZES.iter().map(u64::to_string).collect();
    let usage = || {
        format!(
            "bench --profile {spec:?}: expected OP/IMPLEMENTATION/OTHERS, OP one of {}, IMPLEMENTATION one of {}, OTHERS one of {} (e.g. seed2_loop/timerlab-async/1000000)",
            ops.join(", "),
            IMPLEMENTATIONS.join(", "),
            sizes.join(", ")
        )
    };
    let [op, implementation, others] = spec.split('/').collect::<Vec<_>>()[..] else { return Err(usage()) };
    let op = OPS.iter().find(|o| o.id == op).ok_or_else(usage)?;
    let implementation = IMPLEMENTATIONS.into_iter().find(|&i| i == implementation).ok_or_else(usage)?;
    if implementation == "tokio" && !op.tokio {
        return Err(format!("bench --profile {spec:?}: tokio has no counterpart of {}", op.id));
    }
    let others = others.parse().ok().filter(|n| SIZES.contains(n)).ok_or_else(usage)?;
    Ok(Benchmark { op: op.id, implementation, others })
}

/// Samples per innermost frame of the timed part, and per innermost frame outside the standard
/// library, and the samples counted in all.
#[derive(Debug, Default, PartialEq)]
struct Profile {
    samples: u64,
    timed: u64,
    by_frame: BTreeMap<String, u64>,
    by_caller: BTreeMap<String, u64>,
}

/// Whether `frame` is the standard library's (`<alloc::sync::Arc<T,A> as ...>::clone` included).
fn in_std(frame: &str) -> bool {
    let path = frame.trim_start_matches('<');
    STD.iter().any(|std| path.starts_with(std))
}

/// Reads `perf script -F ip,sym` output: one sample per blank-line-separated block, one frame
/// per line (`\t<address> <symbol>`), the innermost first.
fn tally(script: &str) -> Profile {
    let mut profile = Profile::default();
    let mut frames: Vec<&str> = Vec::new();
    for line in script.lines().chain([""]) {
        if let Some(frame) = line.trim().split_once(' ').map(|(_address, symbol)| symbol) {
            frames.push(frame);
            continue;
        }
        if frames.is_empty() {
            continue;
        }
        profile.samples += 1;
        let timed = frames.iter().any(|f| f.contains(TIMED))
            && !frames.iter().any(|f| UNTIMED.iter().any(|untimed| f.contains(untimed)));
        if timed {
            profile.timed += 1;
            *profile.by_frame.entry(frames[0].to_owned()).or_default() += 1;
            let caller = frames.iter().find(|f| !in_std(f)).unwrap_or(&frames[0]);
            *profile.by_caller.entry((*caller).to_owned()).or_default() += 1;
        }
        frames.clear();
    }
    profile
}

/// Criterion's estimate, nanoseconds: the middle value of its `time: [low mid high]` line.
fn estimate(stdout: &str) -> Option<f64> {
    let line = stdout.lines().find(|l| l.trim_start().starts_with("time:"))?;
    let inside = line.split_once('[')?.1.split_once(']')?.0;
    let fields: Vec<&str> = inside.split_whitespace().collect();
    let [_, _, mid, unit, ..] = fields[..] else { return None };
    let scale = match unit {
        "ps" => 1e-3,
        "ns" => 1.0,
        "µs" | "us" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        _ => return None,
    };
    Some(mid.parse::<f64>().ok()? * scale)
}

/// A table of `counts` (samples per frame, headed `what`): each frame's samples, share of the
/// timed samples and nanoseconds per operation, largest first; the frames past [`LISTED`] in one
/// row.
fn table(what: &str, counts: &BTreeMap<String, u64>, profile: &Profile, ns_per_op: f64) -> String {
    let mut rows: Vec<(&String, &u64)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let timed = profile.timed.max(1) as f64;
    let row = |frame: &str, n: u64| {
        let share = n as f64 / timed;
        format!("| {frame} | {n} | {:.1} % | {:.1} |\n", share * 100.0, share * ns_per_op)
    };
    let mut out = format!("| {what} | samples | share | ns per operation |\n|---|---:|---:|---:|\n");
    for (frame, &n) in rows.iter().take(LISTED) {
        out.push_str(&row(&frame.replace('|', "\\|"), n));
    }
    let rest: u64 = rows.iter().skip(LISTED).map(|(_, &n)| n).sum();
    if rest > 0 {
        out.push_str(&row(&format!("{} other frames", rows.len() - LISTED), rest));
    }
    out
}

/// Runs the profile of `spec` for `seconds` of criterion measurement and prints its table.
///
/// # Errors
///
/// A bad spec (one line with the valid values), a missing `perf`, or a build, run or read that
/// fails.
pub(crate) fn run(root: &Path, spec: &str, seconds: f64) -> Result<(), String> {
    let bench = parse(spec)?;
    let (exe, dir) = build_for("perf", "linux-perf", "--profile", "bench-profile", root)?;
    let data = dir.join(format!("{}-{}-{}.perf.data", bench.op, bench.implementation, bench.others));
    let mut record = Command::new("perf");
    // cpu-clock: a virtual machine often has no hardware counters. DWARF stacks: the benchmark is
    // built without frame pointers, and only full stacks tell the timed loop from the firing.
    record.args(["record", "-e", "cpu-clock", "-F", "999", "--call-graph", "dwarf,16384", "-o"]);
    record.arg(&data).arg("--").arg(&exe);
    record.args(["--bench", "--noplot", "--discard-baseline", "--warm-up-time", "1", "--measurement-time"]);
    record.arg(seconds.to_string()).arg(format!("^{}$", bench.id()));
    eprintln!("$ {record:?}");
    let out = record.output().map_err(|e| format!("bench: cannot run perf: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("bench: perf record failed:\n{stdout}{}", String::from_utf8_lossy(&out.stderr)));
    }
    let ns_per_op = estimate(&stdout).ok_or_else(|| {
        format!("bench: criterion printed no estimate for {} (no such benchmark?):\n{stdout}", bench.id())
    })?;
    let mut script = Command::new("perf");
    script.args(["script", "-F", "ip,sym", "-i"]).arg(&data);
    eprintln!("$ {script:?}");
    let out = script.output().map_err(|e| format!("bench: cannot run perf script: {e}"))?;
    if !out.status.success() {
        return Err(format!("bench: perf script failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    let profile = tally(&String::from_utf8_lossy(&out.stdout));
    println!(
        "{} — {ns_per_op:.1} ns per operation (criterion); {} samples, {} in the timed loop ({:.1} %); {}\n",
        bench.id(),
        profile.samples,
        profile.timed,
        100.0 * profile.timed as f64 / profile.samples.max(1) as f64,
        data.display()
    );
    if profile.timed == 0 {
        return Err(
            "bench: no sample unwound to a `measured` frame; is perf able to read DWARF here?".to_owned()
        );
    }
    println!("{}", table("innermost frame", &profile.by_frame, &profile, ns_per_op));
    println!(
        "{}",
        table("innermost frame outside core, alloc and std", &profile.by_caller, &profile, ns_per_op)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_names_an_operation_an_implementation_and_a_size() {
        let bench = parse("seed2_loop/timerlab-async/1000000").expect("a valid spec");
        assert_eq!(
            bench,
            Benchmark { op: "seed2_loop", implementation: "timerlab-async", others: 1_000_000 }
        );
        assert_eq!(bench.id(), "seed2_loop/timerlab-async/1000000");
        for bad in
            ["seed2_loop/timerlab-async", "seed3/tokio/10", "seed2_loop/go/10", "seed2_loop/tokio/many"]
        {
            let message = parse(bad).expect_err(bad);
            assert!(message.contains("OP one of new_timer_stop,") && !message.contains('\n'), "{message}");
            assert!(message.contains("OTHERS one of 10, 1000, 100000, 1000000"), "{message}");
        }
        let message = parse("after_func_stop/tokio/10").expect_err("tokio has no AfterFunc");
        assert!(message.contains("no counterpart of after_func_stop"), "{message}");
    }

    #[test]
    fn only_samples_inside_measured_and_outside_the_collection_between_rounds_count() {
        let script = "\n\
            \t5a1 gotime::heap::TimerHeap::sift_up\n\
            \t5b2 gotime::state::State::arm\n\
            \t5c3 timers::gotime_ops::measured\n\
            \t5d4 main\n\
            \n\
            \t6a1 gotime::heap::TimerHeap::sift_down\n\
            \t6b2 timers::others::GotimeOthers::collect_leaked\n\
            \t6c3 timers::gotime_ops::measured\n\
            \n\
            \t7a1 <std::sys::sync::mutex::futex::Mutex>::lock (inlined)\n\
            \t7b2 timers::tokio_ops::measured\n\
            \n\
            \n\
            \tffffffff8146ae80 do_syscall_64\n\
            \t8a1 criterion::analysis::estimates::stats\n\
            \t5a1 gotime::heap::TimerHeap::sift_up\n\
            \t5c3 timers::gotime_ops::measured";
        let profile = tally(script);
        assert_eq!((profile.samples, profile.timed), (4, 3));
        let expected: BTreeMap<String, u64> = [
            ("gotime::heap::TimerHeap::sift_up".to_owned(), 1),
            ("<std::sys::sync::mutex::futex::Mutex>::lock (inlined)".to_owned(), 1),
            ("do_syscall_64".to_owned(), 1),
        ]
        .into();
        assert_eq!(profile.by_frame, expected);
        let expected: BTreeMap<String, u64> = [
            ("gotime::heap::TimerHeap::sift_up".to_owned(), 1),
            ("timers::tokio_ops::measured".to_owned(), 1),
            ("do_syscall_64".to_owned(), 1),
        ]
        .into();
        assert_eq!(profile.by_caller, expected, "the lock is charged to its caller");
    }

    #[test]
    fn the_estimate_is_criterions_middle_value_in_nanoseconds() {
        let out = "seed2_loop/timerlab-async/1000000\n                        time:   [163.41 ns 164.54 ns 166.02 ns]\n";
        assert_eq!(estimate(out), Some(164.54));
        assert_eq!(estimate("x\n  time:   [1.5000 µs 2.0000 µs 2.5000 µs]"), Some(2_000.0));
        assert_eq!(estimate("nothing measured"), None);
    }

    #[test]
    fn each_frame_gets_its_share_of_the_estimate_and_the_tail_one_row() {
        let mut by_frame = BTreeMap::new();
        for i in 0..LISTED + 2 {
            by_frame.insert(format!("f{i:02}"), 1);
        }
        by_frame.insert("hot|spot".to_owned(), 66);
        let profile = Profile { samples: 200, timed: 100, by_frame, by_caller: BTreeMap::new() };
        let table = table("innermost frame", &profile.by_frame, &profile, 50.0);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[2], "| hot\\|spot | 66 | 66.0 % | 33.0 |");
        assert_eq!(lines.len(), 2 + LISTED + 1, "{table}");
        assert_eq!(*lines.last().expect("a row"), "| 3 other frames | 3 | 3.0 % | 1.5 |");
    }
}
