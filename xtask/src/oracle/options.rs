//! `cargo xtask oracle`'s command line.

pub(super) const USAGE: &str =
    "usage: cargo xtask oracle [--go 1.26.6,1.27.3|PATH] [--check] [--runs N] [--jobs N] \
                     [--quantum 25ms] | cargo xtask oracle --table";

/// Command-line options.
pub struct Options {
    pub(super) check: bool,
    pub(super) table: bool,
    pub(super) runs: usize,
    pub(super) jobs: usize,
    pub(super) quantum: String,
    pub(super) go: Vec<String>,
}

/// Reads the command line.
pub(super) fn parse_args(args: &[String]) -> Result<Options, String> {
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
