//! Behaviours the virtual clock pins down but real Go cannot show deterministically (events at
//! the same instant, a timer due now before any runtime check, the end of time), so they are not
//! in the oracle corpus. Each runs on both engines; expectations are derived from SEMANTICS.md.

use gotime::Semantics;
use timerlab_script::{replay_source, EngineKind};

/// Runs `src` on both engines in `semantics` and checks both print `expected`.
fn prints(src: &str, semantics: Semantics, expected: &str) {
    for engine in EngineKind::BOTH {
        let out =
            replay_source("inline.tl", src.as_bytes(), Some(semantics), engine).expect("a valid script");
        assert_eq!(out, expected, "{engine} engine, {semantics} mode, script:\n{src}");
    }
}

#[test]
fn a_timer_due_now_fires_at_the_next_advance_even_advance_0_in_async_mode() {
    let src = "timer t 0\nrecv t\nlen t\nadvance 0\nrecv t\n";
    prints(src, Semantics::Async, "recv t = empty\nlen t = 0\nrecv t = @0s\n");
}

#[test]
fn a_timer_due_now_is_receivable_at_once_in_sync_mode() {
    let src = "timer t 0\nrecv t\nlen t\nadvance 0\nrecv t\n";
    prints(src, Semantics::Sync, "recv t = @0s\nlen t = 0\nrecv t = empty\n");
}

#[test]
fn a_timer_due_now_is_buffered_for_the_first_look_in_async_collected_mode() {
    // asynctimerchan=2: every look runs a due timer first (runtime/time.go maybeRunChan,
    // runtime/chan.go chanlen), so `len` sees the value before any runtime check.
    let src = "timer t 0\nlen t\nrecv t\nlen t\nadvance 0\nrecv t\n";
    prints(src, Semantics::AsyncCollected, "len t = 1\nrecv t = @0s\nlen t = 0\nrecv t = empty\n");
}

#[test]
fn a_negative_advance_moves_no_time_but_is_a_runtime_check() {
    for semantics in Semantics::ALL {
        prints("advance 3s\ntimer t -1s\nadvance -5s\nrecv t\n", semantics, "recv t = @3s\n");
    }
}

#[test]
fn stopping_a_timer_due_now_before_any_runtime_check_returns_true_in_async_and_sync_modes() {
    for semantics in [Semantics::Async, Semantics::Sync] {
        prints("timer t -1s\nstop t\nadvance 1s\nrecv t\n", semantics, "stop t = true\nrecv t = empty\n");
    }
}

#[test]
fn stopping_a_timer_due_now_returns_false_and_leaves_its_value_in_async_collected_mode() {
    // Stop runs the due timer first (runtime/time.go, stop → maybeRunAsync), then finds it fired.
    let src = "timer t -1s\nstop t\nadvance 1s\nrecv t\n";
    prints(src, Semantics::AsyncCollected, "stop t = false\nrecv t = @0s\n");
}

#[test]
fn timers_due_at_the_same_instant_fire_in_creation_order_even_after_a_reset() {
    let src = "afterfunc f 2s\nafterfunc g 1s\nreset g 2s\nafterfunc h 2s\nadvance 3s\n";
    for semantics in Semantics::ALL {
        prints(src, semantics, "reset g = true\nfired f @2s\nfired g @2s\nfired h @2s\n");
    }
}

#[test]
fn at_the_end_of_time_every_new_deadline_overflows_and_never_fires() {
    let src = "timer t 1s\nadvance 2562047h47m16.854775807s\nrecv t\ntimer u 1s\nwait u\nlive\n";
    for semantics in Semantics::ALL {
        prints(src, semantics, "recv t = @1s\nwait u = deadlock\nlive = 1\n");
    }
}

#[test]
fn a_nanosecond_ticker_over_an_hour_drops_every_missed_tick() {
    let src = "ticker k 1ns\nadvance 1h\nrecv k\nrecv k\nwait k\n";
    for semantics in Semantics::ALL {
        prints(src, semantics, "recv k = @1ns\nrecv k = empty\nwait k = @1h0m0.000000001s\n");
    }
}

#[test]
fn the_script_mode_line_applies_unless_the_caller_overrides_it() {
    let src = b"mode sync\ntimer t 1s\nadvance 2s\nstop t\n";
    let run = |semantics| replay_source("inline.tl", src, semantics, EngineKind::Model).expect("valid");
    assert_eq!(run(None), "stop t = true\n");
    assert_eq!(run(Some(Semantics::Async)), "stop t = false\n");
}

#[test]
fn without_a_mode_line_a_script_runs_in_async_mode() {
    let out = replay_source("inline.tl", b"timer t 1s\nadvance 2s\nlen t\n", None, EngineKind::Runtime);
    assert_eq!(out.expect("valid"), "len t = 1\n");
}

#[test]
fn replay_reports_an_unreadable_file_in_one_line() {
    let err = timerlab_script::replay(std::path::Path::new("no/such.tl"), None, EngineKind::Model)
        .expect_err("missing file");
    let text = err.to_string();
    assert!(text.starts_with("no/such.tl: cannot read: "), "{text}");
    assert!(!text.contains('\n'));
}
