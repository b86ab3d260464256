//! The per-call-site profile of the worst run: which line of the scenario's source holds the
//! live timers — the assertable counterpart of `go tool pprof -top` on a heap profile.

use std::cmp::Reverse;

use crate::run::Run;
use crate::table::{layout, Align};
use crate::units::{bytes, percent};

/// The index of the worst run: the one with the most live timers at any check (the first of
/// equals). `None` when `runs` is empty.
pub fn worst_run(runs: &[Run]) -> Option<usize> {
    runs.iter().enumerate().max_by_key(|(i, run)| (run.report.peak_live, Reverse(*i))).map(|(i, _)| i)
}

/// The profile of `run`, taken by the scenario at the check with the most live timers: one row
/// per call site that created timers, most live timers first, with `live%` (share of the live
/// timers), `sum%` (running total, as pprof prints it), bytes, timers created, the Go
/// constructor and the call site (`file:line:column`).
pub fn render_profile(run: &Run) -> String {
    let r = &run.report;
    let mut sites: Vec<_> = r.sites.iter().filter(|s| s.created > 0).collect();
    sites.sort_by(|a, b| {
        (Reverse(a.live), Reverse(a.bytes), &a.site).cmp(&(Reverse(b.live), Reverse(b.bytes), &b.site))
    });
    let total_live: u64 = sites.iter().map(|s| s.live).sum();
    let total_bytes: u64 = sites.iter().map(|s| s.bytes).sum();
    let mut out =
        format!("profile of the worst run: {} (seed={}), at its peak of live timers\n", run.label(), r.seed);
    if sites.is_empty() {
        out.push_str("no timer was created\n");
        return out;
    }
    out.push_str(&format!(
        "showing {} call site{}: {} live timer{}, {}\n",
        sites.len(),
        if sites.len() == 1 { "" } else { "s" },
        total_live,
        if total_live == 1 { "" } else { "s" },
        bytes(total_bytes)
    ));
    let header = [
        ("live", Align::Right),
        ("live%", Align::Right),
        ("sum%", Align::Right),
        ("bytes", Align::Right),
        ("created", Align::Right),
        ("kind", Align::Left),
        ("site", Align::Left),
    ];
    let mut sum = 0;
    let rows: Vec<Vec<String>> = sites
        .iter()
        .map(|s| {
            sum += s.live;
            vec![
                s.live.to_string(),
                percent(s.live, total_live),
                percent(sum, total_live),
                bytes(s.bytes),
                s.created.to_string(),
                s.kind.clone(),
                s.site.clone(),
            ]
        })
        .collect();
    out.push_str(&layout(&header, &rows));
    out
}
