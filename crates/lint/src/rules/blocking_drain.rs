//! `blocking-drain`: the drain idiom `if !t.Stop() { <-t.C }` where control can get to it after
//! `t.C` was received — a `case <-t.C:` earlier in the iteration, or in the previous one — with
//! no Reset in between. Stop then returns false and `<-t.C` waits for a value that never comes,
//! in both semantics (golang/go#27169; docs/SEMANTICS.md, "the drain idiom after the value was
//! received"). A drain in a deferred function literal counts the receives of the function around
//! it after which that function can end. The same wait without a drain — a goroutine waiting on
//! a channel whose timer another function stops — is `stranded.rs`.

use gotime::Semantics;
use tree_sitter::Node;

use crate::flow::{Exit, Reach};
use crate::known::Known;
use crate::rules::chans::{
    exits_skipping_rearm, exits_through, falls, operand, rearm_call, rearming_method_calls, receives_any,
    select_case,
};
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{contains, each_statement, fields, span, statements, unparen};

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    /// The timer, as written.
    timer: String,
    /// The line of the receive that may have taken the value already; 0 for an `AfterFunc`
    /// timer, whose channel is nil.
    received_at: usize,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    crate::rules::stranded::detect(cx, out);
    for &if_stmt in &cx.file.ifs {
        if let Some((timer, drain)) = after_func_drain(cx, if_stmt) {
            report(cx, out, timer, drain, None);
            continue;
        }
        let Some((timer, drain)) = blocking_drain(cx, if_stmt) else { continue };
        let chans = cx.timers.chans_of(timer);
        let recv = received_before_deferred(cx, timer, &chans, if_stmt).or_else(|| {
            receives_any(cx.file, &chans, if_stmt).find(|&r| received_before(cx, timer, r, if_stmt))
        });
        if let Some(recv) = recv {
            report(cx, out, timer, drain, Some(recv));
        }
    }
}

/// Reports the blocking receive `drain` of `timer`'s drain idiom, after `recv` took the value
/// (`None`: an `AfterFunc` timer, whose channel is nil).
fn report(cx: &Ctx, out: &mut Vec<Detection>, timer: &str, drain: Node, recv: Option<Node>) {
    let received = recv.map(|r| span(r, cx.file.src));
    out.push(Detection {
        rule: Rule::BlockingDrain,
        at: span(drain, cx.file.src),
        related: received
            .iter()
            .map(|&at| (at, format!("where {timer}.C may already have been received")))
            .collect(),
        facts: Box::new(Facts { timer: timer.to_owned(), received_at: received.map_or(0, |r| r.start.line) }),
    });
}

/// Whether control can get from the receive `recv` of `timer`'s channel to the drain idiom
/// `if_stmt` with the value taken and the timer not re-armed.
fn received_before(cx: &Ctx, timer: &str, recv: Node, if_stmt: Node) -> bool {
    if contains(if_stmt, recv) {
        return false;
    }
    // A receiving case that re-arms the timer counts only the ways out of it that skip the
    // re-arm (`if err != nil { continue }` before `t.Reset(d)`).
    let mut skips = None;
    let (from, start, known) = match select_case(cx.file, recv) {
        Some((case, select)) => {
            let start = match exits_skipping_rearm(cx, timer, case, select) {
                Some(skipping) => {
                    skips = Some(case);
                    skipping
                }
                None => exits_through(&cx.flow, select, case),
            };
            (select, start, Known::after_case(cx.file, case))
        }
        None => match cx.file.up.enclosing_statement(recv) {
            Some(stmt) => (stmt, falls(), Known::none()),
            None => return false,
        },
    };
    if start.iter().all(|e| *e == Exit::Return) {
        return false;
    }
    cx.flow
        .reaches(from, start, &known, if_stmt)
        .is_some_and(|reach| !rearmed(cx, timer, recv, if_stmt, reach, skips))
}

/// `Some((t, <-t.C))` for the drain idiom on a timer made by `time.AfterFunc` — in the drain's
/// function, or a field the file gives only AfterFuncs: its `C` is nil, so once `f` started
/// (Stop false) the receive waits forever, in every Go release (decred/dcrdex #1995,
/// etf1/kafka-message-scheduler #8). Not right after the AfterFunc is made (tailscale's Stop of
/// a timer armed for `math.MaxInt64`: Stop is true, the drain never runs).
fn after_func_drain<'t>(cx: &Ctx<'_, 't>, if_stmt: Node<'t>) -> Option<(&'t str, Node<'t>)> {
    let (timer, _) = negated_stop(cx, if_stmt)?;
    let made = |funcs: &[&str]| -> Vec<Node<'t>> {
        cx.file
            .calls
            .iter()
            .copied()
            .filter(|&c| {
                cx.file.time_func(c).is_some_and(|f| funcs.contains(&f))
                    && cx.file.assigned_to(c).is_some_and(|v| cx.file.text(v) == timer)
            })
            .collect()
    };
    let scope = cx.file.up.scope_of(if_stmt).id();
    let after_funcs = made(&["AfterFunc"]);
    let by_after_func =
        after_funcs.iter().any(|&c| timer.contains('.') || cx.file.up.scope_of(c).id() == scope);
    if !by_after_func || !made(&["NewTimer", "NewTicker"]).is_empty() {
        return None;
    }
    let just_made = cx.file.up.of(if_stmt).is_some_and(|list| {
        crate::syntax::preceding(list, if_stmt)
            .next()
            .is_some_and(|prev| after_funcs.iter().any(|&c| contains(prev, c)))
    });
    if just_made {
        return None;
    }
    let then = if_stmt.child_by_field_id(fields().consequence)?;
    let drain =
        each_statement(statements(then)).find_map(|s| blocking_receive(cx, s, &cx.timers.chans_of(timer)))?;
    Some((timer, drain))
}

/// For the drain idiom in a deferred function literal (`defer func() { if !t.Stop() { <-t.C }
/// }()`, golang/go#27169's own example): a receive of the channel in the function around the
/// `defer` after which that function can end with no re-arm of the timer later in it — the
/// deferred drain then waits for the value just received.
fn received_before_deferred<'t>(
    cx: &Ctx<'_, 't>,
    timer: &str,
    chans: &[String],
    if_stmt: Node<'t>,
) -> Option<Node<'t>> {
    let up = &cx.file.up;
    let literal = up.scope_of(if_stmt);
    let call = up.of(literal).filter(|c| {
        c.kind() == "call_expression"
            && c.child_by_field_id(fields().function).map(|f| f.id()) == Some(literal.id())
    })?;
    let deferred = up.of(call).filter(|d| d.kind() == "defer_statement")?;
    let outer = up.scope_of(deferred);
    // The re-arms of the function around the defer: a path through one gives Stop a timer to
    // stop (true), and the drain never runs.
    let rearms: Vec<Node> = cx
        .file
        .calls
        .iter()
        .copied()
        .filter(|&c| up.scope_of(c).id() == outer.id() && rearm_call(cx, timer, c))
        .collect();
    receives_any(cx.file, chans, deferred).find(|&recv| {
        let (from, start, known) = match select_case(cx.file, recv) {
            // A receiving case that re-arms anywhere in it is left alone (which of its paths
            // return after the re-arm is not followed).
            Some((case, _)) if rearms.iter().any(|&c| contains(case, c)) => return false,
            Some((case, select)) => {
                (select, exits_through(&cx.flow, select, case), Known::after_case(cx.file, case))
            }
            None => match up.enclosing_statement(recv) {
                Some(stmt) => (stmt, falls(), Known::none()),
                None => return false,
            },
        };
        // The function can end after the receive on a path that re-arms nothing.
        cx.flow.may_end_after_avoiding(from, start, &known, |stmt| rearms.iter().any(|&c| contains(stmt, c)))
    })
}

/// `Some((t, <-t.C))` when `if_stmt` is the drain idiom `if !t.Stop() { <-t.C }`: the timer and
/// the blocking receive. Not for a timer the file assigns `time.AfterFunc(...)`, whatever its
/// declared type: its `C` is nil, and its Stop says whether `f` started, not a value's fate.
pub(crate) fn blocking_drain<'t>(cx: &Ctx<'_, 't>, if_stmt: Node<'t>) -> Option<(&'t str, Node<'t>)> {
    drain_idiom(cx, if_stmt).filter(|d| !d.2).map(|(timer, drain, _)| (timer, drain))
}

/// [`blocking_drain`], and also the idiom behind a condition that tracks the receive itself (`if
/// !t.Stop() && !read { <-t.C }`, quic-go's timer wrapper): `(timer, receive, tracked)`.
pub(crate) fn drain_idiom<'t>(cx: &Ctx<'_, 't>, if_stmt: Node<'t>) -> Option<(&'t str, Node<'t>, bool)> {
    let (timer, tracked) = negated_stop(cx, if_stmt)?;
    if cx.timers.is_func_or_ticker(timer) {
        return None;
    }
    let chans = cx.timers.chans_of(timer);
    let then = if_stmt.child_by_field_id(fields().consequence)?;
    let drain = each_statement(statements(then)).find_map(|s| blocking_receive(cx, s, &chans))?;
    Some((timer, drain, tracked))
}

/// `Some(("t", false))` when the `if` condition is `!t.Stop()`, alone or after guards that only
/// say the timer exists (`t != nil && !t.Stop()`, `b.hasTimer() && !b.timer.Stop()`);
/// `Some(("t", true))` when a `&&` beside it also tests something else (`!t.Stop() && !fired`):
/// the program tracking the receive itself.
fn negated_stop<'t>(cx: &Ctx<'_, 't>, if_stmt: Node<'t>) -> Option<(&'t str, bool)> {
    let mut conjuncts = Vec::new();
    let mut pending = vec![unparen(if_stmt.child_by_field_id(fields().condition)?)];
    while let Some(c) = pending.pop() {
        if c.kind() == "binary_expression" && c.child_by_field_id(fields().operator)?.kind() == "&&" {
            pending.push(unparen(c.child_by_field_id(fields().right)?));
            pending.push(unparen(c.child_by_field_id(fields().left)?));
        } else {
            conjuncts.push(c);
        }
    }
    let stopped = |c: Node<'t>| {
        if c.kind() != "unary_expression" || c.child_by_field_id(fields().operator)?.kind() != "!" {
            return None;
        }
        let call = unparen(c.child_by_field_id(fields().operand)?);
        let (recv, "Stop") = cx.file.method_call(call)? else { return None };
        (call.child_by_field_id(fields().arguments)?.named_child_count() == 0).then(|| cx.file.text(recv))
    };
    let (at, timer) = conjuncts.iter().enumerate().find_map(|(i, &c)| stopped(c).map(|t| (i, t)))?;
    // Anything beside the Stop but a guard that says the timer exists tracks the receive.
    let tracked = conjuncts.iter().enumerate().any(|(i, &g)| i != at && !says_the_timer_exists(cx, g, timer));
    Some((timer, tracked))
}

/// Whether `guard` only says that `timer` exists: `t != nil`, or a method of the timer's owner
/// that returns just that (`b.hasTimer()`, with `func (b *shard) hasTimer() bool { return
/// b.timer != nil }` in the file).
fn says_the_timer_exists(cx: &Ctx, guard: Node, timer: &str) -> bool {
    is_not_nil(cx.file.text(guard), timer) || existence_method(cx, guard, timer)
}

/// Whether `expr` is `timer != nil`, however spaced.
fn is_not_nil(expr: &str, timer: &str) -> bool {
    let text: String = expr.split_whitespace().collect();
    text == format!("{timer}!=nil") || text == format!("nil!={timer}")
}

/// Whether `call` is `owner.m()` for `timer` = `owner.field`, with `m` a method of this file
/// whose whole body is `return r.field != nil` (`r` its receiver). The method is looked up in
/// the parsed tree, or — when the parse left it out for naming no timer call (`chunks.rs`) — in
/// its declaration, parsed alone.
fn existence_method(cx: &Ctx, call: Node, timer: &str) -> bool {
    let Some((owner, field)) = timer.rsplit_once('.') else { return false };
    let Some((recv, method)) = cx.file.method_call(call) else { return false };
    let no_args = call.child_by_field_id(fields().arguments).is_some_and(|a| a.named_child_count() == 0);
    if !no_args || cx.file.text(recv) != owner {
        return false;
    }
    let root = cx.file.up.root(call);
    let mut cursor = root.walk();
    let parsed: Vec<Node> = root.named_children(&mut cursor).collect();
    if let Some(found) = parsed.iter().find_map(|&d| returns_not_nil(d, cx.file.src, method, field)) {
        return found;
    }
    let src = cx.file.src;
    let starts = crate::chunks::declaration_starts(src);
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(src.len()));
    starts.iter().copied().zip(ends).any(|(start, end)| {
        let chunk = &src[start..end];
        let names_it = memchr::memmem::find(chunk, method.as_bytes()).is_some();
        if !chunk.starts_with(b"func") || !names_it {
            return false;
        }
        let Ok(tree) = crate::syntax::parse(&mut crate::syntax::go_parser(), chunk) else { return false };
        let root = tree.root_node();
        let mut cursor = root.walk();
        let declarations: Vec<Node> = root.named_children(&mut cursor).collect();
        declarations.into_iter().find_map(|d| returns_not_nil(d, chunk, method, field)).unwrap_or(false)
    })
}

/// For a declaration of method `method`: `Some(true)` when its whole body is `return r.field !=
/// nil` (`r` its receiver), `Some(false)` when it does anything else; `None` for other
/// declarations.
fn returns_not_nil(decl: Node, src: &[u8], method: &str, field: &str) -> Option<bool> {
    let text = |n: Node| n.utf8_text(src).unwrap_or("");
    if decl.kind() != "method_declaration" || decl.child_by_field_id(fields().name).map(text) != Some(method)
    {
        return None;
    }
    let receiver = decl
        .child_by_field_id(fields().receiver)
        .and_then(|r| r.named_child(0))
        .and_then(|p| p.child_by_field_id(fields().name))
        .map(text);
    let body: Vec<Node> = decl
        .child_by_field_id(fields().body)
        .map(|b| each_statement(statements(b)).collect())
        .unwrap_or_default();
    let returned = match body.as_slice() {
        [only] if only.kind() == "return_statement" && only.named_child_count() == 1 => only
            .named_child(0)
            .map(|list| list.named_child(0).filter(|_| list.kind() == "expression_list").unwrap_or(list)),
        _ => None,
    };
    Some(match (receiver, returned) {
        (Some(r), Some(e)) => is_not_nil(text(e), &format!("{r}.{field}")),
        _ => false,
    })
}

/// The receive when `stmt` is a blocking receive from one of `chans`: `<-t.C` or `v := <-t.C`.
fn blocking_receive<'t>(cx: &Ctx<'_, 't>, stmt: Node<'t>, chans: &[String]) -> Option<Node<'t>> {
    let candidate = match stmt.kind() {
        "expression_statement" => stmt.named_child(0)?,
        "short_var_declaration" | "assignment_statement" => {
            stmt.child_by_field_id(fields().right)?.named_child(0)?
        }
        _ => return None,
    };
    let recv = unparen(candidate);
    let is_recv =
        recv.kind() == "unary_expression" && recv.child_by_field_id(fields().operator)?.kind() == "<-";
    (is_recv && operand(recv).is_some_and(|o| chans.iter().any(|c| c == cx.file.text(o)))).then_some(recv)
}

/// Whether the timer is re-armed (Reset, a new NewTimer assigned, or a method of its owner that
/// does one of those: [`rearming_method_calls`]) on the way from `recv` to
/// `target`: between them in the text, or — when the way goes round a loop (`recv` later in
/// the text, or a case that `continue`s) — after `recv` or before `target` in that loop: a
/// `t := time.NewTimer(d)` at the top of the loop's body is a new timer, not the one received.
/// Re-arms inside `skipped` (the receiving case, left by a way that skips them) do not count.
fn rearmed(cx: &Ctx, timer: &str, recv: Node, target: Node, reach: Reach, skipped: Option<Node>) -> bool {
    let scope = cx.file.up.scope_of(target).id();
    let (from, to) = (recv.end_byte(), target.start_byte());
    let in_loop = match reach {
        Reach::Around(l) => Some(l),
        Reach::Later => {
            let mut in_loop = cx.file.up.of(target);
            while let Some(n) = in_loop {
                if n.kind() == "for_statement" && contains(n, recv) {
                    break;
                }
                in_loop = cx.file.up.of(n);
            }
            in_loop
        }
    };
    let around = matches!(reach, Reach::Around(_)) || from > to;
    let function = cx.file.up.scope_of(target);
    let by_method = rearming_method_calls(cx, timer, function);
    let rearms = cx.file.calls.iter().copied().filter(|&c| rearm_call(cx, timer, c));
    // Within one run, a path through the receiving case skips the select's other cases.
    let sibling = |c: Node| {
        select_case(cx.file, recv).is_some_and(|(case, select)| contains(select, c) && !contains(case, c))
    };
    rearms.chain(by_method).any(|c| {
        if cx.file.up.scope_of(c).id() != scope || skipped.is_some_and(|case| contains(case, c)) {
            return false;
        }
        if !around {
            from <= c.start_byte() && c.end_byte() <= to && !sibling(c)
        } else {
            // Around the loop holding both: after the receive, or before the drain, in it.
            in_loop.is_some_and(|l| contains(l, c)) && (c.start_byte() >= from || c.end_byte() <= to)
        }
    })
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        let (t, line) = (&self.timer, self.received_at);
        if line == 0 {
            return Some((
                Level::Error,
                format!(
                    "<-{t}.C after !{t}.Stop(): {t} is an AfterFunc timer, whose C is nil; once its func \
                     started the receive blocks forever; remove the drain"
                ),
            ));
        }
        let fix =
            if semantics.buffered_channels() { "drain with select/default" } else { "remove the drain" };
        Some((
            Level::Error,
            format!("<-{t}.C after !{t}.Stop() blocks forever once line {line} received it; {fix}"),
        ))
    }
}
