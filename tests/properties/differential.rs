//! The differential property: every random op script prints the same observations on the gotime
//! runtime and on the reference model, in every semantics (async, async-collected, sync).

use gotime::Semantics;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use timerlab_script::{parse_str, run, EngineKind};

use crate::config::config;
use crate::ops::{ops, Ops};
use crate::report::diff;

/// Runs the script of `ops` on both engines in `semantics`; a mismatch fails with the op script,
/// both outputs, their diff and the replay commands.
fn same_observations(ops: &Ops, semantics: Semantics) -> Result<(), TestCaseError> {
    let text = ops.script();
    let script = parse_str("proptest.tl", &text)
        .map_err(|e| TestCaseError::fail(format!("a generated script does not parse: {e}\n{text}")))?;
    let model = run(&script, &mut *EngineKind::Model.build(semantics));
    let runtime = run(&script, &mut *EngineKind::Runtime.build(semantics));
    if model == runtime {
        return Ok(());
    }
    Err(TestCaseError::fail(format!(
        "model and runtime differ in {semantics} mode.\n\
         --- op script (add a header and save it as scripts/semantics/NAME.tl) ---\n{text}\
         --- observations (- model, + runtime) ---\n{}\
         repro: cargo run -q -p timerlab -- replay NAME.tl --semantics {semantics} --engine model (then --engine runtime)",
        diff(&model, &runtime)
    )))
}

proptest! {
    #![proptest_config(config("differential", concat!(env!("CARGO_MANIFEST_DIR"), "/properties/proptest-regressions/differential.txt")))]

    #[test]
    fn the_runtime_observes_what_the_model_observes_in_every_semantics(ops in ops()) {
        for semantics in Semantics::ALL {
            same_observations(&ops, semantics)?;
        }
    }
}
