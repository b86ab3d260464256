//! [`render_svg`]: `timers.svg` — live timers (top) and modelled memory (bottom) over virtual
//! time, one line per variant × behaviour, OOM kills (each followed by a restart) marked with a
//! cross, a task blocked forever (HANG) with a circle. plotters' SVG backend writes text as
//! `<text>` elements, so no font is needed to draw.

use std::fmt;

use gotime::GoDuration;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use timerlab_sim::{Event, Sample};

use crate::run::Run;
use crate::units::bytes;

/// Width and height of the chart in pixels.
const SIZE: (u32, u32) = (1100, 820);
/// Width of the legend column on the right.
const LEGEND_WIDTH: u32 = 230;
/// One colour per variant (in registry order); sync runs use a lighter tint of it.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0x17, 0xbe, 0xcf),
    RGBColor(0x7f, 0x7f, 0x7f),
];
const FONT: &str = "sans-serif";

/// Drawing the chart failed (plotters reported an error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SvgError(String);

impl fmt::Display for SvgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot draw the chart: {}", self.0)
    }
}

impl std::error::Error for SvgError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for SvgError {
    fn from(e: DrawingAreaErrorKind<E>) -> SvgError {
        SvgError(e.to_string())
    }
}

/// The chart of `runs` as an SVG document titled `title`. Each run is one `<polyline>` with one
/// point per sample in each of the two panels; deterministic like the runs themselves.
///
/// # Errors
///
/// [`SvgError`] when plotters fails to lay out the chart (it does not for any run a scenario
/// produces; the error exists because plotters' API is fallible).
pub fn render_svg(runs: &[Run], title: &str) -> Result<String, SvgError> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, SIZE).into_drawing_area();
        root.fill(&WHITE)?;
        let root = root.titled(title, (FONT, 22))?;
        let (charts, legend) = root.split_horizontally(SIZE.0 - LEGEND_WIDTH);
        // Halves of what the title leaves: two panels of one height, one scale of pixels.
        let (top, bottom) = charts.split_vertically(charts.dim_in_pixel().1 / 2);
        let variants = variant_order(runs);
        let end = runs.iter().map(|r| secs(r.report.simulated)).fold(1.0, f64::max);
        let live = Panel {
            caption: "live timers",
            y_desc: "live timers",
            y_max: extent(runs, |s| s.live as f64, |_, live| live as f64).max(1.0),
            y: &|s| s.live as f64,
            kill_y: &|_, live| live as f64,
            budget: None,
            y_label: &|y| format!("{y:.0}"),
        };
        draw_panel(&top, runs, &variants, end, &live)?;
        let budget = runs.iter().filter_map(|r| r.report.budget).max();
        let memory = Panel {
            caption: "modelled memory (MiB)",
            y_desc: "memory (MiB)",
            y_max: extent(runs, |s| mib(s.memory), |memory, _| mib(memory)).max(budget.map_or(0.001, mib)),
            y: &|s| mib(s.memory),
            kill_y: &|memory, _| mib(memory),
            budget,
            y_label: &|y| format!("{y:.1}"),
        };
        draw_panel(&bottom, runs, &variants, end, &memory)?;
        draw_legend(&legend, runs, &variants)?;
        root.present()?;
    }
    Ok(buf)
}

/// One of the two panels: what it plots and how its axis reads.
struct Panel<'a> {
    caption: &'a str,
    y_desc: &'a str,
    y_max: f64,
    y: &'a dyn Fn(&Sample) -> f64,
    /// The y of an OOM kill marker, from the kill's (memory, live timers).
    kill_y: &'a dyn Fn(u64, u64) -> f64,
    budget: Option<u64>,
    y_label: &'a dyn Fn(&f64) -> String,
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Run],
    variants: &[&str],
    end: f64,
    panel: &Panel<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let y_max = panel.y_max * 1.08;
    let mut chart = ChartBuilder::on(area)
        .caption(panel.caption, (FONT, 16))
        .margin(10)
        .x_label_area_size(32)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..end, 0.0..y_max)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .x_desc("virtual time")
        .y_desc(panel.y_desc)
        .x_label_formatter(&|x| GoDuration::from_nanos((x * 1e9).round() as i64).to_string())
        .y_label_formatter(panel.y_label)
        .label_style((FONT, 12))
        .draw()?;
    if let Some(budget) = panel.budget {
        // A filled band a few pixels high: drawn as a <rect>, so the only polylines in the
        // document are the axes and the runs.
        let (y, half) = (mib(budget), y_max / 400.0);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y - half), (end, y + half)],
            BLACK.mix(0.35).filled(),
        )))?;
        chart.draw_series(std::iter::once(Text::new(
            format!("budget {}", bytes(budget)),
            (end * 0.01, y + y_max * 0.01),
            (FONT, 12).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Bottom)),
        )))?;
    }
    for run in runs {
        let style = style(run, variants);
        let points = run.report.samples.iter().map(|s| (secs(s.at), (panel.y)(s)));
        chart.draw_series(LineSeries::new(points, style))?;
        chart.draw_series(kills(run, panel.kill_y).map(|at| Cross::new(at, 5, style.stroke_width(2))))?;
        chart.draw_series(hangs(run, panel.y).map(|at| Circle::new(at, 5, style.stroke_width(2))))?;
    }
    Ok(())
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    runs: &[Run],
    variants: &[&str],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text = (FONT, 14).into_font().color(&BLACK).pos(Pos::new(HPos::Left, VPos::Center));
    let mut y = 60;
    for run in runs {
        let style = style(run, variants);
        area.draw(&Rectangle::new([(10, y - 2), (40, y + 2)], style.filled()))?;
        let r = &run.report;
        let release = run.release().map(|r| format!(" {r}")).unwrap_or_default();
        let label = format!("{} {}{release}", r.variant, r.semantics.name());
        area.draw(&Text::new(label, (48, y), text.clone()))?;
        y += 24;
    }
    if runs.iter().any(|r| r.report.restarts > 0) {
        y += 12;
        area.draw(&Cross::new((25, y), 5, BLACK.stroke_width(2)))?;
        area.draw(&Text::new("OOM kill, then restart", (48, y), text.clone()))?;
    }
    if runs.iter().any(|r| hangs(r, &|_| 0.0).next().is_some()) {
        y += 24;
        area.draw(&Circle::new((25, y), 5, BLACK.stroke_width(2)))?;
        area.draw(&Text::new("a task blocked forever (HANG)", (48, y), text))?;
    }
    Ok(())
}

/// The largest y of any sample or OOM kill marker of `runs`.
fn extent(runs: &[Run], y: impl Fn(&Sample) -> f64, kill_y: impl Fn(u64, u64) -> f64) -> f64 {
    let samples = runs.iter().flat_map(|r| r.report.samples.iter()).map(y);
    let kills = runs.iter().flat_map(|r| kills(r, &kill_y).map(|(_, y)| y));
    samples.chain(kills).fold(0.0, f64::max)
}

/// The OOM kills of `run` as (seconds, y) points.
fn kills<'a>(run: &'a Run, kill_y: &'a dyn Fn(u64, u64) -> f64) -> impl Iterator<Item = (f64, f64)> + 'a {
    run.report.events.iter().filter_map(move |e| match e.event {
        Event::OomKill { memory, live, .. } => Some((secs(e.at), kill_y(memory, live))),
        _ => None,
    })
}

/// The hangs of `run` as (seconds, y) points, y that of the first sample from the hang on.
fn hangs<'a>(run: &'a Run, y: &'a dyn Fn(&Sample) -> f64) -> impl Iterator<Item = (f64, f64)> + 'a {
    let samples = &run.report.samples;
    run.report.events.iter().filter_map(move |e| match e.event {
        Event::Hang(_) => {
            let after = samples.iter().find(|s| s.at >= e.at).or(samples.last())?;
            Some((secs(e.at), y(after)))
        }
        _ => None,
    })
}

/// The variants in the order they first appear in `runs`.
fn variant_order(runs: &[Run]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for run in runs {
        if !out.contains(&run.report.variant.as_str()) {
            out.push(&run.report.variant);
        }
    }
    out
}

/// The run's line: its variant's colour, full and wide in async mode, a lighter tint in sync, and
/// between the two with `asynctimerchan=2`.
fn style(run: &Run, variants: &[&str]) -> ShapeStyle {
    let i = variants.iter().position(|v| *v == run.report.variant).unwrap_or(0);
    let RGBColor(r, g, b) = PALETTE[i % PALETTE.len()];
    let tint =
        |c: u8, towards_white: u16| ((u16::from(c) * (4 - towards_white) + 255 * towards_white) / 4) as u8;
    let (level, width) = match run.report.semantics {
        gotime::Semantics::Async => (0, 3),
        gotime::Semantics::AsyncCollected => (1, 2),
        gotime::Semantics::Sync => (2, 2),
    };
    RGBColor(tint(r, level), tint(g, level), tint(b, level)).stroke_width(width)
}

fn secs(d: GoDuration) -> f64 {
    d.as_nanos() as f64 / 1e9
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

#[cfg(test)]
mod tests {
    use timerlab_sim::{RunVerdict, VerdictKind};

    use super::*;

    const MIB: u64 = 1024 * 1024;

    /// A run of `variant` in `semantics` sampled at 0, 30 and 60 s: 0, 50 and 100 live timers,
    /// 0, 5 and 10 MiB.
    fn run(variant: &str, semantics: gotime::Semantics) -> Run {
        let mut report = crate::fixtures::report(RunVerdict::Bounded, VerdictKind::Bounded);
        report.variant = variant.to_owned();
        report.semantics = semantics;
        report.simulated = GoDuration::from_secs(60);
        report.samples = (0..3)
            .map(|i| Sample {
                at: GoDuration::from_secs(30 * i),
                users: 0,
                connections: 0,
                tasks: 1,
                live: 50 * i as u64,
                memory: 5 * MIB * i as u64,
                restarts: 0,
                timeouts: 0,
                spurious: 0,
            })
            .collect();
        Run::new(report)
    }

    /// The elements named `tag` of the SVG document `svg`.
    fn elements<'a, 'i>(
        svg: &'a roxmltree::Document<'i>,
        tag: &'a str,
    ) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
        svg.descendants().filter(move |n| n.has_tag_name(tag))
    }

    fn num(node: roxmltree::Node<'_, '_>, name: &str) -> i32 {
        node.attribute(name).and_then(|v| v.parse().ok()).unwrap_or_else(|| panic!("{name} of {node:?}"))
    }

    /// The points of every polyline drawn in `stroke`.
    fn lines(svg: &roxmltree::Document<'_>, stroke: &str) -> Vec<Vec<(i32, i32)>> {
        elements(svg, "polyline")
            .filter(|n| n.attribute("stroke") == Some(stroke))
            .map(|n| {
                let xy = |p: &str| {
                    let (x, y) = p.split_once(',').expect("x,y");
                    (x.parse().expect("x"), y.parse().expect("y"))
                };
                n.attribute("points").unwrap_or("").split_whitespace().map(xy).collect()
            })
            .collect()
    }

    /// (x, y) of the text element that reads `content`.
    fn text_at(svg: &roxmltree::Document<'_>, content: &str) -> (i32, i32) {
        let node = elements(svg, "text")
            .find(|n| n.text().map(str::trim) == Some(content))
            .unwrap_or_else(|| panic!("no text {content:?}"));
        (num(node, "x"), num(node, "y"))
    }

    fn chart(runs: &[Run]) -> String {
        render_svg(runs, "s2: test").expect("a chart")
    }

    #[test]
    fn each_run_is_one_line_per_panel_live_timers_above_memory_on_linear_axes() {
        let text = chart(&[run("leaky", gotime::Semantics::Async), run("stop", gotime::Semantics::Sync)]);
        let svg = roxmltree::Document::parse(&text).expect("well-formed");
        let leaky = lines(&svg, "#D62728");
        assert_eq!(leaky.len(), 2, "live timers and memory:\n{text}");
        let (live, memory) = (&leaky[0], &leaky[1]);
        assert_eq!((live.len(), memory.len()), (3, 3), "one point per sample");
        let lowest_live = live.iter().map(|p| p.1).max().unwrap_or(0);
        let highest_memory = memory.iter().map(|p| p.1).min().unwrap_or(0);
        assert!(lowest_live < highest_memory, "the live-timer panel is above the memory panel");
        for line in [live, memory] {
            // Time runs right, values up, both linearly: the middle sample halfway.
            assert!(line[0].0 < line[1].0 && line[1].0 < line[2].0, "{line:?}");
            assert!(line[0].1 > line[1].1 && line[1].1 > line[2].1, "{line:?}");
            assert!((2 * line[1].0 - line[0].0 - line[2].0).abs() <= 1, "{line:?}");
            assert!((2 * line[1].1 - line[0].1 - line[2].1).abs() <= 1, "{line:?}");
            assert!(line.iter().all(|p| p.0 < (SIZE.0 - LEGEND_WIDTH) as i32), "left of the legend");
        }
        // The panels are the same height: the same samples sit at the same offsets in each.
        let rise = |line: &Vec<(i32, i32)>| line[0].1 - line[2].1;
        assert!((rise(live) - rise(memory)).abs() <= 1, "{live:?} {memory:?}");
        // The top sample 1/1.08 of the way up its axis: headroom above the highest line.
        let axis = lines(&svg, "#000000")
            .into_iter()
            .filter(|l| l.len() == 2 && l[0].0 == l[1].0 && (l[0].0 - live[0].0).abs() <= 2)
            .filter(|l| l[0].1.max(l[1].1) <= live[0].1 + 2)
            .max_by_key(|l| (l[0].1 - l[1].1).abs())
            .expect("the live panel's y axis, the longest vertical line at the line's first x");
        let (top, bottom) = (axis[0].1.min(axis[1].1), axis[0].1.max(axis[1].1));
        let reach = f64::from(bottom - live[2].1) / f64::from(bottom - top);
        assert!((reach - 1.0 / 1.08).abs() < 0.01, "the highest sample reaches {reach:.3} of the axis");
        // A sync run is its variant's colour (the second, #1F77B4) halfway to white.
        assert_eq!(lines(&svg, "#8FBBD9").len(), 2, "{text}");
        let time_labels = ["0s", "30s", "1m0s"].map(|label| text_at(&svg, label));
        assert!(time_labels.iter().all(|&(x, _)| x < (SIZE.0 - LEGEND_WIDTH) as i32), "{time_labels:?}");
    }

    #[test]
    fn the_legend_names_each_run_beside_its_colour_right_of_the_panels() {
        let text = chart(&[run("leaky", gotime::Semantics::Async), run("stop", gotime::Semantics::Sync)]);
        let svg = roxmltree::Document::parse(&text).expect("well-formed");
        let (x, y) = text_at(&svg, "leaky async");
        let (x2, y2) = text_at(&svg, "stop sync");
        assert!(x > (SIZE.0 - LEGEND_WIDTH) as i32 && x2 == x && y2 == y + 24, "({x}, {y}) ({x2}, {y2})");
        let swatch = elements(&svg, "rect")
            .find(|n| n.attribute("fill") == Some("#D62728"))
            .map(|n| (num(n, "x"), num(n, "y"), num(n, "width"), num(n, "height")))
            .expect("the leaky run's swatch");
        assert_eq!(swatch, (x - 38, y - 2, 30, 4), "a 30 × 4 bar left of its label, centred on it");
    }

    #[test]
    fn a_memory_budget_is_a_band_at_its_value_labelled_at_the_left() {
        let mut leaky = run("leaky", gotime::Semantics::Async);
        leaky.report.budget = Some(12 * MIB);
        let text = chart(&[leaky]);
        let svg = roxmltree::Document::parse(&text).expect("well-formed");
        let memory = &lines(&svg, "#D62728")[1];
        let band = elements(&svg, "rect")
            .find(|n| n.attribute("fill") == Some("#000000") && n.attribute("opacity") == Some("0.35"))
            .map(|n| (num(n, "x"), num(n, "y"), num(n, "height")))
            .expect("the budget band");
        // 12 MiB is 1.2 times the 10 MiB of the last sample above the zero line.
        let at_12_mib = f64::from(memory[0].1) - 1.2 * f64::from(memory[0].1 - memory[2].1);
        let centre = f64::from(band.1) + f64::from(band.2) / 2.0;
        assert!((centre - at_12_mib).abs() <= 1.5, "band centred at {centre}, 12 MiB at {at_12_mib}");
        assert!((1..=3).contains(&band.2), "a band a few pixels high: {band:?}");
        let (x, y) = text_at(&svg, "budget 12.00MiB");
        assert!(x >= memory[0].0 && x <= memory[0].0 + 20, "label at ({x}, {y}), band {band:?}");
        assert!((1..=6).contains(&(band.1 - y)), "label just above the band: ({x}, {y}), band {band:?}");
        // The memory axis counts MiB: the last sample's 10 MiB has a tick of its own, left of it.
        let (tick_x, tick_y) = text_at(&svg, "10.0");
        assert!(tick_x < memory[0].0 && (tick_y - memory[2].1).abs() <= 1, "tick at ({tick_x}, {tick_y})");
    }

    /// The centre of every cross (two crossing 10 px strokes) drawn in `stroke`.
    fn crosses(svg: &roxmltree::Document<'_>, stroke: &str) -> Vec<(i32, i32)> {
        elements(svg, "line")
            .filter(|n| n.attribute("stroke") == Some(stroke))
            .filter(|n| num(*n, "x2") - num(*n, "x1") == 10 && num(*n, "y2") - num(*n, "y1") == 10)
            .map(|n| (num(n, "x1") + 5, num(n, "y1") + 5))
            .collect()
    }

    #[test]
    fn an_oom_kill_is_a_cross_at_its_time_and_value_in_both_panels_and_in_the_legend() {
        let mut killed = run("leaky", gotime::Semantics::Async);
        // Killed at 30 s, at the second sample's 50 live timers and 5 MiB.
        killed.report.events = vec![timerlab_sim::TraceEvent {
            at: GoDuration::from_secs(30),
            event: Event::OomKill { memory: 5 * MIB, budget: 4 * MIB, live: 50 },
        }];
        killed.report.restarts = 1;
        let text = chart(&[killed, run("stop", gotime::Semantics::Async)]);
        let svg = roxmltree::Document::parse(&text).expect("well-formed");
        let lines = lines(&svg, "#D62728");
        let at = [lines[0][1], lines[1][1]];
        let marks = crosses(&svg, "#D62728");
        assert_eq!(marks.len(), 2, "one cross per panel: {marks:?}");
        for (mark, sample) in marks.iter().zip(at) {
            assert!(
                (mark.0 - sample.0).abs() <= 1 && (mark.1 - sample.1).abs() <= 1,
                "{mark:?} at {sample:?}"
            );
        }
        assert!(crosses(&svg, "#1F77B4").is_empty(), "the run that was not killed has none");
        // The legend's note sits below the last run's entry, a half step further down.
        let (x, y) = text_at(&svg, "stop async");
        assert_eq!(text_at(&svg, "OOM kill, then restart"), (x, y + 36));
        assert_eq!(crosses(&svg, "#000000"), [(x - 23, y + 36)], "its black cross");
        let calm = chart(&[run("stop", gotime::Semantics::Async)]);
        assert!(!calm.contains("OOM kill"), "no restart, no note:\n{calm}");
    }

    #[test]
    fn a_hang_is_a_circle_and_a_legend_note_below_the_runs() {
        let mut hung = run("no-drain", gotime::Semantics::Sync);
        let site = gotime::Site { file: "sim/src/scenarios/s3/variants.rs", line: 50, column: 11 };
        hung.report.events = vec![timerlab_sim::TraceEvent {
            at: GoDuration::from_secs(30),
            event: Event::Hang(timerlab_sim::Hang { task: "batcher", receive: site, timer: None }),
        }];
        let text = chart(&[hung]);
        let svg = roxmltree::Document::parse(&text).expect("well-formed");
        // A circle at the hang's time, at the first sample from then on, in each panel; the
        // run's colour is its variant's (the first, #D62728) halfway to white.
        let lines = lines(&svg, "#EA9393");
        let circles: Vec<(i32, i32)> = elements(&svg, "circle")
            .filter(|n| n.attribute("stroke") == Some("#EA9393"))
            .map(|n| (num(n, "cx"), num(n, "cy")))
            .collect();
        assert_eq!(circles, [lines[0][1], lines[1][1]], "{text}");
        // The legend's note a step below the place of the next run's entry.
        let (x, y) = text_at(&svg, "no-drain sync");
        assert_eq!(text_at(&svg, "a task blocked forever (HANG)"), (x, y + 48));
        assert!(!text.contains("OOM kill"), "no restart, no note");
    }

    #[test]
    fn a_drawing_error_says_the_chart_could_not_be_drawn() {
        assert_eq!(SvgError("no room".to_owned()).to_string(), "cannot draw the chart: no room");
    }
}
