//! Which file a path names, in a [`CrateTree`]: `crate::…`, `super::…`, `self::…`, a child
//! module's name, or a name a `use` brought in, followed segment by segment through modules and
//! through re-exports to the file that defines the item.
//!
//! Naming an item through a re-export names the file that defines it, not the file that
//! re-exports it: a `pub use` is not code. So a map — a `lib.rs`, `main.rs` or `mod.rs` that only
//! declares modules and re-exports — is never the target of an edge, and no edge leads back
//! into it from the modules it lists.

use std::collections::BTreeSet;

use super::modules::{CrateTree, FileId, ModId, ROOT};

/// How deep re-exports are followed before a path counts as unresolved (a `use` naming itself).
const MAX_DEPTH: usize = 32;

/// What a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    /// A module of the crate, as a whole (`use crate::scenarios;`): no file's code yet.
    Module(ModId),
    /// An item defined in this file.
    Item(FileId),
}

impl CrateTree {
    /// What `path`, written inside module `from`, names in this crate; `None` for other crates'
    /// items, the prelude, local variables and generic parameters.
    pub(crate) fn resolve(&self, from: ModId, path: &[String]) -> Option<Named> {
        self.resolve_at(from, path, 0)
    }

    /// The files whose items `use path::*` (from inside `from`) brings in: the module's own file,
    /// or, for a map, every file its re-exports come from.
    pub(crate) fn glob_files(&self, from: ModId, path: &[String]) -> BTreeSet<FileId> {
        let mut files = BTreeSet::new();
        if let Some(Named::Module(m)) = self.resolve(from, path) {
            self.module_files(m, &mut files, 0);
        }
        files
    }

    fn module_files(&self, m: ModId, files: &mut BTreeSet<FileId>, depth: usize) {
        let module = &self.modules[m];
        if !module.is_map() {
            files.insert(module.file);
            return;
        }
        if depth > MAX_DEPTH {
            return;
        }
        for target in module.bindings.values() {
            if let Some(Named::Item(file)) = self.resolve_at(m, target, depth + 1) {
                files.insert(file);
            }
        }
        for glob in &module.globs {
            if let Some(Named::Module(g)) = self.resolve_at(m, glob, depth + 1) {
                if g != m {
                    self.module_files(g, files, depth + 1);
                }
            }
        }
    }

    fn resolve_at(&self, from: ModId, path: &[String], depth: usize) -> Option<Named> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (first, mut rest) = path.split_first()?;
        let start = match first.as_str() {
            "crate" => ROOT,
            "self" => from,
            "super" => {
                let mut m = self.modules[from].parent?;
                while rest.first().is_some_and(|s| s == "super") {
                    m = self.modules[m].parent?;
                    rest = &rest[1..];
                }
                m
            }
            "Self" => return None,
            _ => return self.lookup(from, first, rest, depth).flatten(),
        };
        self.walk(start, rest, depth)
    }

    /// `path` inside module `m`. A name `m` neither declares, defines nor imports is taken to be
    /// defined in `m`'s file (macro-generated items, enum variants of a glob, ...).
    fn walk(&self, m: ModId, path: &[String], depth: usize) -> Option<Named> {
        let Some((name, rest)) = path.split_first() else { return Some(Named::Module(m)) };
        self.lookup(m, name, rest, depth).unwrap_or(Some(Named::Item(self.modules[m].file)))
    }

    /// `name` among what module `m` declares, defines and imports, then `rest` from there:
    /// `None` when `m` does not know the name, `Some(None)` when it names another crate's item.
    fn lookup(&self, m: ModId, name: &str, rest: &[String], depth: usize) -> Option<Option<Named>> {
        if depth > MAX_DEPTH {
            return Some(None);
        }
        let module = &self.modules[m];
        if let Some(&child) = module.children.get(name) {
            return Some(self.walk(child, rest, depth));
        }
        if module.defined.contains(name) {
            return Some(Some(Named::Item(module.file)));
        }
        if let Some(target) = module.bindings.get(name) {
            return Some(match self.resolve_at(m, target, depth + 1) {
                Some(Named::Module(t)) => self.walk(t, rest, depth + 1),
                other => other,
            });
        }
        module.globs.iter().find_map(|glob| match self.resolve_at(m, glob, depth + 1)? {
            Named::Module(g) if g != m => self.lookup(g, name, rest, depth + 1),
            Named::Module(_) | Named::Item(_) => None,
        })
    }
}
