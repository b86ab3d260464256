//! The workspace as `cargo metadata --format-version 1` describes it: each member's name,
//! crate roots and declared dependencies, and the resolved graph of every package.
//! Only normal and build dependencies are kept: dev-dependencies build tests, not the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The workspace's members and the resolved dependency graph.
#[derive(Debug, Default)]
pub(crate) struct Workspace {
    /// The directory of the root `Cargo.toml`.
    pub(crate) root: PathBuf,
    /// The member packages, by name.
    pub(crate) members: BTreeMap<String, Member>,
    /// Package name → the names of the packages it depends on (normal or build), resolved,
    /// for every package in the graph. Two versions of one crate share a node.
    pub(crate) graph: BTreeMap<String, BTreeSet<String>>,
}

/// A workspace member.
#[derive(Debug, Default)]
pub(crate) struct Member {
    /// Its crate roots: lib, bins, tests, examples, benches, build script.
    pub(crate) targets: Vec<Target>,
    /// The packages its manifest names as normal or build dependencies (any platform).
    pub(crate) deps: BTreeSet<String>,
}

/// One crate of a package.
#[derive(Debug)]
pub(crate) struct Target {
    /// `lib`, `bin`, `test`, `example`, `bench`, `custom-build`, ...
    pub(crate) kind: String,
    /// The target's name (`timerlab`, `go_parity`, ...).
    pub(crate) name: String,
    /// Its root source file.
    pub(crate) root: PathBuf,
}

impl Workspace {
    /// Runs `cargo metadata` in `root` and reads its answer.
    pub(crate) fn load(root: &Path) -> Result<Workspace, String> {
        let mut cmd = crate::cmd::cargo();
        cmd.current_dir(root).args(["metadata", "--format-version", "1", "--locked"]);
        let out = cmd.output().map_err(|e| format!("cannot run cargo metadata: {e}"))?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            return Err(format!("cargo metadata failed: {}", stderr.trim()));
        }
        let text = String::from_utf8(out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
        Workspace::from_json(&text)
    }

    /// Reads the output of `cargo metadata --format-version 1`.
    pub(crate) fn from_json(text: &str) -> Result<Workspace, String> {
        let json: Value = serde_json::from_str(text).map_err(|e| format!("cargo metadata: {e}"))?;
        let root = PathBuf::from(str_of(field(&json, "workspace_root")?)?);
        let member_ids: BTreeSet<String> =
            array_of(field(&json, "workspace_members")?)?.iter().map(str_of).collect::<Result<_, _>>()?;

        let mut names_by_id = BTreeMap::new();
        let mut members = BTreeMap::new();
        for package in array_of(field(&json, "packages")?)? {
            let id = str_of(field(package, "id")?)?;
            let name = str_of(field(package, "name")?)?;
            names_by_id.insert(id.clone(), name.clone());
            if !member_ids.contains(&id) {
                continue;
            }
            let mut targets = Vec::new();
            for target in array_of(field(package, "targets")?)? {
                let kinds = array_of(field(target, "kind")?)?;
                targets.push(Target {
                    kind: kinds.first().map(str_of).transpose()?.unwrap_or_default(),
                    name: str_of(field(target, "name")?)?,
                    root: PathBuf::from(str_of(field(target, "src_path")?)?),
                });
            }
            let mut deps = BTreeSet::new();
            for dep in array_of(field(package, "dependencies")?)? {
                if field(dep, "kind")?.as_str() != Some("dev") {
                    deps.insert(str_of(field(dep, "name")?)?);
                }
            }
            members.insert(name, Member { targets, deps });
        }

        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let resolve = field(&json, "resolve")?;
        for node in array_of(field(resolve, "nodes")?)? {
            let from = names_by_id.get(&str_of(field(node, "id")?)?).cloned().unwrap_or_default();
            let edges = graph.entry(from).or_default();
            for dep in array_of(field(node, "deps")?)? {
                let kinds = array_of(field(dep, "dep_kinds")?)?;
                if kinds.iter().all(|k| k.get("kind").and_then(Value::as_str) == Some("dev")) {
                    continue;
                }
                if let Some(to) = names_by_id.get(&str_of(field(dep, "pkg")?)?) {
                    edges.insert(to.clone());
                }
            }
        }
        Ok(Workspace { root, members, graph })
    }
}

fn field<'a>(v: &'a Value, name: &str) -> Result<&'a Value, String> {
    v.get(name).ok_or_else(|| format!("cargo metadata: no field `{name}`"))
}

fn str_of(v: &Value) -> Result<String, String> {
    v.as_str().map(str::to_owned).ok_or_else(|| format!("cargo metadata: expected a string, found {v}"))
}

fn array_of(v: &Value) -> Result<&Vec<Value>, String> {
    v.as_array().ok_or_else(|| "cargo metadata: expected an array".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_dependencies_are_neither_declared_nor_resolved_edges() {
        let json = r#"{
          "workspace_root": "/w",
          "workspace_members": ["a-id"],
          "packages": [
            {"id": "a-id", "name": "a", "manifest_path": "/w/a/Cargo.toml",
             "targets": [{"kind": ["lib"], "name": "a", "src_path": "/w/a/src/lib.rs"}],
             "dependencies": [
               {"name": "b", "kind": null}, {"name": "c", "kind": "dev"}, {"name": "d", "kind": "build"}
             ]},
            {"id": "b-id", "name": "b", "manifest_path": "/r/b/Cargo.toml", "targets": [], "dependencies": []},
            {"id": "c-id", "name": "c", "manifest_path": "/r/c/Cargo.toml", "targets": [], "dependencies": []},
            {"id": "d-id", "name": "d", "manifest_path": "/r/d/Cargo.toml", "targets": [], "dependencies": []}
          ],
          "resolve": {"nodes": [
            {"id": "a-id", "deps": [
              {"pkg": "b-id", "dep_kinds": [{"kind": null}]},
              {"pkg": "c-id", "dep_kinds": [{"kind": "dev"}]},
              {"pkg": "d-id", "dep_kinds": [{"kind": "dev"}, {"kind": "build"}]}
            ]}
          ]}
        }"#;
        let ws = Workspace::from_json(json).unwrap();
        let a = &ws.members["a"];
        assert_eq!(a.targets[0].root, Path::new("/w/a/src/lib.rs"));
        assert_eq!(a.deps, BTreeSet::from(["b".to_owned(), "d".to_owned()]));
        assert_eq!(ws.graph["a"], BTreeSet::from(["b".to_owned(), "d".to_owned()]));
        assert!(!ws.members.contains_key("b"), "only members are members");
    }
}
