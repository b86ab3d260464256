//! What is known on one path through the code: flags set to a constant (`done = true`),
//! contexts whose `Done()` channel was received, and variables known not nil: a case received
//! a value into them (`case errc = <-quit:`, the quit-channel idiom), or the path set them to a
//! new or sentinel error (`err = errors.New(...)`, `err = ErrClosed`) — on both branches of an
//! `if`/`else`, when both do. Enough to see that a loop ends through a flag
//! (`for !done`, `if done { break }`) or its context (`for ctx.Err() == nil`) after a select case,
//! the way a reader does; everything else is unknown.

use tree_sitter::Node;

use crate::gofile::GoFile;
use crate::syntax::{each_statement, fields, loop_header, preceding, statements, unparen};

/// What one path knows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Known {
    /// Variables (source text) set to a boolean constant.
    flags: Vec<(String, bool)>,
    /// Contexts (source text) whose `Done()` channel was received.
    done: Vec<String>,
    /// Variables (source text) known not nil: assigned a received value (`case errc = <-quit:`,
    /// the quit-channel idiom), a new error (`errors.New(...)`, `fmt.Errorf(...)`), a sentinel
    /// error (`ErrClosed`, `io.EOF`), or a pointer to a composite literal.
    not_nil: Vec<String>,
    /// Variables (source text) set to an expression (its text, spaces left out): `collected =
    /// len(addrs)`, so that `collected < len(addrs)` is known false right after.
    values: Vec<(String, String)>,
    /// Conditions (source text, spaces left out) known true or false: `if cp.Pending() > 0 {
    /// return false }` leaves `cp.Pending() > 0` false for the code after it.
    conds: Vec<(String, bool)>,
}

impl Known {
    /// Nothing known.
    pub(crate) fn none() -> Known {
        Known::default()
    }

    /// What a path through select case `case` knows when its body has run: the context of a
    /// `case <-ctx.Done():` is done, and the flags its body sets at its top level hold.
    pub(crate) fn after_case(file: &GoFile, case: Node) -> Known {
        let mut known = Known::none();
        let comm = case.child_by_field_id(fields().communication);
        if let Some(comm) = comm.filter(|c| c.kind() == "receive_statement") {
            // `case v = <-ch:` (not `v := <-ch`, a new variable the loop cannot test).
            let assigns = comm.children(&mut comm.walk()).any(|c| c.kind() == "=");
            if let Some(left) = comm.child_by_field_id(fields().left).filter(|_| assigns) {
                if left.named_child_count() == 1 {
                    if let Some(v) = left.named_child(0) {
                        known.not_nil.push(file.text(v).to_owned());
                    }
                }
            }
        }
        if let Some(operand) = case
            .child_by_field_id(fields().communication)
            .and_then(|c| {
                if c.kind() == "receive_statement" {
                    c.child_by_field_id(fields().right)
                } else {
                    Some(c)
                }
            })
            .map(unparen)
            .filter(|r| r.kind() == "unary_expression")
            .and_then(|r| r.child_by_field_id(fields().operand))
            .map(unparen)
        {
            if let Some(ctx) = method_operand(file, operand, "Done") {
                known.done.push(ctx.to_owned());
            }
        }
        if let Some(select) = file.up.of(case) {
            known.learn_before(file, select);
        }
        for stmt in each_statement(statements(case)) {
            known.learn(file, stmt);
        }
        known
    }

    /// Learns what holds when `select` starts from the statements before it in the same
    /// iteration — in its block, and in the blocks around it up to the loop or function (a
    /// select in another's `default:`): flags declared or set to a constant (`expired :=
    /// false`, `var idle bool`, `done = true`), each forgotten again when a later statement
    /// writes it some other way.
    fn learn_before(&mut self, file: &GoFile, select: Node) {
        let mut levels = Vec::new();
        let mut node = select;
        while let Some(parent) = file.up.of(node) {
            if matches!(
                parent.kind(),
                "for_statement" | "func_literal" | "function_declaration" | "method_declaration"
            ) {
                break;
            }
            if parent.kind() == "statement_list" {
                levels.push(preceding(parent, node).collect::<Vec<Node>>());
            }
            node = parent;
        }
        let before = levels.into_iter().rev().flat_map(|level| level.into_iter().rev());
        for stmt in before {
            match stmt.kind() {
                "short_var_declaration" => self.set_from(file, stmt, fields().left, fields().right),
                "var_declaration" => {
                    let mut cursor = stmt.walk();
                    let specs: Vec<Node> = stmt.named_children(&mut cursor).collect();
                    for spec in specs.into_iter().filter(|s| s.kind() == "var_spec") {
                        self.learn_var_spec(file, spec);
                    }
                }
                _ => self.learn(file, stmt),
            }
        }
        // A guard's call (`if cp.Pending() > 0 { return }`) may answer otherwise once the select
        // has waited.
        self.conds.retain(|(c, _)| !c.contains('('));
    }

    /// `var idle bool` (false), `var done = true`; any other spec forgets its names.
    fn learn_var_spec(&mut self, file: &GoFile, spec: Node) {
        let mut cursor = spec.walk();
        let names: Vec<String> =
            spec.children_by_field_id(fields().names, &mut cursor).map(|n| file.text(n).to_owned()).collect();
        self.flags.retain(|(n, _)| !names.contains(n));
        let value = match spec.child_by_field_id(fields().value) {
            None => spec.child_by_field_id(fields().type_).filter(|t| file.text(*t) == "bool").map(|_| false),
            Some(v) if v.named_child_count() == 1 => v.named_child(0).and_then(bool_literal),
            Some(_) => None,
        };
        if let ([name], Some(value)) = (names.as_slice(), value) {
            self.flags.push((name.clone(), value));
        }
    }

    /// Learns from `stmt` when it sets a flag (`done = true`, `running = false`) or a variable to
    /// an expression (`collected = len(addrs)`); what it writes otherwise (`done = check()`,
    /// `collected++`) is no longer known.
    pub(crate) fn learn(&mut self, file: &GoFile, stmt: Node) {
        match stmt.kind() {
            "assignment_statement" => self.set_from(file, stmt, fields().left, fields().right),
            // `if a { err = fmt.Errorf(...) } else { err = ErrTimeout }`: what both branches
            // leave known holds after the `if` (the condition is read, not written).
            "if_statement" if stmt.child_by_field_id(fields().alternative).is_some() => {
                let branch = |field: u16| {
                    let mut k = self.clone();
                    match stmt.child_by_field_id(field) {
                        Some(b) if b.kind() == "if_statement" => k.learn(file, b),
                        Some(b) => each_statement(statements(b)).for_each(|s| k.learn(file, s)),
                        None => {}
                    }
                    k
                };
                let (then, other) = (branch(fields().consequence), branch(fields().alternative));
                *self = then.meet(&other);
            }
            // A guard, `if c { return }`: the code after it runs only with `c` false.
            "if_statement" if leaves(stmt) => {
                if let Some(cond) = stmt.child_by_field_id(fields().condition) {
                    let cond = compact(file.text(unparen(cond)));
                    self.conds.retain(|(c, _)| *c != cond);
                    self.conds.push((cond, false));
                }
            }
            // `collected++`, or `done = true; if keep(m) { done = false }`: what a step or a
            // nested statement may write is no longer known.
            _ => {
                let written = written_inside(file, stmt);
                self.forget(&written);
                self.learn_loop_end(file, stmt);
            }
        }
    }

    /// Forgets what was known of the variables `written`, and of the conditions that read them.
    fn forget(&mut self, written: &[&str]) {
        self.flags.retain(|(n, _)| !written.contains(&n.as_str()));
        self.values.retain(|(n, _)| !written.contains(&n.as_str()));
        self.not_nil.retain(|n| !written.contains(&n.as_str()));
        self.conds.retain(|(c, _)| !written.iter().any(|w| reads(c, w)));
    }

    /// What both `self` and `other` know.
    fn meet(&self, other: &Known) -> Known {
        let both = |a: &Vec<String>, b: &Vec<String>| a.iter().filter(|x| b.contains(x)).cloned().collect();
        Known {
            flags: self.flags.iter().filter(|f| other.flags.contains(f)).cloned().collect(),
            done: both(&self.done, &other.done),
            not_nil: both(&self.not_nil, &other.not_nil),
            values: self.values.iter().filter(|v| other.values.contains(v)).cloned().collect(),
            conds: self.conds.iter().filter(|c| other.conds.contains(c)).cloned().collect(),
        }
    }

    /// After `for !done { ... }` with no `break`, `goto` or labeled `continue` in it, control that
    /// goes on knows its condition false: `done` is true (a loop that can only end by its
    /// condition, or return).
    fn learn_loop_end(&mut self, file: &GoFile, stmt: Node) {
        if stmt.kind() != "for_statement" || holds_jump(stmt) {
            return;
        }
        let Some(cond) =
            loop_header(stmt).filter(|h| !matches!(h.kind(), "for_clause" | "range_clause")).map(unparen)
        else {
            return;
        };
        let (var, value) = match cond.kind() {
            "identifier" | "selector_expression" => (cond, false),
            "unary_expression"
                if cond.child_by_field_id(fields().operator).is_some_and(|o| o.kind() == "!") =>
            {
                match cond.child_by_field_id(fields().operand).map(unparen) {
                    Some(v) if matches!(v.kind(), "identifier" | "selector_expression") => (v, true),
                    _ => return,
                }
            }
            _ => return,
        };
        let name = file.text(var).to_owned();
        self.flags.retain(|(n, _)| *n != name);
        self.flags.push((name, value));
    }

    /// Learns from an `if`'s initializer: `err := ctx.Err()` with `ctx` known done makes `err`
    /// not nil (as a received value is); any other name it declares shadows what was known.
    pub(crate) fn learn_init(&mut self, file: &GoFile, init: Node) {
        if init.kind() != "short_var_declaration" {
            return;
        }
        let (Some(left), Some(right)) =
            (init.child_by_field_id(fields().left), init.child_by_field_id(fields().right))
        else {
            return;
        };
        let mut cursor = left.walk();
        let names: Vec<String> = left.named_children(&mut cursor).map(|v| file.text(v).to_owned()).collect();
        self.flags.retain(|(n, _)| !names.contains(n));
        self.values.retain(|(n, _)| !names.contains(n));
        self.not_nil.retain(|n| !names.contains(n));
        if let ([name], 1) = (names.as_slice(), right.named_child_count()) {
            let value = right.named_child(0).map(unparen);
            if value
                .and_then(|v| method_operand(file, v, "Err"))
                .is_some_and(|ctx| self.done.iter().any(|d| d == ctx))
            {
                self.not_nil.push(name.clone());
            }
        }
    }

    /// The flags `stmt` (an assignment or short declaration) writes: a single name set to
    /// `true` or `false` becomes known, every other name written is forgotten.
    fn set_from(&mut self, file: &GoFile, stmt: Node, left: u16, right: u16) {
        let (Some(left), Some(right)) = (stmt.child_by_field_id(left), stmt.child_by_field_id(right)) else {
            return;
        };
        let mut cursor = left.walk();
        let names: Vec<String> = left.named_children(&mut cursor).map(|v| file.text(v).to_owned()).collect();
        let written: Vec<&str> = names.iter().map(String::as_str).collect();
        self.forget(&written);
        let plain = stmt.child_by_field_id(fields().operator).is_none_or(|o| matches!(o.kind(), "=" | ":="));
        let single = if right.named_child_count() == 1 { right.named_child(0) } else { None };
        if let ([name], Some(value), true) = (names.as_slice(), single, plain) {
            // `err = ctx.Err()` once ctx is done, as a new error: not nil.
            let done_err = method_operand(file, unparen(value), "Err")
                .is_some_and(|ctx| self.done.iter().any(|d| d == ctx));
            if never_nil(file, value) || done_err {
                self.not_nil.push(name.clone());
            }
            match bool_literal(value) {
                Some(flag) => self.flags.push((name.clone(), flag)),
                None => self.values.push((name.clone(), compact(file.text(value)))),
            }
        }
    }

    /// The case of `select` that receives from a context's `Done()` known to be closed.
    pub(crate) fn ready_case<'t>(&self, file: &GoFile<'t>, select: Node<'t>) -> Option<Node<'t>> {
        if self.done.is_empty() {
            return None;
        }
        let mut cursor = select.walk();
        let cases: Vec<Node<'t>> = select.named_children(&mut cursor).collect();
        cases.into_iter().find(|case| {
            case.child_by_field_id(fields().communication)
                .and_then(|c| {
                    if c.kind() == "receive_statement" {
                        c.child_by_field_id(fields().right)
                    } else {
                        Some(c)
                    }
                })
                .map(unparen)
                .filter(|r| r.kind() == "unary_expression")
                .and_then(|r| r.child_by_field_id(fields().operand))
                .and_then(|o| method_operand(file, unparen(o), "Done"))
                .is_some_and(|ctx| self.done.iter().any(|d| d == ctx))
        })
    }

    /// The value of condition `cond` on this path, if known.
    pub(crate) fn eval(&self, file: &GoFile, cond: Node) -> Option<bool> {
        let cond = unparen(cond);
        // What is known of the parts decides first; a guard's condition as written, after.
        self.eval_parts(file, cond).or_else(|| {
            let text = compact(file.text(cond));
            self.conds.iter().find(|(c, _)| *c == text).map(|(_, value)| *value)
        })
    }

    fn eval_parts(&self, file: &GoFile, cond: Node) -> Option<bool> {
        match cond.kind() {
            "identifier" | "selector_expression" => {
                let text = file.text(cond);
                self.flags.iter().find(|(n, _)| n == text).map(|(_, v)| *v)
            }
            "unary_expression" => {
                let op = cond.child_by_field_id(fields().operator)?;
                (op.kind() == "!").then_some(())?;
                self.eval(file, cond.child_by_field_id(fields().operand)?).map(|v| !v)
            }
            "binary_expression" => {
                let op = cond.child_by_field_id(fields().operator)?.kind();
                let left = cond.child_by_field_id(fields().left)?;
                let right = cond.child_by_field_id(fields().right)?;
                match op {
                    "&&" => match (self.eval(file, left), self.eval(file, right)) {
                        (Some(false), _) | (_, Some(false)) => Some(false),
                        (Some(true), Some(true)) => Some(true),
                        _ => None,
                    },
                    "||" => match (self.eval(file, left), self.eval(file, right)) {
                        (Some(true), _) | (_, Some(true)) => Some(true),
                        (Some(false), Some(false)) => Some(false),
                        _ => None,
                    },
                    "==" | "!=" => {
                        let (value, other) =
                            if right.kind() == "nil" { (left, right) } else { (right, left) };
                        (other.kind() == "nil").then_some(())?;
                        let value = unparen(value);
                        if self.not_nil.iter().any(|r| r == file.text(value)) {
                            // `errc != nil` once a case received into errc; `err == nil` right
                            // after `err = errors.New(...)`.
                            return Some(op == "!=");
                        }
                        if self.values.iter().any(|(n, v)| n == file.text(value) && v == "nil") {
                            return Some(op == "==");
                        }
                        // `ctx.Err() != nil` once ctx is done.
                        let ctx = method_operand(file, value, "Err")?;
                        self.done.iter().any(|d| d == ctx).then_some(op == "!=")
                    }
                    "<" | ">" | "<=" | ">=" => {
                        // `collected < len(addrs)` right after `collected = len(addrs)`.
                        let (l, r) = (compact(file.text(unparen(left))), compact(file.text(unparen(right))));
                        let equal =
                            self.values.iter().any(|(n, v)| (*n == l && *v == r) || (*n == r && *v == l));
                        equal.then_some(matches!(op, "<=" | ">="))
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// Whether a `break`, a `goto` or a labeled `continue` (to a loop around) is anywhere under
/// `node`: a way out of a loop other than its condition.
fn holds_jump(node: Node) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        let labeled_continue = n.kind() == "continue_statement" && n.named_child_count() > 0;
        if matches!(n.kind(), "break_statement" | "goto_statement") || labeled_continue {
            return true;
        }
        stack.extend(n.named_children(&mut n.walk()));
    }
    false
}

/// The variables (source text) that assignments and steps anywhere under `node` write.
fn written_inside<'t>(file: &GoFile<'t>, node: Node<'t>) -> Vec<&'t str> {
    let mut written = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "assignment_statement" | "short_var_declaration" => {
                if let Some(left) = n.child_by_field_id(fields().left) {
                    written.extend(left.named_children(&mut left.walk()).map(|v| file.text(v)));
                }
            }
            "inc_statement" | "dec_statement" => written.extend(n.named_child(0).map(|v| file.text(v))),
            _ => {}
        }
        stack.extend(n.named_children(&mut n.walk()));
    }
    written
}

/// Whether `value` is never nil: a new error (`errors.New(...)`, `fmt.Errorf(...)`), a pointer to
/// a composite literal (`&T{...}`), or a sentinel error — a name `ErrX` (Go's convention for
/// error variables), `io.EOF`, `context.Canceled`, `context.DeadlineExceeded`.
fn never_nil(file: &GoFile, value: Node) -> bool {
    let value = unparen(value);
    let text = file.text(value);
    let last = text.rsplit('.').next().unwrap_or(text);
    match value.kind() {
        "call_expression" => text.starts_with("errors.New(") || text.starts_with("fmt.Errorf("),
        "unary_expression" => text.starts_with('&'),
        "identifier" | "selector_expression" => {
            let sentinel = last
                .strip_prefix("Err")
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
            sentinel || matches!(text, "io.EOF" | "context.Canceled" | "context.DeadlineExceeded")
        }
        _ => false,
    }
}

/// Whether `if_stmt` has no `else` and its body always leaves: it ends in a `return`, `break`,
/// `continue` or `goto`.
fn leaves(if_stmt: Node) -> bool {
    if if_stmt.child_by_field_id(fields().alternative).is_some() {
        return false;
    }
    let last =
        if_stmt.child_by_field_id(fields().consequence).and_then(|b| each_statement(statements(b)).last());
    last.is_some_and(|l| {
        matches!(l.kind(), "return_statement" | "break_statement" | "continue_statement" | "goto_statement")
    })
}

/// Whether the code text `cond` names the variable `name` as a whole name, not as a field of
/// something else (`cp.Pending()>0` names `cp`; `x.cp` does not).
pub(crate) fn reads(cond: &str, name: &str) -> bool {
    cond.match_indices(name).any(|(at, _)| {
        let before = cond[..at].chars().next_back();
        let after = cond[at + name.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after) && before != Some('.')
    })
}

/// `text` without its spaces: `len( addrs )` and `len(addrs)` are the same expression.
fn compact(text: &str) -> String {
    text.split_whitespace().collect()
}

/// `Some("ctx")` when `call` is `ctx.<method>()`.
fn method_operand<'t>(file: &GoFile<'t>, call: Node<'t>, method: &str) -> Option<&'t str> {
    if call.kind() != "call_expression" {
        return None;
    }
    let function = unparen(call.child_by_field_id(fields().function)?);
    if function.kind() != "selector_expression" {
        return None;
    }
    let field = function.child_by_field_id(fields().field)?;
    (file.text(field) == method)
        .then(|| function.child_by_field_id(fields().operand).map(|o| file.text(o)))?
}

/// The value of a `true` or `false` literal.
fn bool_literal(node: Node) -> Option<bool> {
    match unparen(node).kind() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use tree_sitter::Node;

    use super::{reads, Known};

    #[test]
    fn a_variable_is_read_as_a_whole_name_not_a_field() {
        assert!(reads("rearm(t)", "t"));
        assert!(reads("t.Reset(d)", "t"));
        assert!(!reads("stat:=compute()", "t"));
        assert!(!reads("tt.Stop()", "t"));
        assert!(reads("s.t.Stop()", "s.t"));
        assert!(!reads("x.t.Stop()", "t"));
    }
    use crate::gofile::GoFile;
    use crate::syntax::{go_parser, parse};

    /// What the path through the select case `case_text` knows, and the value of each condition.
    fn eval_after_case(case_text: &str, conditions: &[&str]) -> Vec<Option<bool>> {
        eval_after("", case_text, conditions)
    }

    /// The same, with the statements `before` ahead of the select.
    fn eval_after(before: &str, case_text: &str, conditions: &[&str]) -> Vec<Option<bool>> {
        let mut src = format!(
            "package p\nimport \"time\"\nfunc f() {{\n\t{before}\n\tselect {{\n\t{case_text}\n\t}}\n"
        );
        for c in conditions {
            src.push_str(&format!("\tif {c} {{\n\t}}\n"));
        }
        src.push_str("\t_ = time.Second\n}\n");
        let tree = parse(&mut go_parser(), src.as_bytes()).expect("valid Go");
        let file = GoFile::new(tree.root_node(), src.as_bytes());
        let case = find(tree.root_node(), "communication_case").expect("a case");
        let known = Known::after_case(&file, case);
        file.ifs
            .iter()
            .map(|i| known.eval(&file, i.child_by_field_id(crate::syntax::fields().condition).unwrap()))
            .collect()
    }

    fn find<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
        if node.kind() == kind {
            return Some(node);
        }
        let mut cursor = node.walk();
        let children: Vec<Node<'t>> = node.children(&mut cursor).collect();
        children.into_iter().find_map(|c| find(c, kind))
    }

    #[test]
    fn a_flag_the_case_sets_decides_the_conditions_that_read_it() {
        let got =
            eval_after_case("case <-c:\n\t\tdone = true", &["done", "!done", "!done && x", "done || x", "x"]);
        assert_eq!(got, [Some(true), Some(false), Some(false), Some(true), None]);
    }

    #[test]
    fn a_flag_declared_before_the_select_holds_unless_the_case_sets_it() {
        let before = "expired := false\n\tvar idle bool\n\tvar busy = true";
        let conditions = ["expired", "!expired", "idle", "busy"];
        assert_eq!(
            eval_after(before, "case <-c:", &conditions),
            [Some(false), Some(true), Some(false), Some(true)]
        );
        assert_eq!(
            eval_after(before, "case <-t.C:\n\t\texpired = true", &conditions),
            [Some(true), Some(false), Some(false), Some(true)]
        );
    }

    #[test]
    fn a_flag_written_some_other_way_before_the_select_is_forgotten() {
        let before = "done := false\n\tdone = check()\n\tn, ok := 1, false\n\tflag := false\n\tflag, err := f()\n\tvar a, b = false, true";
        assert_eq!(eval_after(before, "case <-c:", &["done", "ok", "flag", "a", "b"]), [None; 5]);
        assert_eq!(eval_after("late := true\n\tlate = late && ready", "case <-c:", &["late"]), [None]);
    }

    #[test]
    fn a_counter_the_case_sets_to_the_bound_decides_the_comparisons_with_it() {
        let got = eval_after_case(
            "case <-timeout:\n\t\tcollected = len( addrs )",
            &["collected < len(addrs)", "len(addrs) > collected", "collected >= len(addrs)", "collected < n"],
        );
        assert_eq!(got, [Some(false), Some(false), Some(true), None]);
        let later = eval_after_case(
            "case <-timeout:\n\t\tcollected = len(addrs)\n\t\tcollected++",
            &["collected < len(addrs)"],
        );
        assert_eq!(later, [None], "stepped after: no longer the bound");
    }

    #[test]
    fn a_flag_a_nested_statement_may_write_again_is_no_longer_known() {
        let got = eval_after_case(
            "case m := <-c:\n\t\tdone = true\n\t\tn = 3\n\t\tif keep(m) {\n\t\t\tdone = false\n\t\t\tn++\n\t\t}",
            &["done", "n < 3", "ready"],
        );
        // The case's own `if keep(m)` first.
        assert_eq!(got, [None, None, None, None]);
    }

    #[test]
    fn an_inner_loop_that_ends_only_by_its_condition_leaves_it_false() {
        let ends = "case <-stop:\n\t\tfor !finished {\n\t\t\tfinished = poll()\n\t\t}";
        assert_eq!(eval_after_case(ends, &["finished", "!finished"]), [Some(true), Some(false)]);
        let breaks = "case <-stop:\n\t\tfor !finished {\n\t\t\tif late() {\n\t\t\t\tbreak\n\t\t\t}\n\t\t}";
        // The case's own `if late()` first.
        assert_eq!(eval_after_case(breaks, &["finished"]), [None, None]);
        assert_eq!(eval_after_case("case <-stop:\n\t\tfor running {\n\t\t}", &["running"]), [Some(false)]);
        let leaves = "case <-stop:\n\t\tfor !finished {\n\t\t\tcontinue outer\n\t\t}";
        assert_eq!(eval_after_case(leaves, &["finished"]), [None]);
        // A plain `continue` goes round the same loop; a comment before the condition is not it;
        // what was known of other flags stays.
        let rounds = "case <-stop:\n\t\tidle = true\n\t\tfor /* until */ !finished {\n\t\t\tcontinue\n\t\t}";
        assert_eq!(eval_after_case(rounds, &["finished", "idle"]), [Some(true), Some(true)]);
        // `for <-more` is a receive, not a flag.
        assert_eq!(eval_after_case("case <-stop:\n\t\tfor <-more {\n\t\t}", &["more"]), [None]);
    }

    #[test]
    fn two_flags_the_case_sets_decide_and_and_or_only_together() {
        let got = eval_after_case(
            "case <-c:\n\t\tdone = true\n\t\tidle = false",
            &["done && !idle", "idle || !done", "done && x", "idle || x", "done"],
        );
        assert_eq!(got, [Some(true), Some(false), None, None, Some(true)]);
    }

    #[test]
    fn a_received_done_channel_makes_its_context_err_non_nil() {
        let got = eval_after_case(
            "case <-ctx.Done():",
            &["ctx.Err() != nil", "ctx.Err() == nil", "other.Err() == nil"],
        );
        assert_eq!(got, [Some(true), Some(false), None]);
    }

    #[test]
    fn a_value_received_into_a_variable_is_taken_as_not_nil_but_a_new_variable_is_not_known() {
        assert_eq!(
            eval_after_case("case errc = <-quit:", &["errc == nil", "errc != nil"]),
            [Some(false), Some(true)]
        );
        assert_eq!(eval_after_case("case errc := <-quit:", &["errc == nil"]), [None]);
        assert_eq!(eval_after_case("case errc = <-quit:\n\t\terrc = nil", &["errc == nil"]), [Some(true)]);
    }

    #[test]
    fn a_guard_leaves_its_condition_false_until_a_variable_it_reads_is_written() {
        // The guard's own `if` is asked too, first.
        let guard = "case <-after:\n\t\tif pending(q) > 0 {\n\t\t\treturn\n\t\t}";
        assert_eq!(eval_after_case(guard, &["pending(q) > 0"]), [Some(false); 2]);
        let other = format!("{guard}\n\t\tx = 1");
        assert_eq!(eval_after_case(&other, &["pending(q) > 0"]), [Some(false); 2]);
        let read = format!("{guard}\n\t\tq = next()");
        assert_eq!(eval_after_case(&read, &["pending(q) > 0"]), [None; 2]);
        let prefix = format!("{guard}\n\t\tqq = next()");
        assert_eq!(eval_after_case(&prefix, &["pending(q) > 0"]), [Some(false); 2]);
        // A name inside a longer one, or a field of the same name, is not the variable.
        let longer = "case <-after:\n\t\tif pending(qq) > 0 {\n\t\t\treturn\n\t\t}\n\t\tq = next()";
        assert_eq!(eval_after_case(longer, &["pending(qq) > 0"]), [Some(false); 2]);
        let field = "case <-after:\n\t\tif s.q > 0 {\n\t\t\treturn\n\t\t}\n\t\tq = next()";
        assert_eq!(eval_after_case(field, &["s.q > 0"]), [Some(false); 2]);
        let owner = "case <-after:\n\t\tif s.q > 0 {\n\t\t\treturn\n\t\t}\n\t\ts = next()";
        assert_eq!(eval_after_case(owner, &["s.q > 0"]), [None; 2]);
    }

    #[test]
    fn what_both_branches_of_an_if_leave_known_holds_after_it() {
        let case = "case <-after:\n\t\tif last != nil {\n\t\t\terr = fmt.Errorf(\"%w\", last)\n\t\t\tdone = true\n\t\t} else {\n\t\t\terr = ErrTimeout\n\t\t\tdone = false\n\t\t}";
        // The first value is the case's own `if`.
        assert_eq!(eval_after_case(case, &["err == nil", "done"]), [None, Some(false), None]);
        let one_sided = "case <-after:\n\t\tif last != nil {\n\t\t\terr = last\n\t\t} else {\n\t\t\terr = ErrTimeout\n\t\t}";
        assert_eq!(eval_after_case(one_sided, &["err == nil"]), [None, None]);
        let chain = "case <-after:\n\t\tif a {\n\t\t\terr = ErrA\n\t\t} else if b {\n\t\t\terr = ErrB\n\t\t} else {\n\t\t\terr = errors.New(\"c\")\n\t\t}";
        // The case's `if` and its `else if`, then the condition asked.
        assert_eq!(eval_after_case(chain, &["err != nil"]), [None, None, Some(true)]);
    }

    #[test]
    fn an_error_the_case_makes_is_not_nil_and_one_it_clears_is() {
        assert_eq!(
            eval_after_case(
                "case <-after:\n\t\terr = errors.New(\"timeout\")",
                &["err == nil", "err != nil"]
            ),
            [Some(false), Some(true)]
        );
        assert_eq!(
            eval_after_case("case <-after:\n\t\terr = fmt.Errorf(\"late: %d\", n)", &["err == nil"]),
            [Some(false)]
        );
        assert_eq!(eval_after_case("case <-after:\n\t\terr = nil", &["err == nil"]), [Some(true)]);
        assert_eq!(eval_after_case("case <-after:\n\t\terr = check()", &["err == nil"]), [None]);
        assert_eq!(
            eval_after_case("case <-after:\n\t\terr = ErrRecordTimeout", &["err != nil"]),
            [Some(true)]
        );
        assert_eq!(eval_after_case("case <-after:\n\t\terr = Errant", &["err != nil"]), [None]);
    }
}
