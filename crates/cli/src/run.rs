//! `timerlab run`: resolve the scenario and variants, print the seed and the repro command,
//! run every config (twice with `--check-determinism`), then print the comparison table and the
//! profile of the worst run — or the JSON report — and write `--out` and `--pprof`.

use std::fmt::Write as _;

use timerlab_report::{
    cargo_command, render_profile, render_table, worst_run, Conclusion, JsonReport, Run, TraceHash,
};
use timerlab_sim::{find, Behaviour, Preset, RunConfig, RunReport, ScenarioSpec, VariantSpec};

use crate::args::{RunArgs, SizingArgs};
use crate::behaviour;
use crate::error::CliError;
use crate::output;
use crate::pprof;
use crate::progress::Progress;
use crate::repro;
use crate::stdout;

/// Runs the command and returns its exit code.
///
/// # Errors
///
/// [`CliError::input`] for an unknown scenario, variant or parameter, a value out of range, or a
/// Go program that does not resolve (nothing has run then, or only the seed lines are printed);
/// [`CliError::io`] when `--out` cannot be written.
pub(crate) fn run(args: &RunArgs) -> Result<u8, CliError> {
    let spec = find(&args.scenario.to_ascii_lowercase()).map_err(CliError::input)?;
    let variant = args.variant.as_ref().or(args.variant_arg.as_ref()).map(|v| v.to_ascii_lowercase());
    let variants = variants(spec, variant.as_deref())?;
    pprof::check(args.pprof_diff, args.behaviour.semantics, args.behaviour.go.go.as_deref())?;
    let single = (variants.len() == 1 && variant.is_some()).then(|| variants[0].name);
    let behaviours = behaviour::for_run(args.behaviour.semantics, &args.behaviour.go)?;
    let configs = configs(args, spec, &variants, &behaviours);
    let repro = repro::repro(args, spec, single);

    // The seed and the repro line come first, before anything can fail or take long.
    let header = format!("seed={}\nrepro: {}", args.seed, cargo_command(&repro));
    if args.json {
        eprintln!("{header}");
    } else {
        stdout::println(&header);
    }

    let progress = Progress::new();
    let mut runs = Vec::with_capacity(configs.len());
    for (i, config) in configs.iter().enumerate() {
        let label = format!(
            "[{}/{}] {}/{}/{}",
            i + 1,
            configs.len(),
            spec.name,
            config.variant,
            config.behaviour.flags().trim_start()
        );
        let report = progress.run(config, &label).map_err(CliError::input)?;
        let mut run = Run::new(report);
        if args.check_determinism {
            let again = progress.run(config, &format!("{label} again")).map_err(CliError::input)?;
            run.rerun = Some(TraceHash::of(&again));
        }
        runs.push(run);
    }

    let json = JsonReport::new(&repro, args.seed, spec.name, &runs);
    let conclusion = Conclusion::of(&runs);
    if args.json {
        // Serializing the report's own plain types into memory cannot fail.
        stdout::println(&serde_json::to_string_pretty(&json).expect("the JSON report serializes"));
    } else {
        stdout::print(&text(spec, &runs, conclusion, args.check_determinism));
    }
    if let Some(dir) = &args.out {
        let title = format!("{}: live timers and memory over virtual time (seed={})", spec.name, args.seed);
        output::write(dir, &json, &runs, &title)?;
        let message = format!("wrote {} to {}", output::FILES.join(", "), dir.display());
        if args.json {
            eprintln!("{message}");
        } else {
            stdout::println(&message);
        }
    }
    if let Some(dir) = &args.pprof {
        let message = pprof::write(dir, &runs, args.pprof_diff)?;
        if args.json {
            eprint!("{message}");
        } else {
            stdout::print(&message);
        }
    }
    Ok(conclusion.exit_code())
}

/// The variants `name` picks (lower case): one, or every variant for `None` and `all`.
///
/// # Errors
///
/// [`CliError::input`] naming the scenario's variants when it has none of that name.
pub(crate) fn variants(
    spec: &ScenarioSpec,
    name: Option<&str>,
) -> Result<Vec<&'static VariantSpec>, CliError> {
    match name {
        None | Some("all") => Ok(spec.variants.iter().collect()),
        Some(name) => Ok(vec![spec.variant(name).map_err(CliError::input)?]),
    }
}

/// One config per variant and behaviour, variant-major, with every override of the command line.
fn configs(
    args: &RunArgs,
    spec: &ScenarioSpec,
    variants: &[&VariantSpec],
    behaviours: &[Behaviour],
) -> Vec<RunConfig> {
    let mut out = Vec::new();
    for v in variants {
        for behaviour in behaviours {
            out.push(config(&args.sizing, spec, v, behaviour, args.seed));
        }
    }
    out
}

/// The config of one variant, behaviour and seed with the sizing and parameters of `sizing`:
/// what `timerlab run` and `timerlab sweep` both run.
pub(crate) fn config(
    sizing: &SizingArgs,
    spec: &ScenarioSpec,
    variant: &VariantSpec,
    behaviour: &Behaviour,
    seed: u64,
) -> RunConfig {
    let mut config = RunConfig::new(spec.name, variant.name, behaviour.clone(), seed)
        .with_preset(Preset::from(sizing.preset));
    config.users = sizing.users;
    config.duration = sizing.duration;
    config.sample_every = sizing.sample_every;
    for (k, val) in &sizing.set {
        config = config.with_param(k, val);
    }
    config
}

/// The text report after the runs: scenario and parameters, the behaviours and why, the table,
/// the profile, the determinism check, what did not go as expected, and the result line.
fn text(spec: &ScenarioSpec, runs: &[Run], conclusion: Conclusion, determinism: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "\n{}: {}", spec.name, spec.title);
    if let Some(first) = runs.first() {
        out.push_str(&params(&first.report));
    }
    out.push_str(&behaviours(runs));
    out.push('\n');
    out.push_str(&render_table(runs));
    if let Some(worst) = worst_run(runs) {
        out.push('\n');
        out.push_str(&render_profile(&runs[worst]));
    }
    if determinism {
        let same = runs.iter().filter(|r| !r.nondeterministic()).count();
        let _ = writeln!(
            out,
            "\ndeterminism: every run ran twice; {same} of {} trace hashes identical",
            runs.len()
        );
        let width = runs.iter().map(|r| r.label().chars().count()).max().unwrap_or(0).max(32);
        let _ = writeln!(out, "  {:<width$} {:<16}  second", "run", "first");
        for run in runs {
            let again = run.rerun.map(|h| h.to_string()).unwrap_or_default();
            let verdict = if run.nondeterministic() { "DIFFERENT" } else { "identical" };
            let _ = writeln!(out, "  {:<width$} {}  {again}  {verdict}", run.label(), run.hash);
        }
    }
    let unexpected: Vec<&Run> =
        runs.iter().filter(|r| r.mismatch().is_some() || r.nondeterministic()).collect();
    if !unexpected.is_empty() {
        out.push('\n');
    }
    for run in unexpected {
        let r = &run.report;
        let why = match run.mismatch() {
            Some(m) => format!("{}, expected {} ({})", r.verdict, r.expected, m.name()),
            None => "trace differs between two runs (nondeterminism)".to_owned(),
        };
        let _ = writeln!(out, "UNEXPECTED {}: {why}", run.label());
        let _ = writeln!(out, "  seed={} repro: {}", r.seed, cargo_command(&r.config.repro_command()));
    }
    let expected = runs.iter().filter(|r| r.mismatch().is_none()).count();
    let _ = writeln!(
        out,
        "\nresult: {} run{}, {expected} as expected: {} (exit {})",
        runs.len(),
        if runs.len() == 1 { "" } else { "s" },
        conclusion.name(),
        conclusion.exit_code()
    );
    out
}

/// `behaviour: WHY → SEMANTICS; COSTS`, one line per behaviour, in the order of the table.
fn behaviours(runs: &[Run]) -> String {
    let mut lines: Vec<String> = Vec::new();
    for run in runs {
        let line = format!("behaviour: {}\n", run.report.behaviour.line());
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    lines.concat()
}

/// `params: users=1000 duration=2m ...`, wrapped at about 100 columns.
fn params(report: &RunReport) -> String {
    let mut out = String::new();
    let mut line = String::from("params:");
    for (k, v) in &report.params {
        let item = format!(" {k}={v}");
        if line.len() + item.len() > 100 && line != "params:" {
            let _ = writeln!(out, "{line}");
            line = String::from("       ");
        }
        line.push_str(&item);
    }
    let _ = writeln!(out, "{line}");
    out
}
