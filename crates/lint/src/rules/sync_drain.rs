//! `sync-drain`: the drain idiom `if !t.Stop() { <-t.C }` under the synchronous timer channels
//! of Go 1.23 and later. There Stop discards a value nobody received and returns true, so it
//! returns false only when `t.C` was already received or the timer already stopped — and then
//! the drain waits forever (Icinga DB #990, celestia-node #4231; on Go 1.23.0 and 1.23.1 also
//! when Stop raced the firing, golang/go#69312, the go-ethereum #31425 report). Where
//! `blocking-drain` already shows the receive that makes it hang, this rule stays quiet. A drain
//! behind a condition that tracks the receive (`if !t.Stop() && !read`) is a note: dead since
//! Go 1.23.2, a hang on 1.23.0 and 1.23.1 (quic-go #4659).

use gotime::Semantics;

use crate::rules::blocking_drain::drain_idiom;
use crate::rules::chans::operand;
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{contains, fields, span, unparen};
use tree_sitter::Node;

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The timer, as written.
    timer: String,
    /// The function creates the timer itself, and `blocking-drain` saw no receive that reaches
    /// the drain: since Go 1.23.2 the drain is dead code, not a hang (a note). A timer handed
    /// in (a parameter, a field) may have been received by the caller (an error).
    owned: bool,
    /// The drain is behind a condition of the program's own beside the Stop (`!t.Stop() &&
    /// !read`): since Go 1.23 a drain after a false Stop never receives — the check keeps it from
    /// running (quic-go's, until Go 1.23.0 and 1.23.1 ran it and hung: quic-go #4659) or it hangs.
    tracked: bool,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &if_stmt in &cx.file.ifs {
        let Some((timer, drain, tracked)) = drain_idiom(cx, if_stmt) else { continue };
        // `!t.Stop() && len(t.C) > 0`: `timer-chan-len` says it (len is always 0 since Go 1.23).
        let chans = cx.timers.chans_of(timer);
        let reads_len = |c: Node| {
            c.child_by_field_id(fields().arguments)
                .and_then(|a| a.named_child(0))
                .is_some_and(|a| chans.iter().any(|ch| ch == cx.file.text(unparen(a))))
        };
        let condition = if_stmt.child_by_field_id(fields().condition);
        if tracked
            && cx.file.len_calls.iter().any(|&c| condition.is_some_and(|k| contains(k, c)) && reads_len(c))
        {
            continue;
        }
        let at = span(drain, cx.file.src);
        if out.iter().any(|d| d.rule == Rule::BlockingDrain && d.at == at) {
            continue;
        }
        let scope = cx.file.up.scope_of(if_stmt);
        // Made in the drain's function, or in a function around it (a goroutine it starts) when
        // every receive of the channel in the file is in the drain's function, where
        // `blocking-drain` looked.
        let received_only_here = || {
            let chans = cx.timers.chans_of(timer);
            let here = receives_any_anywhere(cx, &chans).all(|r| cx.file.up.scope_of(r).id() == scope.id());
            here
        };
        let owned = cx.file.calls.iter().any(|&c| {
            let maker = cx.file.up.scope_of(c);
            cx.file.time_func(c) == Some("NewTimer")
                && created_as(cx, c).is_some_and(|t| t == timer)
                && (maker.id() == scope.id() || (contains(maker, scope) && received_only_here()))
        });
        let owned = owned || armed_before(cx, if_stmt, timer);
        out.push(Detection {
            rule: Rule::SyncDrain,
            at,
            related: Vec::new(),
            facts: Box::new(Facts { timer: timer.to_owned(), owned, tracked }),
        });
    }
}

/// Whether `timer.Reset(...)` runs earlier in the same iteration on every path to the drain `if_stmt`,
/// with no receive of its channel and no Stop between: `t.Reset(d)` then a select whose
/// `ctx.Done()` case drains. The timer is armed there, so since Go 1.23 Stop returns true and
/// the drain is dead code, whoever made the timer.
fn armed_before(cx: &Ctx, if_stmt: Node, timer: &str) -> bool {
    let chans = cx.timers.chans_of(timer);
    let touches = |n: Node| {
        cx.file.recvs.iter().any(|&r| {
            contains(n, r) && operand(r).is_some_and(|o| chans.iter().any(|c| c == cx.file.text(o)))
        }) || cx.file.calls.iter().any(|&c| {
            contains(n, c)
                && cx.file.method_call(c).is_some_and(|(r, m)| m == "Stop" && cx.file.text(r) == timer)
        })
    };
    let mut node = if_stmt;
    while let Some(parent) = cx.file.up.of(node) {
        match parent.kind() {
            "statement_list" => {
                for prev in crate::syntax::preceding(parent, node) {
                    let resets = prev.kind() == "expression_statement"
                        && prev
                            .named_child(0)
                            .and_then(|e| cx.file.method_call(unparen(e)))
                            .is_some_and(|(r, m)| m == "Reset" && cx.file.text(r) == timer);
                    if resets {
                        return true;
                    }
                    if touches(prev) {
                        return false;
                    }
                }
            }
            // The case it sits in received the channel.
            "communication_case" | "default_case" if touches_communication(cx, parent, &chans) => {
                return false
            }
            "for_statement" | "func_literal" | "function_declaration" | "method_declaration" => return false,
            _ => {}
        }
        node = parent;
    }
    false
}

/// Whether select case `case` receives from one of `chans`.
fn touches_communication(cx: &Ctx, case: Node, chans: &[String]) -> bool {
    case.child_by_field_id(fields().communication).is_some_and(|comm| {
        cx.file.recvs.iter().any(|&r| {
            contains(comm, r) && operand(r).is_some_and(|o| chans.iter().any(|c| c == cx.file.text(o)))
        })
    })
}

/// Every receive from one of `chans` (by source text) in the file, whatever its function.
fn receives_any_anywhere<'a, 't>(
    cx: &'a Ctx<'_, 't>,
    chans: &'a [String],
) -> impl Iterator<Item = Node<'t>> + 'a {
    cx.file
        .recvs
        .iter()
        .copied()
        .filter(move |&r| operand(r).is_some_and(|o| chans.iter().any(|c| c == cx.file.text(o))))
}

/// What a `time.NewTimer(...)` call creates, as the drain would name it: `t` for `t :=
/// time.NewTimer(d)`, `l.timeout` for `l := &logger{timeout: time.NewTimer(d)}`.
fn created_as(cx: &Ctx, call: Node) -> Option<String> {
    if let Some(v) = cx.file.assigned_to(call) {
        return Some(cx.file.text(v).to_owned());
    }
    let up = &cx.file.up;
    let element = up.of(call).filter(|n| n.kind() == "literal_element")?;
    let keyed = up.of(element).filter(|n| n.kind() == "keyed_element")?;
    let key = keyed.child_by_field_id(fields().key)?;
    if keyed.child_by_field_id(fields().value)?.id() != element.id() {
        return None;
    }
    let mut literal = up.of(up.of(keyed)?)?; // literal_value, then the composite literal
    if literal.kind() != "composite_literal" {
        return None;
    }
    if up.of(literal).is_some_and(|p| p.kind() == "unary_expression") {
        literal = up.of(literal)?; // &T{...}
    }
    let var = cx.file.assigned_to(literal)?;
    Some(format!("{}.{}", cx.file.text(var), cx.file.text(key)))
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        let t = &self.timer;
        match semantics {
            // A buffered channel: the idiom drains the value; blocking-drain covers the hang.
            Semantics::Async | Semantics::AsyncCollected => None,
            Semantics::Sync if self.tracked => Some((
                Level::Note,
                format!(
                    "<-{t}.C after !{t}.Stop() and the program's own check never receives since Go 1.23: \
                     dead code, or a hang (on 1.23.0-1 at least); remove it"
                ),
            )),
            Semantics::Sync if self.owned => Some((
                Level::Note,
                format!("<-{t}.C after !{t}.Stop() is dead since Go 1.23 (hangs on 1.23.0-1); remove it"),
            )),
            Semantics::Sync => Some((
                Level::Error,
                format!("<-{t}.C after !{t}.Stop() hangs since Go 1.23 if {t}.C was received; remove it"),
            )),
        }
    }
}
