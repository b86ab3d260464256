//! timers.svg and trace.txt of `--out`: a well-formed SVG with one line per variant ×
//! semantics in each panel, and the fixed-column traces of every run.

use super::{run_in, s1_quick, scratch};

#[test]
fn timers_svg_is_well_formed_with_one_polyline_per_run_in_each_panel() {
    let (out, dir) = s1_quick();
    assert_eq!(out.code, 0, "{out:?}");
    let text = std::fs::read_to_string(dir.join("timers.svg")).expect("timers.svg written");
    let svg = roxmltree::Document::parse(&text).expect("timers.svg is well-formed XML");
    assert_eq!(svg.root_element().tag_name().name(), "svg");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    let runs = report["runs"].as_array().unwrap();
    // Axes and ticks are two-point polylines; a run's line has one point per sample.
    let series: Vec<usize> = svg
        .descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| n.attribute("points").unwrap_or("").split_whitespace().count())
        .filter(|&points| points > 2)
        .collect();
    assert_eq!(series.len(), 2 * runs.len(), "live timers and memory, one line per run: {series:?}");
    let samples: Vec<usize> = runs.iter().map(|r| r["samples"].as_array().unwrap().len()).collect();
    for (i, points) in series.iter().enumerate() {
        assert_eq!(*points, samples[i % runs.len()], "line {i}");
    }
    let texts: Vec<String> = svg
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_owned())
        .collect();
    for r in runs {
        let label = format!("{} {}", r["variant"].as_str().unwrap(), r["semantics"].as_str().unwrap());
        assert!(texts.contains(&label), "legend entry {label:?} in {texts:?}");
    }
    assert!(texts.contains(&"OOM kill, then restart".to_owned()), "the restarts are marked: {texts:?}");
}

#[test]
fn trace_txt_holds_every_runs_trace_seed_first() {
    let (_, dir) = s1_quick();
    let text = std::fs::read_to_string(dir.join("trace.txt")).expect("trace.txt written");
    assert!(text.starts_with("seed=7 scenario=s1 variant=leaky semantics=async preset=quick\n"), "{text}");
    // Four variants, each in the three behaviours.
    assert_eq!(text.lines().filter(|l| l.starts_with("seed=7 scenario=s1 ")).count(), 12);
    assert_eq!(text.lines().filter(|l| l.starts_with("verdict: ")).count(), 12);
}

#[test]
fn timers_svg_marks_each_hung_run_with_a_circle_in_both_panels() {
    // S3 on Go 1.23.1: blocking-drain and drain-after-receive hang, the other three do not.
    let dir = scratch("s3_hang_svg");
    let out = run_in(&dir, &["run", "s3", "--go", "1.23.1", "--preset", "quick", "--out", "out"]);
    assert_eq!(out.code, 0, "{out:?}");
    let text = std::fs::read_to_string(dir.join("out/timers.svg")).expect("timers.svg written");
    let svg = roxmltree::Document::parse(&text).expect("well-formed");
    let circles = svg.descendants().filter(|n| n.has_tag_name("circle")).count();
    assert_eq!(circles, 2 * 2 + 1, "two hung runs in two panels, and the legend's");
    let legend =
        svg.descendants().filter_map(|n| n.text()).any(|t| t.trim() == "a task blocked forever (HANG)");
    assert!(legend, "the legend names the marker");
}
