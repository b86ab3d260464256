//! The runtime's cost model against what real Go measured: every row of `oracle/costs/RESULTS.tsv`
//! (retained heap per leaked timer, per release, go line, `asynctimerchan` and kind) is resolved
//! with gotime's own resolver, and then
//!
//! - where the behaviour keeps an unreferenced timer (async), the retained bytes are what
//!   `gotime::release::cost_model` charges for that kind on that release, within 3 bytes;
//! - where it collects one (async-collected, sync), a leaked channel timer or ticker retained
//!   nothing;
//! - a never-stopped AfterFunc is kept in every behaviour, and costs what the model charges.
//!
//! So the figures in `crates/gotime/src/release/costs.rs` cannot drift from the recording, and
//! `Semantics::collects_unreferenced` is checked against the heap of every recorded release.

use gotime::release::GoProgram;
use gotime::{CostModel, TimerKind};

use crate::golden::root;

/// Bytes of slack between a recorded median and the model's figure: the runs of one measurement
/// differ by up to 3 bytes (allocator rounding over 100,000 timers).
const SLACK: u64 = 3;

/// One measured row.
struct Row {
    line: usize,
    release: String,
    go_line: String,
    asynctimerchan: Option<String>,
    kind: TimerKind,
    bytes: u64,
}

fn rows() -> Vec<Row> {
    let path = root().join("oracle/costs/RESULTS.tsv");
    let text = std::fs::read_to_string(&path).expect("oracle/costs/RESULTS.tsv is committed");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 7, "RESULTS.tsv line {}: {line:?}", i + 1);
        // A configuration Go refused to start has no figure.
        let Ok(bytes) = cols[4].parse::<u64>() else { continue };
        let kind = match cols[3] {
            "time.After in a select loop" => TimerKind::After,
            "time.NewTimer, never stopped" => TimerKind::Timer,
            "time.Tick" => TimerKind::Tick,
            "time.NewTicker, never stopped" => TimerKind::Ticker,
            "time.AfterFunc, never stopped" => TimerKind::AfterFunc,
            other => panic!("RESULTS.tsv line {}: unknown kind {other:?}", i + 1),
        };
        let asynctimerchan = (cols[2] != "unset").then(|| cols[2].to_owned());
        out.push(Row {
            line: i + 1,
            release: cols[0].to_owned(),
            go_line: cols[1].to_owned(),
            asynctimerchan,
            kind,
            bytes,
        });
    }
    out
}

#[test]
fn the_cost_model_charges_what_real_go_retained_for_each_release_behaviour_and_kind() {
    let rows = rows();
    assert!(rows.len() >= 150, "only {} measured rows", rows.len());
    let mut wrong = Vec::new();
    for row in &rows {
        let mut program = GoProgram::built_with(row.release.as_str()).go_mod(row.go_line.as_str());
        if let Some(value) = &row.asynctimerchan {
            program = program.godebug(format!("asynctimerchan={value}"));
        }
        let resolution = program.resolve().unwrap_or_else(|e| panic!("line {}: {e}", row.line));
        let retained = row.kind == TimerKind::AfterFunc || !resolution.semantics.collects_unreferenced();
        let expected = if retained { CostModel::bytes(&resolution.costs, row.kind) } else { 0 };
        if row.bytes.abs_diff(expected) > SLACK {
            wrong.push(format!(
                "RESULTS.tsv line {}: {} go {} asynctimerchan={} {}: Go retained {} B, the model says {expected} B ({})",
                row.line,
                row.release,
                row.go_line,
                row.asynctimerchan.as_deref().unwrap_or("unset"),
                row.kind,
                row.bytes,
                resolution.semantics,
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
