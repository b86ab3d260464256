//! Where a timer handed to a function as a parameter is also kept: the callers of the function
//! in the file pass a local (`h.startRunner(c, ticker)`), and store that local in a field or a
//! map or slice held in one (`h.tickers[c.Name] = ticker`), where another function reaches it
//! (`for _, t := range h.tickers { t.Stop() }`). The function cannot see those Stops through its
//! parameter's name; `stranded.rs` asks for them.

use tree_sitter::Node;

use crate::rules::context::Ctx;
use crate::syntax::{collect_kind, fields, unparen};

/// The calls `<receiver>.Stop()` (per `method`) on the timer that the parameter `param` of
/// `declaration` is handed, through the fields its callers store it in.
pub(crate) fn calls_on_kept<'t>(
    cx: &Ctx<'_, 't>,
    declaration: Node<'t>,
    param: &str,
    method: &str,
) -> Vec<Node<'t>> {
    let Some(index) = parameter_index(cx, declaration, param) else { return Vec::new() };
    let Some(name) = declaration.child_by_field_id(fields().name).map(|n| cx.file.text(n)) else {
        return Vec::new();
    };
    let root = cx.file.up.root(declaration);
    let mut calls = Vec::new();
    collect_kind(root, &["call_expression"], &mut calls);
    let mut kept = Vec::new();
    for call in &calls {
        let Some(f) = call.child_by_field_id(fields().function).map(unparen) else { continue };
        let called = match f.kind() {
            "identifier" => Some(f),
            "selector_expression" => f.child_by_field_id(fields().field),
            _ => None,
        };
        if called.is_none_or(|c| cx.file.text(c) != name) {
            continue;
        }
        let Some(arg) = call.child_by_field_id(fields().arguments).and_then(|a| a.named_child(index)) else {
            continue;
        };
        let arg = unparen(arg);
        if arg.kind() == "identifier" {
            kept.extend(fields_storing(cx, cx.file.up.scope_of(*call), cx.file.text(arg)));
        }
    }
    kept.sort_unstable();
    kept.dedup();
    if kept.is_empty() {
        return Vec::new();
    }
    calls
        .into_iter()
        .filter(|&c| {
            cx.file
                .method_call(c)
                .is_some_and(|(receiver, m)| m == method && reaches_kept(cx, receiver, &kept))
        })
        .collect()
}

/// The position of `param` among `declaration`'s parameters (`func (r) f(a, b T, c U)`: `c` is 2).
fn parameter_index(cx: &Ctx, declaration: Node, param: &str) -> Option<usize> {
    let list = declaration.child_by_field_id(fields().parameters)?;
    let mut cursor = list.walk();
    let names = list
        .named_children(&mut cursor)
        .filter(|p| p.kind() == "parameter_declaration")
        .flat_map(|p| {
            let mut c = p.walk();
            p.children_by_field_id(fields().names, &mut c).map(|n| cx.file.text(n)).collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    names.iter().position(|n| *n == param)
}

/// The field names that `function` stores `local` in: `x.f = local`, `x.f[k] = local`, and the
/// same as one pair of an assignment of several (`x.f, n = local, 1`).
fn fields_storing<'t>(cx: &Ctx<'_, 't>, function: Node<'t>, local: &str) -> Vec<&'t str> {
    let mut assignments = Vec::new();
    collect_kind(function, &["assignment_statement"], &mut assignments);
    let mut stored = Vec::new();
    for a in assignments {
        let (Some(left), Some(right)) =
            (a.child_by_field_id(fields().left), a.child_by_field_id(fields().right))
        else {
            continue;
        };
        // `a, b = f()` pairs nothing with a name.
        if left.named_child_count() != right.named_child_count() {
            continue;
        }
        for i in 0..right.named_child_count() {
            let value = right.named_child(i).map(|r| cx.file.text(unparen(r)));
            if value == Some(local) {
                stored.extend(left.named_child(i).and_then(|l| field_of(cx, unparen(l))));
            }
        }
    }
    stored
}

/// `f` for `x.f` and `x.f[k]`.
fn field_of<'t>(cx: &Ctx<'_, 't>, target: Node<'t>) -> Option<&'t str> {
    let target = if target.kind() == "index_expression" {
        unparen(target.child_by_field_id(fields().operand)?)
    } else {
        target
    };
    (target.kind() == "selector_expression")
        .then(|| target.child_by_field_id(fields().field).map(|f| cx.file.text(f)))?
}

/// Whether `receiver` is one of the `kept` fields (`x.f`, `x.f[k]`), or a variable ranging over
/// one (`for _, t := range x.f`).
fn reaches_kept(cx: &Ctx, receiver: Node, kept: &[&str]) -> bool {
    let receiver = unparen(receiver);
    if field_of(cx, receiver).is_some_and(|f| kept.contains(&f)) {
        return true;
    }
    if receiver.kind() != "identifier" {
        return false;
    }
    let name = cx.file.text(receiver);
    std::iter::successors(Some(receiver), |&n| cx.file.up.of(n)).any(|n| {
        // Only a `for` statement has a range clause.
        let Some(clause) = n.named_child(0).filter(|c| c.kind() == "range_clause") else { return false };
        let binds = clause.child_by_field_id(fields().left).is_some_and(|left| {
            let mut c = left.walk();
            let found = left.named_children(&mut c).any(|v| cx.file.text(v) == name);
            found
        });
        let over = clause.child_by_field_id(fields().right).map(unparen);
        binds && over.and_then(|o| field_of(cx, o)).is_some_and(|f| kept.contains(&f))
    })
}
