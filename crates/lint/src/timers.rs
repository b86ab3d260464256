//! Which expressions of a file are `*time.Timer`s with a channel: assigned `time.NewTimer(...)`
//! somewhere in the file, or declared with type `*time.Timer` (variables, parameters, struct
//! fields). Tickers and `AfterFunc` timers (whose channel is nil) are told apart so that their
//! `Reset`/`Stop` calls are not mistaken for a channel timer's. And which variables hold a
//! timer's channel (`hbc := hb.C`), so that a receive from one counts as a receive from the
//! timer. The facts are per file: a field declared in another file of the package is not seen
//! (docs/LINT.md, "Limits").

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
    /// Expressions assigned `time.NewTicker(...)`, and the field names of `x.f = time.NewTicker(...)`.
    ticker_exprs: BTreeSet<String>,
    ticker_fields: BTreeSet<String>,
    /// Names declared `*time.Ticker` / `time.Ticker`.
    other_names: BTreeSet<String>,
    /// Variables assigned a timer's channel: (variable, timer), `("hbc", "hb")`.
    aliases: Vec<(String, String)>,
}

impl Timers {
    /// Reads the assignments among `file.calls` and `file.chan_selectors`, and the declarations
    /// `file.decls` (var specs, parameters, struct fields).
    pub(crate) fn new(file: &GoFile) -> Timers {
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
                    if func == "NewTicker" {
                        if let Some(field) = target.child_by_field_id(fields().field) {
                            timers.ticker_fields.insert(file.text(field).to_owned());
                        }
                        timers.ticker_exprs.insert(expr.clone());
                    }
                    timers.other_exprs.insert(expr);
                }
                _ => {}
            }
        }
        for &decl in &file.decls {
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
        for &sel in &file.chan_selectors {
            let Some(operand) = sel.child_by_field_id(fields().operand) else { continue };
            let timer = file.text(operand);
            if !timers.is_timer(timer) {
                continue;
            }
            if let Some(var) = file.assigned_to(sel) {
                timers.aliases.push((file.text(var).to_owned(), timer.to_owned()));
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

    /// Whether `expr` (`t`, `h.gcTicker`) is a ticker: assigned `time.NewTicker(...)` in this
    /// file, a field some `x.f = time.NewTicker(...)` sets, or a name declared `*time.Ticker`.
    pub(crate) fn is_ticker(&self, expr: &str) -> bool {
        let last = expr.rsplit('.').next().unwrap_or(expr);
        let field = expr.contains('.') && self.ticker_fields.contains(last);
        self.ticker_exprs.contains(expr) || field || self.other_names.contains(last)
    }

    /// Whether `expr` was assigned a ticker or an `AfterFunc` timer in this file: the drain idiom
    /// is not about it (an AfterFunc timer's `C` is nil).
    pub(crate) fn is_func_or_ticker(&self, expr: &str) -> bool {
        self.other_exprs.contains(expr)
    }

    /// The expressions that are `timer`'s channel: `t.C` and the variables assigned it.
    pub(crate) fn chans_of(&self, timer: &str) -> Vec<String> {
        let mut chans = vec![format!("{timer}.C")];
        chans.extend(self.aliases.iter().filter(|(_, t)| t == timer).map(|(v, _)| v.clone()));
        chans
    }

    /// The timer whose channel `chan` is (`t` for `t.C` or an alias of it), if it is a timer's.
    pub(crate) fn timer_of(&self, chan: &str) -> Option<String> {
        if let Some(timer) = chan.strip_suffix(".C") {
            return self.is_timer(timer).then(|| timer.to_owned());
        }
        self.aliases.iter().find(|(v, _)| v == chan).map(|(_, t)| t.clone())
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
