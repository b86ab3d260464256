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
use crate::syntax::{contains, fields, span, unparen};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// `len(t.C)` or `cap(t.C)`, as written.
    expr: String,
    /// It decides whether to drain: the statement it is the condition of receives the channel.
    decides_drain: bool,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.len_calls {
        let Some(arg) = call.child_by_field_id(fields().arguments).and_then(|a| a.named_child(0)) else {
            continue;
        };
        let chan = cx.file.text(unparen(arg));
        let Some(timer) = cx.timers.timer_of(chan) else { continue };
        let chans = cx.timers.chans_of(&timer);
        let decides_drain = guarded_statement(cx, call).is_some_and(|s| {
            cx.file.recvs.iter().any(|&r| {
                contains(s, r) && operand(r).is_some_and(|o| chans.iter().any(|c| c == cx.file.text(o)))
            })
        });
        out.push(Detection {
            rule: Rule::TimerChanLen,
            at: span(call, cx.file.src),
            related: Vec::new(),
            facts: Box::new(Facts { expr: cx.file.text(call).to_owned(), decides_drain }),
        });
    }
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
