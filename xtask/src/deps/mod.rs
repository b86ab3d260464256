//! `cargo xtask deps`: keeps the architecture one-way. It fails, one line per violation with
//! the rule it breaks, on
//!
//! 1. **a module import cycle** in any crate of any workspace package (lib, bins, tests,
//!    examples, benches, build script): files that name each other's items around a loop.
//!    Each strongly connected component of two or more files is reported with its files and,
//!    for each file, its first edge to another file of the component.
//! 2. **a forbidden crate edge**, against the rule table in `rules.rs` (normal and build
//!    dependencies from `cargo metadata`; a rule about a package that does not exist is skipped).
//!
//! ## When a file depends on another
//!
//! File A depends on file B when A's code names an item that B defines:
//!
//! - through a `use` — `use crate::…`, `use super::…`, `use self::…`, `use child::…`, and
//!   `pub use` re-exports alike — or a `use …::*` of a module whose file defines items;
//! - through a path of two or more segments anywhere in A's code (an expression, a type, a
//!   pattern, a trait bound, a macro's tokens) starting with `crate`, `super`, `self`, a child
//!   module's name or a name a `use` brought in.
//!
//! A path is followed segment by segment through modules and **through re-exports to the file
//! that defines the item**: a `pub use` is not code, so naming `crate::Scenario` depends on the
//! file where `Scenario` is written, not on `lib.rs` re-exporting it. Hence the crate's map — a
//! `lib.rs`, `main.rs` or `mod.rs` that only declares modules and re-exports (defines no item) —
//! has edges to the files it lists but never receives one, and is never part of a cycle. A
//! `mod.rs` that also defines items its children use, while naming theirs, is a real cycle.
//!
//! No edge: a `mod x;` declaration (the tree, not a dependency); naming a module as a whole
//! (`use crate::scenarios;` — its items count where they are named); a file naming its own
//! items; names from other crates, the prelude, locals and generics.
//!
//! ## Unit tests are part of their file
//!
//! A `#[cfg(test)] mod tests` inside a file is part of that file's node: its `use super::*`
//! names the file itself, so it adds no edge, and it needs no exception. What else a test module
//! names counts like the rest of the file: a unit test that reaches for a module above its file
//! couples the two files as much as the code does, and belongs to the module above (or to an
//! integration test under `tests/`, a crate of its own).
//!
//! Known limits, all erring towards fewer edges: `macro_rules!` macros used by name (`foo!()`,
//! textual scope) and trait methods called on values name no path; block-local `use`s count as
//! the enclosing module's.

mod cycles;
mod metadata;
mod modules;
mod references;
mod resolve;
mod rules;
mod scc;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::cmd::root;

/// Runs both checks on the workspace and prints what they found.
///
/// # Errors
///
/// The number of violations, when there are any (each printed above it), or a workspace that
/// cannot be read.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("deps takes no arguments, got `{arg}`"));
    }
    let root = root();
    let ws = metadata::Workspace::load(&root)?;
    let shown = |p: &std::path::Path| p.strip_prefix(&ws.root).unwrap_or(p).display().to_string();

    let mut violations = 0;
    let mut crates = 0;
    let mut seen: BTreeSet<Vec<PathBuf>> = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for (package, member) in &ws.members {
        for target in &member.targets {
            crates += 1;
            let found = cycles::find(&target.root)?;
            missing.extend(found.missing);
            for cycle in found.cycles {
                if !seen.insert(cycle.files.clone()) {
                    continue;
                }
                violations += 1;
                println!(
                    "deps: module cycle in {} (package {package}, {} target {}), {} files: {} \
                     (rule: a file imports only what sits below it, never around a loop)",
                    shown(&cycle.dir),
                    target.kind,
                    target.name,
                    cycle.files.len(),
                    cycle.file_list(),
                );
                println!("{cycle}");
            }
        }
    }
    for declaration in missing {
        println!("deps: note: {declaration} has no file (a module under a #[cfg] that is off?): not read");
    }
    println!("deps: {crates} crates of {} packages read for module cycles", ws.members.len());

    for outcome in rules::check(&ws, rules::RULES) {
        println!("deps: {}", outcome.summary);
        for violation in &outcome.violations {
            violations += 1;
            println!("deps: {violation}");
        }
    }
    if violations > 0 {
        return Err(format!(
            "deps: {violations} violation(s) of the architecture's rules (listed above; docs/TESTING.md, \"Architecture\")"
        ));
    }
    println!("deps: ok");
    Ok(())
}
