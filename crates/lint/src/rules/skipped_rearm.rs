//! `skipped-rearm`: a loop's `case <-t.C:` (or the body of `for range t.C`) that re-arms its timer
//! (`t.Reset(d)`, a new `time.NewTimer` assigned to it; for a `time.After` channel variable, a new
//! `time.After` assigned to it) on some ways out, but can end the iteration without it — `if err
//! != nil { continue }` before the Reset. A timer fires once: the loop goes on, nothing re-arms
//! it, and the case never runs again, in every Go release (docs/SEMANTICS.md, "a receive after
//! the value was received"). The periodic work it did — a lease renewal, a flush — stops for
//! good, silently.
//!
//! The rule stays silent where something else may re-arm the timer: a re-arm in the same loop
//! outside the case (another case, the top of the loop), in a function literal, a call handed
//! the timer, or a method of the timer's owner that re-arms the same field in this file or is
//! named for it (`s.resetTimer()`).

use gotime::Semantics;
use tree_sitter::Node;

use crate::flow::Exit;
use crate::known::Known;
use crate::rules::chans::{
    exits_avoiding, exits_skipping_rearm, operand, paths_except, rearm_call, select_case,
};
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{collect_kind, contains, fields, loop_condition, span, statements, unparen};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The timer, as written.
    timer: String,
    /// The line of the case's first re-arm.
    rearm_line: usize,
    /// The way out that skips it is a `continue` (else: the case's end, or a `break` of the
    /// select).
    by_continue: bool,
    /// The receive is `for range t.C`, not a select's case.
    in_range: bool,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    in_select_cases(cx, out);
    in_ranges(cx, out);
}

/// `case <-t.C:` in a loop's select.
fn in_select_cases(cx: &Ctx, out: &mut Vec<Detection>) {
    for &recv in &cx.file.recvs {
        let Some(timer) = operand(recv).and_then(|chan| timer_or_after_chan(cx, chan)) else { continue };
        if cx.timers.is_func_or_ticker(&timer) {
            continue;
        }
        let Some((case, select)) = select_case(cx.file, recv) else { continue };
        // `None`: the case never re-arms the timer, so nothing says the loop means it to fire
        // again (a one-shot deadline, a timer re-armed by the other cases).
        let Some(skipping) = exits_skipping_rearm(cx, &timer, case, select) else { continue };
        let known = Known::after_case(cx.file, case);
        let Some(l) = cx.flow.repeating_loops(select, skipping.clone(), &known).into_iter().next() else {
            continue;
        };
        if may_rearm_elsewhere(cx, &timer, case, l) || writes_loop_condition(cx, case, l) {
            continue;
        }
        let by_continue = skipping.contains(&Exit::Continue(l.id()));
        // Only the case's end (or a `break` of the select) skips the re-arm while other cases
        // keep the loop going: the timer may be retired on purpose, its work done
        // (go-ethereum's sync-progress check: `done = true` and no Reset, the subscriptions
        // still served). A `continue` says "next round", and a loop whose other cases all leave
        // it has nothing else to do.
        if !by_continue && other_case_repeats(cx, select, case, l) {
            continue;
        }
        report(cx, out, recv, case, Facts { timer, rearm_line: 0, by_continue, in_range: false });
    }
}

/// The timer whose channel `chan` is (`t` for `t.C`), or `chan` itself when it is a variable (or
/// field) the file assigns `time.After(d)`: `lease = time.After(d)` in the case re-arms it, and a way
/// out of the case that skips that leaves the loop waiting on a channel that has delivered its
/// one value.
fn timer_or_after_chan(cx: &Ctx, chan: Node) -> Option<String> {
    let text = cx.file.text(chan);
    if let Some(timer) = cx.timers.timer_of(text) {
        return Some(timer);
    }
    let after_var = cx.file.calls.iter().any(|&c| {
        cx.file.time_func(c) == Some("After")
            && cx.file.assigned_to(c).is_some_and(|v| cx.file.text(v) == text)
    });
    after_var.then(|| text.to_owned())
}

/// Whether `case` assigns a variable of loop `l`'s condition (`for !done`, `for running &&
/// n < max`): the way that skips the re-arm may be the one that ends the loop (`done = true;
/// continue`), which the paths out of the case do not tell.
fn writes_loop_condition(cx: &Ctx, case: Node, l: Node) -> bool {
    let Some(cond) = loop_condition(l) else { return false };
    let mut names = Vec::new();
    collect_kind(cond, &["identifier", "selector_expression"], &mut names);
    let names: Vec<&str> = names.into_iter().map(|n| cx.file.text(n)).collect();
    let mut assigned = Vec::new();
    collect_kind(case, &["assignment_statement", "inc_statement", "dec_statement"], &mut assigned);
    assigned.into_iter().any(|a| {
        let target = if a.kind() == "assignment_statement" {
            a.child_by_field_id(fields().left)
        } else {
            a.named_child(0)
        };
        target.is_some_and(|t| {
            let mut cursor = t.walk();
            let mut targets: Vec<Node> = t.named_children(&mut cursor).collect();
            if targets.is_empty() {
                targets.push(t);
            }
            targets.iter().any(|x| names.contains(&cx.file.text(unparen(*x))))
        })
    })
}

/// Whether a case of `select` other than `case` can go round loop `l`.
fn other_case_repeats(cx: &Ctx, select: Node, case: Node, l: Node) -> bool {
    paths_except(cx.file, &cx.flow, select, case).into_iter().any(|(_, exits, known)| {
        cx.flow.repeating_loops(select, exits, &known).iter().any(|r| r.id() == l.id())
    })
}

/// `for range t.C { ... }`: the body is the timer's case, and a way through it that skips the
/// re-arm waits on `t.C` for good — a timer's channel is never closed, so the range never ends.
/// The pulsar-client-go shape (`failTimeoutMessages`: an inner loop that can end without the
/// Reset its every `break` makes).
fn in_ranges(cx: &Ctx, out: &mut Vec<Detection>) {
    for &chan in &cx.file.chan_selectors {
        let Some(timer) = cx.timers.timer_of(cx.file.text(chan)) else { continue };
        if cx.timers.is_func_or_ticker(&timer) {
            continue;
        }
        let Some(clause) = cx.file.up.of(chan).filter(|c| c.kind() == "range_clause") else { continue };
        if clause.child_by_field_id(fields().right).map(unparen).map(|r| r.id()) != Some(chan.id()) {
            continue;
        }
        let Some(l) = cx.file.up.of(clause).filter(|l| l.kind() == "for_statement") else { continue };
        let Some(body) = l.child_by_field_id(fields().body) else { continue };
        if !cx.file.calls.iter().any(|&c| contains(body, c) && rearm_call(cx, &timer, c)) {
            continue;
        }
        let skipping = exits_avoiding(cx, &timer, statements(body));
        let again = skipping.contains(&Exit::Fall) || skipping.contains(&Exit::Continue(l.id()));
        if !again || may_rearm_elsewhere(cx, &timer, body, l) {
            continue;
        }
        let by_continue = skipping.contains(&Exit::Continue(l.id()));
        report(cx, out, chan, body, Facts { timer, rearm_line: 0, by_continue, in_range: true });
    }
}

/// Reports the receive `at` of the timer, whose case (or range body) `case` re-arms it on some
/// ways out only; `facts.rearm_line` is filled in here.
fn report(cx: &Ctx, out: &mut Vec<Detection>, at: Node, case: Node, mut facts: Facts) {
    let timer = facts.timer.as_str();
    let Some(rearm) = cx.file.calls.iter().copied().find(|&c| contains(case, c) && rearm_call(cx, timer, c))
    else {
        return;
    };
    let rearm_at = span(rearm, cx.file.src);
    let related = vec![(rearm_at, format!("{timer} is re-armed here, on some ways out only"))];
    facts.rearm_line = rearm_at.start.line;
    out.push(Detection {
        rule: Rule::SkippedRearm,
        at: span(at, cx.file.src),
        related,
        facts: Box::new(facts),
    });
}

/// Whether code other than `case` may re-arm `timer` before loop `l` gets back to the select:
/// a re-arm in `l` outside the case or in a function literal of `l`'s function; a call in `l` handed the timer
/// (`rearm(t)`, `f(&t)`); or, for a field `o.f`, a call `o.m(...)` in `l` where `m` may re-arm
/// it ([`owner_method_may_rearm`]).
fn may_rearm_elsewhere(cx: &Ctx, timer: &str, case: Node, l: Node) -> bool {
    // A function literal of the loop's own function (a callback, a goroutine) may run any time.
    // (Walked with an iterator: rustc 1.95 miscompiles a closure that reassigns a copy of its
    // argument in a loop, in this crate's release and test builds: docs/TESTING.md, "A rustc miscompile".)
    let in_literal = |c: Node| {
        std::iter::successors(cx.file.up.of(c), |&p| cx.file.up.of(p))
            .find(|&p| p.kind() == "func_literal" && !cx.file.up.immediately_invoked(p))
            .is_some_and(|p| cx.file.up.same_scope(p, l))
    };
    let rearmed = cx
        .file
        .calls
        .iter()
        .any(|&c| rearm_call(cx, timer, c) && !contains(case, c) && (contains(l, c) || in_literal(c)));
    if rearmed {
        return true;
    }
    let field = timer.rsplit_once('.');
    let mut calls = Vec::new();
    collect_kind(l, &["call_expression"], &mut calls);
    calls.into_iter().any(|call| {
        let handed = call.child_by_field_id(fields().arguments).is_some_and(|args| {
            let mut cursor = args.walk();
            let found = args.named_children(&mut cursor).any(|a| {
                let text = cx.file.text(unparen(a));
                text == timer || text.strip_prefix('&').is_some_and(|t| t.trim() == timer)
            });
            found
        });
        let by_owner = field.is_some_and(|(owner, f)| {
            cx.file.method_call(call).is_some_and(|(recv, m)| {
                cx.file.text(recv) == owner && owner_method_may_rearm(cx, m, f, case)
            })
        });
        handed || by_owner
    })
}

/// Whether method `m`, called on the owner of a timer field `f`, may re-arm it: another function
/// of the file re-arms a field `f` (`x.f.Reset(d)`, `x.f = time.NewTimer(d)`) — it may be the
/// method called — or `m`'s name speaks of timers (`resetTimer`, `scheduleFlush`, `rearm`): a
/// method of another file of the package, unseen here.
fn owner_method_may_rearm(cx: &Ctx, m: &str, f: &str, case: Node) -> bool {
    let lower = m.to_ascii_lowercase();
    if ["timer", "reset", "arm", "schedul", "restart"].iter().any(|w| lower.contains(w)) {
        return true;
    }
    cx.file.calls.iter().any(|&c| {
        if cx.file.up.same_scope(c, case) {
            return false;
        }
        let target = match cx.file.method_call(c) {
            Some((r, "Reset")) => Some(r),
            _ if cx.file.time_func(c) == Some("NewTimer") => cx.file.assigned_to(c),
            _ => None,
        };
        target.is_some_and(|t| {
            t.kind() == "selector_expression"
                && t.child_by_field_id(fields().field).is_some_and(|x| cx.file.text(x) == f)
        })
    })
}

impl Judge for Facts {
    fn judge(&self, _: Semantics) -> Option<(Level, String)> {
        let (t, line) = (&self.timer, self.rearm_line);
        let way = match (self.by_continue, self.in_range) {
            (true, _) => "a `continue`",
            (false, false) => "a way through the case",
            (false, true) => "a way through the loop's body",
        };
        let stuck = if self.in_range {
            format!("`for range {t}.C` waits forever")
        } else {
            "this case never runs again".to_owned()
        };
        Some((
            Level::Error,
            format!(
                "{way} skips {t}'s re-arm on line {line} and the loop goes on: {t} has fired and \
                 nothing re-arms it, so {stuck}; re-arm on every way out, or leave the loop"
            ),
        ))
    }
}
