//! `timer-chan-len`: `len(t.C)` or `cap(t.C)` of a timer's channel. Since Go 1.23 both are
//! always 0: a drain decided by `len(t.C) > 0` never runs (dead, since Stop and Reset discard
//! the value), and a test of whether the timer fired never sees it fire. Before Go 1.23 a drain
//! decided by it races the runtime: Stop can return false before the value is buffered, the
//! check reads 0, and the stale value lands after Reset (the ipfs/boxo #667 shape).

use gotime::Semantics;
use tree_sitter::Node;

use crate::rules::chans::operand;
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{contains, fields, preceding, span, unparen};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// `len(t.C)` or `cap(t.C)`, as written.
    expr: String,
    /// It decides whether to drain: the statement it is the condition of receives the channel.
    decides_drain: bool,
    /// The line of a receive of the channel just before, in the same block, with nothing
    /// re-arming the timer in between: the one-shot value is gone, and the drain is dead in
    /// every behaviour.
    received_on: Option<usize>,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.len_calls {
        let Some(arg) = call.child_by_field_id(fields().arguments).and_then(|a| a.named_child(0)) else {
            continue;
        };
        let chan = cx.file.text(unparen(arg));
        let Some(timer) = cx.timers.timer_of(chan) else { continue };
        let chans = cx.timers.chans_of(&timer);
        let receives_in = |n: Node| {
            cx.file.recvs.iter().any(|&r| {
                contains(n, r) && operand(r).is_some_and(|o| chans.iter().any(|c| c == cx.file.text(o)))
            })
        };
        let guarded = guarded_statement(cx, call);
        let decides_drain = guarded.is_some_and(receives_in);
        let received_on =
            guarded.filter(|_| decides_drain).and_then(|s| received_before(cx, s, &timer, &receives_in));
        out.push(Detection {
            rule: Rule::TimerChanLen,
            at: span(call, cx.file.src),
            related: Vec::new(),
            facts: Box::new(Facts { expr: cx.file.text(call).to_owned(), decides_drain, received_on }),
        });
    }
}

/// The line of the nearest statement before `stmt` in its block that receives the timer's
/// channel (`ts := <-t.C`), when none between them re-arms or replaces the timer: a one-shot
/// timer fires once, so after that receive nothing is left to drain (charmbracelet/bubbletea's
/// `Every`: `ts := <-t.C; t.Stop(); for len(t.C) > 0 { <-t.C }`).
fn received_before(cx: &Ctx, stmt: Node, timer: &str, receives_in: &dyn Fn(Node) -> bool) -> Option<usize> {
    let list = cx.file.up.of(stmt).filter(|l| l.kind() == "statement_list")?;
    let stop = format!("{timer}.Stop()");
    for before in preceding(list, stmt) {
        // Only plain statements, run every time: an `if`, a `select` or a loop may skip the
        // receive, or re-arm the timer.
        if !matches!(before.kind(), "expression_statement" | "short_var_declaration" | "assignment_statement")
        {
            return None;
        }
        if receives_in(before) {
            return Some(before.start_position().row + 1);
        }
        // Between the two, the timer may only be stopped (`t.Stop()`, `ok := t.Stop()`): a
        // Reset, a new timer or a call handed it may re-arm it.
        let text: String = cx.file.text(before).split_whitespace().collect();
        if crate::known::reads(&text, timer) && !text.ends_with(&stop) {
            return None;
        }
    }
    None
}

/// The `if` or `for` whose condition holds `call`.
fn guarded_statement<'t>(cx: &Ctx<'_, 't>, call: Node<'t>) -> Option<Node<'t>> {
    let mut node = call;
    while let Some(parent) = cx.file.up.of(node) {
        match parent.kind() {
            "if_statement" | "for_statement" | "for_clause" => {
                let stmt = if parent.kind() == "for_clause" { cx.file.up.of(parent)? } else { parent };
                return Some(stmt);
            }
            "binary_expression" | "unary_expression" | "parenthesized_expression" => node = parent,
            _ => return None,
        }
    }
    None
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        let e = &self.expr;
        if let Some(line) = self.received_on {
            return Some((
                Level::Note,
                format!(
                    "the timer's value was received on line {line} and it is not re-armed since: {e} \
                     is 0 in every Go release and this drain never runs; remove it"
                ),
            ));
        }
        match (semantics.buffered_channels(), self.decides_drain) {
            (true, true) => Some((
                Level::Error,
                format!("drain decided by {e} races the firing: drain with select/default"),
            )),
            (true, false) => None,
            (false, true) => Some((
                Level::Note,
                format!("{e} is always 0 since Go 1.23: this drain never runs; remove it"),
            )),
            (false, false) => {
                Some((Level::Error, format!("{e} is always 0 since Go 1.23: it never shows the timer fired")))
            }
        }
    }
}
