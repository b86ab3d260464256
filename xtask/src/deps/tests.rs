//! The cycle finder on tiny crates written to a temporary directory.

use std::path::Path;

use tempfile::TempDir;

use super::cycles;
use super::modules::CrateTree;
use super::references::edges;

/// A crate of `files` (path relative to the crate's `src/`, text); `src/lib.rs` is the root.
fn write_crate(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        let path = dir.path().join("src").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn root(dir: &TempDir) -> std::path::PathBuf {
    dir.path().join("src/lib.rs")
}

/// Each cycle's files, relative to `src/`, sorted as text.
fn cycles_in(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    let dir = write_crate(files);
    let found = cycles::find(&root(&dir)).unwrap().cycles;
    let sorted = |mut files: Vec<String>| {
        files.sort();
        files
    };
    found.iter().map(|c| sorted(c.files.iter().map(|f| relative(&dir, f)).collect())).collect()
}

/// Every edge, as `from → to`, relative to `src/`, sorted as text, without repeats.
fn edges_in(files: &[(&str, &str)]) -> Vec<String> {
    let dir = write_crate(files);
    let tree = CrateTree::load(&root(&dir)).unwrap();
    let name = |f: usize| relative(&dir, &tree.files[f].path);
    let mut found: Vec<String> =
        edges(&tree).iter().map(|e| format!("{} → {}", name(e.from), name(e.to))).collect();
    found.sort();
    found.dedup();
    found
}

fn relative(dir: &TempDir, path: &Path) -> String {
    path.strip_prefix(dir.path().join("src")).unwrap().display().to_string()
}

#[test]
fn a_map_that_only_declares_and_re_exports_receives_no_edge_and_is_in_no_cycle() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\npub use a::A;\npub use b::B;\n"),
        ("a.rs", "pub struct A;\npub fn make() -> crate::B { crate::B }\n"),
        ("b.rs", "pub struct B;\n"),
    ];
    assert_eq!(edges_in(&files), ["a.rs → b.rs", "lib.rs → a.rs", "lib.rs → b.rs"]);
    assert!(cycles_in(&files).is_empty());
}

#[test]
fn two_files_naming_each_other_through_the_map_are_one_cycle_with_an_example_edge_each() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\npub use a::A;\npub use b::B;\n"),
        ("a.rs", "pub struct A;\npub fn make() -> crate::B { crate::B }\n"),
        ("b.rs", "use crate::A;\npub struct B;\nfn _a() -> A { A }\n"),
    ];
    let dir = write_crate(&files);
    let found = cycles::find(&root(&dir)).unwrap().cycles;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].file_list(), "a.rs, b.rs");
    assert_eq!(
        found[0].to_string(),
        "    a.rs → b.rs (line 2: pub fn make() -> crate::B { crate::B })\n    b.rs → a.rs (line 1: use crate::A;)"
    );
}

#[test]
fn a_glob_re_export_leads_to_the_file_that_defines_the_item() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\npub use a::*;\n"),
        ("a.rs", "pub struct A;\nuse crate::b::B;\n"),
        ("b.rs", "pub struct B;\nuse crate::A;\n"),
    ];
    assert_eq!(cycles_in(&files), [["a.rs", "b.rs"]]);
}

#[test]
fn a_mod_rs_that_defines_what_its_child_uses_and_re_exports_the_child_is_a_cycle() {
    let files = [
        ("lib.rs", "mod s;\n"),
        ("s/mod.rs", "mod c;\npub use self::c::C;\npub struct Params;\n"),
        ("s/c.rs", "use super::Params;\npub struct C(Params);\n"),
    ];
    assert_eq!(cycles_in(&files), [["s/c.rs", "s/mod.rs"]]);
}

#[test]
fn a_child_module_named_from_its_parent_without_a_prefix_is_an_edge() {
    let files = [
        ("lib.rs", "mod s;\n"),
        ("s/mod.rs", "mod c;\npub struct Params;\npub fn run() { c::go() }\n"),
        ("s/c.rs", "pub fn go() { let _ = super::Params; }\n"),
    ];
    assert_eq!(cycles_in(&files), [["s/c.rs", "s/mod.rs"]]);
}

#[test]
fn a_unit_test_module_using_super_glob_names_its_own_file() {
    let files = [
        ("lib.rs", "mod a;\n"),
        ("a.rs", "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { f(); super::f(); }\n}\n"),
    ];
    assert!(edges_in(&files).is_empty());
}

#[test]
fn a_unit_test_reaching_up_to_a_file_that_imports_its_file_makes_a_cycle() {
    let files = [
        ("lib.rs", "mod low;\nmod high;\n"),
        ("low.rs", "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::high::g;\n}\n"),
        ("high.rs", "use crate::low::f;\npub fn g() { f() }\n"),
    ];
    assert_eq!(cycles_in(&files), [["high.rs", "low.rs"]]);
}

#[test]
fn paths_in_expressions_types_and_macro_tokens_are_edges() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("a.rs", "pub fn f() -> u8 { assert_eq!(crate::b::g(), 1); 1 }\n"),
        ("b.rs", "pub fn g() -> u8 { 1 }\npub fn h(_: super::c::C) {}\n"),
        ("c.rs", "pub struct C;\nfn k() -> u8 { crate::a::f() }\n"),
    ];
    assert_eq!(edges_in(&files), ["a.rs → b.rs", "b.rs → c.rs", "c.rs → a.rs"]);
    assert_eq!(cycles_in(&files), [["a.rs", "b.rs", "c.rs"]]);
}

#[test]
fn a_path_attribute_finds_the_file_it_names() {
    let files = [
        ("lib.rs", "#[path = \"other/x.rs\"]\nmod x;\npub fn top() {}\npub fn g() { x::f() }\n"),
        ("other/x.rs", "pub fn f() { crate::top() }\n"),
    ];
    assert_eq!(cycles_in(&files), [["lib.rs", "other/x.rs"]]);
}

#[test]
fn a_file_in_a_directory_named_for_its_parent_file_is_found() {
    // `mod c;` in `s.rs` (not a mod.rs) is `s/c.rs`.
    let files = [
        ("lib.rs", "mod s;\n"),
        ("s.rs", "mod c;\npub struct P;\npub fn r() { c::go() }\n"),
        ("s/c.rs", "pub fn go() { let _ = super::P; }\n"),
    ];
    assert_eq!(cycles_in(&files), [["s.rs", "s/c.rs"]]);
}

#[test]
fn other_crates_the_prelude_and_modules_named_whole_are_no_edges() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\npub use std::fmt;\n"),
        ("a.rs", "use crate::fmt::Display;\nuse crate::b;\nuse std::vec::Vec;\nfn f(v: Vec<u8>) -> Option<u8> { v.first().copied() }\n"),
        ("b.rs", "pub fn g() {}\n"),
    ];
    assert!(edges_in(&files).is_empty(), "{:?}", edges_in(&files));
}

#[test]
fn an_item_reached_through_a_module_alias_is_an_edge_from_where_it_is_named() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\n"),
        ("a.rs", "use crate::b;\nfn f() { b::g() }\n"),
        ("b.rs", "pub fn g() {}\n"),
    ];
    assert_eq!(edges_in(&files), ["a.rs → b.rs"]);
}
