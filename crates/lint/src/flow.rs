//! Control flow, just enough to tell whether code runs again: how a statement can end (fall
//! through, return, break or continue a given statement), and a walk from a statement up to
//! the function boundary that reports every loop that can start another iteration afterwards.
//!
//! The analysis is a "may" analysis over the syntax tree: every branch is assumed takeable, so a
//! loop "repeats" when any path leads back to its head — except a branch or a loop condition
//! that what the path knows decides (`known.rs`: a flag it set, a context it saw done). A `goto`
//! to a label inside the innermost loop around it stays in that loop; any other is assumed to
//! leave the function's loops (its label is after them); calls
//! to `panic`, `os.Exit`, `runtime.Goexit`, testify's `require.Fail` and the
//! `Fatal*`/`Panic*`/`FailNow`/`Skip*` methods of loggers and tests end the function.

use std::collections::BTreeSet;

use tree_sitter::Node;

use crate::gofile::GoFile;
use crate::known::Known;
use crate::syntax::{each_statement, fields, following, loop_condition, loop_header, statements, unparen};

/// One way a statement can end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exit {
    /// Control goes on with the next statement.
    Fall,
    /// The function returns (or the goroutine ends).
    Return,
    /// `break` out of the statement with this node id.
    Break(usize),
    /// `continue` the loop with this node id.
    Continue(usize),
}

/// Every way a statement can end.
pub(crate) type Exits = BTreeSet<Exit>;

/// What a [`Flow::walk_up`] visitor says about the step it was shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Visit {
    /// Go on: control passes through the step.
    Go,
    /// Paths through this step are of no interest (it drains, say): drop them, follow the others.
    Cut,
    /// Stop the whole walk.
    Stop,
}

/// What [`Flow::walk_up`] shows its visitor.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Step<'t> {
    /// Control can reach this statement, which follows the code walked so far.
    Next(Node<'t>),
    /// This loop can start another iteration after the code walked so far.
    Repeat(Node<'t>),
}

/// The flow analysis of one file.
pub(crate) struct Flow<'f, 't> {
    file: &'f GoFile<'t>,
    /// Variables assigned `time.Tick(...)`, and the channels `v.C` of variables assigned
    /// `time.NewTicker(...)` or `time.NewTimer(...)`: nothing closes a timer's channel, so ranging
    /// over one never ends.
    tick_vars: BTreeSet<String>,
}

impl<'f, 't> Flow<'f, 't> {
    /// The analysis of `file`.
    pub(crate) fn new(file: &'f GoFile<'t>) -> Flow<'f, 't> {
        let tick_vars = file
            .calls
            .iter()
            .filter_map(|&c| match file.time_func(c) {
                Some("Tick") => file.assigned_to(c).map(|v| file.text(v).to_owned()),
                Some("NewTicker" | "NewTimer") => file.assigned_to(c).map(|v| format!("{}.C", file.text(v))),
                _ => None,
            })
            .collect();
        Flow { file, tick_vars }
    }

    /// How the body of a block or case clause can end.
    pub(crate) fn body(&self, node: Node<'t>) -> Exits {
        self.body_knowing(node, &Known::none())
    }

    fn body_knowing(&self, node: Node<'t>, k: &Known) -> Exits {
        let mut exits = Exits::from([Exit::Fall]);
        for stmt in each_statement(statements(node)) {
            if !exits.remove(&Exit::Fall) {
                break;
            }
            exits.extend(self.stmt_knowing(stmt, k));
        }
        exits
    }

    /// How one statement can end.
    pub(crate) fn stmt(&self, node: Node<'t>) -> Exits {
        self.stmt_knowing(node, &Known::none())
    }

    /// How one statement can end on a path that knows `k`.
    pub(crate) fn stmt_knowing(&self, node: Node<'t>, k: &Known) -> Exits {
        let one = |e| Exits::from([e]);
        match node.kind() {
            "return_statement" => one(Exit::Return),
            "goto_statement" => one(self.goto_exit(node)),
            "break_statement" => {
                self.jump_target(node, false).map_or(one(Exit::Fall), |t| one(Exit::Break(t)))
            }
            "continue_statement" => {
                self.jump_target(node, true).map_or(one(Exit::Fall), |t| one(Exit::Continue(t)))
            }
            "expression_statement" => {
                if node.named_child(0).is_some_and(|e| self.ends_function(e)) {
                    one(Exit::Return)
                } else {
                    one(Exit::Fall)
                }
            }
            "block" => self.body_knowing(node, k),
            "labeled_statement" => {
                let mut cursor = node.walk();
                let inner = node.named_children(&mut cursor).find(|c| c.kind() != "label_name");
                inner.map_or(one(Exit::Fall), |s| self.stmt_knowing(s, k))
            }
            "if_statement" => {
                // `if err := ctx.Err(); err != nil` reads like `if ctx.Err() != nil`.
                let with_init;
                let k = match node.child_by_field_id(fields().initializer) {
                    Some(init) => {
                        let mut k2 = k.clone();
                        k2.learn_init(self.file, init);
                        with_init = k2;
                        &with_init
                    }
                    None => k,
                };
                let known = node.child_by_field_id(fields().condition).and_then(|c| k.eval(self.file, c));
                let then = || {
                    node.child_by_field_id(fields().consequence)
                        .map_or(one(Exit::Fall), |b| self.stmt_knowing(b, k))
                };
                let otherwise = || match node.child_by_field_id(fields().alternative) {
                    Some(alt) => self.stmt_knowing(alt, k),
                    None => one(Exit::Fall),
                };
                match known {
                    Some(true) => then(),
                    Some(false) => otherwise(),
                    None => {
                        let mut exits = then();
                        exits.extend(otherwise());
                        exits
                    }
                }
            }
            "for_statement" => self.for_statement(node),
            "select_statement" => match k.ready_case(self.file, node) {
                // A case on a context known done is ready: the select takes it.
                Some(case) => self.cases(node, |c| c.id() == case.id()),
                None => self.cases(node, |_| true),
            },
            "expression_switch_statement" | "type_switch_statement" => {
                let mut exits = self.cases(node, |_| true);
                let mut cursor = node.walk();
                if !node.named_children(&mut cursor).any(|c| c.kind() == "default_case") {
                    exits.insert(Exit::Fall);
                }
                exits
            }
            _ => one(Exit::Fall),
        }
    }

    /// How a select or switch can end through the cases `take` accepts; `break` out of it and
    /// `fallthrough` become falling through.
    pub(crate) fn cases(&self, node: Node<'t>, take: impl Fn(Node<'t>) -> bool) -> Exits {
        let mut exits = Exits::new();
        let mut cursor = node.walk();
        for case in node.named_children(&mut cursor) {
            if !is_case(case) || !take(case) {
                continue;
            }
            exits.extend(self.body(case));
        }
        if exits.remove(&Exit::Break(node.id())) {
            exits.insert(Exit::Fall);
        }
        exits
    }

    fn for_statement(&self, node: Node<'t>) -> Exits {
        let id = node.id();
        let body = node.child_by_field_id(fields().body).map_or(Exits::from([Exit::Fall]), |b| self.body(b));
        let mut exits: Exits = body
            .iter()
            .copied()
            .filter(|e| !matches!(e, Exit::Fall) && *e != Exit::Continue(id) && *e != Exit::Break(id))
            .collect();
        if body.contains(&Exit::Break(id)) || self.loop_may_end(node) {
            exits.insert(Exit::Fall);
        }
        exits
    }

    /// Whether the loop's header can end it: a condition, or a range over something finite.
    /// `for {}`, `for ;; {}`, `for true {}`, `for range time.Tick(d)` (or a variable holding one) and `for range
    /// t.C` of a ticker or timer the file makes only end by a jump.
    pub(crate) fn loop_may_end(&self, node: Node<'t>) -> bool {
        match loop_header(node) {
            None => false,
            // `for ; true; <-tick.C {}` and `for true {}` are `for {}`.
            Some(h) if h.kind() == "for_clause" => {
                h.child_by_field_id(fields().condition).is_some_and(|c| unparen(c).kind() != "true")
            }
            Some(h) if h.kind() == "range_clause" => {
                !h.child_by_field_id(fields().right).map(unparen).is_some_and(|r| {
                    self.file.time_func(r) == Some("Tick") || self.tick_vars.contains(self.file.text(r))
                })
            }
            Some(h) => unparen(h).kind() != "true",
        }
    }

    /// The id of the statement a `break` (or `continue`) leaves, following its label if any.
    fn jump_target(&self, jump: Node<'t>, is_continue: bool) -> Option<usize> {
        let label = jump.named_child(0).filter(|c| c.kind() == "label_name").map(|l| self.file.text(l));
        let mut node = self.file.up.of(jump);
        while let Some(n) = node {
            match n.kind() {
                "func_literal" | "function_declaration" | "method_declaration" => return None,
                "for_statement" if label.is_none() => return Some(n.id()),
                "select_statement" | "expression_switch_statement" | "type_switch_statement"
                    if label.is_none() && !is_continue =>
                {
                    return Some(n.id())
                }
                "labeled_statement" if label.is_some() => {
                    let mut cursor = n.walk();
                    let mut children = n.named_children(&mut cursor);
                    let name = children.find(|c| c.kind() == "label_name").map(|l| self.file.text(l));
                    if name == label {
                        let mut cursor = n.walk();
                        let inner = n.named_children(&mut cursor).find(|c| c.kind() != "label_name");
                        return inner.map(|s| s.id());
                    }
                }
                _ => {}
            }
            node = self.file.up.of(n);
        }
        None
    }

    /// Where a `goto` takes control, as an [`Exit`]: to a label inside the innermost loop around
    /// it, on within that loop — another round of it, as far as the loop's ends go (`for { get:
    /// select { ... goto get } }`, `for { ... goto next ... next: }`); anywhere else, out of the
    /// function's loops, taken as a return (labels are almost always after the loop: `goto
    /// done`).
    fn goto_exit(&self, jump: Node<'t>) -> Exit {
        let label = jump.named_child(0).filter(|c| c.kind() == "label_name").map(|l| self.file.text(l));
        let mut node = self.file.up.of(jump);
        let l = loop {
            match node {
                Some(n) if n.kind() == "for_statement" => break n,
                Some(n) if crate::syntax::is_function(n) => return Exit::Return,
                Some(n) => node = self.file.up.of(n),
                None => return Exit::Return,
            }
        };
        let Some(body) = l.child_by_field_id(fields().body) else { return Exit::Return };
        let mut stack = vec![body];
        while let Some(n) = stack.pop() {
            // Labels are per function: one inside a function literal is not this one's.
            if crate::syntax::is_function(n) {
                continue;
            }
            if n.kind() == "labeled_statement" {
                let mut cursor = n.walk();
                let name = n.named_children(&mut cursor).find(|c| c.kind() == "label_name");
                if name.is_some() && name.map(|c| self.file.text(c)) == label {
                    return Exit::Continue(l.id());
                }
            }
            let mut cursor = n.walk();
            stack.extend(n.named_children(&mut cursor));
        }
        Exit::Return
    }

    /// Whether an expression statement ends the function: `panic(...)`, `os.Exit(...)`,
    /// `log.Fatal(...)`, `t.FailNow()`, `runtime.Goexit()`.
    fn ends_function(&self, expr: Node<'t>) -> bool {
        let expr = unparen(expr);
        if expr.kind() != "call_expression" {
            return false;
        }
        let Some(function) = expr.child_by_field_id(fields().function).map(unparen) else { return false };
        match function.kind() {
            "identifier" => self.file.text(function) == "panic",
            "selector_expression" => {
                let operand = function.child_by_field_id(fields().operand).map(|o| self.file.text(o));
                let field = function.child_by_field_id(fields().field).map(|f| self.file.text(f));
                match (operand, field) {
                    (Some("os"), Some("Exit")) | (Some("runtime"), Some("Goexit")) => true,
                    // testify's `require` stops the test (`t.FailNow`); `t.Fail()` does not.
                    (Some("require"), Some("Fail" | "Failf")) => true,
                    (_, Some(f)) => matches!(
                        f,
                        "Fatal"
                            | "Fatalf"
                            | "Fatalln"
                            | "Panic"
                            | "Panicf"
                            | "Panicln"
                            | "FailNow"
                            | "FailNowf"
                            | "Skip"
                            | "Skipf"
                            | "SkipNow"
                    ),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// How loop `l`'s next iteration ends at its first statement on a path that knows `k`, when
    /// it cannot get past it; `None` when it can.
    fn head_exits(&self, l: Node<'t>, k: &Known) -> Option<Exits> {
        let body = l.child_by_field_id(fields().body)?;
        let first = each_statement(statements(body)).next()?;
        let exits = self.stmt_knowing(first, k);
        (!exits.contains(&Exit::Fall) && !exits.contains(&Exit::Continue(l.id()))).then_some(exits)
    }

    /// Whether loop `l`'s condition is false on a path that knows `k`: the loop ends there.
    fn condition_false(&self, l: Node<'t>, k: &Known) -> bool {
        loop_condition(l).is_some_and(|c| k.eval(self.file, c) == Some(false))
    }

    /// Walks from `from` (a statement that just ended in one of the ways `start` lists, on a path
    /// that knows `known`) up to its function, showing `visit` every later statement control can
    /// reach at each level and every loop that can iterate again. A function literal called in
    /// place is seen through; any other function literal (a goroutine, a callback) ends the walk.
    /// Returns whether the visitor stopped the walk.
    pub(crate) fn walk_up(
        &self,
        from: Node<'t>,
        start: Exits,
        known: &Known,
        mut visit: impl FnMut(Step<'t>) -> Visit,
    ) -> bool {
        self.walk_up_knowing(from, start, known, |step, _| visit(step))
    }

    /// [`Flow::walk_up`], showing the visitor what the path knows at each step too.
    pub(crate) fn walk_up_knowing(
        &self,
        from: Node<'t>,
        start: Exits,
        known: &Known,
        visit: impl FnMut(Step<'t>, &Known) -> Visit,
    ) -> bool {
        self.climb(from, start, known, visit).is_none()
    }

    /// Whether the function (or function literal) around `stmt` can end — return, or run off its
    /// end — after `stmt` ends in one of the ways `start` lists. A loop that can only go round
    /// keeps it from ending.
    pub(crate) fn may_end_after(&self, stmt: Node<'t>, start: Exits) -> bool {
        self.climb(stmt, start, &Known::none(), |_, _| Visit::Go)
            .is_some_and(|exits| exits.contains(&Exit::Fall) || exits.contains(&Exit::Return))
    }

    /// [`Flow::may_end_after`] on the paths that run no statement `cut` holds (one that re-arms
    /// a timer, say), on a path that knows `known`.
    pub(crate) fn may_end_after_avoiding(
        &self,
        stmt: Node<'t>,
        start: Exits,
        known: &Known,
        cut: impl Fn(Node<'t>) -> bool,
    ) -> bool {
        let visit = |step: Step<'t>, _: &Known| match step {
            Step::Next(n) if cut(n) => Visit::Cut,
            _ => Visit::Go,
        };
        self.climb(stmt, start, known, visit)
            .is_some_and(|exits| exits.contains(&Exit::Fall) || exits.contains(&Exit::Return))
    }

    /// The walk of [`Flow::walk_up_knowing`]: `None` when the visitor stopped it, or how control
    /// leaves the function (or the function literal that ends the walk) — no way at all when it
    /// never does.
    fn climb(
        &self,
        from: Node<'t>,
        start: Exits,
        known: &Known,
        mut visit: impl FnMut(Step<'t>, &Known) -> Visit,
    ) -> Option<Exits> {
        let mut k = known.clone();
        let mut exits = start;
        let mut node = from;
        while let Some(parent) = self.file.up.of(node) {
            match parent.kind() {
                "statement_list" => {
                    for next in following(parent, node) {
                        if !exits.remove(&Exit::Fall) {
                            break;
                        }
                        match visit(Step::Next(next), &k) {
                            Visit::Stop => return None,
                            Visit::Cut => {}
                            Visit::Go => {
                                exits.extend(self.stmt_knowing(next, &k));
                                k.learn(self.file, next);
                            }
                        }
                    }
                }
                "select_statement" | "expression_switch_statement" | "type_switch_statement"
                    if exits.remove(&Exit::Break(parent.id())) =>
                {
                    exits.insert(Exit::Fall);
                }
                "for_statement" => {
                    let id = parent.id();
                    let again = exits.remove(&Exit::Fall) | exits.remove(&Exit::Continue(id));
                    let ended = exits.remove(&Exit::Break(id));
                    let head = if again { self.head_exits(parent, &k) } else { None };
                    if let Some(head) = head {
                        // The next iteration ends at its first statement (`if ctx.Err() != nil
                        // { return }`, a select on a context known done): no more rounds.
                        exits.extend(
                            head.into_iter().map(|e| if e == Exit::Break(id) { Exit::Fall } else { e }),
                        );
                    } else if again && !self.condition_false(parent, &k) {
                        match visit(Step::Repeat(parent), &k) {
                            Visit::Stop => return None,
                            // Once it repeats, the loop ends the way any of its iterations can,
                            // and what this path knew no longer holds.
                            Visit::Go => {
                                exits.extend(self.stmt(parent));
                                k = Known::none();
                            }
                            Visit::Cut => {}
                        }
                    } else if again || ended {
                        exits.insert(Exit::Fall);
                    }
                    if ended {
                        exits.insert(Exit::Fall);
                    }
                }
                "func_literal" => {
                    if !self.file.up.immediately_invoked(parent) {
                        return Some(exits);
                    }
                    let returns = exits.contains(&Exit::Fall) || exits.contains(&Exit::Return);
                    exits = if returns { Exits::from([Exit::Fall]) } else { Exits::new() };
                    match self.file.up.enclosing_statement(parent) {
                        Some(stmt) => node = stmt,
                        None => return Some(exits),
                    }
                    continue;
                }
                "function_declaration" | "method_declaration" | "source_file" => return Some(exits),
                _ => {}
            }
            if exits.is_empty() {
                return Some(exits);
            }
            node = parent;
        }
        Some(exits)
    }

    /// The loops around `from` that can start another iteration after `from` ended in one of
    /// the ways `start` lists on a path that knows `known`, innermost first.
    pub(crate) fn repeating_loops(&self, from: Node<'t>, start: Exits, known: &Known) -> Vec<Node<'t>> {
        let mut loops = Vec::new();
        self.walk_up(from, start, known, |step| {
            if let Step::Repeat(l) = step {
                loops.push(l);
            }
            Visit::Go
        });
        loops
    }

    /// How control can get from the end of `from` (ended in one of the ways `start` lists) to
    /// `target`, if it can: later in the same run, or only in a later iteration of a loop around
    /// both.
    pub(crate) fn reaches(
        &self,
        from: Node<'t>,
        start: Exits,
        known: &Known,
        target: Node<'t>,
    ) -> Option<Reach<'t>> {
        let mut how = None;
        self.walk_up_knowing(from, start, known, |step, k| match step {
            Step::Next(n) if crate::syntax::contains(n, target) && self.enters(n, target, k) => {
                how = Some(Reach::Later);
                Visit::Stop
            }
            Step::Repeat(l) if crate::syntax::contains(l, target) => {
                // Keep walking: a path out of the loop may still reach `target` without going
                // round it (after a loop inside the one holding `target`, say).
                how.get_or_insert(Reach::Around(l));
                Visit::Go
            }
            _ => Visit::Go,
        });
        how
    }
}

impl<'f, 't> Flow<'f, 't> {
    /// Whether control entering `stmt` (which holds `target`) on a path that knows `k` can get to
    /// `target`: not when `target` is in the branch of an `if` whose condition the path decides
    /// the other way (`if !expired { drain }` after the case that set `expired = true`).
    fn enters(&self, stmt: Node<'t>, target: Node<'t>, k: &Known) -> bool {
        let mut node = stmt;
        loop {
            if node.id() == target.id() {
                return true;
            }
            match node.kind() {
                "if_statement" => {
                    let cond = node.child_by_field_id(fields().condition).and_then(|c| k.eval(self.file, c));
                    let then = node.child_by_field_id(fields().consequence);
                    let alt = node.child_by_field_id(fields().alternative);
                    let holding = |b: Option<Node<'t>>| b.filter(|b| crate::syntax::contains(*b, target));
                    node = match (cond, holding(then), holding(alt)) {
                        (Some(false), Some(_), _) | (Some(true), _, Some(_)) => return false,
                        (_, Some(branch), _) | (_, _, Some(branch)) => branch,
                        _ => return true,
                    };
                }
                "block" | "statement_list" => {
                    let mut cursor = node.walk();
                    let inner =
                        node.named_children(&mut cursor).find(|c| crate::syntax::contains(*c, target));
                    match inner {
                        Some(i) => node = i,
                        None => return true,
                    }
                }
                _ => return true,
            }
        }
    }
}

/// How [`Flow::reaches`] gets to its target.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reach<'t> {
    /// On a path that does not go round a loop holding the target first.
    Later,
    /// Only through the next iteration of this loop (the innermost such loop).
    Around(Node<'t>),
}

/// Whether `node` is a case clause of a select or switch.
pub(crate) fn is_case(node: Node) -> bool {
    matches!(node.kind(), "communication_case" | "default_case" | "expression_case" | "type_case")
}
