//! Which engine semantics a recorded configuration is replayed in: [`behaviour_of`], checked
//! against what Go itself reported for every recorded setting.

use gotime::Semantics;

use crate::golden::{manifests, root, Release};

/// What a program gets from Go: it runs with timer channels of the given semantics, or Go
/// refuses to start it with a message containing `message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Runs(Semantics),
    Refused { message: String },
}

/// The engine semantics a program's traces follow on `release`, when its main module says
/// `go 1.<go_line>` and GODEBUG holds `asynctimerchan` (None: no setting). The rules are
/// oracle/RELEASES.md's, for the settings the goldens use (0, 1, 2, none).
///
/// `asynctimerchan=2` (Go 1.23–1.26) is a third behaviour: buffered channels and stale values
/// exactly as `=1`, but unreferenced timers are garbage-collected as with `=0`. Scripts cannot
/// observe collection (`live` prints `?` on Go), so for the traces it is `Async`. This function
/// stands in until the runtime has its own resolver and a third semantics; it will be replaced
/// by it.
///
/// # Panics
///
/// On an `asynctimerchan` value other than 0, 1 and 2: no golden is recorded under one.
pub fn behaviour_of(release: Release, go_line: u32, asynctimerchan: Option<&str>) -> Outcome {
    use Semantics::{Async, Sync};
    if let Some(v) = asynctimerchan {
        assert!(matches!(v, "0" | "1" | "2"), "asynctimerchan={v}: the goldens use only 0, 1 and 2");
    }
    Outcome::Runs(match (release.minor, asynctimerchan) {
        // Go <= 1.22 has only buffered timer channels and no such setting: GODEBUG is ignored.
        (..=22, _) => Async,
        // Go 1.27 removed the setting; its old values stop the program at start-up.
        (27.., Some(v @ ("1" | "2"))) => {
            return Outcome::Refused {
                message: format!("removed GODEBUG \"asynctimerchan\" set to old value \"{v}\""),
            }
        }
        (27.., _) => Sync,
        (_, Some("0")) => Sync,
        (_, Some(_)) => Async,
        // Unset, the main module's go line decides: asynctimerchan=1 below go 1.23.
        (_, None) if go_line < 23 => Async,
        (_, None) => Sync,
    })
}

/// The channel half of an observed behaviour: `async-gc` has `async`'s channels.
fn channels_of(observed: &str) -> Semantics {
    match observed {
        "sync" => Semantics::Sync,
        "async" | "async-gc" => Semantics::Async,
        other => panic!("unknown observed behaviour {other:?}: expected sync, async or async-gc"),
    }
}

#[test]
fn every_recorded_setting_runs_with_the_channels_go_reported() {
    let mut wrong = Vec::new();
    for m in manifests() {
        for s in &m.settings {
            let observed = s.observed.as_deref().expect("a setting with traces has an observed behaviour");
            let predicted = behaviour_of(m.release, s.go_line, s.asynctimerchan.as_deref());
            if predicted != Outcome::Runs(channels_of(observed)) {
                wrong.push(format!(
                    "{} {}: Go reported {observed}, behaviour_of says {predicted:?}",
                    m.release, s.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_recorded_refusal_is_predicted_and_holds_go_s_message() {
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
                    wrong.push(format!("{} {}: Go refused, behaviour_of says {runs:?}", m.release, s.name))
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
        assert!(line.ends_with(" async-gc"), "{line}: expected async-gc");
    }
}

#[test]
fn behaviour_of_follows_the_release_rules() {
    let r = |minor, patch| Release { minor, patch };
    assert_eq!(behaviour_of(r(22, 10), 22, Some("0")), Outcome::Runs(Semantics::Async));
    assert_eq!(behaviour_of(r(23, 1), 22, None), Outcome::Runs(Semantics::Async));
    assert_eq!(behaviour_of(r(23, 1), 23, None), Outcome::Runs(Semantics::Sync));
    assert_eq!(behaviour_of(r(26, 6), 26, Some("2")), Outcome::Runs(Semantics::Async));
    assert_eq!(behaviour_of(r(27, 3), 22, None), Outcome::Runs(Semantics::Sync));
    assert_eq!(behaviour_of(r(27, 3), 27, Some("0")), Outcome::Runs(Semantics::Sync));
    assert!(matches!(behaviour_of(r(27, 3), 27, Some("1")), Outcome::Refused { .. }));
}
