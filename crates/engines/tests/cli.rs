//! `timerlab conform`'s library side: arguments as clap parses them, output and exit status.

use clap::Parser;
use timerlab_engines::cli::{run, ConformArgs, EXIT_BAD_INPUT, EXIT_CONFORMS, EXIT_DOES_NOT_CONFORM};

/// The subcommand as the `timerlab` binary mounts it.
#[derive(Debug, Parser)]
struct Cli {
    #[command(flatten)]
    args: ConformArgs,
}

fn parse(argv: &[&str]) -> Result<ConformArgs, clap::Error> {
    Cli::try_parse_from(std::iter::once("conform").chain(argv.iter().copied())).map(|c| c.args)
}

fn conform(argv: &[&str]) -> (i32, String) {
    let args = parse(argv).expect("valid arguments");
    let mut out = Vec::new();
    let code = run(&args, &mut out);
    (code, String::from_utf8(out).expect("UTF-8 output"))
}

#[test]
fn the_model_claiming_sync_conforms_and_prints_its_table() {
    let (code, out) = conform(&["--engine", "model", "--semantics", "sync"]);
    assert_eq!(code, EXIT_CONFORMS, "{out}");
    assert!(out.starts_with("conformance of model: "), "{out}");
    assert!(out.contains("claimed semantics: sync"), "{out}");
    assert!(out.contains("  Stop after expiry, value not received (#14038 #37196)"), "{out}");
}

#[test]
fn tokio_claiming_sync_does_not_conform_and_diff_shows_why() {
    let (code, out) = conform(&["--engine", "tokio", "--semantics", "sync", "--diff"]);
    assert_eq!(code, EXIT_DOES_NOT_CONFORM, "{out}");
    assert!(
        out.starts_with(
            "conformance of tokio: tokio::time::sleep_until in a spawned task + mpsc channel(1), paused clock\n"
        ),
        "the subject's description heads the report: {out}"
    );
    assert!(out.contains("differs from"), "{out}");
    assert!(out.contains("- stop t = true\n+ stop t = false"), "{out}");
    // Each diff names where its expectation comes from: real Go's trace, or one derived by hand.
    assert!(out.contains(" (sync mode) differs from oracle/golden/go1.23.5/asynctimerchan=0/"), "{out}");
    assert!(out.contains(".out (go): `-` expected, `+` tokio"), "{out}");
    assert!(out.contains(".sync.out (derived): `-` expected, `+` tokio"), "{out}");
}

#[test]
fn without_semantics_the_matrix_is_printed_and_tokio_conforms_to_one_mode() {
    let (code, out) = conform(&["--engine", "tokio"]);
    assert_eq!(code, EXIT_CONFORMS, "{out}");
    assert!(out.contains("matches"), "{out}");
    assert!(out.contains("rows by verdict: all "), "{out}");
    assert!(out.contains("async-collected"), "a column per behaviour:\n{out}");
}

#[test]
fn the_runtime_claiming_async_collected_conforms() {
    let (code, out) = conform(&["--engine", "runtime", "--semantics", "async-collected"]);
    assert_eq!(code, EXIT_CONFORMS, "{out}");
    assert!(out.contains("claimed semantics: async-collected"), "{out}");
}

#[test]
fn the_same_arguments_print_the_same_bytes() {
    assert_eq!(conform(&["--engine", "runtime"]), conform(&["--engine", "runtime"]));
}

#[test]
fn a_root_without_scripts_is_bad_input_and_prints_nothing() {
    let (code, out) = conform(&["--engine", "model", "--root", "/nonexistent/timerlab"]);
    assert_eq!((code, out.as_str()), (EXIT_BAD_INPUT, ""));
}

#[test]
fn unknown_engines_and_semantics_are_rejected_with_the_valid_values() {
    let err = parse(&["--engine", "gotime"]).unwrap_err().to_string();
    assert!(err.contains("futures-timer"), "{err}");
    let err = parse(&["--engine", "model", "--semantics", "both"]).unwrap_err().to_string();
    assert!(err.contains("async") && err.contains("async-collected") && err.contains("sync"), "{err}");
    for semantics in ["async", "async-collected", "sync"] {
        assert!(parse(&["--engine", "futures-timer", "--semantics", semantics]).is_ok(), "{semantics}");
    }
}
