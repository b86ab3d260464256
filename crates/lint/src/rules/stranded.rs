//! `blocking-drain`'s waits with no drain: a goroutine waiting on `t.C` while the function that
//! started it, or another function, stops `t`. Stop does not close the channel: once it ran
//! before the value came, no value comes, the wait lasts forever and the goroutine leaks with
//! everything it holds, in every Go release. Two shapes:
//!
//! - `for range t.C` over a ticker (bytedance/gopkg #5, mochi-mqtt's badger hook);
//! - a goroutine's blocking receive `<-t.C` (or a select of that one case) — started as `go
//!   func() { <-t.C; ... }()` or as `go s.wait()` — on a timer or ticker the starting function
//!   stops, often with `defer t.Stop()`, or another method stops (go-health's checker, moby's
//!   events endpoint).
//!
//! Not when the file Resets that timer where the Reset may follow the Stop (it may fire again:
//! a local timer's deferred Stop follows its own function's Resets), and not for a receive the stopping
//! function waits out first (a channel the goroutine closes or sends on, a `WaitGroup` it marks
//! done) or a Stop in `main` or `init` (once per process: a goroutine left until the exit). A local timer counts only a Stop in the top-level declaration the wait is written in,
//! and one the goroutine declares itself only its own.

use gotime::Semantics;
use tree_sitter::Node;

use crate::rules::chans::{has_other_case, select_case};
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::handed;
use crate::rules::registry::{Level, Rule};
use crate::syntax::{collect_kind, contains, fields, is_function, span, unparen, written_names};

/// How the goroutine waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wait {
    /// `for range t.C`.
    Range,
    /// `<-t.C`, once or in a loop with no other way out of the wait.
    Receive,
}

/// What was found.
#[derive(Clone, Debug)]
pub(crate) struct Facts {
    wait: Wait,
    /// The timer or ticker, as written.
    timer: String,
    ticker: bool,
    /// The Stop's receiver, as written: the timer, or where its function's callers keep it.
    stopped: String,
    /// The line of the Stop that strands the wait.
    stop_line: usize,
    /// The function the Stop is in (its name, or "a function literal").
    function: String,
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    if cx.is_test {
        return;
    }
    for &sel in &cx.file.chan_selectors {
        let Some(timer) = sel.child_by_field_id(fields().operand) else { continue };
        let t = cx.file.text(timer);
        let ticker = cx.timers.is_ticker(t);
        if let Some(l) = ranged_over(cx, sel) {
            // Only a ticker's range waits on Stop; the callers' fields are followed only then.
            if !ticker {
                continue;
            }
            // A Stop in `defer func() { ...; t.Stop() }()` of the loop's own function runs as
            // that function returns, after the loop (cubefs's `for range ticker.C` workers).
            let outside = |c: Node| !cx.file.up.same_scope(c, l) && !deferred_by_the_function_of(cx, c, l);
            if let Some(stop) =
                stranding_stop(cx, timer, l, outside).or_else(|| stopped_where_kept(cx, timer, l))
            {
                report(cx, out, Wait::Range, sel, timer, stop);
            }
        } else if let Some((recv, waiter)) = goroutine_receive(cx, sel) {
            if !ticker && !cx.timers.is_timer(t) {
                continue;
            }
            // The first Stop that can come before the value: not one the function reaches only
            // after the goroutine signalled it (the Stop in its `case <-ctx.Done():`).
            let outside = |c: Node| !contains(waiter, c) && !runs_once(cx, c) && !waited_out(cx, waiter, c);
            if let Some(stop) = stranding_stop(cx, timer, waiter, outside) {
                report(cx, out, Wait::Receive, recv, timer, stop);
            }
        }
    }
}

fn report(cx: &Ctx, out: &mut Vec<Detection>, wait: Wait, at: Node, timer: Node, stop: Node) {
    let t = cx.file.text(timer);
    let stop_at = span(stop, cx.file.src);
    let function = cx.file.up.scope_of(stop);
    let function = function
        .child_by_field_id(fields().name)
        .filter(|_| function.kind() != "func_literal")
        .map_or_else(|| "a function literal".to_owned(), |n| cx.file.text(n).to_owned());
    let ticker = cx.timers.is_ticker(t);
    let closes = if ticker { "ends the ticks" } else { "cancels the value" };
    // The Stop as written: the same timer under another name where it is kept (`c.last`).
    let stopped = cx.file.method_call(stop).map_or(t, |(receiver, _)| cx.file.text(receiver));
    out.push(Detection {
        rule: Rule::BlockingDrain,
        at: span(at, cx.file.src),
        related: vec![(stop_at, format!("where {stopped}.Stop() {closes} without closing {t}.C"))],
        facts: Box::new(Facts {
            wait,
            timer: t.to_owned(),
            stopped: stopped.to_owned(),
            ticker,
            stop_line: stop_at.start.line,
            function,
        }),
    });
}

/// Whether `node` is in a function literal deferred by the function `l` runs in (`defer
/// func() { ... }()`): it runs only as that function returns.
fn deferred_by_the_function_of<'t>(cx: &Ctx<'_, 't>, node: Node<'t>, l: Node<'t>) -> bool {
    let up = &cx.file.up;
    let Some(literal) = std::iter::successors(up.of(node), |&p| up.of(p)).find(|p| is_function(*p)) else {
        return false;
    };
    let Some(call) = up.of(literal).filter(|c| {
        c.kind() == "call_expression"
            && c.child_by_field_id(fields().function).map(|f| f.id()) == Some(literal.id())
    }) else {
        return false;
    };
    up.of(call).is_some_and(|d| d.kind() == "defer_statement" && up.same_scope(d, l))
}

/// The `for` loop of `for range x.C` when `sel` is that `x.C`.
fn ranged_over<'t>(cx: &Ctx<'_, 't>, sel: Node<'t>) -> Option<Node<'t>> {
    let clause = cx.file.up.of(sel).filter(|c| c.kind() == "range_clause")?;
    (clause.child_by_field_id(fields().right).map(|r| r.id()) == Some(sel.id())).then_some(())?;
    cx.file.up.of(clause)
}

/// When `sel` (`x.C`) is received by a blocking receive — a plain `<-x.C`, or a select whose
/// only case it is — in a goroutine: the receive and the function the goroutine runs (a literal
/// under `go`, or a function or method of the file some `go` statement starts).
fn goroutine_receive<'t>(cx: &Ctx<'_, 't>, sel: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let up = &cx.file.up;
    let mut n = sel;
    while up.of(n)?.kind() == "parenthesized_expression" {
        n = up.of(n)?;
    }
    let recv = up.of(n).filter(|r| {
        r.kind() == "unary_expression"
            && r.child_by_field_id(fields().operator).is_some_and(|o| o.kind() == "<-")
            && r.child_by_field_id(fields().operand).map(unparen).map(|o| o.id()) == Some(sel.id())
    })?;
    if let Some((case, select)) = select_case(cx.file, recv) {
        if has_other_case(select, case) {
            return None;
        }
    }
    let waiter = up.scope_of(recv);
    let started = match waiter.kind() {
        "func_literal" => up
            .of(waiter)
            .filter(|call| call.child_by_field_id(fields().function).map(|f| f.id()) == Some(waiter.id()))
            .and_then(|call| up.of(call))
            .is_some_and(|g| g.kind() == "go_statement"),
        "function_declaration" | "method_declaration" => {
            let name = waiter.child_by_field_id(fields().name).map(|n| cx.file.text(n));
            name.is_some_and(|name| started_by_go(cx, up.root(waiter), name))
        }
        _ => false,
    };
    started.then_some((recv, waiter))
}

/// Whether a `go` statement of the file calls `name` (`go name(...)`, `go x.name(...)`). The
/// statement may sit in a function the chunked parse left out (one that names no timer call:
/// `func (j *job) run() { go j.wait() }`), so the source is read too.
fn started_by_go(cx: &Ctx, root: Node, name: &str) -> bool {
    let mut gos = Vec::new();
    collect_kind(root, &["go_statement"], &mut gos);
    let parsed = gos.into_iter().any(|g| {
        let Some(call) = g.named_child(0).filter(|c| c.kind() == "call_expression") else { return false };
        let Some(f) = call.child_by_field_id(fields().function).map(unparen) else { return false };
        let called = match f.kind() {
            "identifier" => Some(f),
            "selector_expression" => f.child_by_field_id(fields().field),
            _ => None,
        };
        called.is_some_and(|c| cx.file.text(c) == name)
    });
    parsed || go_in_source(cx.file.src, name)
}

/// Whether `src` has `go name(` or `go x.y.name(` as written (whitespace around `go`).
fn go_in_source(src: &[u8], name: &str) -> bool {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let call = format!("{name}(");
    memchr::memmem::find_iter(src, call.as_bytes()).any(|at| {
        // Back over the receiver (`x.y.`), then the spaces after `go`.
        let mut i = at;
        if i > 0 && is_ident(src[i - 1]) {
            return false;
        }
        while i > 0 && (src[i - 1] == b'.' || is_ident(src[i - 1])) {
            i -= 1;
        }
        let spaces = src[..i].iter().rev().take_while(|b| matches!(b, b' ' | b'\t')).count();
        if spaces == 0 || i < spaces + 2 {
            return false;
        }
        let go = i - spaces - 2;
        &src[go..go + 2] == b"go" && (go == 0 || !is_ident(src[go - 1]))
    })
}

/// The Stop of `timer` that strands a wait written in `waiter` (a loop, a goroutine's
/// function): a call `y.Stop()` on the same timer — a field by its field name, a local by its
/// text, in the same top-level declaration — for which `outside` holds. None when the file
/// Resets that timer where the Reset may come after the Stop.
fn stranding_stop<'t>(
    cx: &Ctx<'_, 't>,
    timer: Node<'t>,
    waiter: Node<'t>,
    outside: impl Fn(Node<'t>) -> bool,
) -> Option<Node<'t>> {
    let same = |y: Node| match (timer.kind(), y.kind()) {
        ("selector_expression", "selector_expression") => {
            let field = |n: Node| n.child_by_field_id(fields().field).map(|f| cx.file.text(f));
            field(timer) == field(y)
        }
        _ => cx.file.text(y) == cx.file.text(timer),
    };
    let calls = |method: &str| -> Vec<Node<'t>> {
        let of = |c: &Node| cx.file.method_call(*c).is_some_and(|(y, m)| m == method && same(y));
        cx.file.calls.iter().copied().filter(of).collect()
    };
    // A local timer's Stop and Reset count in the same declaration as the wait (the function
    // that made it, or a closure of it it returns: a lock's unlock function).
    let local = timer.kind() == "identifier";
    let declaration = |n: Node| {
        std::iter::successors(Some(n), |&p| cx.file.up.of(p))
            .find(|p| matches!(p.kind(), "function_declaration" | "method_declaration"))
            .map(|d| d.id())
    };
    // A local declared inside the waiter itself (`go func() { t := time.NewTimer(d); <-t.C
    // }()`) is that goroutine's own: a Stop outside it is another variable's of the same name
    // (junegunn/fzf's initial delay beside a preview timer in the same function).
    let name = cx.file.text(timer);
    let declared_in_waiter = local && {
        let mut decls = Vec::new();
        collect_kind(waiter, &["short_var_declaration", "var_spec"], &mut decls);
        decls.iter().any(|&d| written_names(d).0.iter().any(|n| cx.file.text(*n) == name))
    };
    let same_timer = |c: &Node| {
        !local || (declaration(*c) == declaration(waiter) && (!declared_in_waiter || contains(waiter, *c)))
    };
    let resets: Vec<Node<'t>> = calls("Reset").into_iter().filter(same_timer).collect();
    // A Reset may re-arm the timer after the Stop, and the value come after all — unless the
    // Stop is a local timer's `defer t.Stop()` and every Reset is the same function's own code,
    // not deferred: that all runs before the function returns and the deferred Stop with it
    // (a heartbeat Reset per message, then the connection ends: dakong-yi/im-go-server).
    let deferred = |c: Node| cx.file.up.of(c).is_some_and(|p| p.kind() == "defer_statement");
    let resets_come_first = |stop: Node| {
        resets.is_empty()
            || (local
                && deferred(stop)
                && resets.iter().all(|&r| !deferred(r) && cx.file.up.same_scope(r, stop)))
    };
    calls("Stop").into_iter().find(|&c| outside(c) && same_timer(&c) && resets_come_first(c))
}

/// For a ticker the loop's function was handed as a parameter: the first Stop of it where its
/// callers keep it (`h.tickers[name] = ticker` after `h.startRunner(c, ticker)`, then `for _, t
/// := range h.tickers { t.Stop() }` in `Stop`: InVisionApp/go-health PR #35), unless something
/// Resets it there.
fn stopped_where_kept<'t>(cx: &Ctx<'_, 't>, ticker: Node<'t>, l: Node<'t>) -> Option<Node<'t>> {
    if ticker.kind() != "identifier" {
        return None;
    }
    let declaration = std::iter::successors(Some(l), |&n| cx.file.up.of(n))
        .find(|n| matches!(n.kind(), "function_declaration" | "method_declaration"))?;
    let name = cx.file.text(ticker);
    if !handed::calls_on_kept(cx, declaration, name, "Reset").is_empty() {
        return None;
    }
    handed::calls_on_kept(cx, declaration, name, "Stop").into_iter().next()
}

/// Whether `stop` is in `init` or in package main's `main`: those run once, and `main` returning
/// ends the process, so at most one goroutine is left waiting — until the exit.
fn runs_once(cx: &Ctx, stop: Node) -> bool {
    let top =
        std::iter::successors(Some(stop), |&n| cx.file.up.of(n)).find(|n| n.kind() == "function_declaration");
    let name = top.and_then(|f| f.child_by_field_id(fields().name)).map(|n| cx.file.text(n));
    name == Some("init") || (name == Some("main") && cx.file.package == "main")
}

/// Whether the function that runs `stop` first waits for the goroutine running `waiter`: between
/// the goroutine's start (or the function's own start) and the Stop — or the function's end, for
/// a deferred Stop — it receives from a channel only the goroutine closes or sends on (or the
/// `Done()` of a context the goroutine cancels), or waits on a `WaitGroup` the goroutine marks
/// done, or one that other goroutines of the function mark done once they received from such
/// a channel (workers that run until the timer's goroutine closes their `stop`).
fn waited_out(cx: &Ctx, waiter: Node, stop: Node) -> bool {
    let up = &cx.file.up;
    let function = up.scope_of(stop);
    let declaration = std::iter::successors(Some(stop), |&n| up.of(n))
        .filter(|n| matches!(n.kind(), "function_declaration" | "method_declaration"))
        .last()
        .unwrap_or(function);
    let (own, mut groups) = signals(cx, waiter);
    // A channel someone else also closes or sends on may have woken the function instead.
    let (all, _) = signals(cx, declaration);
    let count = |list: &[String], c: &String| list.iter().filter(|o| *o == c).count();
    let mut chans = own.clone();
    chans.retain(|c| count(&all, c) <= count(&own, c));
    if chans.is_empty() && groups.is_empty() {
        return false;
    }
    // Goroutines that wait on what this one signals, and then mark a WaitGroup done.
    let mut literals = Vec::new();
    collect_kind(function, &["func_literal"], &mut literals);
    for other in literals.into_iter().filter(|l| l.id() != waiter.id() && !contains(waiter, *l)) {
        let receives =
            cx.file.recvs.iter().any(|&r| contains(other, r) && chans.contains(&operand_text(cx, r)));
        if receives {
            groups.extend(signals(cx, other).1);
        }
    }
    let deferred = std::iter::successors(Some(stop), |&n| up.of(n))
        .take_while(|n| n.id() != function.id())
        .any(|n| n.kind() == "defer_statement");
    let start = if contains(function, waiter) { waiter.end_byte() } else { function.start_byte() };
    let end = if deferred { function.end_byte() } else { stop.start_byte() };
    let between = |n: Node| start <= n.start_byte() && n.end_byte() <= end && up.same_scope(n, stop);
    // A select case's receive happened only on the way through that case: not before a Stop in
    // another case (`default: if f() { t.Stop() }` beside `case <-ctx.Done():`).
    let on_the_way = |r: Node| {
        select_case(cx.file, r).is_none_or(|(case, select)| !contains(select, stop) || contains(case, stop))
    };
    let receives = cx
        .file
        .recvs
        .iter()
        .copied()
        .filter(|&r| between(r) && on_the_way(r))
        .any(|r| chans.contains(&operand_text(cx, r)));
    let text = |n: Option<Node>| n.map(|n| cx.file.text(unparen(n)));
    let mut waits = Vec::new();
    collect_kind(function, &["call_expression", "range_clause"], &mut waits);
    receives
        || waits.into_iter().filter(|&w| between(w)).any(|w| {
            if w.kind() == "range_clause" {
                return text(w.child_by_field_id(fields().right))
                    .is_some_and(|c| chans.iter().any(|x| x == c));
            }
            let f = w
                .child_by_field_id(fields().function)
                .map(unparen)
                .filter(|f| f.kind() == "selector_expression");
            f.is_some_and(|f| {
                text(f.child_by_field_id(fields().field)) == Some("Wait")
                    && text(f.child_by_field_id(fields().operand))
                        .is_some_and(|g| groups.iter().any(|x| x == g))
            })
        })
}

/// The text of the receive `r`'s channel: `done`, `ctx.Done()`.
fn operand_text(cx: &Ctx, r: Node) -> String {
    r.child_by_field_id(fields().operand).map_or_else(String::new, |o| cx.file.text(unparen(o)).to_owned())
}

/// What code under `node` signals: the channels it closes or sends on, with `ctx.Done()` for a
/// context whose cancel function it calls (`ctx, cancel := context.WithCancel(...)`), and the
/// `WaitGroup`s it marks done.
fn signals(cx: &Ctx, node: Node) -> (Vec<String>, Vec<String>) {
    let text = |n: Option<Node>| n.map(|n| cx.file.text(unparen(n)).to_owned());
    let mut found = Vec::new();
    collect_kind(node, &["call_expression", "send_statement"], &mut found);
    let (mut chans, mut groups) = (Vec::new(), Vec::new());
    for s in found {
        if s.kind() == "send_statement" {
            chans.extend(text(s.child_by_field_id(fields().channel)));
            continue;
        }
        let Some(f) = s.child_by_field_id(fields().function).map(unparen) else { continue };
        match f.kind() {
            "identifier" if cx.file.text(f) == "close" => {
                let args = s.child_by_field_id(fields().arguments);
                chans.extend(text(args.and_then(|a| a.named_child(0))));
            }
            "identifier" => chans.extend(cancelled_context(cx, f).map(|ctx| format!("{ctx}.Done()"))),
            "selector_expression" if text(f.child_by_field_id(fields().field)).as_deref() == Some("Done") => {
                groups.extend(text(f.child_by_field_id(fields().operand)));
            }
            _ => {}
        }
    }
    (chans, groups)
}

/// The context `cancel` cancels, when the file declares them together: `ctx, cancel :=
/// context.WithCancel(parent)` (or `WithTimeout`, `WithDeadline`).
fn cancelled_context<'t>(cx: &Ctx<'_, 't>, cancel: Node<'t>) -> Option<&'t str> {
    let name = cx.file.text(cancel);
    let mut decls = Vec::new();
    collect_kind(cx.file.up.root(cancel), &["short_var_declaration", "assignment_statement"], &mut decls);
    decls.into_iter().find_map(|d| {
        let left = d.child_by_field_id(fields().left)?;
        let right = d.child_by_field_id(fields().right)?.named_child(0).map(unparen)?;
        let function =
            right.child_by_field_id(fields().function).filter(|_| right.kind() == "call_expression")?;
        let called = cx.file.text(function);
        let with = ["context.WithCancel", "context.WithTimeout", "context.WithDeadline"];
        if left.named_child_count() != 2 || !with.contains(&called) {
            return None;
        }
        (left.named_child(1).map(|n| cx.file.text(n)) == Some(name))
            .then(|| left.named_child(0).map(|n| cx.file.text(n)))?
    })
}

impl Judge for Facts {
    fn judge(&self, _: Semantics) -> Option<(Level, String)> {
        let Facts { timer: t, stopped, stop_line, function, .. } = self;
        let stop = format!("{stopped}.Stop() on line {stop_line} (in {function})");
        let message = match (self.wait, self.ticker) {
            (Wait::Range, _) => format!(
                "`for range {t}.C` never ends once {stop} ran: Stop does not close the channel, so the \
                 loop then waits forever and its goroutine leaks; select on {t}.C and a done channel instead"
            ),
            (Wait::Receive, true) => format!(
                "<-{t}.C in a goroutine waits forever once {stop} ran: Stop does not close the channel, \
                 no tick comes and the goroutine leaks; select on {t}.C and a done channel instead"
            ),
            (Wait::Receive, false) => format!(
                "<-{t}.C in a goroutine waits forever when {stop} runs before {t} fires: Stop does not \
                 close the channel and the goroutine leaks; select on {t}.C and a done channel, or use \
                 time.AfterFunc, whose Stop leaves nothing waiting"
            ),
        };
        Some((Level::Error, message))
    }

    fn demo(&self, semantics: Semantics) -> Option<&'static str> {
        use Semantics::{Async, AsyncCollected, Sync};
        // A stopped ticker never ticks again (the script's last receive waits forever); a timer
        // stopped before it fires never sends.
        Some(match (self.ticker, semantics) {
            (true, Async) => "timerlab replay scripts/semantics/ticker_stop_keeps_buffered_tick.tl --semantics async",
            (true, AsyncCollected) => {
                "timerlab replay scripts/semantics/ticker_stop_keeps_buffered_tick.tl --semantics async-collected"
            }
            (true, Sync) => "timerlab replay scripts/semantics/ticker_stop_keeps_buffered_tick.tl --semantics sync",
            (false, Async) => "timerlab replay scripts/semantics/timer_stop_pending.tl --semantics async",
            (false, AsyncCollected) => {
                "timerlab replay scripts/semantics/timer_stop_pending.tl --semantics async-collected"
            }
            (false, Sync) => "timerlab replay scripts/semantics/timer_stop_pending.tl --semantics sync",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::go_in_source;

    #[test]
    fn a_go_statement_is_found_in_the_source_with_or_without_a_receiver() {
        assert!(go_in_source(b"func f() {\n\tgo j.wait()\n}", "wait"));
        assert!(go_in_source(b"func f() {\n\tgo\twait(x)\n}", "wait"));
        assert!(go_in_source(b"go s.pool.wait()", "wait"));
        assert!(!go_in_source(b"func f() {\n\tj.wait()\n}", "wait"), "called in place");
        assert!(!go_in_source(b"\tgo j.await()", "wait"), "another name ending the same");
        assert!(!go_in_source(b"\tergo j.wait()", "wait"), "a word ending in go");
        assert!(!go_in_source(b"\tgo j.waiting()", "wait"), "another name starting the same");
    }

    #[test]
    fn a_call_too_near_the_start_of_the_source_for_a_go_is_none_and_no_panic() {
        assert!(!go_in_source(b"wait()", "wait"), "the call at byte 0");
        assert!(!go_in_source(b"j.wait()", "wait"), "its receiver at byte 0");
        assert!(!go_in_source(b"x wait()", "wait"), "one byte and a blank: no room for `go`");
        assert!(go_in_source(b"go wait()", "wait"), "room for exactly `go `");
    }
}
