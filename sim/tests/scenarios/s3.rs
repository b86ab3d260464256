//! S3, the drain that hangs: each re-arm of the batch timer in every behaviour and in the
//! releases around golang/go#69312, with the expected verdicts derived from Go's semantics
//! (docs/SCENARIOS.md, "S3"), for several seeds.

use gotime::{GoDuration, Semantics};
use timerlab_sim::{
    run, Behaviour, Event, GoBuild, Hang, Preset, RunConfig, RunReport, RunVerdict, VerdictKind,
};

use VerdictKind::{Bounded, Hang as Hung, SpuriousTimeout as Spurious};

/// Seeds of the verdict runs: the CLI's default and three others.
const SEEDS: [u64; 4] = [7, 1, 2, 0x5eed_0000_0000_0013];

/// Where each behaviour's column comes from: the behaviour alone (no release: no race), or the
/// program a release builds (`--go`).
#[derive(Clone, Copy, Debug)]
struct Column {
    semantics: Semantics,
    /// The toolchain, run with `GODEBUG=asynctimerchan` set for `semantics`; `None`: the
    /// semantics named directly.
    go: Option<&'static str>,
}

impl Column {
    fn behaviour(self) -> Behaviour {
        match self.go {
            None => self.semantics.into(),
            Some(go) => GoBuild::new(go)
                .godebug(&format!("asynctimerchan={}", self.semantics.asynctimerchan()))
                .into(),
        }
    }
}

const ASYNC: Column = Column { semantics: Semantics::Async, go: None };
const ASYNC_COLLECTED: Column = Column { semantics: Semantics::AsyncCollected, go: None };
/// Go ≥ 1.23.2's sync timers: the behaviour alone.
const SYNC: Column = Column { semantics: Semantics::Sync, go: None };
/// Go 1.23.1's sync timers, with golang/go#69312.
const GO_1_23_1: Column = Column { semantics: Semantics::Sync, go: Some("1.23.1") };

/// The expected verdicts, derived before any run from docs/SEMANTICS.md and the loom models:
///
/// - blocking-drain drains only after a full batch, where the value was not received. A Stop in
///   the firing's window returns false and the drain waits for the value in flight (async, as
///   `loom_drain_vs_fire`), or returns true and never drains (Go ≥ 1.23.2); only Go 1.23.1's
///   Stop voids the send and leaves the drain waiting forever.
/// - drain-after-receive drains after the timeout's own case too: Stop returns false after a
///   receive and nothing ever comes again, in every behaviour (golang/go#27169).
/// - non-blocking-drain never waits: in the window a buffered channel's value lands after the
///   drain found nothing, and the next select takes it at once (golang/go#14038); a sync
///   channel has no such value (Go 1.23.1's was voided).
/// - no-drain leaves a buffered value that fired before the Reset (golang/go#11513); sync's
///   Reset discards it (Go 1.23.1's Reset voids or drains it).
/// - timer-per-flush never reads a channel again after it stopped its timer.
const EXPECTED: [(&str, [VerdictKind; 4]); 5] = [
    ("blocking-drain", [Bounded, Bounded, Bounded, Hung]),
    ("drain-after-receive", [Hung, Hung, Hung, Hung]),
    ("non-blocking-drain", [Spurious, Spurious, Bounded, Bounded]),
    ("no-drain", [Spurious, Spurious, Bounded, Bounded]),
    ("timer-per-flush", [Bounded, Bounded, Bounded, Bounded]),
];
const COLUMNS: [Column; 4] = [ASYNC, ASYNC_COLLECTED, SYNC, GO_1_23_1];

/// A quick-preset S3 run in `column`, with `params` set.
fn s3(variant: &str, column: Column, seed: u64, params: &[(&str, &str)]) -> RunReport {
    let mut config = RunConfig::new("s3", variant, column.behaviour(), seed).with_preset(Preset::Quick);
    for (key, value) in params {
        config = config.with_param(key, value);
    }
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{variant} {column:?}: {e}"))
}

/// The quick-preset trace of `variant` in `column`, for the snapshots.
pub(crate) fn quick_s3(variant: &str, semantics: Semantics, go: Option<&'static str>) -> RunReport {
    s3(variant, Column { semantics, go }, 7, &[])
}

fn hang_of(r: &RunReport) -> Hang {
    match r.verdict {
        RunVerdict::Hang(hang) => hang,
        other => panic!("{}/{}: expected a hang, got {other}: {}", r.variant, r.semantics, r.repro()),
    }
}

#[test]
fn every_variant_shows_its_derived_verdict_in_every_behaviour_and_on_go_1_23_1_for_several_seeds() {
    for (variant, kinds) in EXPECTED {
        for (column, kind) in COLUMNS.into_iter().zip(kinds) {
            for seed in SEEDS {
                let r = s3(variant, column, seed, &[]);
                assert_eq!(r.verdict.kind(), kind, "{variant} {column:?} seed {seed}: {}", r.repro());
                assert_eq!(r.expected, kind, "{variant} {column:?}: the registry agrees");
            }
        }
    }
}

#[test]
fn each_release_runs_the_verdicts_of_its_behaviour_and_only_go_1_23_0_and_1_23_1_hang_the_blocking_drain() {
    // (release, semantics, the column whose verdicts it must show)
    let releases = [
        // Go 1.22 has no asynctimerchan (it ignores the setting): async, its only behaviour.
        ("1.22.10", Semantics::Async, 0),
        ("1.23.1", Semantics::Async, 0),
        ("1.23.1", Semantics::AsyncCollected, 1),
        ("1.26.6", Semantics::AsyncCollected, 1),
        ("1.23.2", Semantics::Sync, 2),
        ("1.26.6", Semantics::Sync, 2),
        ("1.27.3", Semantics::Sync, 2),
        ("1.23.0", Semantics::Sync, 3),
        ("1.23.1", Semantics::Sync, 3),
    ];
    for (go, semantics, column) in releases {
        for (variant, kinds) in EXPECTED {
            let r = s3(variant, Column { semantics, go: Some(go) }, 7, &[]);
            assert_eq!(r.verdict.kind(), kinds[column], "{variant} on go{go} {semantics}: {}", r.repro());
            assert_eq!(r.expected, kinds[column], "{variant} on go{go} {semantics}: expected per release");
        }
    }
}

/// Line and column of `call` in the body of `function` in s3/variants.rs: the site a
/// `#[track_caller]` call there reports (its column is the method name's).
fn site_in_variants(function: &str, call: &str) -> (u32, u32) {
    let source = include_str!("../../src/scenarios/s3/variants.rs");
    let start = source.find(function).unwrap_or_else(|| panic!("{function} in variants.rs"));
    let line = source[..start].matches('\n').count() as u32 + 1;
    let (i, text) = source[start..]
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(call))
        .expect("the call in the function");
    let method = call.find('.').map_or(0, |dot| dot + 1);
    (line + i as u32, (text.find(call).unwrap() + method + 1) as u32)
}

#[test]
fn a_hang_names_the_batcher_the_blocking_receive_and_the_timer() {
    let timer = site_in_variants("fn first_timer", "rt.new_timer(d)");
    let cases = [
        ("blocking-drain", GO_1_23_1, "async fn blocking_drain"),
        ("drain-after-receive", ASYNC, "async fn drain_after_receive"),
        ("drain-after-receive", ASYNC_COLLECTED, "async fn drain_after_receive"),
        ("drain-after-receive", SYNC, "async fn drain_after_receive"),
    ];
    for (variant, column, function) in cases {
        let r = s3(variant, column, 7, &[]);
        let hang = hang_of(&r);
        assert_eq!(hang.task, "batcher");
        let receive = (hang.receive.line, hang.receive.column);
        assert_eq!(receive, site_in_variants(function, "g.recv(t.c())"), "{variant} {column:?}: <-t.C");
        assert!(hang.receive.file.ends_with("scenarios/s3/variants.rs"), "{}", hang.receive);
        let made = hang.timer.expect("a timer's channel");
        assert_eq!((made.line, made.column), timer, "{variant} {column:?}: time.NewTimer");
        assert_eq!(r.sites[0].site, made.to_string(), "the profile names the same timer");
        let events: Vec<_> = r.events.iter().filter(|e| matches!(e.event, Event::Hang(_))).collect();
        assert_eq!(events.len(), 1, "{variant} {column:?}: one task, one hang");
        assert_eq!(events[0].event, Event::Hang(hang));
    }
}

#[test]
fn the_blocking_drain_hangs_on_go_1_23_1_exactly_at_a_firing_window_and_never_without_one() {
    for seed in SEEDS {
        let r = s3("blocking-drain", GO_1_23_1, seed, &[]);
        let hung = r.events.iter().find(|e| matches!(e.event, Event::Hang(_))).expect("a hang").at;
        let window = r.events.iter().any(|e| e.at == hung && e.event == Event::FiringWindow);
        assert!(window, "seed {seed}: hung at {hung} without the batcher in a firing's window");
        // race=0: the firing always completes before the batcher runs; Stop then drains the
        // hidden buffer and returns true (Go 1.23.1's timerchandrain), and nothing hangs.
        let r = s3("blocking-drain", GO_1_23_1, seed, &[("race", "0")]);
        assert_eq!(r.verdict, RunVerdict::Bounded, "seed {seed}: {}", r.repro());
        assert!(!r.events.iter().any(|e| e.event == Event::FiringWindow));
    }
}

#[test]
fn after_a_hang_nothing_is_exported_and_the_queue_fills_then_drops_spans() {
    for (variant, column) in [("blocking-drain", GO_1_23_1), ("drain-after-receive", ASYNC)] {
        let r = s3(variant, column, 7, &[]);
        let hung = r.events.iter().find(|e| matches!(e.event, Event::Hang(_))).expect("a hang").at;
        let after: Vec<_> = r.samples.iter().filter(|s| s.at > hung).collect();
        assert!(after.windows(2).all(|w| w[0].timeouts == w[1].timeouts), "no timeout export after the hang");
        // 2048 queued spans of 1 KiB over the 4 MiB baseline; the stopped timer is not live.
        let full = 4 * 1024 * 1024 + 2048 * 1024;
        assert_eq!(after.last().map(|s| (s.memory, s.live)), Some((full, 0)), "{variant} {column:?}");
        let dropping =
            r.events.iter().find(|e| matches!(&e.event, Event::Phase { name } if name.contains("dropping")));
        assert!(dropping.is_some_and(|e| e.at > hung), "{variant}: the queue overflows after the hang");
        assert!(
            r.messages <= 2 * 512,
            "{variant}: at most the batches exported before the hang: {}",
            r.messages
        );
    }
}

#[test]
fn every_spurious_flush_takes_a_stale_value_at_once_in_async_modes_only() {
    for variant in ["non-blocking-drain", "no-drain"] {
        for column in COLUMNS {
            for seed in SEEDS {
                let r = s3(variant, column, seed, &[]);
                let spurious: Vec<GoDuration> = r
                    .events
                    .iter()
                    .filter_map(|e| match e.event {
                        Event::Timeout { waited, spurious: true } => Some(waited),
                        _ => None,
                    })
                    .collect();
                assert_eq!(
                    spurious.len() as u64,
                    r.spurious_timeouts,
                    "{variant} {column:?}: one event each"
                );
                assert!(spurious.iter().all(|w| *w == GoDuration::ZERO), "{variant}: {spurious:?}");
                assert_eq!(
                    spurious.is_empty(),
                    !column.semantics.buffered_channels(),
                    "{variant} {column:?}"
                );
            }
        }
    }
}

#[test]
fn without_the_firing_window_the_non_blocking_drain_is_correct_and_no_drain_still_is_not() {
    // race=0: no Stop or Reset ever lands between a firing's halves. The non-blocking drain's
    // only stale values came from there; no-drain's also come from a value that fired before a
    // full batch's Reset, which a buffered channel keeps.
    for column in [ASYNC, ASYNC_COLLECTED] {
        for seed in SEEDS {
            let r = s3("non-blocking-drain", column, seed, &[("race", "0")]);
            assert_eq!(r.verdict, RunVerdict::Bounded, "{column:?} seed {seed}: {}", r.repro());
            let r = s3("no-drain", column, seed, &[("race", "0")]);
            assert_eq!(r.verdict.kind(), Spurious, "{column:?} seed {seed}: {}", r.repro());
        }
    }
}

#[test]
fn every_variant_holds_one_live_timer_and_only_timer_per_flush_makes_one_per_export() {
    for (variant, _) in EXPECTED {
        for column in COLUMNS {
            let r = s3(variant, column, 7, &[]);
            assert_eq!(r.over_bound_checks, 0, "{variant} {column:?}: never two live timers");
            assert!(r.peak_live <= 1, "{variant} {column:?}");
            let created: u64 = r.end_sites.iter().map(|s| s.created).sum();
            if variant == "timer-per-flush" {
                // At least one export per 5 s burst of a full batch, at most two (a timeout
                // and a full batch), over 10 minutes; plus the first timer.
                assert!((121..=241).contains(&created), "{column:?}: {created} timers");
            } else {
                assert_eq!(created, 1, "{variant} {column:?}: one timer, re-armed");
            }
        }
    }
}

#[test]
fn the_same_seed_renders_the_same_trace_and_another_seed_another() {
    use timerlab_sim::render_trace;
    for (variant, column) in [("blocking-drain", GO_1_23_1), ("non-blocking-drain", ASYNC_COLLECTED)] {
        let (a, b) = (s3(variant, column, 42, &[]), s3(variant, column, 42, &[]));
        assert_eq!(render_trace(&a), render_trace(&b), "{variant} {column:?}");
        assert_eq!(a.events, b.events);
        let c = s3(variant, column, 43, &[]);
        let body = |t: String| t.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_ne!(body(render_trace(&a)), body(render_trace(&c)), "{variant} {column:?}: the seed matters");
    }
}

#[test]
fn a_release_that_cannot_run_the_semantics_is_a_one_line_error_in_gos_words() {
    let error = |c: RunConfig| run(&c, &mut |_, _| {}).expect_err("refused").to_string();
    let on = |go: &str, godebug: &str| {
        RunConfig::new("s3", "blocking-drain", GoBuild::new(go).godebug(godebug), 1)
            .with_preset(Preset::Quick)
    };
    let refused = error(on("1.27.3", "asynctimerchan=2"));
    assert!(refused.contains("removed GODEBUG \"asynctimerchan\""), "Go's own words: {refused}");
    let race = error(RunConfig::new("s3", "blocking-drain", Semantics::Sync, 1).with_param("race", "1.5"));
    assert_eq!(race, "invalid race \"1.5\": expected a number in 0..=1");
    let go = error(RunConfig::new("s3", "blocking-drain", Semantics::Sync, 1).with_param("go", "1.23.1"));
    assert!(
        go.starts_with("scenario s3 has no parameter \"go\""),
        "the release is the run's behaviour (--go): {go}"
    );
}
