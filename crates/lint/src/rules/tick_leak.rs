//! `tick-leak`: `time.Tick(d)` in a function that can return, outside `package main` and tests —
//! or a `time.NewTicker(d)` held in a local variable that the function never stops, returns or
//! hands on. Before Go 1.23 the Ticker is never collected (golang/go#17757). Like staticcheck's
//! SA1015, a function that never returns after the call (it ends only by looping forever) is
//! fine, and so are package-level variables and `init`, which run once.

use gotime::Semantics;
use tree_sitter::Node;

use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{collect_kind, fields, span};

/// What was found: a ticker nobody stops, in a function that returns.
#[derive(Clone, Debug)]
pub(crate) enum Facts {
    /// `time.Tick(d)`.
    Tick,
    /// `name := time.NewTicker(d)`, never stopped.
    NewTicker(String),
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    if cx.is_test {
        return;
    }
    for &call in &cx.file.calls {
        let facts = match cx.file.time_func(call) {
            // SA1015's exemption: `package main` runs its ticks for the process's life. A
            // `NewTicker` dropped unstopped leaks there as anywhere (a ticker per reload).
            Some("Tick") if cx.file.package == "main" => continue,
            Some("Tick") => Facts::Tick,
            Some("NewTicker") => match never_stopped(cx, call) {
                Some(name) => Facts::NewTicker(name.to_owned()),
                None => continue,
            },
            _ => continue,
        };
        let function = cx.file.up.scope_of(call);
        let named = |name: &str| {
            function.kind() == "function_declaration"
                && function.child_by_field_id(fields().name).is_some_and(|n| cx.file.text(n) == name)
        };
        // `main` returning ends the process, its tickers with it.
        let is_init = named("init") || (cx.file.package == "main" && named("main"));
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
            facts: Box::new(facts),
        });
    }
}

/// The local variable a `time.NewTicker(d)` call is stored in, when the function uses it only
/// as `name.C` and `name.Reset(d)`: never stopped, returned, passed, stored or reassigned — the
/// program can never stop it. A field, or a variable put anywhere else, may be stopped elsewhere.
fn never_stopped<'t>(cx: &Ctx<'_, 't>, call: Node<'t>) -> Option<&'t str> {
    let var = cx.file.assigned_to(call).filter(|v| v.kind() == "identifier")?;
    let name = cx.file.text(var);
    let function = cx.file.up.scope_of(call);
    let mut uses = Vec::new();
    collect_kind(function, &["identifier"], &mut uses);
    let only_ticks = uses.into_iter().filter(|u| u.id() != var.id() && cx.file.text(*u) == name).all(|u| {
        cx.file.up.of(u).is_some_and(|sel| {
            sel.kind() == "selector_expression"
                && sel.child_by_field_id(fields().operand).map(|o| o.id()) == Some(u.id())
                && sel
                    .child_by_field_id(fields().field)
                    .is_some_and(|f| matches!(cx.file.text(f), "C" | "Reset"))
        })
    });
    only_ticks.then_some(name)
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        // Since Go 1.23's runtime (asynctimerchan=0 or 2) an unreferenced ticker is collected.
        if semantics.collects_unreferenced() {
            return None;
        }
        let message = match self {
            Facts::Tick => {
                "time.Tick in a function that returns leaks a ticker per call before Go 1.23; use NewTicker"
                    .to_owned()
            }
            Facts::NewTicker(t) => format!(
                "{t} := time.NewTicker(...) is never stopped in a function that returns: a ticker leaks per call \
                 before Go 1.23; call {t}.Stop() when done with it"
            ),
        };
        Some((Level::Error, message))
    }
}
