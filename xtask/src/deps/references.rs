//! The edges between a crate's files: file A depends on file B when A's code names an item B
//! defines — through a `use` (`pub use` included), or a path of two or more segments anywhere
//! in an expression, a type, a pattern or a macro's tokens — resolved as `resolve.rs` says.
//! A file naming its own items is no edge; a `mod` declaration is no edge (it is the tree, not
//! a dependency); naming a module as a whole is no edge (its items are, when they are named).

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit::Visit;
use syn::{Item, ItemMod, ItemUse, Macro, Path};

use super::modules::{is_cfg_test, use_leaves, CrateTree, FileId, ModId};
use super::resolve::Named;

/// File `from` names an item of file `to` at `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Edge {
    pub(crate) from: FileId,
    pub(crate) to: FileId,
    pub(crate) line: usize,
    /// The naming is under `#[cfg(test)]` (a unit-test module or item).
    pub(crate) in_test: bool,
}

/// Every edge of the crate, in file order then line order.
pub(crate) fn edges(tree: &CrateTree) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (file, source) in tree.files.iter().enumerate() {
        let mut referrer =
            Referrer { tree, file, stack: vec![source.module], test_items: 0, edges: &mut edges };
        referrer.visit_file(&source.ast);
    }
    edges.sort();
    edges
}

struct Referrer<'a> {
    tree: &'a CrateTree,
    file: FileId,
    stack: Vec<ModId>,
    /// How many `#[cfg(test)]` items enclose the current one.
    test_items: usize,
    edges: &'a mut Vec<Edge>,
}

impl Referrer<'_> {
    fn module(&self) -> ModId {
        *self.stack.last().expect("the referrer is always inside a module")
    }

    fn add(&mut self, to: FileId, line: usize) {
        if to != self.file {
            let in_test = self.test_items > 0 || self.tree.modules[self.module()].in_test;
            self.edges.push(Edge { from: self.file, to, line, in_test });
        }
    }

    fn name(&mut self, path: &[String], line: usize) {
        if let Some(Named::Item(to)) = self.tree.resolve(self.module(), path) {
            self.add(to, line);
        }
    }
}

impl<'ast> Visit<'ast> for Referrer<'_> {
    fn visit_item(&mut self, item: &'ast Item) {
        let in_test = item_attrs(item).is_some_and(is_cfg_test);
        self.test_items += usize::from(in_test);
        syn::visit::visit_item(self, item);
        self.test_items -= usize::from(in_test);
    }

    fn visit_item_mod(&mut self, node: &'ast ItemMod) {
        let Some((_, items)) = &node.content else { return };
        let name = syn::ext::IdentExt::unraw(&node.ident).to_string();
        let Some(&child) = self.tree.modules[self.module()].children.get(&name) else { return };
        self.stack.push(child);
        for item in items {
            self.visit_item(item);
        }
        self.stack.pop();
    }

    fn visit_item_use(&mut self, node: &'ast ItemUse) {
        if node.leading_colon.is_some() {
            return;
        }
        for leaf in use_leaves(&node.tree) {
            if leaf.glob {
                for to in self.tree.glob_files(self.module(), &leaf.path) {
                    self.add(to, leaf.line);
                }
            } else {
                self.name(&leaf.path, leaf.line);
            }
        }
    }

    fn visit_path(&mut self, path: &'ast Path) {
        if path.leading_colon.is_none() && path.segments.len() >= 2 {
            let segments: Vec<String> =
                path.segments.iter().map(|s| syn::ext::IdentExt::unraw(&s.ident).to_string()).collect();
            self.name(&segments, path.segments[0].ident.span().start().line);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast Macro) {
        syn::visit::visit_macro(self, mac);
        let mut paths = Vec::new();
        token_paths(mac.tokens.clone(), &mut paths);
        for (path, line) in paths {
            self.name(&path, line);
        }
    }
}

fn item_attrs(item: &Item) -> Option<&[syn::Attribute]> {
    Some(match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::ExternCrate(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::ForeignMod(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::TraitAlias(i) => &i.attrs,
        Item::Type(i) => &i.attrs,
        Item::Union(i) => &i.attrs,
        Item::Use(i) => &i.attrs,
        _ => return None,
    })
}

/// The paths of two or more segments in a macro's tokens (`crate::a::f(x)` in `assert_eq!`),
/// with their first segment's line; a path after `::` (another crate's) is skipped.
fn token_paths(tokens: TokenStream, out: &mut Vec<(Vec<String>, usize)>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Group(group) => {
                token_paths(group.stream(), out);
                i += 1;
            }
            TokenTree::Ident(ident) => {
                let external = i >= 2 && is_path_sep(&trees[i - 2], &trees[i - 1]);
                let mut segments = vec![syn::ext::IdentExt::unraw(ident).to_string()];
                let mut j = i + 1;
                while j + 2 < trees.len() && is_path_sep(&trees[j], &trees[j + 1]) {
                    let TokenTree::Ident(next) = &trees[j + 2] else { break };
                    segments.push(syn::ext::IdentExt::unraw(next).to_string());
                    j += 3;
                }
                if !external && segments.len() >= 2 {
                    out.push((segments, ident.span().start().line));
                }
                i = j;
            }
            _ => i += 1,
        }
    }
}

/// `::`: a joint `:` then a `:`.
fn is_path_sep(a: &TokenTree, b: &TokenTree) -> bool {
    matches!((a, b), (TokenTree::Punct(a), TokenTree::Punct(b))
        if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(src: &str) -> Vec<String> {
        let mut out = Vec::new();
        token_paths(src.parse().unwrap(), &mut out);
        out.into_iter().map(|(p, _)| p.join("::")).collect()
    }

    #[test]
    fn a_macro_names_the_paths_in_its_tokens_but_not_other_crates_paths() {
        assert_eq!(
            paths("crate::a::f(x), super::b::C { y: self::d::E }, ::std::mem::take(z), g(h::i)"),
            ["crate::a::f", "super::b::C", "self::d::E", "h::i"]
        );
    }
}
