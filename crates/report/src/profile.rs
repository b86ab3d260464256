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

#[cfg(test)]
mod tests {
    use timerlab_sim::{RunVerdict, SiteProfile, VerdictKind};

    use super::*;

    fn run_with_peak(peak_live: u64) -> Run {
        let mut report = crate::fixtures::report(RunVerdict::Bounded, VerdictKind::Bounded);
        report.peak_live = peak_live;
        Run::new(report)
    }

    fn site(line: u32, live: u64, created: u64) -> SiteProfile {
        SiteProfile {
            site: format!("sim/src/scenarios/s2/variants.rs:{line}:9"),
            kind: "time.After".to_owned(),
            live,
            peak: live,
            bytes: live * 200,
            created,
            bytes_per_timer: 200,
        }
    }

    #[test]
    fn the_worst_run_is_the_one_with_the_most_live_timers_and_the_first_of_equals() {
        let runs: Vec<Run> = [3, 5, 9, 9, 1].into_iter().map(run_with_peak).collect();
        assert_eq!(worst_run(&runs), Some(2));
        assert_eq!(worst_run(&runs[3..]), Some(0));
        assert_eq!(worst_run(&[]), None);
    }

    #[test]
    fn a_profile_lists_only_the_sites_that_created_timers_the_most_live_first() {
        let mut run = run_with_peak(12);
        run.report.sites = vec![site(10, 2, 40), site(20, 0, 0), site(30, 10, 10)];
        let text = render_profile(&run);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "showing 2 call sites: 12 live timers, 2.3KiB", "{text}");
        assert!(lines[3].ends_with("variants.rs:30:9") && lines[3].contains(" 83.3% "), "{text}");
        assert!(lines[4].ends_with("variants.rs:10:9") && lines[4].contains("100.0%"), "{text}");
        assert_eq!(lines.len(), 5, "the site that created nothing is left out:\n{text}");
    }
}
