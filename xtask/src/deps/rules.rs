//! Which crate may depend on which: the rule table for the workspace's target architecture,
//! checked against `cargo metadata` (normal and build dependencies; dev-dependencies only build
//! tests). A rule about a package the workspace does not have (yet) is skipped, not failed, so
//! the table holds before and after a package is split out or renamed.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::metadata::Workspace;

/// What a package may depend on.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Allows {
    /// Nothing at all, in the workspace or not.
    Nothing,
    /// Of the workspace's packages, only these (directly; each of them has its own rule).
    OnlyWorkspace(&'static [&'static str]),
    /// Anything but these, directly or through any dependency (`name*` is a prefix).
    Never(&'static [&'static str]),
    /// Whatever it likes, but no workspace package may depend on it.
    NoDependents,
}

/// A rule of the table: `package` allows `allows`, because `why`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CrateRule {
    pub(crate) package: &'static str,
    pub(crate) allows: Allows,
    pub(crate) why: &'static str,
}

/// The architecture: the vocabulary at the bottom, the runtime and the reference model beside
/// each other on it, the simulator a library above the runtime, the CLI a binary on top.
pub(crate) const RULES: &[CrateRule] = &[
    CrateRule {
        package: "timerlab-vocab",
        allows: Allows::Nothing,
        why: "the vocabulary the runtime, the model and the scripts share is data only",
    },
    CrateRule {
        package: "gotime",
        allows: Allows::OnlyWorkspace(&["timerlab-vocab"]),
        why: "the runtime is what library users depend on: it builds on the vocabulary alone",
    },
    CrateRule {
        package: "timerlab-model",
        allows: Allows::OnlyWorkspace(&["timerlab-vocab"]),
        why: "the reference model is a second, independent reading of Go's semantics: it shares \
              the vocabulary with the runtime, never its code",
    },
    CrateRule {
        package: "timerlab-sim",
        allows: Allows::Never(&[
            "clap",
            "indicatif",
            "plotters",
            "tree-sitter*",
            "timerlab-lint",
            "timerlab-engines",
            "timerlab",
        ]),
        why: "the simulator is a library: no command line, progress bars, plots, Go linting or \
              conformance harness",
    },
    CrateRule {
        package: "timerlab",
        allows: Allows::NoDependents,
        why: "the CLI is a binary: nothing builds on it",
    },
    CrateRule {
        package: "timerlab-benches",
        allows: Allows::NoDependents,
        why: "the benchmarks measure the other crates: nothing builds on them",
    },
];

/// What checking one rule found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    /// One line: the rule and `ok`, `skipped (…)` or how many edges break it.
    pub(crate) summary: String,
    /// One line per forbidden edge (or path), with the rule.
    pub(crate) violations: Vec<String>,
}

/// Checks every rule of `rules` against `ws`.
pub(crate) fn check(ws: &Workspace, rules: &[CrateRule]) -> Vec<Outcome> {
    rules.iter().map(|rule| check_one(ws, rule)).collect()
}

fn check_one(ws: &Workspace, rule: &CrateRule) -> Outcome {
    let package = rule.package;
    let stated = match rule.allows {
        Allows::Nothing => format!("{package} → nothing"),
        Allows::OnlyWorkspace(allowed) => format!("{package} → {} only", list(allowed)),
        Allows::Never(forbidden) => format!("{package} ↛ {}", list(forbidden)),
        Allows::NoDependents => format!("nothing → {package}"),
    };
    let Some(member) = ws.members.get(package) else {
        return Outcome {
            summary: format!("{stated}: skipped (no package {package} in the workspace yet)"),
            violations: Vec::new(),
        };
    };
    let forbidden: Vec<String> = match rule.allows {
        Allows::Nothing => member.deps.iter().map(|dep| format!("{package} → {dep}")).collect(),
        Allows::OnlyWorkspace(allowed) => member
            .deps
            .iter()
            .filter(|dep| ws.members.contains_key(*dep) && !allowed.contains(&dep.as_str()))
            .map(|dep| format!("{package} → {dep}"))
            .collect(),
        Allows::Never(never) => paths_to(&ws.graph, package, |name| never.iter().any(|p| matches(p, name)))
            .into_iter()
            .map(|path| path.join(" → "))
            .collect(),
        Allows::NoDependents => ws
            .members
            .iter()
            .filter(|(name, m)| *name != package && m.deps.contains(package))
            .map(|(name, _)| format!("{name} → {package}"))
            .collect(),
    };
    let summary = if forbidden.is_empty() {
        format!("{stated}: ok")
    } else {
        format!("{stated}: {} forbidden", forbidden.len())
    };
    let violations = forbidden
        .into_iter()
        .map(|edge| format!("forbidden edge {edge} (rule: {stated}: {})", rule.why))
        .collect();
    Outcome { summary, violations }
}

/// A package name against a pattern: equal, or `prefix*`.
fn matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

/// A shortest path from `from` to each package `hit` accepts, not going on through a hit.
fn paths_to(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    hit: impl Fn(&str) -> bool,
) -> Vec<Vec<String>> {
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = VecDeque::from([from]);
    let mut found = Vec::new();
    while let Some(node) = queue.pop_front() {
        for next in graph.get(node).into_iter().flatten() {
            if next == from || parent.contains_key(next.as_str()) {
                continue;
            }
            parent.insert(next, node);
            if hit(next) {
                let mut path = vec![next.clone()];
                let mut at = node;
                while at != from {
                    path.push(at.to_owned());
                    at = parent[at];
                }
                path.push(from.to_owned());
                path.reverse();
                found.push(path);
            } else {
                queue.push_back(next);
            }
        }
    }
    found.sort();
    found
}

fn list(names: &[&str]) -> String {
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deps::metadata::Member;

    /// A workspace of `members` (name, declared normal/build deps), whose resolved graph is the
    /// declared one plus `registry` edges.
    fn workspace(members: &[(&str, &[&str])], registry: &[(&str, &[&str])]) -> Workspace {
        let mut ws = Workspace::default();
        for (name, deps) in members {
            let deps: BTreeSet<String> = deps.iter().map(|d| d.to_string()).collect();
            ws.graph.insert(name.to_string(), deps.clone());
            ws.members.insert(name.to_string(), Member { deps, ..Member::default() });
        }
        for (name, deps) in registry {
            ws.graph.insert(name.to_string(), deps.iter().map(|d| d.to_string()).collect());
        }
        ws
    }

    fn summaries(ws: &Workspace) -> Vec<String> {
        check(ws, RULES).into_iter().map(|o| o.summary).collect()
    }

    fn violations(ws: &Workspace) -> Vec<String> {
        check(ws, RULES).into_iter().flat_map(|o| o.violations).collect()
    }

    #[test]
    fn the_target_architecture_passes_every_rule() {
        let ws = workspace(
            &[
                ("timerlab-vocab", &[]),
                ("gotime", &["timerlab-vocab", "tokio"]),
                ("timerlab-model", &["timerlab-vocab"]),
                ("timerlab-script", &["gotime", "timerlab-model", "timerlab-vocab"]),
                ("timerlab-sim", &["gotime", "timerlab-script", "turmoil", "serde"]),
                ("timerlab-lint", &["tree-sitter", "tree-sitter-go", "clap"]),
                ("timerlab-engines", &["gotime", "timerlab-script", "clap"]),
                ("timerlab", &["timerlab-sim", "timerlab-lint", "timerlab-engines", "clap", "plotters"]),
                ("timerlab-benches", &["gotime", "timerlab-lint", "criterion", "tokio"]),
            ],
            &[("tokio", &[]), ("turmoil", &["tokio"]), ("clap", &[]), ("plotters", &[]), ("criterion", &[])],
        );
        assert_eq!(violations(&ws), Vec::<String>::new());
        assert_eq!(
            summaries(&ws),
            [
                "timerlab-vocab → nothing: ok",
                "gotime → timerlab-vocab only: ok",
                "timerlab-model → timerlab-vocab only: ok",
                "timerlab-sim ↛ clap, indicatif, plotters, tree-sitter*, timerlab-lint, timerlab-engines, timerlab: ok",
                "nothing → timerlab: ok",
                "nothing → timerlab-benches: ok",
            ]
        );
    }

    #[test]
    fn rules_about_packages_that_do_not_exist_yet_are_skipped_not_failed() {
        let ws = workspace(&[("gotime", &["tokio"]), ("timerlab", &["gotime", "clap"])], &[]);
        assert_eq!(violations(&ws), Vec::<String>::new());
        let skipped: Vec<String> = summaries(&ws).into_iter().filter(|s| s.contains("skipped")).collect();
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert!(skipped[0].ends_with("skipped (no package timerlab-vocab in the workspace yet)"));
    }

    #[test]
    fn the_model_depending_on_the_runtime_is_one_violation_naming_the_edge_and_the_rule() {
        let ws = workspace(&[("gotime", &[]), ("timerlab-model", &["gotime"])], &[]);
        let found = violations(&ws);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("forbidden edge timerlab-model → gotime (rule: timerlab-model → timerlab-vocab only: the reference model"));
    }

    #[test]
    fn the_vocabulary_may_not_depend_even_on_a_registry_crate() {
        let ws = workspace(&[("timerlab-vocab", &["serde"])], &[("serde", &[])]);
        assert_eq!(violations(&ws).len(), 1);
        assert!(violations(&ws)[0].starts_with("forbidden edge timerlab-vocab → serde"));
    }

    #[test]
    fn the_simulator_reaching_a_forbidden_crate_through_another_is_reported_with_the_path() {
        let ws = workspace(
            &[
                ("timerlab-sim", &["timerlab-report", "gotime"]),
                ("timerlab-report", &["plotters"]),
                ("gotime", &[]),
            ],
            &[("plotters", &[]), ("tree-sitter-go", &[])],
        );
        let found = violations(&ws);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .starts_with("forbidden edge timerlab-sim → timerlab-report → plotters (rule: timerlab-sim ↛"));
    }

    #[test]
    fn a_prefix_pattern_matches_every_crate_it_begins() {
        let ws = workspace(&[("timerlab-sim", &["tree-sitter-go"])], &[("tree-sitter-go", &["tree-sitter"])]);
        let found = violations(&ws);
        assert_eq!(found.len(), 1, "a hit is not gone through: {found:?}");
        assert!(found[0].starts_with("forbidden edge timerlab-sim → tree-sitter-go "));
    }

    #[test]
    fn a_workspace_crate_depending_on_the_cli_breaks_its_rule() {
        let ws = workspace(&[("timerlab", &[]), ("timerlab-tests", &["timerlab"])], &[]);
        assert_eq!(
            violations(&ws),
            ["forbidden edge timerlab-tests → timerlab (rule: nothing → timerlab: the CLI is a binary: nothing builds on it)"]
        );
    }
}
