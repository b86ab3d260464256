//! [`render_table`]: the comparison of every run of one `timerlab run`, one row per variant ×
//! behaviour, and the small fixed-column text table helper the profile shares.

use crate::run::Run;
use crate::units::bytes;

/// Column alignment.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// Lays out `rows` under `header`, each column as wide as its widest cell, two spaces apart,
/// trailing spaces trimmed. Deterministic: the same cells give the same bytes.
pub(crate) fn layout(header: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|(h, _)| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut out = String::new();
        for ((cell, (_, align)), w) in cells.zip(header).zip(&widths) {
            if !out.is_empty() {
                out.push_str("  ");
            }
            let pad = " ".repeat(w - cell.chars().count());
            match align {
                Align::Left => {
                    out.push_str(cell);
                    out.push_str(&pad);
                }
                Align::Right => {
                    out.push_str(&pad);
                    out.push_str(cell);
                }
            }
        }
        let mut out = out.trim_end().to_owned();
        out.push('\n');
        out
    };
    let mut out = line(&mut header.iter().map(|(h, _)| *h));
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

/// The comparison table: for each run, in the order given, the peak live timers, peak memory,
/// restarts, spurious timeouts, the verdict, the verdict the registry expects in the run's
/// behaviour, and whether they agree (`yes`, or `NO` with the failure class). When some run
/// simulates a Go program (`--go`), two columns name its toolchain and its `go.mod` go line
/// (`-` for a run of a semantics named directly).
pub fn render_table(runs: &[Run]) -> String {
    use Align::{Left, Right};
    let releases = runs.iter().any(|run| run.report.behaviour.toolchain.is_some());
    let mut header = vec![("variant", Left)];
    if releases {
        header.extend([("go", Left), ("go.mod", Left)]);
    }
    header.extend([
        ("semantics", Left),
        ("peak live", Right),
        ("peak memory", Right),
        ("restarts", Right),
        ("spurious", Right),
        ("verdict", Left),
        ("expected", Left),
        ("as expected?", Left),
    ]);
    let rows: Vec<Vec<String>> = runs
        .iter()
        .map(|run| {
            let r = &run.report;
            let mut row = vec![r.variant.clone()];
            if releases {
                let b = &r.behaviour;
                row.push(b.toolchain.map_or_else(|| "-".to_owned(), |t| t.go_name()));
                row.push(b.go_line.map_or_else(|| "-".to_owned(), |l| format!("go {l}")));
            }
            row.extend([
                r.semantics.name().to_owned(),
                r.peak_live.to_string(),
                bytes(r.peak_memory),
                r.restarts.to_string(),
                r.spurious_timeouts.to_string(),
                r.verdict.to_string(),
                r.expected.label().to_owned(),
                match run.mismatch() {
                    None => "yes".to_owned(),
                    Some(m) => format!("NO ({})", m.name()),
                },
            ]);
            row
        })
        .collect();
    layout(&header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_as_wide_as_their_widest_cell_and_aligned() {
        let header = [("name", Align::Left), ("n", Align::Right)];
        let rows = vec![vec!["a".to_owned(), "100".to_owned()], vec!["bcdef".to_owned(), "2".to_owned()]];
        assert_eq!(layout(&header, &rows), "name     n\na      100\nbcdef    2\n");
    }
}
