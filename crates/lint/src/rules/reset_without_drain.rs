//! `reset-without-drain`: `t.Reset(d)` that control can reach from a select which ended through
//! another case than `<-t.C` — so `t` may have fired unreceived — with nothing on the way that
//! empties the channel: no receive from `t.C` (or a variable holding it), no `if !t.Stop() {
//! drain }`, no call of a local closure that drains. Before Go 1.23 the stale value is received
//! right after Reset: seed 2's spurious timeout (golang/go#11513, #14038). A Reset in a local
//! closure is checked where it is and at every call of the closure by name. A Reset of a timer
//! made by `time.NewTimer(0)`, nothing received in between, finds the at-once firing's value.
//!
//! The paths are followed case by case, knowing what each case did (`known.rs`): a case that
//! returns, or ends the loop through a flag, never reaches the Reset; a path that drained at the
//! end of the previous iteration is clean.

use std::cell::Cell;

use gotime::Semantics;
use tree_sitter::Node;

use crate::flow::{Step, Visit};
use crate::known::Known;
use crate::rules::chans::{fires_at_once, has_other_case, operand, paths_except, receives_any, select_case};
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{
    collect_kind, contains, each_statement, fields, is_function, preceding, span, statements, unparen,
    Parents,
};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The timer, as written: `t`, `c.idle`.
    timer: String,
    /// A `t.Stop()` without a drain comes before the Reset.
    stopped_without_drain: bool,
    /// The timer was made with a zero duration (`time.NewTimer(0)`) and nothing received it
    /// before this Reset.
    made_fired: bool,
    /// A ticker, not a timer: what stays buffered is one early tick.
    ticker: bool,
}

/// What code before the Reset does to the channel.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// It receives from the channel (or drains it without blocking): nothing stale is left.
    Drains,
    /// It calls Stop and does not drain: a value that arrived before stays.
    StopsOnly,
}

/// The timer of one Reset and the names of its channel.
struct Target<'a> {
    timer: &'a str,
    chans: Vec<String>,
    /// How many methods deep [`method_effect`] is: a method that calls itself, or two that call
    /// each other, are followed only so far.
    depth: Cell<u8>,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    for &call in &cx.file.calls {
        let Some((recv, "Reset")) = cx.file.method_call(call) else { continue };
        let timer = cx.file.text(recv);
        // A ticker Reset to postpone its tick (an inactivity ticker, Reset per message: OffchainLabs
        // nitro #2001) keeps a tick buffered before it as a timer keeps its value.
        let ticker = !cx.timers.is_timer(timer) && cx.timers.is_ticker(timer);
        let postponed_tick = ticker && postpones(cx, timer, call);
        if !cx.timers.is_timer(timer) && !postponed_tick {
            continue;
        }
        let chans = if ticker { vec![format!("{timer}.C")] } else { cx.timers.chans_of(timer) };
        let target = Target { timer, chans, depth: Cell::new(0) };
        if drained_right_after(cx, &target, call) {
            continue;
        }
        // A Reset in a local closure (`resetTimeout := func() { ... t.Reset(d) }`) also happens
        // where the closure is called, unless the closure drains first.
        let mut sites = vec![call];
        sites.extend(closure_calls(cx, call, &target).unwrap_or_default());
        if let Some(made) = made_fired(cx, &target, call) {
            out.push(Detection {
                rule: Rule::ResetWithoutDrain,
                at: span(call, cx.file.src),
                related: vec![(span(made, cx.file.src), format!("{timer} made here, firing at once"))],
                facts: Box::new(Facts {
                    timer: timer.to_owned(),
                    stopped_without_drain: false,
                    made_fired: true,
                    ticker,
                }),
            });
            continue;
        }
        for site in sites {
            let Some((case, effect)) = stale_at(cx, &target, site) else { continue };
            let mut related =
                vec![(span(case, cx.file.src), format!("the select case that receives {timer}.C"))];
            if site.id() != call.id() {
                related.insert(0, (span(site, cx.file.src), "the call that resets it".to_owned()));
            }
            out.push(Detection {
                rule: Rule::ResetWithoutDrain,
                at: span(call, cx.file.src),
                related,
                facts: Box::new(Facts {
                    timer: timer.to_owned(),
                    stopped_without_drain: effect == Some(Effect::StopsOnly),
                    made_fired: false,
                    ticker,
                }),
            });
            break;
        }
    }
}

/// Whether the statement after the Reset `call` empties the channel without blocking — `if
/// len(t.C) > 0 { <-t.C }` or `select { case <-t.C: default: }` — so that the value the select
/// left is not there for the next wait (rook's OSD status loop). Only a firing in the very
/// instant of the Reset can slip past such a drain before Go 1.23 (its send runs after the timer
/// leaves the runtime's lock): the narrow race `timer-chan-len` reports for `len` drains.
fn drained_right_after(cx: &Ctx, target: &Target, call: Node) -> bool {
    let Some(stmt) = cx.file.up.enclosing_statement(call) else { return false };
    let Some(next) = cx.file.up.of(stmt).and_then(|list| crate::syntax::following(list, stmt).next()) else {
        return false;
    };
    let receives = |n: Node| {
        cx.file.recvs.iter().any(|&r| {
            contains(n, r) && operand(r).is_some_and(|o| target.chans.iter().any(|c| c == cx.file.text(o)))
        })
    };
    match next.kind() {
        "select_statement" => {
            let mut cursor = next.walk();
            let cases: Vec<Node> = next.named_children(&mut cursor).collect();
            cases.iter().any(|c| c.kind() == "default_case")
                && cases.iter().any(|&c| c.kind() == "communication_case" && receives(c))
        }
        "if_statement" => {
            let tests_len = next.child_by_field_id(fields().condition).is_some_and(|c| {
                let text: String = cx.file.text(c).split_whitespace().collect();
                target.chans.iter().any(|ch| text.contains(&format!("len({ch})")))
            });
            tests_len && next.child_by_field_id(fields().consequence).is_some_and(receives)
        }
        _ => false,
    }
}

/// Whether the Ticker Reset `call` only postpones the next tick: its period is the one the file's
/// `t = time.NewTicker(d)` gave it, as written (`isDown.Reset(inactive)` after
/// `time.NewTicker(inactive)`). A Reset to another period (`tk.Reset(d)` with `d` from a
/// configuration message) changes the schedule, and one early tick of it is no news.
fn postpones(cx: &Ctx, ticker: &str, call: Node) -> bool {
    let first = |c: Node| {
        c.child_by_field_id(fields().arguments).and_then(|a| a.named_child(0)).map(|a| {
            let text: String = cx.file.text(a).split_whitespace().collect();
            text
        })
    };
    let Some(period) = first(call) else { return false };
    // A local ticker is made in the Reset's function (the file's other `t`s are other tickers);
    // a field's, anywhere in the file (`x.f = time.NewTicker(d)` in a constructor).
    let field = ticker.rsplit_once('.').map(|(_, f)| f);
    let same = |v: Node| match field {
        Some(f) => cx.file.text(v).rsplit_once('.').is_some_and(|(_, g)| g == f),
        None => cx.file.text(v) == ticker && contains(cx.file.up.scope_of(v), call),
    };
    cx.file.calls.iter().any(|&c| {
        cx.file.time_func(c) == Some("NewTicker")
            && cx.file.assigned_to(c).is_some_and(same)
            && first(c).as_deref() == Some(period.as_str())
    })
}

/// The `time.NewTimer(0)` that made the timer of the Reset `call`, when control gets from it to
/// the Reset with nothing between them in the text that receives the channel, stops the timer or
/// makes it anew: the timer fired at once, and before Go 1.23 its value waits in the channel, so
/// the first wait after the Reset returns at once (the fix of shoenig/test #85 brought this in).
fn made_fired<'t>(cx: &Ctx<'_, 't>, target: &Target, call: Node<'t>) -> Option<Node<'t>> {
    let scope = cx.file.up.scope_of(call).id();
    let made = cx.file.calls.iter().copied().filter(|&c| {
        c.end_byte() < call.start_byte()
            && cx.file.up.scope_of(c).id() == scope
            && cx.file.time_func(c) == Some("NewTimer")
            && cx.file.assigned_to(c).is_some_and(|v| cx.file.text(v) == target.timer)
    });
    let made = made.max_by_key(|c| c.start_byte())?;
    if !fires_at_once(cx, made) {
        return None;
    }
    let between = |n: Node| made.end_byte() < n.start_byte() && n.end_byte() < call.start_byte();
    let received = receives_any(cx.file, &target.chans, call).any(between);
    // `defer t.Stop()` runs at the end, not here.
    let deferred = |c: Node| cx.file.up.of(c).is_some_and(|p| p.kind() == "defer_statement");
    let touched = cx.file.calls.iter().any(|&c| {
        between(c)
            && ((!deferred(c)
                && cx
                    .file
                    .method_call(c)
                    .is_some_and(|(r, m)| m == "Stop" && cx.file.text(r) == target.timer))
                || cx.file.assigned_to(c).is_some_and(|v| cx.file.text(v) == target.timer))
    });
    if received || touched {
        return None;
    }
    let stmt = cx.file.up.enclosing_statement(made)?;
    cx.flow.reaches(stmt, crate::rules::chans::falls(), &Known::none(), call).map(|_| made)
}

/// Whether a Reset at `site` (the Reset itself, or a call of the closure holding it) can find the
/// channel full: the receive of the select case it can follow, and what the code just before it
/// did (a Stop without drain, or nothing).
fn stale_at<'t>(cx: &Ctx<'_, 't>, target: &Target, site: Node<'t>) -> Option<(Node<'t>, Option<Effect>)> {
    let selected: Vec<(Node, Node, Node)> = receives_any(cx.file, &target.chans, site)
        .filter_map(|r| select_case(cx.file, r).map(|(case, select)| (r, case, select)))
        .filter(|(_, case, select)| has_other_case(*select, *case) && effect(cx, *select, target).is_none())
        .collect();
    let recvs: Vec<Node> = selected.iter().map(|s| s.0).collect();
    let l = loop_around(&cx.file.up, site, &recvs)?;
    let stmt = cx.file.up.enclosing_statement(site)?;
    selected.iter().filter(|s| contains(l, s.2)).find_map(|&(recv, case, select)| {
        stale_path(cx, target, site, stmt, case, select).map(|effect| (recv, effect))
    })
}

/// The calls of the local closure that holds the Reset `call` — `name := func() { ... }` (or `name
/// = func() ...`) in the same function, called by name after it — when nothing in the closure
/// drains the channel before the Reset (none when something does). `None` when the Reset is not
/// in such a closure.
fn closure_calls<'t>(cx: &Ctx<'_, 't>, call: Node<'t>, target: &Target) -> Option<Vec<Node<'t>>> {
    let up = &cx.file.up;
    let mut literal = up.of(call)?;
    while literal.kind() != "func_literal" {
        if is_function(literal) {
            return None;
        }
        literal = up.of(literal)?;
    }
    if up.immediately_invoked(literal) {
        return None;
    }
    let values = up.of(literal).filter(|v| v.kind() == "expression_list")?;
    let decl =
        up.of(values).filter(|d| matches!(d.kind(), "short_var_declaration" | "assignment_statement"))?;
    let left = decl.child_by_field_id(fields().left)?;
    if left.named_child_count() != 1 || values.named_child_count() != 1 {
        return None;
    }
    let name = cx.file.text(left.named_child(0)?);
    let body = literal.child_by_field_id(fields().body)?;
    let stmt = up.enclosing_statement(call)?;
    if before(cx, stmt, body, target) == Some(Effect::Drains) {
        return Some(Vec::new());
    }
    // The file keeps only calls of timer names; the closure's calls are looked up in its scope.
    let mut sites = Vec::new();
    let mut visit = vec![up.scope_of(decl)];
    while let Some(n) = visit.pop() {
        if n.kind() == "call_expression"
            && n.start_byte() > decl.end_byte()
            && up.same_scope(n, decl)
            && n.child_by_field_id(fields().function)
                .map(unparen)
                .is_some_and(|f| f.kind() == "identifier" && cx.file.text(f) == name)
        {
            sites.push(n);
        }
        let mut cursor = n.walk();
        visit.extend(n.named_children(&mut cursor));
    }
    sites.sort_by_key(|n| n.start_byte());
    Some(sites)
}

/// Whether the Reset `call` (statement `stmt`) is reachable from `select` ended through a case
/// other than `case` with nothing draining the channel on the way; `Some` holds what the code
/// just before it did (a Stop without drain, or nothing).
fn stale_path<'t>(
    cx: &Ctx<'_, 't>,
    target: &Target,
    call: Node<'t>,
    stmt: Node<'t>,
    case: Node<'t>,
    select: Node<'t>,
) -> Option<Option<Effect>> {
    for (other, exits, known) in paths_except(cx.file, &cx.flow, select, case) {
        if contains(other, call) {
            match before(cx, stmt, other, target) {
                Some(Effect::Drains) => continue,
                effect => return Some(effect),
            }
        }
        if each_statement(statements(other))
            .any(|s| effect_knowing(cx, s, target, &Known::none()) == Some(Effect::Drains))
        {
            // The case drains before it ends.
            continue;
        }
        let mut stale = None;
        cx.flow.walk_up_knowing(select, exits, &known, |step, k| {
            let (Step::Next(n) | Step::Repeat(n)) = step;
            if contains(n, call) {
                return match before(cx, stmt, n, target) {
                    Some(Effect::Drains) => Visit::Cut,
                    effect => {
                        stale = Some(effect);
                        Visit::Stop
                    }
                };
            }
            match step {
                Step::Next(n) if effect_knowing(cx, n, target, k) == Some(Effect::Drains) => Visit::Cut,
                _ => Visit::Go,
            }
        });
        if stale.is_some() {
            return stale;
        }
    }
    None
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

/// What the code before `stmt` within `outer` (a statement or loop around it) does to the
/// channel: `Some(Drains)` when it is empty for sure, `Some(StopsOnly)` when only Stop was
/// called, `None` when nothing.
fn before(cx: &Ctx, stmt: Node, outer: Node, target: &Target) -> Option<Effect> {
    let mut stopped = false;
    let mut node = stmt;
    while node.id() != outer.id() {
        let parent = cx.file.up.of(node)?;
        match parent.kind() {
            "statement_list" => {
                for prev in preceding(parent, node) {
                    match effect_knowing(cx, prev, target, &Known::none()) {
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
                    .is_some_and(|r| is_recv(cx, r, target));
                if receives_chan || enabled_by_timer_case(cx, parent, target) {
                    return Some(Effect::Drains);
                }
            }
            "if_statement" => {
                let in_then =
                    parent.child_by_field_id(fields().consequence).map(|c| c.id()) == Some(node.id());
                // `if t.Stop() { t.Reset(d) }`: Reset only when Stop caught the timer pending;
                // `if !armed { ... }` / `if ch == nil { ... }`: re-armed only once the receiving
                // case said it fired.
                if in_then
                    && (header_calls_stop(cx, parent, target.timer)
                        || guarded_by_case_flag(cx, parent, target))
                {
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

/// Whether `n` is a receive from the timer's channel.
fn is_recv(cx: &Ctx, n: Node, target: &Target) -> bool {
    let n = unparen(n);
    n.kind() == "unary_expression"
        && n.child_by_field_id(fields().operator).is_some_and(|o| o.kind() == "<-")
        && operand(n).is_some_and(|o| target.chans.iter().any(|c| c == cx.file.text(o)))
}

/// What one statement does to the timer's channel.
fn effect(cx: &Ctx, stmt: Node, target: &Target) -> Option<Effect> {
    let f = cx.file;
    let is_stop = |n: Node| {
        let n = unparen(n);
        f.method_call(n).is_some_and(|(r, m)| m == "Stop" && f.text(r) == target.timer)
    };
    match stmt.kind() {
        "expression_statement" => {
            let e = stmt.named_child(0)?;
            if is_recv(cx, e, target) {
                Some(Effect::Drains)
            } else if is_stop(e) {
                Some(Effect::StopsOnly)
            } else {
                closure_effect(cx, unparen(e), target)
            }
        }
        "short_var_declaration" | "assignment_statement" => {
            let right = stmt.child_by_field_id(fields().right)?;
            let mut cursor = right.walk();
            let values: Vec<Node> = right.named_children(&mut cursor).collect();
            if values.iter().any(|&v| is_recv(cx, v, target)) {
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
                    .is_some_and(|r| is_recv(cx, r, target))
            });
            (has_default && takes_chan).then_some(Effect::Drains)
        }
        "if_statement" => {
            if !header_calls_stop(cx, stmt, target.timer) {
                return None;
            }
            let then = stmt.child_by_field_id(fields().consequence)?;
            let drains =
                each_statement(statements(then)).any(|s| effect(cx, s, target) == Some(Effect::Drains));
            Some(if drains { Effect::Drains } else { Effect::StopsOnly })
        }
        _ => None,
    }
}

/// What one statement does to the timer's channel on a path that knows `k`: an `if` whose
/// condition the path decides does what its taken branch does (`if expired { ... } else { if
/// !t.Stop() { <-t.C } }` after a case that left `expired` false drains); one it does not decide
/// drains when both its branches do.
fn effect_knowing(cx: &Ctx, stmt: Node, target: &Target, k: &Known) -> Option<Effect> {
    if stmt.kind() != "if_statement" || header_calls_stop(cx, stmt, target.timer) {
        return effect(cx, stmt, target);
    }
    let branch = |field: u16| match stmt.child_by_field_id(field) {
        Some(b) if b.kind() == "if_statement" => effect_knowing(cx, b, target, k),
        Some(b) => {
            let effects: Vec<Effect> =
                each_statement(statements(b)).filter_map(|s| effect_knowing(cx, s, target, k)).collect();
            effects.iter().copied().find(|e| *e == Effect::Drains).or_else(|| effects.first().copied())
        }
        None => None,
    };
    match stmt.child_by_field_id(fields().condition).and_then(|c| k.eval(cx.file, c)) {
        Some(true) => branch(fields().consequence),
        Some(false) => branch(fields().alternative),
        None if branch(fields().consequence) == Some(Effect::Drains)
            && branch(fields().alternative) == Some(Effect::Drains) =>
        {
            Some(Effect::Drains)
        }
        None => effect(cx, stmt, target),
    }
}

/// What calling a local closure does: `stop()` where `stop := func() { ... }` in the same
/// function drains the channel if its body does.
fn closure_effect(cx: &Ctx, call: Node, target: &Target) -> Option<Effect> {
    if call.kind() != "call_expression" {
        return None;
    }
    let function = unparen(call.child_by_field_id(fields().function)?);
    if function.kind() == "selector_expression" {
        return method_effect(cx, function, target);
    }
    if function.kind() != "identifier" {
        return None;
    }
    local_closure_effect(cx, call, cx.file.text(function), target)
        .or_else(|| function_effect(cx, call, cx.file.text(function), target))
}

/// What calling the local closure `name` does (`stop := func() { ... }` earlier in the function).
fn local_closure_effect(cx: &Ctx, call: Node, name: &str, target: &Target) -> Option<Effect> {
    let scope = cx.file.up.scope_of(call);
    let mut cursor = scope.walk();
    loop {
        let n = cursor.node();
        if matches!(n.kind(), "short_var_declaration" | "assignment_statement")
            && n.start_byte() < call.start_byte()
        {
            let left = n.child_by_field_id(fields().left).and_then(|l| l.named_child(0));
            let right = n.child_by_field_id(fields().right).and_then(|r| r.named_child(0));
            if let (Some(left), Some(right)) = (left, right) {
                if cx.file.text(left) == name && right.kind() == "func_literal" {
                    let body = right.child_by_field_id(fields().body)?;
                    let mut effects = each_statement(statements(body)).filter_map(|s| effect(cx, s, target));
                    return effects.find(|e| *e == Effect::Drains).or_else(|| effects.next());
                }
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node().id() == scope.id() {
                return None;
            }
        }
    }
}

/// What calling `name(..., t, ...)` does, where the file declares `func name(..., x *time.Timer,
/// ...)` and `t` is the timer: what the body does to `x` (rmq's `stopTimer(timer)`: Stop, then
/// a drain that does not block). A function of another file is not seen.
fn function_effect(cx: &Ctx, call: Node, name: &str, target: &Target) -> Option<Effect> {
    let args = call.child_by_field_id(fields().arguments)?;
    let mut cursor = args.walk();
    let at = args.named_children(&mut cursor).position(|a| cx.file.text(unparen(a)) == target.timer)?;
    let root = cx.file.up.root(call);
    let mut cursor = root.walk();
    let declarations: Vec<Node> = root.named_children(&mut cursor).collect();
    let function = declarations.into_iter().find(|d| {
        d.kind() == "function_declaration"
            && d.child_by_field_id(fields().name).is_some_and(|n| cx.file.text(n) == name)
    })?;
    // The parameter at `at`, counting each name of a group (`a, b *time.Timer`).
    let params = function.child_by_field_name("parameters")?;
    let mut cursor = params.walk();
    let mut names = Vec::new();
    for p in params.named_children(&mut cursor).filter(|p| p.kind() == "parameter_declaration") {
        let ty: String = p
            .child_by_field_id(fields().type_)
            .map(|t| cx.file.text(t))
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let mut c2 = p.walk();
        names.extend(p.children_by_field_id(fields().names, &mut c2).map(|n| (cx.file.text(n), ty.clone())));
    }
    let (param, ty) = names.get(at)?;
    if !ty.ends_with("time.Timer") || target.depth.get() >= 4 {
        return None;
    }
    let inner =
        Target { timer: param, chans: vec![format!("{param}.C")], depth: Cell::new(target.depth.get() + 1) };
    let body = function.child_by_field_id(fields().body);
    let effects: Vec<Effect> =
        each_statement(body.and_then(statements)).filter_map(|s| effect(cx, s, &inner)).collect();
    effects.iter().copied().find(|e| *e == Effect::Drains).or_else(|| effects.first().copied())
}

/// What calling `r.m()` does inside a method with receiver `r`, where the file declares `m` on
/// the same receiver type with its receiver named `r` too (`t.stopTimer()` in `func (t *ticker)
/// run()`): what its body does, as for a local closure. Another receiver name would need the
/// timer's name rewritten; it is left unknown, as is a method the parse left out (`chunks.rs`:
/// one that names no timer call cannot drain by Stop).
fn method_effect(cx: &Ctx, function: Node, target: &Target) -> Option<Effect> {
    let operand = unparen(function.child_by_field_id(fields().operand)?);
    let name = cx.file.text(function.child_by_field_id(fields().field)?);
    let mut around = cx.file.up.of(function)?;
    while !is_function(around) {
        around = cx.file.up.of(around)?;
    }
    let wanted = cx.file.method(around).filter(|m| m.receiver == cx.file.text(operand))?;
    let method = cx.file.methods(around).into_iter().find(|m| {
        m.name == name && m.receiver == wanted.receiver && m.receiver_type == wanted.receiver_type
    })?;
    if target.depth.get() >= 4 {
        return None;
    }
    target.depth.set(target.depth.get() + 1);
    let body = method.decl.child_by_field_id(fields().body);
    let effects: Vec<Effect> =
        each_statement(body.and_then(statements)).filter_map(|s| effect(cx, s, target)).collect();
    target.depth.set(target.depth.get() - 1);
    effects.iter().copied().find(|e| *e == Effect::Drains).or_else(|| effects.first().copied())
}

/// Whether the `if`'s initializer or condition calls `timer.Stop()`, or its condition reads
/// the result of one the statements before it kept: `stopped := t.Stop(); if !stopped &&
/// !drained { <-t.C }` (xtaci/kcp-go's scheduler).
fn header_calls_stop(cx: &Ctx, if_stmt: Node, timer: &str) -> bool {
    let f = fields();
    let is_stop =
        |c: Node| cx.file.method_call(c).is_some_and(|(r, m)| m == "Stop" && cx.file.text(r) == timer);
    let calls_stop = [f.initializer, f.condition]
        .into_iter()
        .filter_map(|id| if_stmt.child_by_field_id(id))
        .any(|h| cx.file.calls.iter().any(|&c| contains(h, c) && is_stop(c)));
    calls_stop
        || if_stmt
            .child_by_field_id(f.condition)
            .is_some_and(|cond| reads_kept_stop(cx, if_stmt, cond, &is_stop))
}

/// Whether `cond` reads a variable that the last statement before `if_stmt` assigning it set
/// to a Stop's result (`is_stop`).
fn reads_kept_stop(cx: &Ctx, if_stmt: Node, cond: Node, is_stop: &dyn Fn(Node) -> bool) -> bool {
    let mut read = Vec::new();
    collect_kind(cond, &["identifier"], &mut read);
    let mut open: Vec<&str> = read.iter().map(|n| cx.file.text(*n)).collect();
    open.sort_unstable();
    open.dedup();
    let before = std::iter::successors(if_stmt.prev_named_sibling(), |s| s.prev_named_sibling());
    for stmt in before.filter(|s| matches!(s.kind(), "short_var_declaration" | "assignment_statement")) {
        let (Some(left), Some(right)) =
            (stmt.child_by_field_id(fields().left), stmt.child_by_field_id(fields().right))
        else {
            continue;
        };
        let mut cursor = left.walk();
        let assigned: Vec<Node> = left.named_children(&mut cursor).collect();
        for (at, v) in assigned.iter().enumerate() {
            // The nearest assignment of a name decides: a Stop's result, or something else.
            if let Some(i) = open.iter().position(|n| *n == cx.file.text(*v)) {
                if right.named_child(at).map(unparen).is_some_and(is_stop) {
                    return true;
                }
                open.swap_remove(i);
            }
        }
    }
    false
}

/// Whether the `if` condition reads a variable that a select case receiving the timer's channel
/// sets: `if !armed { t.Reset(d); armed = true }` with `case <-t.C: armed = false`, or `if ch ==
/// nil { t.Reset(d); ch = t.C }` with `case <-ch: ch = nil`. The program tracks the receive (a
/// counter reset to a number does not: [`sets_flag`]).
fn guarded_by_case_flag(cx: &Ctx, if_stmt: Node, target: &Target) -> bool {
    let Some(cond) = if_stmt.child_by_field_id(fields().condition) else { return false };
    let mut read = Vec::new();
    let mut cursor = cond.walk();
    loop {
        let n = cursor.node();
        if matches!(n.kind(), "identifier" | "selector_expression") {
            read.push(cx.file.text(n));
        }
        if !matches!(n.kind(), "selector_expression") && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() || cursor.node().id() == cond.id() {
                return receives_any(cx.file, &target.chans, if_stmt)
                    .filter_map(|r| select_case(cx.file, r))
                    .any(|(case, _)| each_statement(statements(case)).any(|s| sets_flag(cx, s, &read)));
            }
        }
    }
}

/// Whether `case` receives from a variable only the timer's own case sets (`case <-work:` with
/// `case <-t.C: work = queue` and `work = nil` once taken): the case runs only after the timer
/// fired and was received, so a Reset in it finds the channel empty.
fn enabled_by_timer_case(cx: &Ctx, case: Node, target: &Target) -> bool {
    let Some(chan) = case
        .child_by_field_id(fields().communication)
        .and_then(
            |c| if c.kind() == "receive_statement" { c.child_by_field_id(fields().right) } else { Some(c) },
        )
        .map(unparen)
        .filter(|r| r.kind() == "unary_expression")
        .and_then(operand)
    else {
        return false;
    };
    let chan = cx.file.text(chan);
    let sets_chan_to_nil = each_statement(statements(case)).any(|s| {
        s.kind() == "assignment_statement"
            && s.child_by_field_id(fields().left).is_some_and(|l| cx.file.text(l) == chan)
            && s.child_by_field_id(fields().right).is_some_and(|r| cx.file.text(r) == "nil")
    });
    sets_chan_to_nil
        && receives_any(cx.file, &target.chans, case)
            .filter_map(|r| select_case(cx.file, r))
            .any(|(c, _)| each_statement(statements(c)).any(|s| sets_any(cx, s, &[chan])))
}

/// Whether `stmt` sets one of `vars` as a flag: to anything but a number. A counter the timer's
/// case resets (`n = 0`, with `if n < max { t.Reset(d) }` elsewhere) says nothing about whether
/// the channel holds a value: the guard is true before the receive too.
fn sets_flag(cx: &Ctx, stmt: Node, vars: &[&str]) -> bool {
    let number = stmt
        .child_by_field_id(fields().right)
        .and_then(|r| r.named_child(0))
        .map(unparen)
        .is_some_and(|v| matches!(v.kind(), "int_literal" | "float_literal"));
    !number && sets_any(cx, stmt, vars)
}

/// Whether `stmt` assigns one of `vars`.
fn sets_any(cx: &Ctx, stmt: Node, vars: &[&str]) -> bool {
    if stmt.kind() != "assignment_statement" {
        return false;
    }
    let Some(left) = stmt.child_by_field_id(fields().left) else { return false };
    let mut cursor = left.walk();
    let set = left.named_children(&mut cursor).any(|v| vars.contains(&cx.file.text(v)));
    set
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        let t = &self.timer;
        // Sync channels: since Go 1.23 Reset discards a value nobody received.
        if !semantics.buffered_channels() {
            return None;
        }
        if self.made_fired {
            let when = if semantics == Semantics::AsyncCollected {
                "with asynctimerchan=2"
            } else {
                "before Go 1.23"
            };
            return Some((
                Level::Error,
                format!(
                    "{t}.Reset with no drain after time.NewTimer(0), which fired at once: the next wait on \
                     {t}.C returns at once {when}"
                ),
            ));
        }
        let what = if self.stopped_without_drain { "Stop without drain" } else { "no drain" };
        let when = match semantics {
            Semantics::AsyncCollected => "with asynctimerchan=2",
            _ => "before Go 1.23",
        };
        if self.ticker {
            // Often harmless (one early tick of a periodic job); a bug when the Reset is meant to
            // postpone the tick (an inactivity ticker Reset per message: a false "idle").
            return Some((
                Level::Note,
                format!(
                    "{t}.Reset after a select that may leave a tick in {t}.C, {what}: the buffered tick \
                     fires at once {when}, defeating a Reset meant to postpone it"
                ),
            ));
        }
        Some((
            Level::Error,
            format!("{t}.Reset after a select that may leave {t}.C full, {what}: stale fire {when}"),
        ))
    }
}
