//! The worked example of docs/ENGINES.md (examples/buffered_timers.rs) compiles, conforms to
//! every async row, and fails claiming sync exactly where Go's modes differ.

#[path = "../examples/buffered_timers.rs"]
mod buffered_timers;

use gotime::Semantics;
use timerlab_engines::{conform, Corpus, Status};

#[test]
fn the_worked_example_conforms_to_every_async_row() {
    let report = conform(&buffered_timers::candidate(), Semantics::Async);
    assert!(report.passed(), "{report}");
    assert_eq!(report.count(Status::NotApplicable), 0);
}

#[test]
fn the_worked_example_claiming_sync_fails_only_where_go_modes_differ() {
    let corpus = Corpus::workspace().expect("the corpus loads");
    let report = corpus.conform(&buffered_timers::candidate(), Semantics::Sync);
    for row in report.rows() {
        let differ = corpus.modes_differ(row.row) == Some(true);
        match row.status {
            Status::Fail => assert!(differ, "{} fails though Go's modes agree\n{report}", row.row.situation),
            Status::Pass => {
                assert!(!differ, "{} passes though Go's modes differ\n{report}", row.row.situation)
            }
            Status::NotApplicable | Status::Unreliable => {}
        }
    }
}
