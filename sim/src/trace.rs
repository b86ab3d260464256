//! The trace: the fixed-column text rendering of a run ([`render_trace`]) that the snapshots
//! hold and a reviewer reads in a diff.
//!
//! Layout (documented in docs/SCENARIOS.md, "Reading a trace"):
//!
//! ```text
//! seed=7 scenario=s1 variant=leaky semantics=async preset=quick
//! params: users=120 ramp=linear ...
//! behaviour: go1.22.10, go.mod go 1.22 → … → async; 210 B per channel timer, …   (a Go program's run only)
//!     time  users  conns  tasks     live   memory restarts  event
//!   0:00.0      0      0      1        0   0.50MiB        0  server up (life 1)
//! ...
//! verdict: OOM-LOOP (3 restarts)   expected: OOM-LOOP
//! ```

use std::fmt::Write as _;

use gotime::GoDuration;

use crate::api::{RunReport, Sample};
use crate::event::{Event, TraceEvent};

/// `12.34MiB`: memory as the trace shows it.
fn mib(bytes: u64) -> String {
    format!("{:.2}MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// `m:ss.s`, the trace's time column.
fn clock(d: GoDuration) -> String {
    let tenths = d.as_nanos() / 100_000_000;
    format!("{}:{:02}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10)
}

/// The trace of a run as fixed-width text: a header with the seed first, one row per sample
/// with the events since the previous sample, the verdict, and the per-site profile.
/// Deterministic: the same report renders to the same bytes.
pub fn render_trace(report: &RunReport) -> String {
    let mut out = String::new();
    let c = &report.config;
    let _ = writeln!(
        out,
        "seed={} scenario={} variant={} semantics={} preset={}",
        report.seed,
        report.scenario,
        report.variant,
        report.semantics.name(),
        c.preset.name()
    );
    let params: Vec<String> = report.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    for line in wrap(&params, 100) {
        let _ = writeln!(out, "params: {line}");
    }
    // A Go program's run says which program: the seed line's semantics alone does not tell a
    // go1.23.1 build (golang/go#69312) from go1.23.2's, nor a release's cost per timer.
    if report.behaviour.toolchain.is_some() {
        let _ = writeln!(out, "behaviour: {}", report.behaviour.line());
    }
    let _ = writeln!(
        out,
        "{:>7} {:>6} {:>6} {:>6} {:>8} {:>9} {:>8} {:>8}  event",
        "time", "users", "conns", "tasks", "live", "memory", "restarts", "timeouts"
    );
    let mut events = report.events.iter().peekable();
    for (i, s) in report.samples.iter().enumerate() {
        let last = i + 1 == report.samples.len();
        let mut here = Vec::new();
        // An event at the very instant of a sample may or may not be in its counts (the
        // sample is taken at the end of a turmoil step): it goes to the next row.
        while let Some(e) = events.next_if(|e| e.at < s.at || last) {
            here.push(e);
        }
        let line = format!("{}  {}", row(s), summarize(&here));
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "verdict: {}   expected: {}{}",
        report.verdict,
        report.expected,
        if report.as_expected() { "" } else { "   (UNEXPECTED)" }
    );
    let budget = report.budget.map(|b| format!(" (budget {})", mib(b))).unwrap_or_default();
    let _ = writeln!(
        out,
        "peak live timers {}, peak memory {}{budget}, restarts {}, messages {}, timeouts {} \
         (spurious {}, missed {})",
        report.peak_live,
        mib(report.peak_memory),
        report.restarts,
        report.messages,
        report.timeouts,
        report.spurious_timeouts,
        report.missed_timeouts
    );
    for site in report.sites.iter().filter(|s| s.peak > 0).take(3) {
        let _ = writeln!(
            out,
            "site {} {}: peak {} live, {} created",
            site.kind,
            short_site(&site.site),
            site.peak,
            site.created
        );
    }
    out
}

fn row(s: &Sample) -> String {
    format!(
        "{:>7} {:>6} {:>6} {:>6} {:>8} {:>9} {:>8} {:>8}",
        clock(s.at),
        s.users,
        s.connections,
        s.tasks,
        s.live,
        mib(s.memory),
        s.restarts,
        s.timeouts
    )
}

/// The events of one row: each kind once, with a count when it repeats.
fn summarize(events: &[&TraceEvent]) -> String {
    let mut parts: Vec<(String, usize)> = Vec::new();
    for e in events {
        let key = summary_key(&e.event);
        match parts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => parts.push((key, 1)),
        }
    }
    let mut text = Vec::new();
    for (key, n) in &parts {
        if *n == 1 {
            let e = events.iter().find(|e| summary_key(&e.event) == *key).expect("counted above");
            text.push(format!("{} @{}", e.event, clock(e.at)));
        } else {
            text.push(format!("{n}x {key}"));
        }
    }
    text.join("; ")
}

fn summary_key(e: &Event) -> String {
    match e {
        Event::Timeout { spurious: true, .. } => "SPURIOUS timeout".to_owned(),
        Event::Timeout { spurious: false, .. } => "timeout".to_owned(),
        Event::OomKill { .. } => "OOM-KILL".to_owned(),
        Event::Up { .. } => "restarted".to_owned(),
        Event::MissedTimeout { .. } => "MISSED timeout".to_owned(),
        other => other.to_string(),
    }
}

/// `sim/src/scenarios/s1/variants.rs:110:8` without the directories before `scenarios/`.
fn short_site(site: &str) -> &str {
    site.find("scenarios/").map_or(site, |i| &site[i..])
}

fn wrap(items: &[String], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.len() + 1 + item.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(item);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_column_is_minutes_seconds_tenths() {
        assert_eq!(clock(GoDuration::ZERO), "0:00.0");
        assert_eq!(clock(GoDuration::from_millis(63_250)), "1:03.2");
        assert_eq!(clock(GoDuration::from_mins(12)), "12:00.0");
    }

    #[test]
    fn repeated_events_in_one_row_are_counted() {
        let at = GoDuration::SECOND;
        let t = |spurious| TraceEvent { at, event: Event::Timeout { waited: at, spurious } };
        let (a, b, c) = (t(true), t(true), t(false));
        assert_eq!(summarize(&[&a, &b, &c]), "2x SPURIOUS timeout; timeout after 1s @0:01.0");
    }
}
