//! Receives and selects: the shapes every rule matches on, and the paths out of a select case.

use tree_sitter::Node;

use crate::flow::{Exit, Exits, Flow};
use crate::gofile::GoFile;
use crate::known::Known;
use crate::syntax::{fields, unparen};

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

/// Whether loop `l` runs a fixed number of times: `for range 10`, `for i := range 10`, or a
/// counting clause `for i := 0; i < n; i++`. Its timers are bounded however it ends.
pub(crate) fn bounded(file: &GoFile, l: Node) -> bool {
    let body = l.child_by_field_id(fields().body).map(|b| b.id());
    let mut cursor = l.walk();
    let header = l.named_children(&mut cursor).find(|c| c.kind() != "comment" && Some(c.id()) != body);
    match header {
        Some(h) if h.kind() == "range_clause" => {
            h.child_by_field_id(fields().right).map(unparen).is_some_and(|r| r.kind() == "int_literal")
        }
        Some(h) if h.kind() == "for_clause" => {
            let counts = |field: u16| h.child_by_field_id(field).is_some();
            let update = h.child_by_field_id(fields().update).map(|u| file.text(u)).unwrap_or("");
            counts(fields().initializer)
                && h.child_by_field_id(fields().condition).is_some_and(|c| {
                    c.kind() == "binary_expression"
                        && c.child_by_field_id(fields().operator)
                            .is_some_and(|o| matches!(o.kind(), "<" | "<=" | ">" | ">="))
                })
                // Stepped by the clause, or by the body (`for got := 0; got < n; { ... got++ }`).
                && (update.is_empty()
                    || update.ends_with("++")
                    || update.ends_with("--")
                    || update.contains("+=")
                    || update.contains("-="))
        }
        _ => false,
    }
}
