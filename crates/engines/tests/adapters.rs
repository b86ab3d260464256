//! The three library adapters under the conformance harness, claiming each semantics, and the
//! tables of docs/ENGINES.md they produce. The real-time ones (crossbeam, futures-timer) take a
//! few seconds each; each matrix is computed once and shared by the tests.

#[path = "support/docs.rs"]
mod docs;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use gotime::Semantics;
use timerlab_engines::adapters::{crossbeam_after, futures_delay, tokio_sleep};
use timerlab_engines::{verdict_table, Behaviours, Corpus, Matrix, Status, Verdict};

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| Corpus::workspace().expect("the corpus loads"))
}

fn tokio() -> &'static Matrix {
    static M: OnceLock<Matrix> = OnceLock::new();
    M.get_or_init(|| corpus().matrix(&tokio_sleep::subject()))
}

fn crossbeam() -> &'static Matrix {
    static M: OnceLock<Matrix> = OnceLock::new();
    M.get_or_init(|| corpus().matrix(&crossbeam_after::subject()))
}

fn futures_timer() -> &'static Matrix {
    static M: OnceLock<Matrix> = OnceLock::new();
    M.get_or_init(|| corpus().matrix(&futures_delay::subject()))
}

fn rows_with(m: &Matrix, verdict: Verdict) -> BTreeSet<&'static str> {
    m.rows().into_iter().filter(|r| r.verdict == verdict).map(|r| r.row.situation).collect()
}

fn verdict_of(m: &Matrix, situation: &str) -> Verdict {
    m.rows().into_iter().find(|r| r.row.situation == situation).expect("a row of ROWS").verdict
}

fn matches(semantics: &[Semantics]) -> Verdict {
    Verdict::Matches(Behaviours::of(semantics))
}

/// A Go ≤ 1.22 look-alike: everything passes claiming async, and on every row it matches
/// exactly the behaviours the corpus expects to print as async does there.
fn assert_behaves_like_go_1_22(m: &Matrix) {
    let async_report = m.report(Semantics::Async);
    assert!(async_report.passed(), "{async_report}");
    assert_eq!(async_report.count(Status::Unreliable), 0);
    for r in m.rows().into_iter().filter(|r| r.verdict != Verdict::NotApplicable) {
        let expected = Verdict::Matches(corpus().agreeing_with(r.row, Semantics::Async));
        assert_eq!(r.verdict, expected, "{}\n{m}", r.row.situation);
    }
    assert!(rows_with(m, Verdict::NoBehaviour).is_empty(), "{m}");
}

#[test]
fn the_tokio_port_behaves_like_go_1_22_on_every_row() {
    assert_behaves_like_go_1_22(tokio());
}

#[test]
fn the_tokio_port_keeps_dropped_timers_alive_until_they_fire_as_go_1_22_does() {
    // A dropped JoinHandle detaches its task, so `live` (alive tasks) counts the leak: #8898.
    let row = "unreferenced timer never stopped (time.After in a loop)";
    assert_eq!(verdict_of(tokio(), row), matches(&[Semantics::Async]), "{}", tokio());
}

#[test]
fn the_futures_timer_port_behaves_like_go_1_22_on_every_row() {
    assert_behaves_like_go_1_22(futures_timer());
}

#[test]
fn crossbeam_matches_no_behaviour_where_stop_reports_false_but_discards_the_value() {
    // Stop swaps the channel for never(): false like Go 1.22 (the deadline passed), yet the value
    // is gone like Go 1.23.
    let m = crossbeam();
    for row in [
        "Stop after expiry, value not received",
        "drain idiom on an expired, unreceived timer",
        "Reset on an expired, unreceived timer",
        "S2 Reset without Stop/drain",
        "S2 Stop / drain / Reset",
    ] {
        assert_eq!(verdict_of(m, row), Verdict::NoBehaviour, "{row}\n{m}");
    }
}

#[test]
fn crossbeam_ticks_after_a_late_receive_come_a_period_after_the_receive_not_on_the_grid() {
    // tick's next delivery is `now + period` after a receive: missed grid points shift the grid.
    assert_eq!(
        verdict_of(crossbeam(), "late receive after missed ticks"),
        Verdict::NoBehaviour,
        "{}",
        crossbeam()
    );
}

#[test]
fn crossbeam_leaves_nothing_behind_a_stopped_ticker_as_go_1_23_does() {
    assert_eq!(verdict_of(crossbeam(), "Stop"), matches(&[Semantics::Sync]), "{}", crossbeam());
}

#[test]
fn crossbeam_rows_needing_after_func_or_a_live_count_are_not_applicable() {
    let m = crossbeam();
    for row in [
        "Reset while pending",
        "a dropped, pending AfterFunc still runs",
        "unreferenced timer never stopped (time.After in a loop)",
        "unreferenced, unstopped Ticker / Tick",
        "S1 fix: context cancellation",
    ] {
        assert_eq!(verdict_of(m, row), Verdict::NotApplicable, "{row}\n{m}");
    }
    assert_eq!(verdict_of(m, "value delivered"), Verdict::Matches(Behaviours::ALL), "{m}");
}

#[test]
fn no_real_time_run_was_unreliable() {
    for m in [crossbeam(), futures_timer()] {
        for report in &m.reports {
            assert_eq!(report.count(Status::Unreliable), 0, "{}", report.failures());
        }
    }
}

#[test]
fn the_tables_of_docs_engines_md_are_the_ones_the_harness_computes() {
    docs::check_block("verdicts", &verdict_table(corpus(), &[tokio(), crossbeam(), futures_timer()]));
    docs::check_block("matrix tokio", &tokio().markdown());
    docs::check_block("matrix crossbeam", &crossbeam().markdown());
    docs::check_block("matrix futures-timer", &futures_timer().markdown());
}
