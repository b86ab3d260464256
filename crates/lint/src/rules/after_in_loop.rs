//! `after-in-loop`: a timer started on every iteration of a loop that selects on it and can go
//! round again while the timer is still pending — `case <-time.After(d):`, `c := time.After(d)`
//! in the loop, or `t := time.NewTimer(d)` in the loop with no `t.Stop()` that runs before the
//! next iteration. The seeds' leak (golang/go#8898).
//!
//! Not reported: loops that run a fixed number of times (`for range 3`, `for i := 0; i < n;
//! i++`, a range over a slice), whose leak is bounded; a timer made in the loop clause's init
//! statement, once; `time.After(0)`, which is never pending; and test files, whose
//! timers live no longer than the test — except a deadline restarted by a busy loop's
//! `default:`, which hangs a test as well. A loop counts as going round again only along a path
//! that leads back to its head — a case that returns, or sets the flag the loop tests, does not.

use gotime::{GoDuration, Semantics};
use tree_sitter::Node;

use crate::rules::chans::{
    bounded, case_receiving, exits_through, fires_at_once, has_other_case, paths_except, receives,
    receives_timer, select_case, unbounded_loop_around,
};
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{
    collect_kind, contains, fields, is_function, runs_each_iteration, span, unparen, written_names, Parents,
};

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
    /// `case <-time.After(d):` whose case leaves the loop, beside a timer, ticker or default case
    /// that goes round it: meant as the loop's deadline, restarted every round.
    RestartedDeadline,
    /// `case <-time.After(d):` whose case goes round the loop, beside `default:` or a ticker of
    /// a known, shorter period that also goes round: its work never runs.
    Starved {
        /// The timer's duration, in nanoseconds.
        after: i64,
        by: Starver,
    },
    /// `c := time.After(d)` in the loop, `case <-c:` in its select.
    Stored(String),
    /// `t := time.NewTimer(d)` in the loop, never stopped.
    NeverStopped(String),
    /// `t := time.NewTimer(d)` in the loop, `defer t.Stop()` in the function around the loop.
    StoppedByDefer(String),
    /// `ctx, cancel := context.WithTimeout(...)` in the loop, `defer cancel()` in the function
    /// around the loop.
    CancelledByDefer(String),
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.calls {
        if fires_at_once(cx, call) {
            continue;
        }
        match cx.file.time_func(call) {
            Some("After") => after(cx, call, out),
            // A test's timers live no longer than the test.
            Some("NewTimer") if !cx.is_test => new_timer(cx, call, out),
            _ if !cx.is_test => context_timeout(cx, call, out),
            _ => {}
        }
    }
}

fn after<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, out: &mut Vec<Detection>) {
    if let Some((case, select)) = case_receiving(cx.file, call) {
        if let Some(l) = repeating_loop(cx, case, select, None) {
            // A busy loop's deadline that never fires hangs a test too; a leak ends with it.
            let restarted = if until_fixed_instant(cx, call, l) {
                None
            } else {
                restarted_deadline(cx, call, case, select, l)
            };
            match restarted {
                Some(Restarted::ByDefault) => report(cx, call, l, Form::RestartedDeadline, out),
                Some(Restarted::ByTimer) if !cx.is_test => report(cx, call, l, Form::RestartedDeadline, out),
                Some(Restarted::Starved { after, by }) if !cx.is_test => {
                    report(cx, call, l, Form::Starved { after, by }, out);
                }
                None if !cx.is_test => report(cx, call, l, Form::InCase, out),
                _ => {}
            }
        }
    } else if cx.is_test {
        // A stored timer in a test lives no longer than the test.
    } else if let Some(var) = cx.file.assigned_to(call) {
        let name = cx.file.text(var);
        if only_when_cleared(cx, call, name) {
            return;
        }
        if let Some(l) = stored_in_loop(cx, call, name) {
            report(cx, call, l, Form::Stored(name.to_owned()), out);
        }
    }
}

/// Whether `call` is stored only when `var` is nil: `if c == nil { c = time.After(d) }`, with
/// the receiving case setting `c = nil` (a new timer only after the last one was received,
/// never while one is pending), or nothing ever clearing it (one timer per call).
fn only_when_cleared(cx: &Ctx, call: Node, var: &str) -> bool {
    let mut node = call;
    while let Some(parent) = cx.file.up.of(node) {
        if is_function(parent) {
            return false;
        }
        if parent.kind() == "if_statement"
            && parent.child_by_field_id(fields().consequence).is_some_and(|c| contains(c, call))
        {
            let cond: String = parent
                .child_by_field_id(fields().condition)
                .map(|c| cx.file.text(c).split_whitespace().collect())
                .unwrap_or_default();
            if cond == format!("{var}==nil") || cond == format!("nil=={var}") {
                return true;
            }
        }
        node = parent;
    }
    false
}

/// Whether the timeout `case` of `select` leaves loop `l` on every way out of it, while some
/// other case that goes round `l` comes on its own schedule: a timer's or a ticker's (`case
/// <-ticker.C: done = poll()`), or `default:`, at once. The timeout reads as the loop's
/// deadline, yet each round starts a new one, so it never fires while the ticks come sooner
/// (streamnative/pulsarctl #85, stackrox/collector #1645) — and never at all beside a `default:`
/// (cloudquery/plugin-sdk #1076). Beside message cases alone it is an idle timeout, as meant.
///
/// A timeout case that goes round instead is periodic work, and the same restart starves it
/// when the other case is `default:` or a ticker known to tick sooner ([`starved`]).
fn restarted_deadline<'t>(
    cx: &Ctx<'_, 't>,
    call: Node<'t>,
    case: Node<'t>,
    select: Node<'t>,
    l: Node<'t>,
) -> Option<Restarted> {
    let goes_round = |exits, known: &crate::known::Known| {
        cx.flow.repeating_loops(select, exits, known).iter().any(|r| r.id() == l.id())
    };
    let others = || -> Vec<Node> {
        paths_except(cx.file, &cx.flow, select, case)
            .into_iter()
            .filter(|(_, exits, known)| goes_round(exits.clone(), known))
            .map(|(c, _, _)| c)
            .collect()
    };
    let own = exits_through(&cx.flow, select, case);
    if goes_round(own, &crate::known::Known::after_case(cx.file, case)) {
        let after = after_duration(cx, call).filter(|&d| d >= STARVED_FROM)?;
        return starved(cx, l, &others(), after).map(|by| Restarted::Starved { after, by });
    }
    let others = others();
    if others.iter().any(|c| c.kind() == "default_case") {
        Some(Restarted::ByDefault)
    } else {
        others.iter().any(|&c| receives_timer(cx, c)).then_some(Restarted::ByTimer)
    }
}

/// Whether `time.After(d)` waits until an instant the loop does not move: `time.Until(deadline)`
/// or `deadline.Sub(time.Now())` with `deadline` assigned nowhere in loop `l`. Each round's
/// timer then fires at that same instant, so the deadline is kept, not restarted (go-redis's
/// fault injector); each round still leaves a pending timer.
fn until_fixed_instant<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, l: Node<'t>) -> bool {
    let Some(d) = call.child_by_field_id(fields().arguments).and_then(|a| a.named_child(0)).map(unparen)
    else {
        return false;
    };
    let first_arg =
        |c: Node<'t>| c.child_by_field_id(fields().arguments).and_then(|a| a.named_child(0)).map(unparen);
    let instant = if cx.file.time_func(d) == Some("Until") {
        first_arg(d)
    } else {
        match cx.file.method_call(d) {
            Some((x, "Sub")) if first_arg(d).is_some_and(|now| cx.file.time_func(now) == Some("Now")) => {
                Some(x)
            }
            _ => None,
        }
    };
    let Some(instant) = instant.filter(|x| matches!(x.kind(), "identifier" | "selector_expression")) else {
        return false;
    };
    let name = cx.file.text(instant);
    let mut writes = Vec::new();
    collect_kind(l, &["assignment_statement", "short_var_declaration"], &mut writes);
    !writes.iter().any(|w| {
        w.child_by_field_id(fields().left).is_some_and(|left| {
            let mut cursor = left.walk();
            let written = left.named_children(&mut cursor).any(|v| cx.file.text(v) == name);
            written
        })
    })
}

/// The shortest `time.After` the starved form is reported for: in Go 1.23 a receive runs an
/// expired channel timer at once, so a timer of a few nanoseconds may fire in the very select
/// that made it; a millisecond is far past that.
const STARVED_FROM: i64 = 1_000_000;

/// The duration of `time.After(d)`, when the file fixes it.
fn after_duration(cx: &Ctx, call: Node) -> Option<i64> {
    let d = call.child_by_field_id(fields().arguments)?.named_child(0)?;
    crate::duration::constant(cx.file, d)
}

/// What starves a `time.After` case that goes round loop `l` ([`restarted_deadline`]), given
/// the other cases that go round: `default:`, which takes the round before any timer can fire,
/// or a ticker made once before the loop with a known period shorter than `after`, whose tick
/// always comes first (gravitl/netmaker's keep-alive: a 60 s `time.After` beside a 30 s ticker).
fn starved<'t>(cx: &Ctx<'_, 't>, l: Node<'t>, others: &[Node<'t>], after: i64) -> Option<Starver> {
    if others.iter().any(|c| c.kind() == "default_case") {
        return Some(Starver::Default);
    }
    others.iter().find_map(|&c| {
        let (ticker, period) = ticker_period(cx, c, l)?;
        (period < after).then_some(Starver::Ticker { ticker, period })
    })
}

/// The ticks received by `case` — `<-t.C` of `t := time.NewTicker(p)`, or `<-c` of `c :=
/// time.Tick(p)` — and their period, when the function writes the variable exactly once, before
/// loop `l`, never Resets it nor Stops it but as it returns, and the file fixes `p`.
fn ticker_period<'t>(cx: &Ctx<'_, 't>, case: Node<'t>, l: Node<'t>) -> Option<(String, i64)> {
    let comm = case.child_by_field_id(fields().communication)?;
    let recv =
        if comm.kind() == "receive_statement" { comm.child_by_field_id(fields().right)? } else { comm };
    let recv = unparen(recv);
    (recv.kind() == "unary_expression" && recv.child_by_field_id(fields().operator)?.kind() == "<-")
        .then_some(())?;
    let x = unparen(recv.child_by_field_id(fields().operand)?);
    let (name, made_by) = match x.kind() {
        "selector_expression" => {
            let operand = x.child_by_field_id(fields().operand)?;
            let is_c = x.child_by_field_id(fields().field).is_some_and(|f| cx.file.text(f) == "C");
            (is_c && operand.kind() == "identifier").then_some((cx.file.text(operand), "NewTicker"))?
        }
        "identifier" => (cx.file.text(x), "Tick"),
        _ => return None,
    };
    let function = cx.file.up.scope_of(l);
    let mut writes = Vec::new();
    collect_kind(function, &["short_var_declaration", "assignment_statement", "var_spec"], &mut writes);
    let mut made = None;
    for w in writes {
        let (names, values) = written_names(w);
        let Some(i) = names.iter().position(|n| cx.file.text(*n) == name) else { continue };
        if made.is_some() {
            return None; // written twice: which period is current is not known
        }
        let value = values?.named_child(i).map(unparen)?;
        let fits = value.kind() == "call_expression"
            && cx.file.time_func(value) == Some(made_by)
            && value.end_byte() <= l.start_byte();
        made = Some(fits.then_some(value)?);
    }
    // A Reset changes the period; a Stop before the function returns ends the ticks.
    // `defer t.Stop()` (or a deferred literal that stops it) runs only as the function returns.
    let deferred = |c: Node<'t>| matches!(stop_runs(&cx.file.up, c, l), StopRuns::AtFunctionEnd);
    let changed = cx.file.calls.iter().any(|&c| {
        contains(function, c)
            && cx.file.method_call(c).is_some_and(|(r, m)| {
                cx.file.text(r) == name && (m == "Reset" || (m == "Stop" && !deferred(c)))
            })
    });
    if changed {
        return None;
    }
    let period =
        crate::duration::constant(cx.file, made?.child_by_field_id(fields().arguments)?.named_child(0)?)?;
    let ticker = if made_by == "NewTicker" { format!("{name}.C") } else { name.to_owned() };
    (period > 0).then_some((ticker, period))
}

/// What keeps a periodic `time.After` from firing ([`starved`]).
#[derive(Clone, Debug)]
enum Starver {
    /// `default:`.
    Default,
    /// A ticker's channel, as written, and its period in nanoseconds.
    Ticker { ticker: String, period: i64 },
}

/// What restarts a deadline every round ([`restarted_deadline`]).
enum Restarted {
    /// `default:`: a busy loop, which goes round at once — in a test too, where the flow's
    /// guesses about a timer case going round are the least sure (a tick that ends in `Fatal`).
    ByDefault,
    /// A timer's or ticker's case.
    ByTimer,
    /// Not a deadline: a timeout case that goes round, starved by `by`.
    Starved { after: i64, by: Starver },
}

fn new_timer<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, out: &mut Vec<Detection>) {
    // time.NewTimer(d).C received in place, or stored: nobody can stop it.
    if let Some(sel) = cx.file.up.of(call).filter(|p| p.kind() == "selector_expression") {
        let is_c = sel.child_by_field_id(fields().field).is_some_and(|f| cx.file.text(f) == "C");
        if is_c && sel.child_by_field_id(fields().operand).map(|o| o.id()) == Some(call.id()) {
            if let Some((case, select)) = case_receiving(cx.file, sel) {
                if let Some(l) = repeating_loop(cx, case, select, None) {
                    report(cx, call, l, Form::InCase, out);
                }
            } else if let Some(var) = cx.file.assigned_to(sel) {
                let name = cx.file.text(var);
                if let Some(l) = stored_in_loop(cx, call, name) {
                    report(cx, call, l, Form::Stored(name.to_owned()), out);
                }
            }
        }
        return;
    }
    let Some(var) = cx.file.assigned_to(call) else { return };
    let name = cx.file.text(var);
    // `if t == nil { t = time.NewTimer(d); defer t.Stop() } else { t.Reset(d) }`: one timer
    // (and one deferred Stop) per nil, not per iteration.
    if only_when_cleared(cx, call, name) {
        return;
    }
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

/// `ctx, cancel := context.WithTimeout(parent, d)` (or `WithDeadline`) on every iteration of a
/// loop of unknown count, with `defer cancel()` in the loop: the deferred cancels run only when
/// the function returns, so each iteration's context — and its timer, an `AfterFunc` no Go
/// release collects before it fires — piles up with its deferred call (go-mysql-org/go-mysql
/// #999). A `defer` in a function literal called each iteration runs in time.
fn context_timeout<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, out: &mut Vec<Detection>) {
    let is_context = cx.file.method_call(call).is_some_and(|(pkg, f)| {
        pkg.kind() == "identifier"
            && cx.file.text(pkg) == "context"
            && matches!(f, "WithTimeout" | "WithDeadline")
    });
    let Some(declaration) = cx.file.up.of(call).and_then(|list| cx.file.up.of(list)) else { return };
    let cancel = declaration.child_by_field_id(fields().left).and_then(|left| left.named_child(1));
    let Some(cancel) = cancel.map(|c| cx.file.text(c)).filter(|c| is_context && *c != "_") else { return };
    let Some(l) = unbounded_loop_around(cx.file, call) else { return };
    let mut defers = Vec::new();
    collect_kind(l, &["defer_statement"], &mut defers);
    // The loop must be able to go round after the defer: not in a case that then returns.
    let deferred_cancel = defers.into_iter().any(|d| {
        let text: String = cx.file.text(d).split_whitespace().collect();
        text == format!("defer{cancel}()")
            && matches!(deferred_in(&cx.file.up, d, l), StopRuns::AtFunctionEnd)
            && cx
                .flow
                .repeating_loops(d, cx.flow.stmt(d), &crate::known::Known::none())
                .iter()
                .any(|r| r.id() == l.id())
    });
    if deferred_cancel {
        report(cx, call, l, Form::CancelledByDefer(cancel.to_owned()), out);
    }
}

/// The innermost loop that starts `call`'s timer again while the select receiving `chan` may
/// have left it pending.
fn stored_in_loop<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, chan: &str) -> Option<Node<'t>> {
    // Re-armed in its own case (`case <-lease: ... lease = time.After(d)`): a new timer only
    // once the last one was received.
    let rearmed_when_received = receives(cx.file, chan, call)
        .filter_map(|r| select_case(cx.file, r))
        .any(|(case, _)| contains(case, call));
    if rearmed_when_received || rearmed_after_a_task_it_started(cx, chan, call) {
        return None;
    }
    receives(cx.file, chan, call).find_map(|recv| {
        let (case, select) = select_case(cx.file, recv)?;
        repeating_loop(cx, case, select, Some(call))
    })
}

/// Whether the timer `call` makes is made in a select case that receives the result of a task
/// only the timer's own case starts — a supervisor that restarts a task a retry pause after it
/// failed (`case err := <-runErr: t = time.NewTimer(pause)` … `case <-t.C: go func() { runErr <-
/// run() }()`, bluenviron/mediamtx's static sources). Each send on that channel comes from a
/// goroutine started before the loop or in the timer's case after its receive, and sends once:
/// so between two new timers the last one fired and was received, and none is left pending.
fn rearmed_after_a_task_it_started<'t>(cx: &Ctx<'_, 't>, chan: &str, call: Node<'t>) -> bool {
    let up = &cx.file.up;
    let Some(case) = std::iter::successors(up.of(call), |&p| up.of(p))
        .take_while(|p| !is_function(*p))
        .find(|p| p.kind() == "communication_case")
    else {
        return false;
    };
    let Some(select) = up.of(case) else { return false };
    let own: Vec<Node> =
        receives(cx.file, chan, call).filter_map(|r| select_case(cx.file, r)).map(|(c, _)| c).collect();
    let Some(l) = std::iter::successors(up.of(select), |&p| up.of(p))
        .take_while(|p| !is_function(*p))
        .find(|p| p.kind() == "for_statement")
    else {
        return false;
    };
    // The task's channel: `case err := <-results:` or `case <-results:`.
    let Some(comm) = case.child_by_field_id(fields().communication) else { return false };
    let recv =
        if comm.kind() == "receive_statement" { comm.child_by_field_id(fields().right) } else { Some(comm) };
    let Some(results) = recv.map(unparen).filter(|r| r.kind() == "unary_expression").and_then(|r| {
        r.child_by_field_id(fields().operand).map(unparen).filter(|o| o.kind() == "identifier")
    }) else {
        return false;
    };
    let name = cx.file.text(results);
    let function = up.scope_of(l);
    // Where a goroutine may start without a pending timer: before the loop, or in its own case.
    let timer_not_pending = |n: Node| {
        (n.end_byte() <= l.start_byte() && up.same_scope(n, l)) || own.iter().any(|&c| contains(c, n))
    };
    let mut uses = Vec::new();
    collect_kind(function, &["identifier"], &mut uses);
    let mut sends = 0;
    for u in uses.into_iter().filter(|&u| cx.file.text(u) == name) {
        let Some(parent) = up.of(u) else { return false };
        match parent.kind() {
            "unary_expression" => {} // a receive
            "expression_list" if up.of(parent).is_some_and(|d| d.kind() == "short_var_declaration") => {
                // its declaration, `results := make(chan error)`
            }
            "send_statement"
                if parent.child_by_field_id(fields().channel).map(|c| c.id()) == Some(u.id()) =>
            {
                if !started_once_where(cx, parent, function, &timer_not_pending) {
                    return false;
                }
                sends += 1;
            }
            _ => return false, // handed on, or re-assigned: not followed
        }
    }
    sends > 0
}

/// Whether the send `send` runs once, in a goroutine `go func() { ... }()` started by `function`
/// where `allowed` holds — directly, or through a local closure (`recreate := func() { go
/// func() { ... }() }`) that `function` only calls where `allowed` holds.
fn started_once_where<'t>(
    cx: &Ctx<'_, 't>,
    send: Node<'t>,
    function: Node<'t>,
    allowed: &dyn Fn(Node<'t>) -> bool,
) -> bool {
    let up = &cx.file.up;
    let Some(literal) = std::iter::successors(up.of(send), |&p| up.of(p))
        .take_while(|p| !matches!(p.kind(), "for_statement"))
        .find(|p| is_function(*p))
    else {
        return false; // in a loop: it may send again
    };
    let go = up.of(literal).and_then(|c| up.of(c)).filter(|g| {
        g.kind() == "go_statement"
            && up.of(literal).is_some_and(|c| {
                c.kind() == "call_expression"
                    && c.child_by_field_id(fields().function).map(|f| f.id()) == Some(literal.id())
            })
    });
    let Some(go) = go else { return false };
    let starter = up.scope_of(go);
    if starter.id() == function.id() {
        return allowed(go);
    }
    // A local closure `name := func() { ... go ... }` of `function`, called only where allowed.
    let Some(name) = up
        .of(starter)
        .filter(|list| list.kind() == "expression_list")
        .and_then(|list| up.of(list))
        .filter(|d| d.kind() == "short_var_declaration" && up.scope_of(*d).id() == function.id())
        .and_then(|d| d.child_by_field_id(fields().left))
        .and_then(|left| left.named_child(0))
    else {
        return false;
    };
    let mut uses = Vec::new();
    collect_kind(function, &["identifier"], &mut uses);
    let mut calls = 0;
    for u in uses.into_iter().filter(|&u| u.id() != name.id() && cx.file.text(u) == cx.file.text(name)) {
        let called = up.of(u).is_some_and(|c| {
            c.kind() == "call_expression"
                && c.child_by_field_id(fields().function).map(|f| f.id()) == Some(u.id())
        });
        if !called || !allowed(u) {
            return false;
        }
        calls += 1;
    }
    calls > 0
}

/// The innermost loop around `select` (and running `creation`, if given, on each iteration: a
/// `for t := time.NewTimer(d); ...` clause makes one timer) that can iterate again after the
/// select ended through a case other than `case` — that is, with the timer pending.
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
    paths_except(cx.file, &cx.flow, select, case).into_iter().find_map(|(_, exits, known)| {
        cx.flow
            .repeating_loops(select, exits, &known)
            .into_iter()
            .filter(|l| !bounded(cx.file, *l))
            .find(|l| creation.is_none_or(|c| runs_each_iteration(*l, c)))
    })
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
        rule: Rule::AfterInLoop,
        at: span(call, src),
        related: vec![(loop_head, "the loop that starts it again".to_owned())],
        facts: Box::new(Facts { call: short_call(cx.file.text(call)), form }),
    });
}

/// `time.After(...)` for a call with arguments: the message names the function, not the code.
fn short_call(call: &str) -> String {
    match call.split_once('(') {
        Some((f, _)) => format!("{f}(...)"),
        None => call.to_owned(),
    }
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        judge(self, semantics)
    }
}

fn judge(f: &Facts, semantics: Semantics) -> Option<(Level, String)> {
    let call = &f.call;
    let what = match &f.form {
        Form::InCase => format!("{call} in a select loop"),
        Form::RestartedDeadline => {
            return Some((
                Level::Error,
                format!(
                    "{call} in a select loop restarts every round, and a timer, ticker or default case \
                     keeps the loop going: as its deadline it never fires while they come sooner; start \
                     it once before the loop"
                ),
            ));
        }
        Form::Starved { after, by } => {
            let after = GoDuration::from_nanos(*after);
            let sooner = match by {
                Starver::Default => "its default case takes every round at once".to_owned(),
                Starver::Ticker { ticker, period } => {
                    format!("{ticker} ticks every {}, sooner", GoDuration::from_nanos(*period))
                }
            };
            return Some((
                Level::Error,
                format!(
                    "{call} ({after}) in a select loop restarts every round, and {sooner}: it fires only \
                     when a round is held up longer than {after}, so its case almost never runs; run \
                     that work on a ticker made once before the loop"
                ),
            ));
        }
        Form::Stored(v) => format!("{call} stored in {v} and selected in a loop"),
        Form::NeverStopped(v) => format!("{v} := {call} in a select loop, never stopped,"),
        Form::CancelledByDefer(cancel) => {
            return Some((
                Level::Error,
                format!(
                    "{call} in a loop with `defer {cancel}()`: the deferred calls run only at return, so each \
                     iteration's context and its timer (an AfterFunc, kept until its deadline in every Go \
                     release) pile up; call {cancel}() at the end of each iteration"
                ),
            ));
        }
        Form::StoppedByDefer(v) => {
            return Some((
                Level::Error,
                format!("defer {v}.Stop() in a loop runs only at return: timers and deferred calls pile up"),
            ));
        }
    };
    // Retention, not the channel, makes this a leak: Go 1.23's runtime collects the timer.
    Some(if semantics.collects_unreferenced() {
        (Level::Note, format!("{what} allocates a timer per iteration; reuse one with Reset"))
    } else {
        (Level::Error, format!("{what} leaves a pending timer per iteration (leak before Go 1.23)"))
    })
}
