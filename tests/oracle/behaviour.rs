//! Which semantics a recorded configuration is replayed in: [`behaviour_of`], gotime's resolver,
//! checked against what Go itself reported for every recorded setting and every refusal.

use gotime::release::GoProgram;
use gotime::Semantics;

use crate::golden::{manifests, root, Release};

/// What a program gets from Go: it runs with timer channels of the given semantics, or Go
/// refuses to start it with a message containing `message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Runs(Semantics),
    Refused { message: String },
}

/// The semantics a program's traces follow on `release`, when its main module says
/// `go 1.<go_line>` and GODEBUG holds `asynctimerchan` (None: no setting): gotime's own resolver
/// (`gotime::release`), which these recordings of real Go hold to account.
pub fn behaviour_of(release: Release, go_line: u32, asynctimerchan: Option<&str>) -> Outcome {
    let mut program = GoProgram::built_with(release.to_string()).go_mod(format!("1.{go_line}"));
    if let Some(value) = asynctimerchan {
        program = program.godebug(format!("asynctimerchan={value}"));
    }
    match program.resolve() {
        Ok(resolution) => Outcome::Runs(resolution.semantics),
        Err(refusal) => Outcome::Refused { message: refusal.to_string() },
    }
}

/// The behaviour `oracle -behaviour` observed: channel capacity, a stale value after Stop, and
/// whether a dropped timer was collected.
fn observed_semantics(observed: &str) -> Semantics {
    observed.parse().unwrap_or_else(|e| panic!("MANIFEST: {e}"))
}

#[test]
fn every_recorded_setting_runs_with_the_behaviour_go_reported() {
    let mut wrong = Vec::new();
    for m in manifests() {
        for s in &m.settings {
            let observed = s.observed.as_deref().expect("a setting with traces has an observed behaviour");
            let predicted = behaviour_of(m.release, s.go_line, s.asynctimerchan.as_deref());
            if predicted != Outcome::Runs(observed_semantics(observed)) {
                wrong.push(format!(
                    "{} {}: Go reported {observed}, the resolver says {predicted:?}",
                    m.release, s.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_recorded_refusal_is_predicted_with_go_s_own_message() {
    let mut wrong = Vec::new();
    for m in manifests() {
        for s in &m.refusals {
            let file = format!("{}/{}/REFUSED", m.dir, s.name);
            let text = std::fs::read_to_string(root().join(&file)).unwrap_or_default();
            match behaviour_of(m.release, s.go_line, s.asynctimerchan.as_deref()) {
                Outcome::Refused { message } if text.contains(&message) => {}
                Outcome::Refused { message } => {
                    wrong.push(format!("{file} does not hold Go's message {message:?}"))
                }
                runs => {
                    wrong.push(format!("{} {}: Go refused, the resolver says {runs:?}", m.release, s.name))
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn asynctimerchan_2_gives_async_channels_with_collected_timers_wherever_it_was_recorded() {
    let recorded: Vec<String> = manifests()
        .iter()
        .flat_map(|m| m.settings.iter().map(move |s| (m.release, s)))
        .filter(|(_, s)| s.asynctimerchan.as_deref() == Some("2"))
        .map(|(release, s)| format!("{release} {}", s.observed.as_deref().unwrap_or_default()))
        .collect();
    assert!(!recorded.is_empty(), "no release was recorded with asynctimerchan=2");
    for line in &recorded {
        assert!(line.ends_with(" async-collected"), "{line}: expected async-collected");
    }
}

#[test]
fn behaviour_of_follows_the_release_rules() {
    let r = |minor, patch| Release { minor, patch };
    assert_eq!(behaviour_of(r(22, 10), 22, Some("0")), Outcome::Runs(Semantics::Async));
    assert_eq!(behaviour_of(r(23, 1), 22, None), Outcome::Runs(Semantics::Async));
    assert_eq!(behaviour_of(r(23, 1), 23, None), Outcome::Runs(Semantics::Sync));
    assert_eq!(behaviour_of(r(26, 6), 26, Some("2")), Outcome::Runs(Semantics::AsyncCollected));
    assert_eq!(behaviour_of(r(27, 3), 22, None), Outcome::Runs(Semantics::Sync));
    assert_eq!(behaviour_of(r(27, 3), 27, Some("0")), Outcome::Runs(Semantics::Sync));
    assert!(matches!(behaviour_of(r(27, 3), 27, Some("1")), Outcome::Refused { .. }));
}
