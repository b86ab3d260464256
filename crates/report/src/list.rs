//! [`render_list`]: `timerlab list` — every scenario, its variants with the verdict each is
//! expected to show per semantics, and its parameters.

use timerlab_sim::ScenarioSpec;

use crate::table::{layout, Align};

/// The registry as text: per scenario a title line, then its variants (expected verdict in
/// async / async-collected / sync mode, one-line description) and its parameters (default and quick values,
/// valid range, help).
pub fn render_list(scenarios: &[ScenarioSpec]) -> String {
    let mut out = String::new();
    for (i, spec) in scenarios.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{}  {}\n", spec.name, spec.title));
        let rows: Vec<Vec<String>> = spec
            .variants
            .iter()
            .map(|v| {
                vec![
                    format!("  {}", v.name),
                    v.expected_async.label().to_owned(),
                    v.expected_async_collected.label().to_owned(),
                    v.expected_sync.label().to_owned(),
                    v.description.to_owned(),
                ]
            })
            .collect();
        let header = [
            ("  variant", Align::Left),
            ("async", Align::Left),
            ("async-collected", Align::Left),
            ("sync", Align::Left),
            ("", Align::Left),
        ];
        out.push_str(&layout(&header, &rows));
        let rows: Vec<Vec<String>> = spec
            .params
            .iter()
            .map(|p| {
                vec![
                    format!("  {}", p.name),
                    p.default.to_owned(),
                    p.quick.to_owned(),
                    format!("{} ({})", p.help, p.range),
                ]
            })
            .collect();
        let header = [
            ("  parameter (--set NAME=VALUE)", Align::Left),
            ("default", Align::Left),
            ("quick", Align::Left),
            ("", Align::Left),
        ];
        out.push_str(&layout(&header, &rows));
    }
    out
}
