//! The harness on the two reference implementations, which must conform in both semantics, and
//! the row mapping against the corpus.

use gotime::Semantics;
use timerlab_engines::rows::{row_of, ROWS};
use timerlab_engines::{conform, Candidate, Corpus, Status};
use timerlab_script::{Engine, ModelEngine, RuntimeEngine};

#[test]
fn the_model_conforms_to_every_row_in_both_semantics() {
    let model = Candidate::new("model", |s| Box::new(ModelEngine::new(s)) as Box<dyn Engine>);
    for semantics in Semantics::BOTH {
        let report = conform(&model, semantics);
        assert!(report.passed(), "{report}");
        assert_eq!(report.count(Status::NotApplicable), 0, "{report}");
    }
}

#[test]
fn the_runtime_conforms_to_every_row_in_both_semantics() {
    let runtime = Candidate::new("runtime", |s| Box::new(RuntimeEngine::new(s)) as Box<dyn Engine>);
    for semantics in Semantics::BOTH {
        let report = conform(&runtime, semantics);
        assert!(report.passed(), "{report}");
    }
}

#[test]
fn the_model_claiming_the_other_semantics_fails_exactly_where_the_modes_differ() {
    // Built for one semantics, judged as the other: every row where Go's modes differ must fail
    // and every other row pass, so the harness can tell the semantics apart.
    let corpus = Corpus::workspace().expect("the corpus loads");
    for (built, claimed) in [(Semantics::Sync, Semantics::Async), (Semantics::Async, Semantics::Sync)] {
        let liar = Candidate::new("model", move |_| Box::new(ModelEngine::new(built)) as Box<dyn Engine>);
        let report = corpus.conform(&liar, claimed);
        for row in report.rows() {
            let expected = match corpus.modes_differ(row.row) {
                None => Status::NotApplicable,
                Some(true) => Status::Fail,
                Some(false) => Status::Pass,
            };
            assert_eq!(
                row.status, expected,
                "{} (built {built}, claimed {claimed})\n{report}",
                row.row.situation
            );
        }
    }
}

#[test]
fn every_corpus_script_belongs_to_exactly_one_row() {
    let corpus = Corpus::workspace().expect("the corpus loads");
    let unmapped: Vec<&str> =
        corpus.scripts().iter().map(|s| s.path.as_str()).filter(|p| row_of(p).is_none()).collect();
    assert!(unmapped.is_empty(), "scripts in no row of crates/engines/src/rows.rs: {unmapped:?}");
    assert!(corpus.scripts().len() >= 70, "only {} scripts", corpus.scripts().len());
}

#[test]
fn every_script_a_row_names_exists_in_the_corpus() {
    let corpus = Corpus::workspace().expect("the corpus loads");
    for row in ROWS {
        for script in row.scripts() {
            assert!(
                corpus.scripts().iter().any(|s| s.path == *script),
                "row {:?} names {script}, which is not in scripts/",
                row.situation
            );
        }
    }
}

#[test]
fn every_script_has_an_expected_output_in_each_semantics() {
    let corpus = Corpus::workspace().expect("the corpus loads");
    for s in corpus.scripts() {
        for semantics in Semantics::BOTH {
            assert!(!s.expected(semantics).is_empty(), "scripts/{} has no {semantics} expectation", s.path);
        }
    }
}
