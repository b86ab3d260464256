//! The files of `--out DIR`: `report.json`, `timers.svg` and `trace.txt`.

use std::fs;
use std::path::Path;

use timerlab_report::{render_svg, JsonReport, Run};
use timerlab_sim::render_trace;

use crate::error::CliError;

/// The names of the files, in the order they are written.
pub(crate) const FILES: [&str; 3] = ["report.json", "timers.svg", "trace.txt"];

/// Writes the three files into `dir`, creating it if needed.
///
/// # Errors
///
/// A [`CliError::io`] (exit 1) naming the file and the reason.
pub(crate) fn write(dir: &Path, json: &JsonReport, runs: &[Run], title: &str) -> Result<(), CliError> {
    let io = |what: &Path, e: &dyn std::fmt::Display| {
        CliError::io(format!("cannot write {}: {e}", what.display()))
    };
    fs::create_dir_all(dir).map_err(|e| io(dir, &e))?;
    let json = serde_json::to_string_pretty(json).map_err(|e| io(&dir.join(FILES[0]), &e))? + "\n";
    let svg = render_svg(runs, title).map_err(|e| io(&dir.join(FILES[1]), &e))?;
    let trace = runs.iter().map(|r| render_trace(&r.report)).collect::<Vec<_>>().join("\n");
    for (name, text) in FILES.iter().zip([json, svg, trace]) {
        let path = dir.join(name);
        fs::write(&path, text).map_err(|e| io(&path, &e))?;
    }
    Ok(())
}
