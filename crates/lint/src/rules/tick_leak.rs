//! `tick-leak`: `time.Tick(d)` in a function that can return, outside `package main` and tests —
//! or a `time.NewTicker(d)` held in a local variable that the function never stops, returns or
//! hands on, or assigned after the `defer t.Stop()` that was meant to stop it (the defer stopped
//! the ticker `t` held when it ran). Before Go 1.23 the Ticker is never collected
//! (golang/go#17757). Like staticcheck's
//! SA1015, a function that never returns after the call (it ends only by looping forever) is
//! fine, and so are package-level variables and `init`, which run once.

use gotime::Semantics;
use tree_sitter::Node;

use crate::flow::Exit;
use crate::rules::chans::unbounded_loop_around;
use crate::rules::context::Ctx;
use crate::rules::detection::{Detection, Judge};
use crate::rules::registry::{Level, Rule};
use crate::syntax::{collect_kind, contains, fields, span};

/// What was found: a ticker nobody stops, in a function that returns.
#[derive(Clone, Debug)]
pub(crate) enum Facts {
    /// `time.Tick(d)`.
    Tick,
    /// `time.Tick(d)` run on every iteration of a loop of unknown count (`case <-time.Tick(d):`).
    TickPerIteration,
    /// `name := time.NewTicker(d)`, never stopped.
    NewTicker(String),
    /// The same, run on every iteration of a loop of unknown count.
    NewTickerPerIteration(String),
    /// `name = time.NewTicker(d)` after `defer name.Stop()` on `defer_line`, and never stopped.
    AfterItsDeferredStop { name: String, defer_line: usize },
}

pub(crate) fn detect(cx: &Ctx, out: &mut Vec<Detection>) {
    if cx.is_test {
        return;
    }
    for &call in &cx.file.calls {
        let facts = match cx.file.time_func(call) {
            // SA1015's exemption: `package main` runs its ticks for the process's life. A
            // `NewTicker` dropped unstopped leaks there as anywhere (a ticker per reload).
            Some("Tick") if per_iteration(cx, call) => Facts::TickPerIteration,
            Some("Tick") if cx.file.package == "main" => continue,
            Some("Tick") => Facts::Tick,
            Some("NewTicker") => match (never_stopped(cx, call), outlives_its_deferred_stop(cx, call)) {
                (Some(name), _) if per_iteration(cx, call) => Facts::NewTickerPerIteration(name.to_owned()),
                (Some(name), _) => Facts::NewTicker(name.to_owned()),
                (None, Some((name, defer_line))) => {
                    Facts::AfterItsDeferredStop { name: name.to_owned(), defer_line }
                }
                (None, None) => continue,
            },
            _ => continue,
        };
        let function = cx.file.up.scope_of(call);
        let named = |name: &str| {
            function.kind() == "function_declaration"
                && function.child_by_field_id(fields().name).is_some_and(|n| cx.file.text(n) == name)
        };
        // `main` returning ends the process, its tickers with it.
        let is_init = named("init") || (cx.file.package == "main" && named("main"));
        // Package-level code runs once; so does `init`.
        let Some(stmt) = cx.file.up.enclosing_statement(call) else { continue };
        // Only a return after the ticker started leaks it: `if !enabled { return }` before it,
        // then a loop that never ends, is a goroutine for the process's life. A ticker per
        // iteration leaks however the function ends.
        let per_iteration = matches!(facts, Facts::TickPerIteration | Facts::NewTickerPerIteration(_));
        if !per_iteration && (is_init || !cx.flow.may_end_after(stmt, cx.flow.stmt(stmt))) {
            continue;
        }
        out.push(Detection {
            rule: Rule::TickLeak,
            at: span(call, cx.file.src),
            related: Vec::new(),
            facts: Box::new(facts),
        });
    }
}

/// Whether `call` runs on every iteration of a loop of its function whose count is not known
/// ([`bounded`]): a new ticker each time round — in `package main` and in an endless goroutine
/// too, which the rest of the rule leaves alone (kaspad's miner, `case <-time.Tick(d):`).
fn per_iteration(cx: &Ctx, call: Node) -> bool {
    unbounded_loop_around(cx.file, call).is_some()
}

/// The local variable a `time.NewTicker(d)` call is stored in, when the function uses it only
/// as `name.C` and `name.Reset(d)`: never stopped, returned, passed, stored, reassigned or read
/// by a goroutine or callback that never ends — the program can never stop it. A field, or a variable put anywhere else, may be stopped elsewhere.
fn never_stopped<'t>(cx: &Ctx<'_, 't>, call: Node<'t>) -> Option<&'t str> {
    let var = cx.file.assigned_to(call).filter(|v| v.kind() == "identifier")?;
    let name = cx.file.text(var);
    let function = cx.file.up.scope_of(call);
    let mut uses = Vec::new();
    collect_kind(function, &["identifier"], &mut uses);
    uses.retain(|u| u.id() != var.id() && cx.file.text(*u) == name);
    // A goroutine or callback that reads it and never ends has it handed on: a cleanup goroutine
    // started once lives for the program's life. One that returns drops it unstopped.
    let endless = |u: &Node<'t>| {
        let literal = cx.file.up.scope_of(*u);
        literal.id() != function.id()
            && literal.child_by_field_id(fields().body).is_some_and(|b| {
                let exits = cx.flow.body(b);
                !exits.contains(&Exit::Fall) && !exits.contains(&Exit::Return)
            })
    };
    if uses.iter().any(endless) {
        return None;
    }
    let only_ticks = uses.into_iter().all(|u| {
        cx.file.up.of(u).is_some_and(|sel| {
            sel.kind() == "selector_expression"
                && sel.child_by_field_id(fields().operand).map(|o| o.id()) == Some(u.id())
                && sel
                    .child_by_field_id(fields().field)
                    .is_some_and(|f| matches!(cx.file.text(f), "C" | "Reset"))
        })
    });
    only_ticks.then_some(name)
}

/// The variable and the `defer` line when `call` is `t = time.NewTicker(d)` after a `defer
/// t.Stop()` of the same function: Go evaluates a deferred call's receiver when the `defer`
/// statement runs, so that Stop stops the ticker `t` held then, not this one (round 2 of
/// docs/LINT.md's recall: a ticker re-made at a new interval). Only when nothing else can stop
/// this ticker: after the assignment `t` is used only as `t.C` and `t.Reset(d)`, no closure
/// reads `t` (a `defer func() { t.Stop() }()` reads it at exit), nothing takes its address,
/// and neither the defer nor another Stop runs again in a loop around the assignment.
fn outlives_its_deferred_stop<'t>(cx: &Ctx<'_, 't>, call: Node<'t>) -> Option<(&'t str, usize)> {
    let var = cx.file.assigned_to(call).filter(|v| v.kind() == "identifier")?;
    let assignment = cx.file.up.of(cx.file.up.of(var)?)?;
    if assignment.kind() != "assignment_statement" {
        return None;
    }
    let name = cx.file.text(var);
    let function = cx.file.up.scope_of(call);
    // Whether `n` sits in a loop that also holds the assignment: it runs again after it. (An
    // iterator, not a loop reassigning a copy of `n`: rustc 1.95 miscompiles that in a closure.)
    let around_call = |n: Node<'t>| {
        std::iter::successors(cx.file.up.of(n), |&a| cx.file.up.of(a))
            .take_while(|a| a.id() != function.id())
            .any(|a| a.kind() == "for_statement" && contains(a, call))
    };
    // Whether `u` is what a declaration or an assignment gives a value to.
    let assigned = |u: Node<'t>| {
        let list = cx.file.up.of(u).filter(|l| l.kind() == "expression_list");
        let owner = list.and_then(|l| cx.file.up.of(l).map(|o| (l, o)));
        owner.is_some_and(|(l, o)| {
            matches!(o.kind(), "short_var_declaration" | "assignment_statement")
                && o.child_by_field_id(fields().left).map(|left| left.id()) == Some(l.id())
        })
    };
    // Whether the statements holding `a` and `b` are in the same statement list.
    let same_list = |a: Node<'t>, b: Node<'t>| {
        let list = |n| cx.file.up.enclosing_statement(n).and_then(|s| cx.file.up.of(s)).map(|l| l.id());
        list(a).is_some() && list(a) == list(b)
    };
    // Whether the assignment `u` is the target of gives it a new ticker.
    let makes_ticker = |u: Node<'t>| {
        cx.file.calls.iter().any(|&c| {
            cx.file.time_func(c) == Some("NewTicker")
                && cx.file.assigned_to(c).is_some_and(|v| v.id() == u.id())
        })
    };
    // Whether the Stop `u` is the receiver of is followed at once by `t = time.NewTicker(d)`.
    let stops_before_remaking = |u: Node<'t>| {
        let stmt = cx.file.up.enclosing_statement(u);
        let next = stmt.and_then(|s| s.next_named_sibling()).filter(|n| n.kind() == "assignment_statement");
        next.and_then(|n| n.child_by_field_id(fields().left))
            .and_then(|l| l.named_child(0))
            .is_some_and(|v| cx.file.text(v) == name && makes_ticker(v))
    };
    let mut uses = Vec::new();
    collect_kind(function, &["identifier"], &mut uses);
    let mut deferred_stop = None;
    for u in uses.into_iter().filter(|u| u.id() != var.id() && cx.file.text(*u) == name) {
        if cx.file.up.scope_of(u).id() != function.id() {
            return None;
        }
        let field = cx.file.up.of(u).filter(|sel| {
            sel.kind() == "selector_expression"
                && sel.child_by_field_id(fields().operand).map(|o| o.id()) == Some(u.id())
        });
        let field = field.and_then(|sel| sel.child_by_field_id(fields().field)).map(|f| cx.file.text(f));
        let (earlier, in_loop) = (u.start_byte() < call.start_byte(), around_call(u));
        match field {
            Some("C" | "Reset") => {}
            // A Stop before the assignment stops an earlier ticker: the deferred one binds the
            // first; one in the loop around the assignment only the previous round's, when it
            // comes right before it (`t.Stop(); t = time.NewTicker(d)`), else it may stop this.
            Some("Stop") if earlier => {
                let stop_call = cx.file.up.of(cx.file.up.of(u)?)?;
                let deferred = cx.file.up.of(stop_call).is_some_and(|d| d.kind() == "defer_statement");
                match (deferred, in_loop) {
                    (true, false) => deferred_stop = Some(stop_call.start_position().row + 1),
                    (false, false) => {}
                    (false, true) if same_list(stop_call, assignment) || stops_before_remaking(u) => {}
                    _ => return None,
                }
            }
            // An earlier ticker (or anything) given to `t` before: not this one.
            None if earlier && !in_loop && assigned(u) => {}
            // Another `t = time.NewTicker(d)`, and the Stop right before it: they replace the
            // ticker, and the last one made is still not stopped at return (moby/buildkit's
            // progress display, with one such pair per branch).
            None if assigned(u) && makes_ticker(u) => {}
            Some("Stop") if !earlier && stops_before_remaking(u) => {}
            _ => return None,
        }
    }
    deferred_stop.map(|line| (name, line))
}

impl Judge for Facts {
    fn judge(&self, semantics: Semantics) -> Option<(Level, String)> {
        // Since Go 1.23's runtime (asynctimerchan=0 or 2) an unreferenced ticker is collected.
        if semantics.collects_unreferenced() {
            return None;
        }
        let message = match self {
            Facts::TickPerIteration => "time.Tick in a loop starts a new ticker every iteration, and none is ever \
                 collected before Go 1.23; make one time.NewTicker before the loop and stop it after"
                .to_owned(),
            Facts::Tick => {
                "time.Tick in a function that returns leaks a ticker per call before Go 1.23; use NewTicker"
                    .to_owned()
            }
            Facts::NewTicker(t) => format!(
                "{t} := time.NewTicker(...) is never stopped in a function that returns: a ticker leaks per call \
                 before Go 1.23; call {t}.Stop() when done with it"
            ),
            Facts::NewTickerPerIteration(t) => format!(
                "{t} := time.NewTicker(...) in a loop is never stopped: a ticker leaks per iteration before \
                 Go 1.23; make one before the loop, or stop {t} before the next iteration"
            ),
            Facts::AfterItsDeferredStop { name: t, defer_line } => format!(
                "{t} = time.NewTicker(...) is not stopped at return: the `defer {t}.Stop()` on line {defer_line} \
                 stops the ticker {t} held when the defer ran, not this one; a ticker leaks per call before \
                 Go 1.23; change the interval with {t}.Reset(d), or defer func() {{ {t}.Stop() }}()"
            ),
        };
        Some((Level::Error, message))
    }
}
