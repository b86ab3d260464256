//! What `cargo install` users get besides the commands: `--version`, the completion scripts and
//! the man page, all generated from the same clap definitions as the parser.

use super::{run, run_in, scratch};

/// Every subcommand a user can type, as `timerlab --help` lists them.
const SUBCOMMANDS: [&str; 8] = ["run", "sweep", "list", "replay", "conform", "lint", "completions", "man"];

#[test]
fn version_prints_the_package_version() {
    let out = run(&["--version"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, concat!("timerlab ", env!("CARGO_PKG_VERSION"), "\n")));
}

#[test]
fn each_shell_gets_a_completion_script_naming_every_subcommand() {
    for (shell, marker) in
        [("bash", "complete -F _timerlab"), ("zsh", "#compdef timerlab"), ("fish", "complete -c timerlab")]
    {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {out:?}");
        assert!(out.stdout.contains(marker), "{shell} script lacks {marker:?}");
        for sub in SUBCOMMANDS {
            assert!(out.stdout.contains(sub), "{shell} script lacks {sub}");
        }
        assert!(out.stdout.contains("semantics"), "{shell} script lacks --semantics");
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let out = run(&["completions", "bash"]);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let script = dir.join("timerlab.bash");
    std::fs::write(&script, &out.stdout).expect("written");
    // Every machine that runs this suite has bash (.ci/run is a bash script).
    let status = std::process::Command::new("bash").arg("-n").arg(&script).status().expect("bash runs");
    assert!(status.success(), "bash -n rejects the completion script");
}

#[test]
fn an_unknown_shell_is_one_line_naming_the_valid_ones() {
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    for shell in ["bash", "zsh", "fish"] {
        assert!(out.stderr.contains(shell), "{}", out.stderr);
    }
}

#[test]
fn the_man_page_is_section_1_with_the_version_and_every_subcommand() {
    let out = run(&["man"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains(".TH timerlab 1"), "no title line:\n{}", out.stdout);
    assert!(out.stdout.contains(concat!("timerlab ", env!("CARGO_PKG_VERSION"))), "no version");
    assert!(out.stdout.contains(".SH SUBCOMMANDS"), "no SUBCOMMANDS section");
    for sub in SUBCOMMANDS {
        assert!(out.stdout.contains(&format!("timerlab\\-{sub}")), "man page lacks {sub}");
    }
}

#[test]
fn man_out_writes_a_page_per_subcommand_so_its_references_resolve() {
    let dir = scratch("man_out");
    let out = run_in(&dir, &["man", "--out", "pages"]);
    assert_eq!(out.code, 0, "{out:?}");
    let page = |name: &str| std::fs::read_to_string(dir.join("pages").join(name));
    assert!(page("timerlab.1").is_ok_and(|text| text.contains(".TH timerlab 1")));
    for sub in SUBCOMMANDS {
        let name = format!("timerlab-{sub}.1");
        assert!(page(&name).is_ok_and(|text| text.contains(&format!(".TH timerlab-{sub} 1"))), "{name}");
    }
}
