//! Receives and selects: the shapes every rule matches on, the paths out of a select case, and
//! the ways out of a timer's case that skip its re-arm.

use tree_sitter::Node;

use crate::flow::{Exit, Exits, Flow};
use crate::gofile::GoFile;
use crate::known::Known;
use crate::rules::context::Ctx;
use crate::syntax::{
    collect_kind, contains, each_statement, fields, loop_header, runs_each_iteration, statements, unparen,
};

/// The `x` of a receive expression `<-x`.
pub(crate) fn operand(recv: Node) -> Option<Node> {
    recv.child_by_field_id(fields().operand).map(unparen)
}

/// When the receive `recv` is what a select case waits for (`case <-x:`, `case v := <-x:`):
/// that case and its select.
pub(crate) fn select_case<'t>(file: &GoFile<'t>, recv: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let up = &file.up;
    let mut node = recv;
    while up.of(node)?.kind() == "parenthesized_expression" {
        node = up.of(node)?;
    }
    let stmt = up.of(node)?;
    if stmt.kind() != "receive_statement" || stmt.child_by_field_id(fields().right)?.id() != node.id() {
        return None;
    }
    let case = up.of(stmt)?;
    if case.kind() != "communication_case"
        || case.child_by_field_id(fields().communication)?.id() != stmt.id()
    {
        return None;
    }
    Some((case, up.of(case)?))
}

/// When `node` is the receive of a select case (`case <-node:`): the case and the select.
pub(crate) fn case_receiving<'t>(file: &GoFile<'t>, node: Node<'t>) -> Option<(Node<'t>, Node<'t>)> {
    let mut n = node;
    while file.up.of(n)?.kind() == "parenthesized_expression" {
        n = file.up.of(n)?;
    }
    let recv = file.up.of(n)?;
    (recv.kind() == "unary_expression" && recv.child_by_field_id(fields().operator)?.kind() == "<-")
        .then_some(())?;
    select_case(file, recv)
}

/// Whether the select has a case (communication or default) besides `case`: only then can the
/// select end without receiving from `case`'s channel.
pub(crate) fn has_other_case(select: Node, case: Node) -> bool {
    let mut cursor = select.walk();
    let others = select
        .named_children(&mut cursor)
        .filter(|c| matches!(c.kind(), "communication_case" | "default_case") && c.id() != case.id())
        .count();
    others > 0
}

/// Whether the select has a communication case besides `case` (it waits for something else).
pub(crate) fn has_other_communication(select: Node, case: Node) -> bool {
    let mut cursor = select.walk();
    let found =
        select.named_children(&mut cursor).any(|c| c.kind() == "communication_case" && c.id() != case.id());
    found
}

/// The other cases of `case`'s select (communication and default), each with how the select
/// ends through it and what that path knows: the ways the select can end without receiving
/// from `case`'s channel.
pub(crate) fn paths_except<'t>(
    file: &GoFile<'t>,
    flow: &Flow<'_, 't>,
    select: Node<'t>,
    case: Node<'t>,
) -> Vec<(Node<'t>, Exits, Known)> {
    let mut cursor = select.walk();
    let others: Vec<Node<'t>> = select
        .named_children(&mut cursor)
        .filter(|c| matches!(c.kind(), "communication_case" | "default_case") && c.id() != case.id())
        .collect();
    others
        .into_iter()
        .map(|c| (c, flow.cases(select, |x| x.id() == c.id()), Known::after_case(file, c)))
        .collect()
}

/// Whether select case `case` receives from a timer's or a ticker's channel: `t.C`, an alias of
/// it, `ticker.C`, `time.After(d)`, `time.Tick(d)`, `time.NewTimer(d).C`, a variable the file
/// assigns `time.After(d)` or `time.Tick(d)`.
pub(crate) fn receives_timer(cx: &Ctx, case: Node) -> bool {
    let Some(comm) = case.child_by_field_id(fields().communication) else { return false };
    let recv =
        if comm.kind() == "receive_statement" { comm.child_by_field_id(fields().right) } else { Some(comm) };
    let Some(recv) = recv.map(unparen).filter(|r| r.kind() == "unary_expression") else {
        return false;
    };
    let Some(x) = operand(recv).map(unparen) else { return false };
    let made_here = |call: Node, funcs: &[&str]| {
        call.kind() == "call_expression" && cx.file.time_func(call).is_some_and(|f| funcs.contains(&f))
    };
    let text = cx.file.text(x);
    made_here(x, &["After", "Tick"])
        || (x.kind() == "selector_expression"
            && x.child_by_field_id(fields().operand)
                .is_some_and(|o| made_here(unparen(o), &["NewTimer", "NewTicker"])))
        || cx.timers.timer_of(text).is_some()
        || text.strip_suffix(".C").is_some_and(|t| cx.timers.is_func_or_ticker(t))
        || cx.file.calls.iter().any(|&c| {
            made_here(c, &["After", "Tick"])
                && cx.file.assigned_to(c).is_some_and(|v| cx.file.text(v) == text)
        })
}

/// `time.After(0)`, `time.NewTimer(0)` (or of a literal zero expression): it fires at once.
pub(crate) fn fires_at_once(cx: &Ctx, call: Node) -> bool {
    let Some(args) = call.child_by_field_id(fields().arguments) else { return false };
    let Some(arg) = args.named_child(0).map(unparen) else { return false };
    let zero = |n: Node| matches!(cx.file.text(n), "0" | "0.0");
    zero(arg)
        || (arg.kind() == "binary_expression"
            && cx.file.text(arg.child_by_field_id(fields().operator).unwrap_or(arg)) == "*"
            && [fields().left, fields().right]
                .into_iter()
                .any(|f| arg.child_by_field_id(f).map(unparen).is_some_and(zero)))
}

/// How the select can end through `case`.
pub(crate) fn exits_through<'t>(flow: &Flow<'_, 't>, select: Node<'t>, case: Node<'t>) -> Exits {
    flow.cases(select, |c| c.id() == case.id())
}

/// The receives `<-chan` (by source text) in the same function as `anchor`.
pub(crate) fn receives<'f, 't>(
    file: &'f GoFile<'t>,
    chan: &'f str,
    anchor: Node<'t>,
) -> impl Iterator<Item = Node<'t>> + 'f {
    file.recvs
        .iter()
        .copied()
        .filter(move |&r| operand(r).is_some_and(|o| file.text(o) == chan) && file.up.same_scope(r, anchor))
}

/// The receives from any of `chans` (by source text) in the same function as `anchor`.
pub(crate) fn receives_any<'f, 't>(
    file: &'f GoFile<'t>,
    chans: &'f [String],
    anchor: Node<'t>,
) -> impl Iterator<Item = Node<'t>> + 'f {
    file.recvs.iter().copied().filter(move |&r| {
        operand(r).is_some_and(|o| chans.iter().any(|c| c == file.text(o))) && file.up.same_scope(r, anchor)
    })
}

/// `{Fall}`: a statement that simply ends.
pub(crate) fn falls() -> Exits {
    Exits::from([Exit::Fall])
}

/// How the select can end through `case` on a path that does not re-arm `timer` — `None` when
/// the case has no re-arm at all (then every way out counts, and the re-arms elsewhere decide).
/// `if err != nil { continue }` before `t.Reset(d)` is such a path; a re-arm in both branches of
/// an `if` is not, nor a loop that re-arms on every way out of it. A re-arm in any other compound
/// statement (a switch) is taken to cover every path through it.
pub(crate) fn exits_skipping_rearm(cx: &Ctx, timer: &str, case: Node, select: Node) -> Option<Exits> {
    let has_rearm = cx.file.calls.iter().any(|&c| contains(case, c) && rearm_call(cx, timer, c));
    if !has_rearm {
        return None;
    }
    let mut exits = exits_avoiding(cx, timer, statements(case));
    if exits.remove(&Exit::Break(select.id())) {
        exits.insert(Exit::Fall);
    }
    Some(exits)
}

/// How the statements of `list` can end on a path that does not re-arm `timer`.
pub(crate) fn exits_avoiding(cx: &Ctx, timer: &str, list: Option<Node>) -> Exits {
    let mut exits = Exits::new();
    for stmt in each_statement(list) {
        let own = stmt_avoiding(cx, timer, stmt);
        let falls = own.contains(&Exit::Fall);
        exits.extend(own.into_iter().filter(|e| *e != Exit::Fall));
        if !falls {
            return exits;
        }
    }
    exits.insert(Exit::Fall);
    exits
}

/// How `stmt` can end on a path that does not re-arm `timer`.
fn stmt_avoiding(cx: &Ctx, timer: &str, stmt: Node) -> Exits {
    if !cx.file.calls.iter().any(|&c| contains(stmt, c) && rearm_call(cx, timer, c)) {
        return cx.flow.stmt(stmt);
    }
    match stmt.kind() {
        "block" => exits_avoiding(cx, timer, statements(stmt)),
        "if_statement" => {
            let branch = |field| stmt.child_by_field_id(field);
            let mut exits = branch(fields().consequence)
                .map_or_else(Exits::new, |b| exits_avoiding(cx, timer, statements(b)));
            match branch(fields().alternative) {
                Some(alt) if alt.kind() == "if_statement" => exits.extend(stmt_avoiding(cx, timer, alt)),
                Some(alt) => exits.extend(exits_avoiding(cx, timer, statements(alt))),
                None => {
                    exits.insert(Exit::Fall);
                }
            }
            exits
        }
        // A loop ends without a re-arm when no iteration re-armed: a way through its body that
        // skips the re-arm and breaks out (one that goes round again re-arms or not in the next
        // iteration), or the header ending it — perhaps before any iteration.
        "for_statement" => {
            let id = stmt.id();
            let body = stmt.child_by_field_id(fields().body).and_then(statements);
            let mut exits = Exits::new();
            for e in exits_avoiding(cx, timer, body) {
                match e {
                    Exit::Break(b) if b == id => {
                        exits.insert(Exit::Fall);
                    }
                    Exit::Continue(c) if c == id => {}
                    Exit::Fall => {}
                    other => {
                        exits.insert(other);
                    }
                }
            }
            if cx.flow.loop_may_end(stmt) {
                exits.insert(Exit::Fall);
            }
            exits
        }
        // The re-arm itself, or a statement holding one that is not followed into: every path
        // through it re-arms (for a switch, taken to).
        _ => Exits::new(),
    }
}

/// Whether `call` re-arms `timer`: `t.Reset(d)`, or a `time.NewTimer` assigned to it — or, for a
/// variable holding a `time.After` channel, a new `time.After` assigned to it.
pub(crate) fn rearm_call(cx: &Ctx, timer: &str, call: Node) -> bool {
    match cx.file.method_call(call) {
        Some((r, "Reset")) => cx.file.text(r) == timer,
        _ => {
            matches!(cx.file.time_func(call), Some("NewTimer" | "After"))
                && cx.file.assigned_to(call).is_some_and(|v| cx.file.text(v) == timer)
        }
    }
}

/// The calls under `scope` of a method that re-arms the timer field `timer` (`o.f`): `o.m(...)`
/// where the file declares a method `m` whose body re-arms its own receiver's field `f` — a
/// Reset, or a new `NewTimer`/`After` assigned (opentelemetry-go's batch span processor: the
/// timer's case calls `bsp.exportSpans()`, which Resets `bsp.timer`). A method of another file,
/// or one re-arming through a further call, is not seen.
pub(crate) fn rearming_method_calls<'t>(cx: &Ctx<'_, 't>, timer: &str, scope: Node<'t>) -> Vec<Node<'t>> {
    let Some((owner, field)) = timer.rsplit_once('.') else { return Vec::new() };
    let methods: Vec<&str> = cx
        .file
        .methods(scope)
        .into_iter()
        .filter(|m| {
            let own = format!("{}.{field}", m.receiver);
            cx.file.calls.iter().any(|&c| contains(m.decl, c) && rearm_call(cx, &own, c))
        })
        .map(|m| m.name)
        .collect();
    if methods.is_empty() {
        return Vec::new();
    }
    let mut calls = Vec::new();
    collect_kind(scope, &["call_expression"], &mut calls);
    calls.retain(|&c| {
        cx.file.method_call(c).is_some_and(|(r, m)| cx.file.text(r) == owner && methods.contains(&m))
    });
    calls
}

/// The innermost loop of `node`'s function that runs `node` on every iteration and whose count
/// is not known ([`bounded`]): what makes a timer, ticker or context there makes one per round.
pub(crate) fn unbounded_loop_around<'t>(file: &GoFile<'t>, node: Node<'t>) -> Option<Node<'t>> {
    let function = file.up.scope_of(node);
    std::iter::successors(file.up.of(node), |&n| file.up.of(n))
        .take_while(|n| n.id() != function.id())
        .find(|&l| l.kind() == "for_statement" && runs_each_iteration(l, node) && !bounded(file, l))
}

/// Whether loop `l` runs a fixed number of times: `for range 10`, `for i := range n` with `n` a
/// number, a counting clause `for i := 0; i < n; i++` (or `i < n && more`), a bare `for count <
/// n` whose body steps the counter ([`counted_by_body`]), a range with two variables (`for _, e
/// := range exits`: a slice, array, map or string — a channel gives one value), or a range over
/// something declared a slice, array, map or string ([`is_collection`]). Its timers are bounded
/// however it ends.
pub(crate) fn bounded(file: &GoFile, l: Node) -> bool {
    match loop_header(l) {
        Some(h) if h.kind() == "range_clause" => {
            let two_values = h.child_by_field_id(fields().left).is_some_and(|v| v.named_child_count() >= 2);
            two_values
                || h.child_by_field_id(fields().right)
                    .map(unparen)
                    .is_some_and(|r| is_number(file, r, l, 0) || is_collection(file, r, l, 0))
        }
        Some(h) if h.kind() == "for_clause" => {
            let counts = |field: u16| h.child_by_field_id(field).is_some();
            let update = h.child_by_field_id(fields().update).map(|u| file.text(u)).unwrap_or("");
            let steps = update.ends_with("++")
                || update.ends_with("--")
                || update.contains("+=")
                || update.contains("-=");
            h.child_by_field_id(fields().condition).is_some_and(compares)
                // Stepped by the clause (`for ; i < n; i++` with `i` set before the loop too), or
                // by the body (`for got := 0; got < n; { ... got++ }`).
                && (steps || (counts(fields().initializer) && update.is_empty()))
        }
        Some(h) if h.kind() == "binary_expression" => counted_by_body(file, h, l),
        _ => false,
    }
}

/// Whether a counting clause's condition bounds it: a comparison (`i < n`), or a conjunction
/// with one (`i < 12 && time.Now().Before(deadline)` ends by `i < 12` at the latest).
fn compares(condition: Node) -> bool {
    let condition = unparen(condition);
    let Some(op) = condition.child_by_field_id(fields().operator) else { return false };
    match op.kind() {
        "<" | "<=" | ">" | ">=" => condition.kind() == "binary_expression",
        "&&" => [fields().left, fields().right]
            .into_iter()
            .any(|side| condition.child_by_field_id(side).is_some_and(compares)),
        _ => false,
    }
}

/// `for count < max { count++; ... }`: a bare comparison of a counter that the body steps
/// toward the bound once per iteration — at its top level, before anything that could skip the
/// step — and writes nowhere else (a `count = 0` on success makes the loop unbounded).
fn counted_by_body(file: &GoFile, condition: Node, l: Node) -> bool {
    let Some(op) = condition.child_by_field_id(fields().operator) else { return false };
    let side = |f: u16| condition.child_by_field_id(f).map(unparen).filter(|n| n.kind() == "identifier");
    let (counter, up) = match (op.kind(), side(fields().left), side(fields().right)) {
        ("<" | "<=", Some(c), _) | (">" | ">=", _, Some(c)) => (c, true),
        (">" | ">=", Some(c), _) | ("<" | "<=", _, Some(c)) => (c, false),
        _ => return false,
    };
    let name = file.text(counter);
    let Some(body) = l.child_by_field_id(fields().body) else { return false };
    let mut stepped = false;
    for stmt in crate::syntax::each_statement(crate::syntax::statements(body)) {
        if let Some(towards) = step_of(file, stmt, name) {
            stepped = towards == up;
            break;
        }
        if holds_kind(stmt, &["continue_statement", "goto_statement"]) {
            return false;
        }
    }
    stepped && writes(file, body, name) == 1
}

/// `Some(true)` when `stmt` is `name++` or `name += ...`, `Some(false)` for `name--` or `name
/// -= ...`.
fn step_of(file: &GoFile, stmt: Node, name: &str) -> Option<bool> {
    let target = |n: Option<Node>| n.is_some_and(|n| file.text(unparen(n)) == name);
    match stmt.kind() {
        "inc_statement" | "dec_statement" if target(stmt.named_child(0)) => {
            Some(stmt.kind() == "inc_statement")
        }
        "assignment_statement"
            if target(stmt.child_by_field_id(fields().left).and_then(|l| l.named_child(0))) =>
        {
            match stmt.child_by_field_id(fields().operator).map(|o| o.kind()) {
                Some("+=") => Some(true),
                Some("-=") => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `node` or anything in it is of one of `kinds`.
fn holds_kind(node: Node, kinds: &[&str]) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if kinds.contains(&n.kind()) {
            return true;
        }
        stack.extend(n.named_children(&mut n.walk()));
    }
    false
}

/// How many statements under `node` write `name` (`name++`, `name = ...`, `name, err = ...`),
/// counting a `&name` as one more: the counter may be written through it.
fn writes(file: &GoFile, node: Node, name: &str) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let written = match n.kind() {
            "inc_statement" | "dec_statement" => {
                n.named_child(0).is_some_and(|t| file.text(unparen(t)) == name)
            }
            "assignment_statement" => n
                .child_by_field_id(fields().left)
                .is_some_and(|left| left.named_children(&mut left.walk()).any(|t| file.text(t) == name)),
            "unary_expression" => {
                n.child_by_field_id(fields().operator).is_some_and(|o| o.kind() == "&")
                    && n.child_by_field_id(fields().operand).is_some_and(|o| file.text(unparen(o)) == name)
            }
            _ => false,
        };
        count += usize::from(written);
        stack.extend(n.named_children(&mut n.walk()));
    }
    count
}

/// How many names deep a declaration is followed (`m := n`, `n := 10`): a name declared from
/// itself (`ch := ch`, a loop variable copied) ends there.
const ALIASES: u8 = 4;

/// Whether `expr`, ranged over by loop `l`, is a number rather than a channel: an integer
/// literal, `len(x)` or `cap(x)`, arithmetic (`n-1`), or a name the function around `l` declares
/// as one of those before `l` (`n := 10`, `const n = 3`, `m := n`). A channel takes none of these
/// forms. `depth` counts the names followed so far.
fn is_number(file: &GoFile, expr: Node, l: Node, depth: u8) -> bool {
    match expr.kind() {
        "int_literal" => true,
        "call_expression" => matches!(file.call_name(expr), Some("len" | "cap")),
        "binary_expression" => expr.child_by_field_id(fields().operator).is_some_and(|o| {
            matches!(o.kind(), "+" | "-" | "*" | "/" | "%" | "<<" | ">>" | "&" | "|" | "^" | "&^")
        }),
        "identifier" => depth < ALIASES && declared_number(file, file.text(expr), l, depth + 1),
        _ => false,
    }
}

/// Whether `expr` is a slice, array, map or string — never a channel, so a range over it ends:
/// a composite literal of such a type, `make([]T, n)`, `make(map[K]V)`, a string literal, or a
/// variable declared as one of those before loop `l` (`xs := make([]string, 2)`, `var names
/// []string`, `ys := xs`). `depth` counts the names followed so far.
fn is_collection(file: &GoFile, expr: Node, l: Node, depth: u8) -> bool {
    let collection_type =
        |t: Node| matches!(t.kind(), "slice_type" | "array_type" | "implicit_length_array_type" | "map_type");
    match expr.kind() {
        "composite_literal" => expr.child_by_field_id(fields().type_).is_some_and(collection_type),
        "call_expression" => {
            file.call_name(expr) == Some("make")
                && expr
                    .child_by_field_id(fields().arguments)
                    .and_then(|a| a.named_child(0))
                    .is_some_and(collection_type)
        }
        "interpreted_string_literal" | "raw_string_literal" => true,
        "identifier" if depth < ALIASES => declared(file, file.text(expr), l, &|v: Node| match v.kind() {
            // `var names []string`: the declared type, with no value.
            "slice_type" | "array_type" | "map_type" => true,
            _ => is_collection(file, v, l, depth + 1),
        }),
        _ => false,
    }
}

/// Whether the last declaration of `name` before loop `l` in the function around it — or, when
/// the function has none, in the file's top level — makes it a number: `name := 10`, `var name =
/// len(xs)`, `const name = 3`, `name := n` with `n` a number (`depth` names followed so far).
fn declared_number(file: &GoFile, name: &str, l: Node, depth: u8) -> bool {
    declared(file, name, l, &|v: Node| match v.kind() {
        // `func f(n int)`, `var n uint32`: Go 1.22 ranges over an integer n times.
        "type_identifier" => matches!(
            file.text(v),
            "int"
                | "int8"
                | "int16"
                | "int32"
                | "int64"
                | "uint"
                | "uint8"
                | "uint16"
                | "uint32"
                | "uint64"
                | "uintptr"
        ),
        _ => is_number(file, v, l, depth),
    })
}

/// Whether the last declaration of `name` before loop `l` in the function around it — or, when
/// the function has none, in the file's top level — gives it a type (`var xs []string`, a
/// parameter `n int`) or, without one, a value (`xs := make([]string, 2)`) that `is` accepts.
fn declared(file: &GoFile, name: &str, l: Node, is: &dyn Fn(Node) -> bool) -> bool {
    let mut scope = l;
    while let Some(parent) = file.up.of(scope) {
        scope = parent;
        if crate::syntax::is_function(parent) {
            break;
        }
    }
    let in_function = last_declaration(file, name, l, scope, false, is);
    let root = file.up.root(scope);
    in_function.or_else(|| last_declaration(file, name, l, root, true, is)).is_some_and(|yes| yes)
}

/// Whether the last declaration of `name` under `scope` before loop `l` (the package-level ones,
/// anywhere, when `top` is set) gives it a type or, without one, a value that `is` accepts;
/// `None` when there is none.
fn last_declaration(
    file: &GoFile,
    name: &str,
    l: Node,
    scope: Node,
    top: bool,
    is: &dyn Fn(Node) -> bool,
) -> Option<bool> {
    let mut last: Option<(usize, bool)> = None;
    let mut visit = vec![scope];
    while let Some(n) = visit.pop() {
        // In a function, what is declared after the loop is not in scope for it; a package's
        // declarations are, in any order.
        if !top && n.start_byte() >= l.start_byte() && n.id() != scope.id() {
            continue;
        }
        if top && n.id() != scope.id() && crate::syntax::is_function(n) {
            continue;
        }
        let (names, value): (Vec<Node>, _) = match n.kind() {
            "short_var_declaration" => {
                let left = n.child_by_field_id(fields().left);
                (left.map(|v| v.named_children(&mut v.walk()).collect()).unwrap_or_default(), fields().right)
            }
            "var_spec" | "const_spec" => {
                (n.children_by_field_id(fields().names, &mut n.walk()).collect(), fields().value)
            }
            // A parameter's type: `func f(names []string)`, `func g(n int)`.
            "parameter_declaration" if !top => {
                (n.children_by_field_id(fields().names, &mut n.walk()).collect(), fields().value)
            }
            _ => {
                visit.extend(n.named_children(&mut n.walk()));
                continue;
            }
        };
        if !names.iter().any(|n| file.text(*n) == name)
            || (names.len() > 1 && n.kind() != "parameter_declaration")
        {
            continue;
        }
        let value = n.child_by_field_id(value).map(|v| match v.kind() {
            "expression_list" => v.named_child(0).unwrap_or(v),
            _ => v,
        });
        // The declared type says it all when there is one (`var xs []string = nil`).
        let value = n.child_by_field_id(fields().type_).or(value);
        let yes = value.map(unparen).is_some_and(is);
        if last.is_none_or(|(at, _)| at < n.start_byte()) {
            last = Some((n.start_byte(), yes));
        }
    }
    last.map(|(_, number)| number)
}
