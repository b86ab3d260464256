//! The harness on the two reference implementations, which must conform in every behaviour, and
//! the row mapping against the corpus.

use gotime::Semantics;
use timerlab_engines::rows::{row_of, ROWS};
use timerlab_engines::{conform, golden_name, Candidate, Corpus, Source, Status};
use timerlab_script::{Engine, ModelEngine, RuntimeEngine};

#[test]
fn the_model_conforms_to_every_row_in_every_semantics() {
    let model = Candidate::new("model", |s| Box::new(ModelEngine::new(s)) as Box<dyn Engine>);
    for semantics in Semantics::ALL {
        let report = conform(&model, semantics);
        assert!(report.passed(), "{report}");
        assert_eq!(report.count(Status::NotApplicable), 0, "{report}");
    }
}

#[test]
fn the_runtime_conforms_to_every_row_in_every_semantics() {
    let runtime = Candidate::new("runtime", |s| Box::new(RuntimeEngine::new(s)) as Box<dyn Engine>);
    for semantics in Semantics::ALL {
        let report = conform(&runtime, semantics);
        assert!(report.passed(), "{report}");
    }
}

#[test]
fn the_model_claiming_another_semantics_fails_exactly_where_the_two_differ() {
    // Built for one behaviour, judged as another: every row where the corpus expects the two to
    // print differently must fail and every other row pass, so the harness tells them apart.
    let corpus = Corpus::embedded().expect("the corpus loads");
    for built in Semantics::ALL {
        for claimed in Semantics::ALL.into_iter().filter(|&s| s != built) {
            let liar = Candidate::new("model", move |_| Box::new(ModelEngine::new(built)) as Box<dyn Engine>);
            let report = corpus.conform(&liar, claimed);
            for row in report.rows() {
                let expected = match corpus.modes_differ(row.row) {
                    None => Status::NotApplicable,
                    Some(_) if corpus.agreeing_with(row.row, built).contains(claimed) => Status::Pass,
                    Some(_) => Status::Fail,
                };
                assert_eq!(
                    row.status, expected,
                    "{} (built {built}, claimed {claimed})\n{report}",
                    row.row.situation
                );
            }
        }
    }
}

#[test]
fn async_collected_differs_from_async_only_in_retention_and_from_sync_only_in_the_channel() {
    // What asynctimerchan=2 is (src/time/sleep.go, syncTimer): async's channel with sync's
    // collection. So every row where it differs from async is one where async and sync differ
    // too, and likewise for sync.
    let corpus = Corpus::embedded().expect("the corpus loads");
    let mut differs_from_async = 0;
    for row in ROWS {
        let with_async = corpus.agreeing_with(row, Semantics::Async);
        let with_sync = corpus.agreeing_with(row, Semantics::Sync);
        if !with_async.contains(Semantics::AsyncCollected) {
            differs_from_async += 1;
            assert!(!with_async.contains(Semantics::Sync), "{}", row.situation);
        }
        if !with_sync.contains(Semantics::AsyncCollected) {
            assert!(!with_sync.contains(Semantics::Async), "{}", row.situation);
        }
    }
    assert!(differs_from_async > 0, "some row shows async-collected's collection");
}

#[test]
fn every_corpus_script_belongs_to_exactly_one_row() {
    let corpus = Corpus::embedded().expect("the corpus loads");
    let unmapped: Vec<&str> =
        corpus.scripts().iter().map(|s| s.path.as_str()).filter(|p| row_of(p).is_none()).collect();
    assert!(unmapped.is_empty(), "scripts in no row of crates/engines/src/rows.rs: {unmapped:?}");
    assert!(corpus.scripts().len() >= 70, "only {} scripts", corpus.scripts().len());
}

#[test]
fn every_script_a_row_names_exists_in_the_corpus() {
    let corpus = Corpus::embedded().expect("the corpus loads");
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
    let corpus = Corpus::embedded().expect("the corpus loads");
    for s in corpus.scripts() {
        for semantics in Semantics::ALL {
            assert!(!s.expected(semantics).is_empty(), "scripts/{} has no {semantics} expectation", s.path);
        }
    }
}

#[test]
fn an_async_collected_expectation_is_read_from_its_own_file_wherever_one_exists() {
    // The async file stands in only for a script with no async-collected file of its own that
    // prints the same in both; Go's recordings have every script under asynctimerchan=2.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = Corpus::embedded().expect("the corpus loads");
    let mut own_derived = 0;
    for s in corpus.scripts() {
        for e in s.expected(Semantics::AsyncCollected) {
            match e.source {
                Source::Go => {
                    let own = format!("/asynctimerchan=2/{}", golden_name(&s.path));
                    assert!(e.file.ends_with(&own), "scripts/{}: {}", s.path, e.file);
                }
                Source::Derived => {
                    let own = format!("scripts/{}.async-collected.out", s.path.trim_end_matches(".tl"));
                    if root.join(&own).exists() {
                        own_derived += 1;
                        assert_eq!(e.file, own, "scripts/{}", s.path);
                    }
                }
            }
        }
    }
    assert!(own_derived > 0, "some scripts have an async-collected file of their own");
}

#[test]
fn a_semantics_blind_subject_runs_each_script_once_for_the_three_claims_and_a_following_one_once_each() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    let corpus = Corpus::embedded().expect("the corpus loads");
    let scripts = corpus.scripts().len();
    for blind in [true, false] {
        let runs = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&runs);
        let model = Candidate::new("model", move |s| {
            counted.fetch_add(1, Ordering::SeqCst);
            Box::new(ModelEngine::new(s)) as Box<dyn Engine>
        });
        let matrix = if blind { corpus.matrix(&model.semantics_blind()) } else { corpus.matrix(&model) };
        // The model follows the semantics, so only the following claim passes every row; what
        // is counted here is how often the subject was asked to run.
        let expected = if blind { scripts } else { scripts * Semantics::ALL.len() };
        assert_eq!(runs.load(Ordering::SeqCst), expected, "blind: {blind}\n{matrix}");
    }
}
