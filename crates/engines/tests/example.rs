//! The worked example of docs/ENGINES.md (examples/buffered_timers.rs) compiles, conforms to
//! every async row, and fails claiming another behaviour exactly where that behaviour's
//! expected outputs differ from async's.

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
fn the_worked_example_claiming_another_behaviour_fails_only_where_it_differs_from_async() {
    let corpus = Corpus::workspace().expect("the corpus loads");
    for claimed in [Semantics::AsyncCollected, Semantics::Sync] {
        let report = corpus.conform(&buffered_timers::candidate(), claimed);
        for row in report.rows() {
            let differs = !corpus.agreeing_with(row.row, Semantics::Async).contains(claimed);
            let situation = row.row.situation;
            match row.status {
                Status::Fail => {
                    assert!(differs, "{situation} fails though {claimed} prints as async\n{report}")
                }
                Status::Pass => assert!(!differs, "{situation} passes though {claimed} differs\n{report}"),
                Status::NotApplicable | Status::Unreliable => {}
            }
        }
    }
}
