//! Which expressions of a file are `*time.Timer`s with a channel: assigned `time.NewTimer(...)`
//! somewhere in the file, or declared with type `*time.Timer` (variables, parameters, struct
//! fields). Tickers and `AfterFunc` timers (whose channel is nil) are told apart so that their
//! `Reset`/`Stop` calls are not mistaken for a channel timer's. The facts are per file: a field
//! declared in another file of the package is not seen (docs/LINT.md, "Limits").

use std::collections::BTreeSet;

use tree_sitter::Node;

use crate::gofile::GoFile;
use crate::syntax::fields;

/// The timers of one file.
#[derive(Debug, Default)]
pub(crate) struct Timers {
    /// Expressions assigned `time.NewTimer(...)`: `t`, `c.timer`.
    timer_exprs: BTreeSet<String>,
    /// Names declared `*time.Timer` / `time.Timer`, and the field names of `x.f = time.NewTimer(...)`.
    timer_names: BTreeSet<String>,
    /// Expressions assigned a ticker or an `AfterFunc` timer.
    other_exprs: BTreeSet<String>,
    /// Names declared `*time.Ticker` / `time.Ticker`.
    other_names: BTreeSet<String>,
}

impl Timers {
    /// Reads the assignments among `file.calls` and the declarations `decls` (var specs,
    /// parameters, struct fields).
    pub(crate) fn new(file: &GoFile, decls: &[Node]) -> Timers {
        let mut timers = Timers::default();
        for &call in &file.calls {
            let Some(func) = file.time_func(call) else { continue };
            let Some(target) = file.assigned_to(call) else { continue };
            let expr = file.text(target).to_owned();
            match func {
                "NewTimer" => {
                    if target.kind() == "selector_expression" {
                        if let Some(field) = target.child_by_field_id(fields().field) {
                            timers.timer_names.insert(file.text(field).to_owned());
                        }
                    }
                    timers.timer_exprs.insert(expr);
                }
                "NewTicker" | "AfterFunc" => {
                    timers.other_exprs.insert(expr);
                }
                _ => {}
            }
        }
        for &decl in decls {
            let Some(ty) = decl.child_by_field_id(fields().type_) else { continue };
            let set = match time_type(file, ty) {
                Some("Timer") => &mut timers.timer_names,
                Some("Ticker") => &mut timers.other_names,
                _ => continue,
            };
            let mut cursor = decl.walk();
            for name in decl.children_by_field_id(fields().names, &mut cursor) {
                set.insert(file.text(name).to_owned());
            }
        }
        timers
    }

    /// Whether `expr` (source text: `t`, `c.timer`) is a channel timer.
    pub(crate) fn is_timer(&self, expr: &str) -> bool {
        if self.other_exprs.contains(expr) {
            return false;
        }
        if self.timer_exprs.contains(expr) {
            return true;
        }
        let last = expr.rsplit('.').next().unwrap_or(expr);
        self.timer_names.contains(last) && !self.other_names.contains(last)
    }
}

/// `Some("Timer")` for the types `*time.Timer` and `time.Timer` (or `Timer` under a dot import).
fn time_type<'t>(file: &GoFile<'t>, mut ty: Node<'t>) -> Option<&'t str> {
    if ty.kind() == "pointer_type" {
        ty = ty.named_child(0)?;
    }
    match ty.kind() {
        "qualified_type" => {
            let package = ty.child_by_field_id(fields().package)?;
            let name = ty.child_by_field_id(fields().name)?;
            file.time.is_time(file.text(package)).then(|| file.text(name))
        }
        "type_identifier" if file.time.dot_imported() => Some(file.text(ty)),
        _ => None,
    }
}
