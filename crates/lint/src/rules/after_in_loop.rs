//! `after-in-loop`: a timer started on every iteration of a loop that selects on it and can go
//! round again while the timer is still pending — `case <-time.After(d):`, `c := time.After(d)`
//! in the loop, or `t := time.NewTimer(d)` in the loop with no `t.Stop()` that runs before the
//! next iteration. The seeds' leak (golang/go#8898).

use gotime::Semantics;
use tree_sitter::Node;

use super::chans::{case_receiving, exits_except, has_other_case, receives, select_case};
use super::{Ctx, Detection, Facts as AnyFacts, Level};
use crate::syntax::{contains, fields, is_function, span, Parents};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The call, as written: `time.After(3 * time.Second)`.
    call: String,
    /// How the timer is used.
    form: Form,
}

#[derive(Clone, Debug)]
enum Form {
    /// `case <-time.After(d):` or `case <-time.NewTimer(d).C:`.
    InCase,
    /// `c := time.After(d)` in the loop, `case <-c:` in its select.
    Stored(String),
    /// `t := time.NewTimer(d)` in the loop, never stopped.
    NeverStopped(String),
    /// `t := time.NewTimer(d)` in the loop, `defer t.Stop()` in the function around the loop.
    StoppedByDefer(String),
}

pub(super) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.calls {
        match cx.file.time_func(call) {
            Some("After") => after(cx, call, out),
            Some("NewTimer") => new_timer(cx, call, out),
            _ => {}
        }
    }
}

fn after<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, out: &mut Vec<Detection>) {
    if let Some((case, select)) = case_receiving(cx.file, call) {
        if let Some(l) = repeating_loop(cx, case, select, None) {
            report(cx, call, l, Form::InCase, out);
        }
    } else if let Some(var) = cx.file.assigned_to(call) {
        let name = cx.file.text(var);
        if let Some(l) = stored_in_loop(cx, call, name) {
            report(cx, call, l, Form::Stored(name.to_owned()), out);
        }
    }
}

fn new_timer<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, out: &mut Vec<Detection>) {
    // time.NewTimer(d).C received in place: nobody can stop it.
    if let Some(sel) = cx.file.up.of(call).filter(|p| p.kind() == "selector_expression") {
        let is_c = sel.child_by_field_id(fields().field).is_some_and(|f| cx.file.text(f) == "C");
        if is_c && sel.child_by_field_id(fields().operand).map(|o| o.id()) == Some(call.id()) {
            if let Some((case, select)) = case_receiving(cx.file, sel) {
                if let Some(l) = repeating_loop(cx, case, select, None) {
                    report(cx, call, l, Form::InCase, out);
                }
            }
        }
        return;
    }
    let Some(var) = cx.file.assigned_to(call) else { return };
    let name = cx.file.text(var);
    let chan = format!("{name}.C");
    let Some(l) = stored_in_loop(cx, call, &chan) else { return };
    let mut by_defer = false;
    for &stop in &cx.file.calls {
        let Some((recv, "Stop")) = cx.file.method_call(stop) else { continue };
        if cx.file.text(recv) != name || !contains(l, stop) {
            continue;
        }
        match stop_runs(&cx.file.up, stop, l) {
            StopRuns::PerIteration => return,
            StopRuns::AtFunctionEnd => by_defer = true,
        }
    }
    let form =
        if by_defer { Form::StoppedByDefer(name.to_owned()) } else { Form::NeverStopped(name.to_owned()) };
    report(cx, call, l, form, out);
}

/// The innermost loop that starts `call`'s timer again while the select receiving `chan` may
/// have left it pending.
fn stored_in_loop<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, chan: &str) -> Option<Node<'t>> {
    let stmt = cx.file.up.enclosing_statement(call)?;
    receives(cx.file, chan, call).find_map(|recv| {
        let (case, select) = select_case(cx.file, recv)?;
        repeating_loop(cx, case, select, Some(stmt))
    })
}

/// The innermost loop around `select` (and around `creation`, if given) that can iterate again
/// after the select ended through a case other than `case` — that is, with the timer pending.
fn repeating_loop<'t>(
    cx: &Ctx<'_, 't>,
    case: Node<'t>,
    select: Node<'t>,
    creation: Option<Node<'t>>,
) -> Option<Node<'t>> {
    if !has_other_case(select, case) {
        // `select { case <-time.After(d): }` only ends when the timer fired: a sleep.
        return None;
    }
    let start = exits_except(&cx.flow, select, case);
    cx.flow.repeating_loops(select, start).into_iter().find(|l| creation.map_or(true, |c| contains(*l, c)))
}

/// When a `t.Stop()` inside loop `l` takes effect.
enum StopRuns {
    /// Within the iteration: a plain call, or a `defer` in a function literal inside the loop.
    PerIteration,
    /// When the function around the loop returns: `defer t.Stop()` in the loop body.
    AtFunctionEnd,
}

fn stop_runs<'t>(up: &Parents<'t>, stop: Node<'t>, l: Node<'t>) -> StopRuns {
    let mut node = stop;
    while let Some(parent) = up.of(node) {
        match parent.kind() {
            "defer_statement" => return deferred_in(up, parent, l),
            "func_literal" if !up.immediately_invoked(parent) => {
                return match up.of(parent).and_then(|call| up.of(call)) {
                    Some(d) if d.kind() == "defer_statement" => deferred_in(up, d, l),
                    // A goroutine or a callback stops it; when is unknown, so assume in time.
                    _ => StopRuns::PerIteration,
                };
            }
            "function_declaration" | "method_declaration" => return StopRuns::PerIteration,
            _ => {}
        }
        node = parent;
    }
    StopRuns::PerIteration
}

/// A deferred call runs when its own function returns: per iteration if that function is a
/// literal inside the loop.
fn deferred_in<'t>(up: &Parents<'t>, defer: Node<'t>, l: Node<'t>) -> StopRuns {
    let mut owner = up.of(defer);
    while let Some(n) = owner {
        if is_function(n) {
            break;
        }
        owner = up.of(n);
    }
    match owner {
        Some(f) if contains(l, f) => StopRuns::PerIteration,
        _ => StopRuns::AtFunctionEnd,
    }
}

fn report<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, l: Node<'t>, form: Form, out: &mut Vec<Detection>) {
    let src = cx.file.src;
    let loop_head = span(l, src);
    out.push(Detection {
        at: span(call, src),
        related: vec![(loop_head, "the loop that starts it again".to_owned())],
        facts: AnyFacts::AfterInLoop(Facts { call: cx.file.text(call).to_owned(), form }),
    });
}

pub(super) fn judge(f: &Facts, semantics: Semantics) -> Option<(Level, String)> {
    let call = &f.call;
    let what = match &f.form {
        Form::InCase => format!("{call} in a select inside a loop"),
        Form::Stored(v) => format!("{call}, stored in {v} and received in a select inside a loop,"),
        Form::NeverStopped(v) => format!("{call}, stored in {v} in a loop and never stopped,"),
        Form::StoppedByDefer(v) => {
            let effect = match semantics {
                Semantics::Async => {
                    "every iteration leaves its timer in the runtime heap until it fires \
                     (golang/go#8898) and a deferred call that holds it"
                }
                Semantics::Sync => {
                    "every iteration adds a deferred call that keeps its timer referenced until \
                     the function returns, even since Go 1.23"
                }
            };
            return Some((
                Level::Error,
                format!(
                    "defer {v}.Stop() runs when the function returns, not when the iteration ends: \
                     {effect}, so memory grows with iterations; call {v}.Stop() at the end of the \
                     iteration, or move the loop body into a function"
                ),
            ));
        }
    };
    Some(match semantics {
        Semantics::Async => (
            Level::Error,
            format!(
                "{what} starts a timer on every iteration, and when another case wins the runtime \
                 keeps it until it fires: live timers grow with iterations × duration \
                 (golang/go#8898); create one timer before the loop and Stop, drain and Reset it, \
                 or Stop it when the iteration ends"
            ),
        ),
        Semantics::Sync => (
            Level::Note,
            format!(
                "{what} allocates a timer per iteration; since Go 1.23 an unreferenced timer is \
                 collected, so nothing accumulates, but one timer reused with Reset saves the \
                 allocation"
            ),
        ),
    })
}
