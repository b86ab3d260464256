//! The determinism check `cargo xtask test` runs (docs/TESTING.md, "Hardening").
//!
//! ```text
//! cargo run --release -p timerlab --example determinism -- [--seeds 7,1,99] [--preset quick|default] [--jobs N]
//! ```
//!
//! Every registered scenario × every variant × every behaviour (async, async-collected, sync) ×
//! every seed (× every engine a scenario offers, S1's `engine=events`, which also runs on three Ps,
//! `procs=3`; and sync as go1.23.1
//! builds it, with golang/go#69312's race) runs twice in this process, through the library
//! (`timerlab_sim::run`), and the two runs' full traces are
//! compared: the rendered trace and the JSON of the whole report (every sample, event and
//! site), hashed with [`TraceHash`]. A difference prints the first differing line of the two
//! traces and the command that reproduces the run, and the process exits with 1. Each seed is
//! checked on its own: a seed whose two runs agree is reproducible, whatever the other seeds do.
//!
//! Runs are independent, so they are spread over `--jobs` threads (default 2); the results are
//! reported in the registry's order, whatever order the threads finish in.

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use gotime::Semantics;
use timerlab_report::{cargo_command, TraceHash};
use timerlab_sim::{render_trace, run, scenarios, Behaviour, GoBuild, Preset, RunConfig, RunReport};

/// Seeds checked when `--seeds` is not given: the CLI's default seed and two others.
const DEFAULT_SEEDS: [u64; 3] = [7, 1, 0x5eed_0000_0000_0013];

struct Options {
    seeds: Vec<u64>,
    preset: Preset,
    jobs: usize,
}

fn options() -> Result<Options, String> {
    let mut opts = Options { seeds: DEFAULT_SEEDS.to_vec(), preset: Preset::Quick, jobs: 2 };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--seeds" => {
                opts.seeds = value()?
                    .split(',')
                    .map(|s| s.trim().parse::<u64>().map_err(|e| format!("invalid seed {s:?}: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--preset" => {
                opts.preset = match value()?.as_str() {
                    "quick" => Preset::Quick,
                    "default" => Preset::Default,
                    other => return Err(format!("invalid preset {other:?} (valid: quick, default)")),
                }
            }
            "--jobs" => {
                let v = value()?;
                opts.jobs = v.parse().ok().filter(|&n| n >= 1).ok_or(format!("invalid --jobs {v:?}"))?;
            }
            other => return Err(format!("unknown argument {other:?} (valid: --seeds, --preset, --jobs)")),
        }
    }
    if opts.seeds.is_empty() {
        return Err("--seeds needs at least one seed".to_owned());
    }
    Ok(opts)
}

/// Both runs of one config, or the error the config gave.
type Twice = Result<(RunReport, RunReport), String>;

fn main() -> ExitCode {
    let opts = match options() {
        Ok(opts) => opts,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let mut configs = Vec::new();
    for seed in &opts.seeds {
        for spec in scenarios() {
            let base = spec.all_configs(*seed, opts.preset);
            // Every other engine a scenario offers (its `engine` parameter) is checked as well.
            let engines = spec.params.iter().filter(|p| p.name == "engine");
            let others: Vec<&str> = engines
                .flat_map(|p| p.range.split('|').map(str::trim).filter(move |e| *e != p.default))
                .collect();
            let on_others: Vec<RunConfig> =
                others.iter().flat_map(|e| base.iter().map(|c| c.clone().with_param("engine", e))).collect();
            // The other engines on several Ps too (S1's `procs`): a thread per P, more threads
            // than this machine's cores, must not change a trace.
            let on_ps: Vec<RunConfig> = match spec.params.iter().any(|p| p.name == "procs") {
                true => on_others.iter().map(|c| c.clone().with_param("procs", "3")).collect(),
                false => Vec::new(),
            };
            // Sync runs also run as go1.23.1 builds them, with golang/go#69312's race (S3's hang).
            let on_go_1_23_1: Vec<RunConfig> = base
                .iter()
                .filter(|c| c.behaviour == Behaviour::Semantics(Semantics::Sync))
                .map(|c| RunConfig { behaviour: GoBuild::new("1.23.1").into(), ..c.clone() })
                .collect();
            configs.extend(base);
            configs.extend(on_others);
            configs.extend(on_ps);
            configs.extend(on_go_1_23_1);
        }
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Twice>>> = Mutex::new(vec![None; configs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs.min(configs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(config) = configs.get(i) else { break };
                let both = twice(config);
                results.lock().expect("no thread panics while holding the lock")[i] = Some(both);
            });
        }
    });
    let results = results.into_inner().expect("every thread finished");

    let mut failures = 0;
    for (config, both) in configs.iter().zip(results) {
        let repro = cargo_command(&format!("{} --check-determinism", config.repro_command()));
        match both.expect("every config ran") {
            Err(message) => {
                failures += 1;
                println!("FAILED {}: {message}\n  repro: {repro}", label(config));
            }
            Ok((a, b)) => {
                let (ha, hb) = (TraceHash::of(&a), TraceHash::of(&b));
                if ha != hb {
                    failures += 1;
                    println!("NONDETERMINISTIC {}: trace hashes {ha} and {hb}", label(config));
                    println!("{}", first_difference(&a, &b));
                    println!("  seed={} repro: {repro}", config.seed);
                }
            }
        }
    }
    let per_seed = configs.len() / opts.seeds.len();
    if failures == 0 {
        println!(
            "determinism: {} runs x 2, {} seeds: ok ({per_seed} configs per seed, {} preset)",
            configs.len(),
            opts.seeds.len(),
            opts.preset.name()
        );
        ExitCode::SUCCESS
    } else {
        println!(
            "determinism: {} runs x 2, {} seeds: FAILED ({failures} of {} differ)",
            configs.len(),
            opts.seeds.len(),
            configs.len()
        );
        ExitCode::FAILURE
    }
}

fn label(c: &RunConfig) -> String {
    let params: String = c.params.iter().map(|(k, v)| format!(" {k}={v}")).collect();
    let behaviour = c.behaviour.flags();
    format!("{}/{}{behaviour} seed={}{params}", c.scenario, c.variant, c.seed)
}

/// Runs `config` twice from scratch.
fn twice(config: &RunConfig) -> Twice {
    let once = || run(config, &mut |_, _| {}).map_err(|e| e.to_string());
    Ok((once()?, once()?))
}

/// The full trace of a run, line by line: the rendered trace, then the pretty JSON of the whole
/// report (everything the hash covers).
fn full_trace(r: &RunReport) -> Vec<String> {
    let mut lines: Vec<String> = render_trace(r).lines().map(|l| format!("trace: {l}")).collect();
    // Serializing the report's plain types into memory cannot fail.
    let json = serde_json::to_string_pretty(r).expect("a RunReport serializes");
    lines.extend(json.lines().map(|l| format!("json: {l}")));
    lines
}

/// `  first difference at line N:\n    first run:  ...\n    second run: ...`.
fn first_difference(a: &RunReport, b: &RunReport) -> String {
    let (la, lb) = (full_trace(a), full_trace(b));
    let missing = "<end of trace>".to_owned();
    for i in 0..la.len().max(lb.len()) {
        let (x, y) = (la.get(i).unwrap_or(&missing), lb.get(i).unwrap_or(&missing));
        if x != y {
            return format!(
                "  first difference at line {}:\n    first run:  {x}\n    second run: {y}",
                i + 1
            );
        }
    }
    "  the hashes differ but no line does (the hash and the lines cover the same data)".to_owned()
}
