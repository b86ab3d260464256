//! The text format, like `go vet` and staticcheck: one line per finding on the output,
//! `path:line:col: rule-id: message` (notes say `note:` before the message), with the byte
//! column `go vet` prints; what a toolchain refuses or ignores in the modules' settings comes
//! first, as `path:line:1: toolchain: …`; `--explain RULE` has the long story. Problems,
//! warnings, one line on the behaviours and toolchains used, a hint when the behaviour in force
//! silenced findings, and the counts go to the error stream.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use gotime::release::{GoVersion, ASYNCTIMERCHAN};
use gotime::Semantics;

use crate::choice::Reason;
use crate::report::{Diagnostic, Report};
use crate::rules::registry::{Level, Rule};
use crate::toolchain::ToolchainFrom;

/// Writes one line per diagnostic, then one per finding, to `out`.
///
/// # Errors
///
/// Any error writing to `out`.
pub fn render_text(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", diagnostic_line(d))?;
    }
    for f in &report.findings {
        let note = if f.level == Level::Note { "note: " } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}: {note}{}",
            f.path,
            f.start.line,
            f.start.column,
            f.rule.id(),
            f.message
        )?;
    }
    Ok(())
}

/// `go.mod:5:1: toolchain: go1.27.3 refuses it: go: error loading go.mod: …`, or a note.
fn diagnostic_line(d: &Diagnostic) -> String {
    let place = if d.line == 0 { d.path.clone() } else { format!("{}:{}:1", d.path, d.line) };
    match d.level {
        Level::Error => format!("{place}: toolchain: {} refuses it: {}", d.toolchain.go_name(), d.message),
        Level::Note => format!("{place}: toolchain: note: {}", d.message),
    }
}
/// Writes the problems (`path: message`), the warnings (`path: warning: message`), one line on
/// the behaviours and toolchains used, the hint about silenced findings, and the counts to `err`.
///
/// # Errors
///
/// Any error writing to `err`.
pub fn render_text_summary(report: &Report, err: &mut dyn Write) -> io::Result<()> {
    for p in &report.problems {
        writeln!(err, "{}: {}", p.path, p.message)?;
    }
    for w in &report.warnings {
        writeln!(err, "{}: warning: {}", w.path, w.message)?;
    }
    if !report.semantics.is_empty() {
        writeln!(err, "timerlab lint: semantics: {}", semantics_line(report))?;
    }
    for s in Semantics::ALL {
        // Per rule, in the order first met, whatever the toolchain.
        let mut per_rule: Vec<(Rule, usize)> = Vec::new();
        for x in report.silenced.iter().filter(|x| x.semantics == s) {
            match per_rule.iter_mut().find(|(rule, _)| *rule == x.rule) {
                Some((_, count)) => *count += x.count,
                None => per_rule.push((x.rule, x.count)),
            }
        }
        if per_rule.is_empty() {
            continue;
        }
        let silenced: Vec<String> = per_rule.iter().map(|(rule, n)| format!("{n} {}", rule.id())).collect();
        let (other, why) = match s {
            Semantics::Sync => (
                "async",
                "if the code must also be right built with Go before 1.23, for a go line before 1.23 or with asynctimerchan=1",
            ),
            Semantics::AsyncCollected => {
                ("async", "if the code must also be right with asynctimerchan=1 or Go before 1.23")
            }
            Semantics::Async => {
                ("sync", "to see what changes once the module moves to go 1.23 or later, or to Go 1.27")
            }
        };
        let total: usize = report.silenced.iter().filter(|x| x.semantics == s).map(|x| x.count).sum();
        let toolchains: BTreeSet<GoVersion> =
            report.silenced.iter().filter(|x| x.semantics == s).filter_map(|x| x.toolchain).collect();
        let with = if toolchains.is_empty() {
            String::new()
        } else {
            format!(" with {}", names(&toolchains.into_iter().collect::<Vec<_>>()))
        };
        writeln!(
            err,
            "timerlab lint: hint: {} silent under {s}{with} ({}); run with --semantics {other} {why}",
            plural(total, "finding"),
            silenced.join(", "),
        )?;
    }
    let (errors, notes) = (report.count(Level::Error), report.count(Level::Note));
    writeln!(
        err,
        "timerlab lint: {} checked ({} parsed), {}, {}, {}, {}",
        plural(report.files, "file"),
        report.parsed,
        plural(errors, "error"),
        plural(notes, "note"),
        plural(report.warnings.len(), "warning"),
        plural(report.problems.len(), "path not linted"),
    )
}

/// `async for 94 files (go1.22.0 assumed from go lines; go 1.22 in 3 go.mod files); sync for
/// 900 files (go1.26.6 named by toolchain lines; go 1.23 in 12 go.mod files)`, and how to name
/// the toolchain when one was assumed.
fn semantics_line(report: &Report) -> String {
    let mut parts = Vec::new();
    for s in Semantics::ALL {
        let uses: Vec<_> = report.semantics.iter().filter(|u| u.choice.semantics == s).collect();
        if uses.is_empty() {
            continue;
        }
        let files: usize = uses.iter().map(|u| u.files).sum();
        // Toolchains by where they came from, then reasons by kind: one line for the whole run.
        let mut toolchains: BTreeMap<u8, BTreeSet<GoVersion>> = BTreeMap::new();
        let mut kinds: BTreeMap<String, BTreeSet<&Reason>> = BTreeMap::new();
        let mut versions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for u in &uses {
            if let Some(t) = &u.choice.toolchain {
                toolchains.entry(order(&t.from)).or_default().insert(t.version);
            }
            let kind = match &u.choice.reason {
                Reason::Flag => "--semantics".to_owned(),
                Reason::Environment => "--godebug".to_owned(),
                Reason::Directive(_) => "//go:debug asynctimerchan".to_owned(),
                Reason::Godebug(path) => format!("godebug asynctimerchan in {}", file_kind(path)),
                Reason::DefaultSetting { version, .. } => format!("default={version}"),
                Reason::GoLine(path, v) => {
                    versions.entry(file_kind(path)).or_default().insert(v);
                    format!("go line of {}", file_kind(path))
                }
                Reason::NoGoLine(_) => "go.mod without a go line".to_owned(),
                Reason::GoLineLeftOut(_) => "go line left out".to_owned(),
                Reason::NoGoMod => "no go.mod".to_owned(),
                Reason::Removed => format!("asynctimerchan removed in go1.{}", ASYNCTIMERCHAN.removed),
                Reason::NotASetting => format!("no asynctimerchan before go1.{}", ASYNCTIMERCHAN.introduced),
            };
            kinds.entry(kind).or_default().insert(&u.choice.reason);
        }
        let mut said: Vec<String> = toolchains
            .iter()
            .map(|(kind, set)| {
                let set: Vec<GoVersion> = set.iter().copied().collect();
                format!("{} {}", names(&set), FROM[usize::from(*kind)])
            })
            .collect();
        for (kind, reasons) in kinds {
            let n = reasons.len();
            let Some(Reason::GoLine(path, _)) = reasons.first() else {
                let counted = reasons.first().is_some_and(|r| {
                    matches!(
                        r,
                        Reason::Directive(_)
                            | Reason::Godebug(_)
                            | Reason::DefaultSetting { .. }
                            | Reason::NoGoLine(_)
                            | Reason::GoLineLeftOut(_)
                    )
                });
                said.push(if counted { format!("{kind} ({n})") } else { kind });
                continue;
            };
            let files = file_kind(path);
            let versions =
                versions.get(files).map(|v| v.iter().copied().collect::<Vec<_>>()).unwrap_or_default();
            let shown = versions.iter().take(4).copied().collect::<Vec<_>>().join(", ");
            let more = if versions.len() > 4 { ", ..." } else { "" };
            said.push(format!("go {shown}{more} in {n} {files} file{}", if n == 1 { "" } else { "s" }));
        }
        parts.push(format!("{s} for {} ({})", plural(files, "file"), said.join("; ")));
    }
    let assumed =
        report.semantics.iter().any(|u| u.choice.toolchain.as_ref().is_some_and(|t| t.from.assumed()));
    let how = if assumed { "; name the toolchain with --go VERSION or a toolchain line" } else { "" };
    format!("{}{how}", parts.join("; "))
}

/// `go.mod` or `go.work`, by the file's name.
fn file_kind(path: &str) -> &'static str {
    if path.ends_with("go.work") {
        "go.work"
    } else {
        "go.mod"
    }
}

/// How each kind of toolchain source reads after its releases, in [`order`]'s order.
const FROM: [&str; 5] = [
    "from --go",
    "named by toolchain lines",
    "assumed from go lines",
    "assumed for a go.mod without a go line",
    "assumed without go.mod",
];

fn order(from: &ToolchainFrom) -> u8 {
    match from {
        ToolchainFrom::Flag => 0,
        ToolchainFrom::ToolchainLine(_) => 1,
        ToolchainFrom::GoLine(_) => 2,
        ToolchainFrom::NoGoLine(_) => 3,
        ToolchainFrom::NoGoMod => 4,
    }
}

/// `go1.21.0`, `go1.21.0 and go1.24.0`, `go1.20, go1.21.0 and go1.24.0`, or the first four and a
/// count.
fn names(versions: &[GoVersion]) -> String {
    let names: Vec<String> = versions.iter().map(|v| v.go_name()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] if names.len() <= 4 => format!("{} and {last}", init.join(", ")),
        _ => format!("{}, ... ({} toolchains)", names[..4].join(", "), names.len()),
    }
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else if let Some((head, tail)) = what.split_once(' ') {
        format!("{n} {head}s {tail}")
    } else {
        format!("{n} {what}s")
    }
}
