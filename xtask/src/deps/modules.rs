//! A crate's module tree, read from its source files with `syn`: the file each module lives in,
//! and what each module declares (`mod`), defines (items) and brings in (`use`, `pub use`).
//!
//! Files are found as rustc finds them: `mod x;` in a crate root or a `mod.rs` (or a file named by
//! `#[path]`) is `x.rs` or `x/mod.rs` beside it; in any other file `f.rs` it is under `f/`;
//! `#[path = "p"]` is relative to the declaring file's directory (or, inside an inline module,
//! to that module's directory). Every `mod` counts whatever its `#[cfg]`: a cycle under one
//! configuration is a cycle. A declared module whose file does not exist (only possible under a
//! `#[cfg]` that is off) is noted in [`CrateTree::missing`] and has no file of its own.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use syn::ext::IdentExt;
use syn::visit::Visit;
use syn::{Attribute, Item, ItemMod, ItemUse, UseTree};

/// A module's index in [`CrateTree::modules`]; the crate root is [`ROOT`].
pub(crate) type ModId = usize;

/// A file's index in [`CrateTree::files`].
pub(crate) type FileId = usize;

/// The crate root module.
pub(crate) const ROOT: ModId = 0;

/// One module: a file's top level, or an inline `mod x { … }` inside one.
#[derive(Debug)]
pub(crate) struct Module {
    /// The enclosing module (`None` for the crate root).
    pub(crate) parent: Option<ModId>,
    /// The file its items are written in.
    pub(crate) file: FileId,
    /// Its `mod` declarations, inline or not.
    pub(crate) children: BTreeMap<String, ModId>,
    /// The names of the items it defines (fn, struct, enum, union, trait, type, const, static,
    /// macro_rules), including items inside its function bodies.
    pub(crate) defined: BTreeSet<String>,
    /// Each name a `use` brings in (also inside function bodies), with the path it names, as
    /// written: relative to this module.
    pub(crate) bindings: BTreeMap<String, Vec<String>>,
    /// The paths of its `use …::*`.
    pub(crate) globs: Vec<Vec<String>>,
    /// Under `#[cfg(test)]` (itself or an enclosing module).
    pub(crate) in_test: bool,
}

impl Module {
    /// A map defines nothing: it only declares modules and brings names in (or re-exports them).
    pub(crate) fn is_map(&self) -> bool {
        self.defined.is_empty()
    }
}

/// One source file of the crate.
pub(crate) struct SourceFile {
    /// Where it is.
    pub(crate) path: PathBuf,
    /// Its syntax tree.
    pub(crate) ast: syn::File,
    /// Its text, to quote a line.
    pub(crate) text: String,
    /// The module it is the top level of.
    pub(crate) module: ModId,
}

impl SourceFile {
    /// Line `line` (1-based), trimmed.
    pub(crate) fn line(&self, line: usize) -> &str {
        self.text.lines().nth(line.saturating_sub(1)).unwrap_or("").trim()
    }
}

/// A crate's modules and files, from its root file.
pub(crate) struct CrateTree {
    /// Every file, the root first.
    pub(crate) files: Vec<SourceFile>,
    /// Every module, the root first.
    pub(crate) modules: Vec<Module>,
    /// `mod` declarations with no file (`path: mod x`).
    pub(crate) missing: Vec<String>,
}

impl CrateTree {
    /// Reads the crate whose root file is `root`, following its `mod` declarations.
    ///
    /// # Errors
    ///
    /// A file that cannot be read or parsed, with its path (and line).
    pub(crate) fn load(root: &Path) -> Result<CrateTree, String> {
        let mut tree = CrateTree { files: Vec::new(), modules: Vec::new(), missing: Vec::new() };
        tree.add_module(None, 0, false);
        let mut queue = VecDeque::from([(ROOT, root.to_path_buf(), true)]);
        while let Some((module, path, mod_rs)) = queue.pop_front() {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let ast = syn::parse_file(&text)
                .map_err(|e| format!("{}:{}: {e}", path.display(), e.span().start().line))?;
            let file = tree.files.len();
            tree.modules[module].file = file;
            let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
            let child_dir = if mod_rs { dir.clone() } else { dir.join(path.file_stem().unwrap_or_default()) };
            let in_test = tree.modules[module].in_test;
            let frame = Frame { module, child_dir, file_dir: dir, top: true, in_test };
            let mut collector =
                Collector { tree: &mut tree, queue: &mut queue, file, path: &path, stack: vec![frame] };
            collector.visit_file(&ast);
            tree.files.push(SourceFile { path, ast, text, module });
        }
        Ok(tree)
    }

    fn add_module(&mut self, parent: Option<ModId>, file: FileId, in_test: bool) -> ModId {
        self.modules.push(Module {
            parent,
            file,
            children: BTreeMap::new(),
            defined: BTreeSet::new(),
            bindings: BTreeMap::new(),
            globs: Vec::new(),
            in_test,
        });
        self.modules.len() - 1
    }
}

/// Where the collector is: a module, and where that module's `mod x;` files are.
struct Frame {
    module: ModId,
    /// Where `mod x;` looks for `x.rs` / `x/mod.rs`.
    child_dir: PathBuf,
    /// The directory of the file being read (for `#[path]` outside inline modules).
    file_dir: PathBuf,
    /// At the file's top level, not inside an inline module.
    top: bool,
    in_test: bool,
}

/// Pass over one file: declares its modules, records definitions and imports, queues the
/// files of `mod x;`.
struct Collector<'a> {
    tree: &'a mut CrateTree,
    queue: &'a mut VecDeque<(ModId, PathBuf, bool)>,
    file: FileId,
    path: &'a Path,
    stack: Vec<Frame>,
}

impl Collector<'_> {
    fn frame(&self) -> &Frame {
        self.stack.last().expect("the collector is always inside a module")
    }

    fn module(&mut self) -> &mut Module {
        let id = self.frame().module;
        &mut self.tree.modules[id]
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item(&mut self, item: &'ast Item) {
        if let Some(name) = defined_name(item) {
            self.module().defined.insert(name);
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_mod(&mut self, node: &'ast ItemMod) {
        let name = node.ident.unraw().to_string();
        let frame = self.frame();
        let in_test = frame.in_test || is_cfg_test(&node.attrs);
        let attr_path = path_attr(&node.attrs).map(|p| {
            if frame.top && node.content.is_none() {
                frame.file_dir.join(p)
            } else {
                frame.child_dir.join(p)
            }
        });
        let (parent, child_dir) = (frame.module, frame.child_dir.join(&name));
        let file_dir = frame.file_dir.clone();
        let id = self.tree.add_module(Some(parent), self.file, in_test);
        self.tree.modules[parent].children.insert(name.clone(), id);
        match &node.content {
            Some((_, items)) => {
                let child_dir = attr_path.unwrap_or(child_dir);
                self.stack.push(Frame { module: id, child_dir, file_dir, top: false, in_test });
                for item in items {
                    self.visit_item(item);
                }
                self.stack.pop();
            }
            None => {
                let by_name = || {
                    let dir = &self.frame().child_dir;
                    [dir.join(format!("{name}.rs")), dir.join(&name).join("mod.rs")]
                        .into_iter()
                        .find(|p| p.is_file())
                };
                let found = match attr_path {
                    Some(p) => Some(p).filter(|p| p.is_file()).map(|p| (p, true)),
                    None => by_name().map(|p| {
                        let mod_rs = p.file_name().is_some_and(|n| n == "mod.rs");
                        (p, mod_rs)
                    }),
                };
                match found {
                    Some((path, mod_rs)) => self.queue.push_back((id, path, mod_rs)),
                    None => self.tree.missing.push(format!("{}: mod {name}", self.path.display())),
                }
            }
        }
    }

    fn visit_item_use(&mut self, node: &'ast ItemUse) {
        if node.leading_colon.is_some() {
            return;
        }
        for leaf in use_leaves(&node.tree) {
            if leaf.glob {
                self.module().globs.push(leaf.path);
            } else if let Some(binding) = leaf.binding {
                self.module().bindings.insert(binding, leaf.path);
            }
        }
    }
}

/// The name an item defines in its module's namespaces, if it defines one there.
fn defined_name(item: &Item) -> Option<String> {
    let ident = match item {
        Item::Const(i) => &i.ident,
        Item::Enum(i) => &i.ident,
        Item::Fn(i) => &i.sig.ident,
        Item::Macro(i) => i.ident.as_ref()?,
        Item::Static(i) => &i.ident,
        Item::Struct(i) => &i.ident,
        Item::Trait(i) => &i.ident,
        Item::TraitAlias(i) => &i.ident,
        Item::Type(i) => &i.ident,
        Item::Union(i) => &i.ident,
        _ => return None,
    };
    Some(ident.unraw().to_string()).filter(|name| name != "_")
}

/// One path a `use` names.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct UseLeaf {
    /// The path, as written (`crate`, `super`, `self` included).
    pub(crate) path: Vec<String>,
    /// The name it brings in (`None` for `as _` and globs).
    pub(crate) binding: Option<String>,
    /// `path::*`.
    pub(crate) glob: bool,
    /// The line of its last segment.
    pub(crate) line: usize,
}

/// Every path a `use` tree names: `use a::{b, c::{self, D as E}, f::*}` names `a::b`, `a::c`,
/// `a::c::D` (as `E`) and `a::f::*`.
pub(crate) fn use_leaves(tree: &UseTree) -> Vec<UseLeaf> {
    let mut leaves = Vec::new();
    collect_leaves(tree, &mut Vec::new(), &mut leaves);
    leaves
}

fn collect_leaves(tree: &UseTree, prefix: &mut Vec<String>, out: &mut Vec<UseLeaf>) {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.unraw().to_string());
            collect_leaves(&p.tree, prefix, out);
            prefix.pop();
        }
        UseTree::Name(n) => out.push(leaf(prefix, &n.ident, None)),
        UseTree::Rename(r) => out.push(leaf(prefix, &r.ident, Some(&r.rename))),
        UseTree::Glob(g) => out.push(UseLeaf {
            path: prefix.clone(),
            binding: None,
            glob: true,
            line: g.star_token.span.start().line,
        }),
        UseTree::Group(g) => {
            for item in &g.items {
                collect_leaves(item, prefix, out);
            }
        }
    }
}

fn leaf(prefix: &[String], ident: &syn::Ident, rename: Option<&syn::Ident>) -> UseLeaf {
    let name = ident.unraw().to_string();
    let mut path = prefix.to_vec();
    // `use a::b::{self}` names the module `a::b` and binds `b`.
    if name != "self" {
        path.push(name);
    }
    let binding = match rename {
        Some(rename) => Some(rename.unraw().to_string()).filter(|r| r != "_"),
        None => path.last().cloned(),
    };
    UseLeaf { path, binding, glob: false, line: ident.span().start().line }
}

/// `#[cfg(test)]`, or a `cfg(all(…))` that requires `test`.
pub(crate) fn is_cfg_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let syn::Meta::List(list) = &attr.meta else { return false };
        if !list.path.is_ident("cfg") {
            return false;
        }
        let tokens = list.tokens.to_string().replace(' ', "");
        tokens == "test" || (tokens.starts_with("all(") && tokens[4..].split([',', ')']).any(|t| t == "test"))
    })
}

/// The value of `#[path = "…"]`.
fn path_attr(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        let syn::Meta::NameValue(nv) = &attr.meta else { return None };
        if !nv.path.is_ident("path") {
            return None;
        }
        match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(src: &str) -> Vec<(String, Option<String>, bool)> {
        let item: ItemUse = syn::parse_str(src).unwrap();
        use_leaves(&item.tree).into_iter().map(|l| (l.path.join("::"), l.binding, l.glob)).collect()
    }

    #[test]
    fn a_use_tree_names_each_of_its_paths_with_the_name_it_binds() {
        let got = leaves("use crate::a::{b, c::{self, D as E, F as _}, f::*};");
        let want = [
            ("crate::a::b", Some("b"), false),
            ("crate::a::c", Some("c"), false),
            ("crate::a::c::D", Some("E"), false),
            ("crate::a::c::F", None, false),
            ("crate::a::f", None, true),
        ];
        let want: Vec<_> = want.iter().map(|(p, b, g)| (p.to_string(), b.map(str::to_owned), *g)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn cfg_test_is_recognised_alone_and_inside_all_but_not_inside_not() {
        let attrs = |src: &str| syn::parse_str::<ItemMod>(&format!("{src} mod m {{}}")).unwrap().attrs;
        assert!(is_cfg_test(&attrs("#[cfg(test)]")));
        assert!(is_cfg_test(&attrs("#[cfg(all(test, unix))]")));
        assert!(!is_cfg_test(&attrs("#[cfg(not(test))]")));
        assert!(!is_cfg_test(&attrs("#[cfg(unix)]")));
        assert!(!is_cfg_test(&attrs("#[cfg(all(unix, not(test)))]")));
    }
}
