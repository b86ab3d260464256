//! `hoisted-after`: `timeout := time.After(d)` (or a `NewTimer` never Reset) created before a
//! loop whose select also waits for messages, and whose timeout case keeps the loop going. The
//! timer fires once: what reads as an idle timeout is an overall deadline (seed 2's "hoisted"
//! variant). A loop that ends in the timeout case is a deliberate deadline and is not reported;
//! neither is one that re-assigns the channel (`timeout = nil`, a new `time.After`) or the timer
//! in the loop, resets the timer there, or hands it to a call that may.

use gotime::Semantics;
use tree_sitter::Node;

use crate::known::Known;
use crate::rules::chans::{
    bounded, exits_through, has_other_communication, paths_except, receives_any, receives_timer, select_case,
};
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{collect_kind, contains, each_statement, fields, span, statements};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The variable holding the timer or its channel, as written: `timeout`, `t`.
    var: String,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.calls {
        let func = cx.file.time_func(call);
        if !matches!(func, Some("After" | "NewTimer")) {
            continue;
        }
        let Some(var) = cx.file.assigned_to(call) else { continue };
        let name = cx.file.text(var);
        let chans = if func == Some("After") { vec![name.to_owned()] } else { cx.timers.chans_of(name) };
        let Some(stmt) = cx.file.up.enclosing_statement(call) else { continue };
        for recv in receives_any(cx.file, &chans, call) {
            let Some((case, select)) = select_case(cx.file, recv) else { continue };
            if !has_other_communication(select, case) {
                continue;
            }
            let start = exits_through(&cx.flow, select, case);
            let loops = cx.flow.repeating_loops(select, start, &Known::after_case(cx.file, case));
            let Some(&l) = loops.iter().find(|l| !contains(**l, stmt)) else { continue };
            // Something other than the timer must go round the loop: when every other case
            // leaves it, or the only ones that go round receive from timers or tickers, no
            // message flows past the timer and it cannot read as an idle timeout (a one-shot
            // delay before registering, an "offline after d" beside a backoff timer).
            let message_repeats =
                paths_except(cx.file, &cx.flow, select, case).into_iter().any(|(c, exits, known)| {
                    c.kind() == "communication_case"
                        && !receives_timer(cx, c)
                        && cx.flow.repeating_loops(select, exits, &known).iter().any(|x| x.id() == l.id())
                });
            if !message_repeats {
                continue;
            }
            if bounded(cx.file, l) {
                // Collecting a known number of replies under one deadline is what it is for.
                continue;
            }
            if ends_later_by_its_flag(cx, case, l) {
                continue;
            }
            // Re-armed in the loop (a new timer or channel assigned, `t = time.NewTimer(d)` in its
            // own case), by a closure of the same function (`resetTimeout := func() { ...
            // t.Reset(d) }` called in the loop), or by whatever the loop hands the timer to
            // (`resetTimer(t, d)`, `p.onPoll(t)`).
            let function = cx.file.up.scope_of(call);
            if chans.iter().any(|c| assigns(cx, l, c))
                || assigns(cx, l, name)
                || (func == Some("NewTimer")
                    && (resets(cx, function, name) || handed_over(cx, l, function, name)))
            {
                continue;
            }
            out.push(Detection {
                rule: Rule::HoistedAfter,
                at: span(call, cx.file.src),
                related: vec![(
                    span(recv, cx.file.src),
                    "the case that keeps looping after it fired".to_owned(),
                )],
                facts: Box::new(Facts { var: name.to_owned() }),
            });
            break;
        }
    }
}

/// Whether the timeout `case` sets a flag (`exit = true`) that loop `l` reads to return (`if exit
/// { return }`, after the select or in another case): the deadline is kept at the next round
/// that gets there — a
/// deadline put off while the loop is in some state (buildkite/agent's `DisconnectAfterUptime`,
/// honoured at the next action once the agent is not paused).
fn ends_later_by_its_flag(cx: &Ctx, case: Node, l: Node) -> bool {
    let mut sets = Vec::new();
    collect_kind(case, &["assignment_statement"], &mut sets);
    let flags: Vec<&str> = sets
        .iter()
        .filter_map(|a| {
            let left = a.child_by_field_id(fields().left)?.named_child(0)?;
            let right = a.child_by_field_id(fields().right)?.named_child(0)?;
            (left.kind() == "identifier" && cx.file.text(right) == "true").then(|| cx.file.text(left))
        })
        .collect();
    if flags.is_empty() {
        return false;
    }
    let mut ifs = Vec::new();
    collect_kind(l, &["if_statement"], &mut ifs);
    ifs.iter().any(|i| {
        let tests_flag =
            i.child_by_field_id(fields().condition).is_some_and(|c| flags.contains(&cx.file.text(c).trim()));
        let returns = each_statement(i.child_by_field_id(fields().consequence).and_then(statements))
            .any(|st| st.kind() == "return_statement");
        tests_flag && returns && cx.file.up.same_scope(*i, l)
    })
}

/// Whether loop `l` assigns to `name` (`name = ...`, `name := ...`).
fn assigns(cx: &Ctx, l: Node, name: &str) -> bool {
    let mut cursor = l.walk();
    loop {
        let n = cursor.node();
        if matches!(n.kind(), "assignment_statement" | "short_var_declaration") {
            if let Some(left) = n.child_by_field_id(fields().left) {
                let mut c2 = left.walk();
                if left.named_children(&mut c2).any(|v| cx.file.text(v) == name) {
                    return true;
                }
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node().id() == l.id() {
                return false;
            }
        }
    }
}

/// Whether a call in loop `l`, or in a function literal of `function` (a closure the loop may
/// call: `flush := func() { defer resetBatchTimer(t, d); ... }`), takes the timer `name` as an
/// argument: it may Reset it.
fn handed_over(cx: &Ctx, l: Node, function: Node, name: &str) -> bool {
    let mut literals = Vec::new();
    collect_kind(function, &["func_literal"], &mut literals);
    literals.retain(|&f| f.id() != function.id() && cx.file.up.scope_of(f).id() == function.id());
    let mut stack = vec![l];
    stack.extend(literals);
    while let Some(n) = stack.pop() {
        if n.kind() == "argument_list" {
            let mut cursor = n.walk();
            if n.named_children(&mut cursor).any(|a| cx.file.text(a).trim_start_matches('&') == name) {
                return true;
            }
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    false
}

/// Whether `scope` (a loop, a function) calls `name.Reset(...)`; for a field (`s.idle`), whether
/// any code of the file resets that field (a method the loop calls).
fn resets(cx: &Ctx, scope: Node, name: &str) -> bool {
    let field = name.rsplit_once('.').map(|(_, f)| f);
    cx.file.calls.iter().any(|&c| {
        let Some((r, "Reset")) = cx.file.method_call(c) else { return false };
        let r = cx.file.text(r);
        (contains(scope, c) && r == name)
            || field.is_some_and(|f| r.rsplit_once('.').is_some_and(|(_, g)| g == f))
    })
}

impl Judge for Facts {
    fn judge(&self, _semantics: Semantics) -> Option<(Level, String)> {
        // The same in both semantics: the timer is created once either way.
        Some((
            Level::Note,
            format!(
                "{} fires once, yet the loop goes on selecting on it: a deadline, not an idle timeout",
                self.var
            ),
        ))
    }
}
