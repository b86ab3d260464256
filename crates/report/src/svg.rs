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
        let (top, bottom) = charts.split_vertically((SIZE.1 - 40) / 2);
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
