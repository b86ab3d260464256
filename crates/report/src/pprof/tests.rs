//! The heap profiles of `--pprof`, decoded with prost from the gzipped bytes written: sample
//! types, samples, stacks, string table and totals, against a report whose numbers are chosen
//! here, with the frames Go 1.22.10 and Go 1.23.9 show for each kind of timer — and those frames,
//! sample types and period against heap profiles written by real Go.

use std::io::Read as _;

use flate2::read::GzDecoder;
use gotime::{CostModel, Semantics, TimerKind};
use prost::Message as _;
use timerlab_sim::{RunReport, SiteProfile};

use super::proto::Profile;
use super::{file_name, heap_profile, DiffPair, GoRelease, Moment, ProfileFile, SAMPLE_TYPES};
use crate::{fixtures, Run};

const COSTS: CostModel = CostModel::GO_1_23;

fn site(site: &str, kind: TimerKind, live: u64, created: u64) -> SiteProfile {
    let bytes_per_timer = COSTS.bytes(kind);
    SiteProfile {
        site: site.to_owned(),
        kind: kind.go_name().to_owned(),
        live,
        peak: live,
        bytes: live * bytes_per_timer,
        created,
        bytes_per_timer,
    }
}

/// A one-minute run of `s1/leaky` in `semantics` with seed 7 whose profile at its peak holds
/// `sites` and at its end `end_sites`.
fn report(semantics: Semantics, sites: Vec<SiteProfile>, end_sites: Vec<SiteProfile>) -> RunReport {
    RunReport {
        peak_live: sites.iter().map(|s| s.live).sum(),
        sites,
        end_sites,
        ..fixtures::run("s1", "leaky", semantics, 7)
    }
}

/// A leaky `time.After` site, an `AfterFunc` site and a `NewTimer` site that created nothing.
fn three_sites() -> Vec<SiteProfile> {
    vec![
        site("sim/src/scenarios/s1/variants.rs:110:8", TimerKind::After, 4, 10),
        site("sim/src/scenarios/s1/context.rs:33:24", TimerKind::AfterFunc, 1, 3),
        site("sim/src/scenarios/s1/variants.rs:122:5", TimerKind::Timer, 0, 0),
    ]
}

/// What `go tool pprof` reads: the file's bytes, gunzipped and decoded.
fn decode(bytes: &[u8]) -> Profile {
    let mut raw = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut raw).expect("a gzip stream");
    Profile::decode(raw.as_slice()).expect("a profile.proto message")
}

fn string(p: &Profile, index: i64) -> &str {
    &p.string_table[usize::try_from(index).expect("a string index")]
}

/// The stack of sample `i`, leaf first, inlined frames expanded as pprof lists them:
/// `function file:line:column`.
fn stack(p: &Profile, i: usize) -> Vec<String> {
    let mut frames = Vec::new();
    for id in &p.sample[i].location_id {
        let location = p.location.iter().find(|l| l.id == *id).expect("a location per id");
        for line in &location.line {
            let f = p.function.iter().find(|f| f.id == line.function_id).expect("a function per id");
            frames.push(format!(
                "{} {}:{}:{}",
                string(p, f.name),
                string(p, f.filename),
                line.line,
                line.column
            ));
        }
    }
    frames
}

#[test]
fn the_sample_types_period_and_object_size_label_are_those_of_a_go_heap_profile() {
    let r = report(Semantics::Async, three_sites(), Vec::new());
    let p = decode(&ProfileFile::new(&r, Moment::Peak).bytes);
    let types: Vec<(&str, &str)> =
        p.sample_type.iter().map(|t| (string(&p, t.r#type), string(&p, t.unit))).collect();
    // runtime/pprof's writeHeapProto, in its order; pprof shows the last (inuse_space) by default.
    assert_eq!(
        types,
        [
            ("alloc_objects", "count"),
            ("alloc_space", "bytes"),
            ("inuse_objects", "count"),
            ("inuse_space", "bytes")
        ]
    );
    assert_eq!(p.default_sample_type, 0);
    let period = p.period_type.as_ref().expect("a period type");
    assert_eq!((string(&p, period.r#type), string(&p, period.unit), p.period), ("space", "bytes", 1));
    for sample in &p.sample {
        let [label] = sample.label.as_slice() else { panic!("one label: {:?}", sample.label) };
        assert_eq!((string(&p, label.key), label.str, label.num_unit), ("bytes", 0, 0));
    }
    assert_eq!(p.sample[0].label[0].num, 266, "a channel timer of the cost model");
    assert_eq!(p.sample[1].label[0].num, 130, "an AfterFunc of the cost model");
    assert_eq!((p.time_nanos, p.duration_nanos), (0, 0), "virtual time has no date");
}

#[test]
fn each_site_that_created_timers_is_one_sample_of_created_and_live_timers_and_their_bytes() {
    let r = report(Semantics::Async, three_sites(), Vec::new());
    let p = decode(&ProfileFile::new(&r, Moment::Peak).bytes);
    let values: Vec<&[i64]> = p.sample.iter().map(|s| s.value.as_slice()).collect();
    // alloc_objects = created, alloc_space = created × bytes per timer, inuse = live and bytes;
    // the NewTimer site created nothing and has no sample.
    assert_eq!(values, [&[10, 10 * 266, 4, 4 * 266][..], &[3, 3 * 130, 1, 130][..]]);
    let inuse_space: i64 = p.sample.iter().map(|s| s.value[3]).sum();
    assert_eq!(inuse_space as u64, r.sites.iter().map(|s| s.bytes).sum::<u64>());
}

#[test]
fn async_runs_show_go_1_22_s_frames_above_the_call_site_with_time_after_inlined_into_it() {
    let r = report(Semantics::Async, three_sites(), Vec::new());
    let p = heap_profile(&r, Moment::Peak);
    assert_eq!(
        stack(&p, 0),
        [
            "time.NewTimer time/sleep.go:88:0",
            "time.After time/sleep.go:157:0",
            "sim/src/scenarios/s1/variants.rs:110:8 sim/src/scenarios/s1/variants.rs:110:8",
        ]
    );
    assert_eq!(
        stack(&p, 1),
        [
            "time.AfterFunc time/sleep.go:165:0",
            "sim/src/scenarios/s1/context.rs:33:24 sim/src/scenarios/s1/context.rs:33:24"
        ]
    );
    // time.After is inlined: a line of the call site's location, not a location of its own.
    assert_eq!(p.sample[0].location_id.len(), 2);
    let caller = p.location.iter().find(|l| l.id == p.sample[0].location_id[1]).unwrap();
    assert_eq!(caller.line.len(), 2);
}

#[test]
fn sync_runs_show_go_1_23_s_runtime_constructor_time_new_timer_as_the_allocating_frame() {
    let r = report(Semantics::Sync, three_sites(), Vec::new());
    let p = heap_profile(&r, Moment::Peak);
    assert_eq!(
        stack(&p, 0),
        [
            "time.newTimer runtime/time.go:326:0",
            "time.NewTimer time/sleep.go:145:0",
            "time.After time/sleep.go:203:0",
            "sim/src/scenarios/s1/variants.rs:110:8 sim/src/scenarios/s1/variants.rs:110:8",
        ]
    );
    assert_eq!(
        stack(&p, 1),
        [
            "time.newTimer runtime/time.go:326:0",
            "time.AfterFunc time/sleep.go:211:0",
            "sim/src/scenarios/s1/context.rs:33:24 sim/src/scenarios/s1/context.rs:33:24"
        ]
    );
}

#[test]
fn the_string_table_starts_empty_and_every_index_and_id_resolves() {
    let r = report(Semantics::Sync, three_sites(), Vec::new());
    let p = heap_profile(&r, Moment::Peak);
    assert_eq!(p.string_table[0], "");
    let mut unique = p.string_table.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), p.string_table.len(), "each string once: {:?}", p.string_table);
    let in_table = |i: i64| usize::try_from(i).is_ok_and(|i| i < p.string_table.len());
    for f in &p.function {
        assert!(in_table(f.name) && in_table(f.system_name) && in_table(f.filename), "{f:?}");
    }
    assert!(p.comment.iter().all(|&c| in_table(c)));
    // Ids are 1, 2, 3, ... in table order, and every reference finds its entry.
    assert!(p.function.iter().enumerate().all(|(i, f)| f.id == i as u64 + 1));
    assert!(p.location.iter().enumerate().all(|(i, l)| l.id == i as u64 + 1));
    let functions = p.function.len() as u64;
    assert!(p.location.iter().flat_map(|l| &l.line).all(|l| (1..=functions).contains(&l.function_id)));
    let locations = p.location.len() as u64;
    assert!(p.sample.iter().flat_map(|s| &s.location_id).all(|id| (1..=locations).contains(id)));
    assert!(p.location.iter().all(|l| l.mapping_id == p.mapping[0].id));
    // The shared frames are one function and one location: time.newTimer serves both sites.
    let names: Vec<&str> = p.function.iter().map(|f| string(&p, f.name)).collect();
    assert_eq!(names.iter().filter(|&&n| n == "time.newTimer").count(), 1, "{names:?}");
    assert_eq!(p.sample[0].location_id[0], p.sample[1].location_id[0]);
}

#[test]
fn the_comments_name_the_run_the_moment_the_release_and_the_replay_command() {
    let r = report(Semantics::Async, three_sites(), Vec::new());
    let p = heap_profile(&r, Moment::End);
    let comments: Vec<&str> = p.comment.iter().map(|&c| string(&p, c)).collect();
    assert_eq!(
        comments,
        [
            "timerlab: s1/leaky/async seed=7, at its end",
            "frames as go1.22.10 shows them; bytes from timerlab's cost model",
            "replay: timerlab run s1 leaky --semantics async --seed 7",
        ]
    );
    assert_eq!(string(&p, p.mapping[0].filename), "s1-leaky-async");
}

#[test]
fn the_end_profile_is_the_report_s_last_check_and_the_peak_profile_its_peak() {
    let end = vec![site("sim/src/scenarios/s1/variants.rs:110:8", TimerKind::After, 2, 25)];
    let r = report(Semantics::Async, three_sites(), end);
    let peak = heap_profile(&r, Moment::Peak);
    let end = heap_profile(&r, Moment::End);
    assert_eq!(peak.sample.len(), 2);
    assert_eq!(end.sample.len(), 1);
    assert_eq!(end.sample[0].value, [25, 25 * 266, 2, 2 * 266]);
}

#[test]
fn a_run_without_timers_writes_a_valid_profile_without_samples() {
    let r = report(Semantics::Sync, Vec::new(), Vec::new());
    let p = decode(&ProfileFile::new(&r, Moment::Peak).bytes);
    assert!(p.sample.is_empty() && p.location.is_empty() && p.function.is_empty());
    assert_eq!(p.sample_type.len(), 4);
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let a = ProfileFile::both(&report(Semantics::Async, three_sites(), three_sites()));
    let b = ProfileFile::both(&report(Semantics::Async, three_sites(), three_sites()));
    assert_eq!(a, b);
}

#[test]
fn file_names_say_which_run_and_which_moment() {
    let r = report(Semantics::Sync, Vec::new(), Vec::new());
    assert_eq!(file_name(&r, Moment::Peak), "s1-leaky-sync-seed7.peak.pb.gz");
    assert_eq!(file_name(&r, Moment::End), "s1-leaky-sync-seed7.end.pb.gz");
    let names = ProfileFile::both(&r).map(|f| f.name);
    assert_eq!(names, ["s1-leaky-sync-seed7.peak.pb.gz", "s1-leaky-sync-seed7.end.pb.gz"]);
}

#[test]
fn a_diff_pairs_each_variant_s_async_run_with_its_sync_run_as_the_base() {
    let runs: Vec<Run> = [Semantics::Async, Semantics::Sync, Semantics::Async]
        .iter()
        .zip(["leaky", "leaky", "stop"])
        .map(|(&semantics, variant)| {
            let mut r = report(semantics, Vec::new(), Vec::new());
            r.variant = variant.to_owned();
            Run::new(r)
        })
        .collect();
    // `stop` ran in async only: nothing to compare it with.
    let pairs = DiffPair::all(&runs);
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].label(), "s1/leaky");
    assert_eq!(
        pairs[0].command(std::path::Path::new("out"), Moment::Peak),
        "go tool pprof -top -diff_base out/s1-leaky-sync-seed7.peak.pb.gz out/s1-leaky-async-seed7.peak.pb.gz"
    );
}

/// Heap profiles written by real Go, checked into `crates/report/tests/data/` as `go1.22.10.heap.pb.gz` and
/// `go1.23.9.heap.pb.gz`: this program (module `kinds`), built with `go build -trimpath` by
/// each release and run with the file's name as its argument.
///
/// ```go
/// package main
///
/// import (
///     "os"
///     "runtime"
///     "runtime/pprof"
///     "time"
/// )
///
/// var keep []any
///
/// func kinds() {
///     for i := 0; i < 1000; i++ {
///         keep = append(keep, time.NewTimer(time.Hour))
///         keep = append(keep, time.After(time.Hour))
///         keep = append(keep, time.AfterFunc(time.Hour, func() {}))
///         keep = append(keep, time.NewTicker(time.Hour))
///         keep = append(keep, time.Tick(time.Hour))
///     }
/// }
///
/// func main() {
///     runtime.MemProfileRate = 1
///     kinds()
///     runtime.GC()
///     f, _ := os.Create(os.Args[1])
///     pprof.WriteHeapProfile(f)
///     f.Close()
/// }
/// ```
fn go_profile(release: &GoRelease) -> Profile {
    let bytes: &[u8] = match release.version {
        "go1.22.10" => include_bytes!("../../tests/data/go1.22.10.heap.pb.gz"),
        "go1.23.9" => include_bytes!("../../tests/data/go1.23.9.heap.pb.gz"),
        other => panic!("no profile of {other}"),
    };
    decode(bytes)
}

/// The lines of `kinds` that create each kind of timer.
const KIND_LINES: [(TimerKind, i64); 5] = [
    (TimerKind::Timer, 14),
    (TimerKind::After, 15),
    (TimerKind::AfterFunc, 16),
    (TimerKind::Ticker, 17),
    (TimerKind::Tick, 18),
];

const RELEASES: [&GoRelease; 2] = [&GoRelease::GO_1_22_10, &GoRelease::GO_1_23_9];

#[test]
fn real_go_heap_profiles_decode_with_these_messages_and_have_the_same_sample_types_and_period() {
    for release in RELEASES {
        let p = go_profile(release);
        let types: Vec<(&str, &str)> =
            p.sample_type.iter().map(|t| (string(&p, t.r#type), string(&p, t.unit))).collect();
        assert_eq!(types, SAMPLE_TYPES, "{}", release.version);
        let period = p.period_type.as_ref().expect("a period type");
        assert_eq!((string(&p, period.r#type), string(&p, period.unit)), ("space", "bytes"));
        assert_eq!(p.period, 1, "{}: runtime.MemProfileRate = 1", release.version);
        let label = &p.sample.iter().find(|s| s.value[2] == 1000).expect("the timers").label[0];
        assert_eq!(string(&p, label.key), "bytes", "{}: the object-size label", release.version);
    }
}

#[test]
fn the_frames_above_each_kind_of_timer_are_those_real_go_allocates_the_timer_in() {
    for release in RELEASES {
        let p = go_profile(release);
        // The timer itself, not its channel or the channel's buffer: Go 1.22's `time.Timer`
        // (the channel and the 72-byte `runtimeTimer`), Go 1.23's `timeTimer` (the channel,
        // `init` and the runtime's `timer`).
        let timer_bytes = if release.version == "go1.22.10" { 80 } else { 112 };
        // Every stack holding 1,000 such objects, up to the call in `kinds`.
        let stacks: Vec<Vec<String>> = (0..p.sample.len())
            .filter(|&i| p.sample[i].value[2] == 1000 && p.sample[i].label[0].num == timer_bytes)
            .map(|i| {
                let mut frames = stack(&p, i);
                let site = frames.iter().position(|f| f.starts_with("main.kinds ")).expect("called by kinds");
                frames.truncate(site + 1);
                frames
            })
            .collect();
        for (kind, line) in KIND_LINES {
            let go = release.stack(kind);
            let mut expected: Vec<String> = go
                .calls
                .iter()
                .chain(&go.inlined)
                .map(|f| format!("{} {}:{}:0", f.func.name, f.func.file, f.line))
                .collect();
            expected.push(format!("main.kinds kinds/main.go:{line}:0"));
            assert!(
                stacks.contains(&expected),
                "{} {kind}: {expected:?} not in {stacks:#?}",
                release.version
            );
        }
    }
}

#[test]
fn the_go_functions_start_where_real_go_says_they_do() {
    for release in RELEASES {
        let p = go_profile(release);
        for kind in TimerKind::ALL {
            let go = release.stack(kind);
            for frame in go.calls.iter().chain(&go.inlined) {
                let real = p
                    .function
                    .iter()
                    .find(|f| string(&p, f.name) == frame.func.name)
                    .unwrap_or_else(|| panic!("{}: {} in the profile", release.version, frame.func.name));
                assert_eq!(
                    (string(&p, real.filename), real.start_line),
                    (frame.func.file, frame.func.start_line),
                    "{} {}",
                    release.version,
                    frame.func.name
                );
            }
        }
    }
}
