//! `tick-leak`: `time.Tick(d)` in a function that can return, outside `package main` and tests.
//! Before Go 1.23 the Ticker it starts is never collected (golang/go#17757). Like staticcheck's
//! SA1015, a function that never returns after the call (it ends only by looping forever) is
//! fine, and so are package-level variables and `init`, which run once.

use gotime::Semantics;

use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{fields, span};

/// What was found: `time.Tick` where it leaks.
#[derive(Clone, Debug)]
pub(crate) struct Facts;

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    if cx.file.package == "main" || cx.is_test {
        return;
    }
    for &call in &cx.file.calls {
        if cx.file.time_func(call) != Some("Tick") {
            continue;
        }
        let function = cx.file.up.scope_of(call);
        let is_init = function.kind() == "function_declaration"
            && function.child_by_field_id(fields().name).is_some_and(|n| cx.file.text(n) == "init");
        // Package-level code runs once; so does `init`.
        let Some(stmt) = cx.file.up.enclosing_statement(call) else { continue };
        // Only a return after the ticker started leaks it: `if !enabled { return }` before it,
        // then a loop that never ends, is a goroutine for the process's life.
        if is_init || !cx.flow.may_end_after(stmt, cx.flow.stmt(stmt)) {
            continue;
        }
        out.push(Detection {
            rule: Rule::TickLeak,
            at: span(call, cx.file.src),
            related: Vec::new(),
            facts: Box::new(Facts),
        });
    }
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        // Since Go 1.23's runtime (asynctimerchan=0 or 2) an unreferenced ticker is collected.
        if semantics.collects_unreferenced() {
            return None;
        }
        Some((
            Level::Error,
            "time.Tick in a function that returns leaks a ticker per call before Go 1.23; use NewTicker"
                .to_owned(),
        ))
    }
}
