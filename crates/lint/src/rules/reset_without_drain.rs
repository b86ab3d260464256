//! `reset-without-drain`: `t.Reset(d)` in a loop that also selects on `t.C` (in a select with
//! another case, so `t` can fire without being received), with nothing before the Reset in the
//! iteration that empties the channel: no receive from `t.C`, no `if !t.Stop() { drain }`, and
//! not inside the `case <-t.C:` that just received. Before Go 1.23 the stale value is received
//! right after Reset: seed 2's spurious timeout (golang/go#11513, #14038).

use gotime::Semantics;
use tree_sitter::Node;

use super::chans::{has_other_case, operand, receives, select_case};
use super::{Ctx, Detection, Facts as AnyFacts, Level};
use crate::syntax::{contains, each_statement, fields, preceding, span, unparen, Parents};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The timer, as written: `t`, `c.idle`.
    timer: String,
    /// A `t.Stop()` without a drain comes before the Reset.
    stopped_without_drain: bool,
}

/// What a statement before the Reset does to the channel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// It receives from the channel (or drains it without blocking): nothing stale is left.
    Drains,
    /// It calls Stop and does not drain: a value that arrived before stays.
    StopsOnly,
}

pub(super) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.calls {
        let Some((recv, "Reset")) = cx.file.method_call(call) else { continue };
        let timer = cx.file.text(recv);
        if !cx.file.timers.is_timer(timer) {
            continue;
        }
        let chan = format!("{timer}.C");
        let selected: Vec<Node> = receives(cx.file, &chan, call)
            .filter(|&r| select_case(cx.file, r).is_some_and(|(case, select)| has_other_case(select, case)))
            .collect();
        let Some(l) = loop_around(&cx.file.up, call, &selected) else { continue };
        let Some(stmt) = cx.file.up.enclosing_statement(call) else { continue };
        let effect = before(cx, stmt, l, timer, &chan);
        if effect == Some(Effect::Drains) {
            continue;
        }
        let case = selected.iter().find(|r| contains(l, **r)).copied().unwrap_or(call);
        out.push(Detection {
            at: span(call, cx.file.src),
            related: vec![(span(case, cx.file.src), format!("the select case that receives {chan}"))],
            facts: AnyFacts::ResetWithoutDrain(Facts {
                timer: timer.to_owned(),
                stopped_without_drain: effect == Some(Effect::StopsOnly),
            }),
        });
    }
}

/// The innermost loop around `call`, in its function, that contains one of the select receives.
fn loop_around<'t>(up: &Parents<'t>, call: Node<'t>, selected: &[Node<'t>]) -> Option<Node<'t>> {
    let mut node = up.of(call);
    while let Some(n) = node {
        match n.kind() {
            "for_statement" if selected.iter().any(|r| contains(n, *r)) => return Some(n),
            "function_declaration" | "method_declaration" => return None,
            "func_literal" if !up.immediately_invoked(n) => return None,
            _ => {}
        }
        node = up.of(n);
    }
    None
}

/// What the code before `stmt` in the iteration of loop `l` does to the channel: `Some(Drains)`
/// when it is empty for sure, `Some(StopsOnly)` when only Stop was called, `None` when nothing.
fn before(cx: &Ctx, stmt: Node, l: Node, timer: &str, chan: &str) -> Option<Effect> {
    let mut stopped = false;
    let mut node = stmt;
    while node.id() != l.id() {
        let parent = cx.file.up.of(node)?;
        match parent.kind() {
            "statement_list" => {
                for prev in preceding(parent, node) {
                    match effect(cx, prev, timer, chan) {
                        Some(Effect::Drains) => return Some(Effect::Drains),
                        Some(Effect::StopsOnly) => stopped = true,
                        None => {}
                    }
                }
            }
            "communication_case" => {
                // Inside `case <-t.C:` the value was just received.
                let receives_chan = parent
                    .child_by_field_id(fields().communication)
                    .and_then(|c| c.child_by_field_id(fields().right))
                    .map(unparen)
                    .filter(|r| r.kind() == "unary_expression")
                    .and_then(operand)
                    .is_some_and(|o| cx.file.text(o) == chan);
                if receives_chan {
                    return Some(Effect::Drains);
                }
            }
            "if_statement" => {
                // `if t.Stop() { t.Reset(d) }`: Reset only when Stop caught the timer pending.
                let in_then =
                    parent.child_by_field_id(fields().consequence).map(|c| c.id()) == Some(node.id());
                if in_then && header_calls_stop(cx, parent, timer) {
                    return Some(Effect::Drains);
                }
            }
            "func_literal" => {
                node = cx.file.up.enclosing_statement(parent)?;
                continue;
            }
            _ => {}
        }
        node = parent;
    }
    stopped.then_some(Effect::StopsOnly)
}

/// What one statement does to the channel `chan` of timer `timer`.
fn effect(cx: &Ctx, stmt: Node, timer: &str, chan: &str) -> Option<Effect> {
    let f = cx.file;
    let is_recv = |n: Node| {
        let n = unparen(n);
        n.kind() == "unary_expression"
            && n.child_by_field_id(fields().operator).is_some_and(|o| o.kind() == "<-")
            && operand(n).is_some_and(|o| f.text(o) == chan)
    };
    let is_stop = |n: Node| {
        let n = unparen(n);
        f.method_call(n).is_some_and(|(r, m)| m == "Stop" && f.text(r) == timer)
    };
    match stmt.kind() {
        "expression_statement" => {
            let e = stmt.named_child(0)?;
            if is_recv(e) {
                Some(Effect::Drains)
            } else {
                is_stop(e).then_some(Effect::StopsOnly)
            }
        }
        "short_var_declaration" | "assignment_statement" => {
            let right = stmt.child_by_field_id(fields().right)?;
            let mut cursor = right.walk();
            let values: Vec<Node> = right.named_children(&mut cursor).collect();
            if values.iter().any(|&v| is_recv(v)) {
                Some(Effect::Drains)
            } else {
                values.iter().any(|&v| is_stop(v)).then_some(Effect::StopsOnly)
            }
        }
        "select_statement" => {
            // `select { case <-t.C: default: }`: a drain that does not block.
            let mut cursor = stmt.walk();
            let cases: Vec<Node> = stmt.named_children(&mut cursor).collect();
            let has_default = cases.iter().any(|c| c.kind() == "default_case");
            let takes_chan = cases.iter().any(|c| {
                c.child_by_field_id(fields().communication)
                    .and_then(|comm| comm.child_by_field_id(fields().right))
                    .is_some_and(is_recv)
            });
            (has_default && takes_chan).then_some(Effect::Drains)
        }
        "if_statement" => {
            if !header_calls_stop(cx, stmt, timer) {
                return None;
            }
            let then = stmt.child_by_field_id(fields().consequence)?;
            let drains = each_statement(crate::syntax::statements(then))
                .any(|s| effect(cx, s, timer, chan) == Some(Effect::Drains));
            Some(if drains { Effect::Drains } else { Effect::StopsOnly })
        }
        _ => None,
    }
}

/// Whether the `if`'s initializer or condition calls `timer.Stop()`.
fn header_calls_stop(cx: &Ctx, if_stmt: Node, timer: &str) -> bool {
    let f = fields();
    [f.initializer, f.condition].into_iter().filter_map(|id| if_stmt.child_by_field_id(id)).any(|h| {
        cx.file.calls.iter().any(|&c| {
            contains(h, c)
                && cx.file.method_call(c).is_some_and(|(r, m)| m == "Stop" && cx.file.text(r) == timer)
        })
    })
}

pub(super) fn judge(f: &Facts, semantics: Semantics) -> Option<(Level, String)> {
    let t = &f.timer;
    match semantics {
        Semantics::Async => {
            let before = if f.stopped_without_drain {
                format!("after {t}.Stop() but with no drain")
            } else {
                "with no Stop and drain".to_owned()
            };
            Some((
                Level::Error,
                format!(
                    "{t}.Reset in a loop that selects on {t}.C, {before} before it: if {t} fired \
                     while another case ran, its value is still buffered and the next select takes \
                     it at once, a spurious timeout (golang/go#11513, #14038); drain first: \
                     if !{t}.Stop() {{ select {{ case <-{t}.C: default: }} }}"
                ),
            ))
        }
        // Since Go 1.23 Reset discards a value nobody received.
        Semantics::Sync => None,
    }
}
