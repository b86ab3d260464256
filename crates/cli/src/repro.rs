//! The command line that reproduces an invocation of `timerlab run`: the same runs, the same
//! seed, the same overrides — the line printed right after the seed.

use timerlab_sim::{Preset, ScenarioSpec};

use crate::args::{RunArgs, SemanticsArg, GO_ALL};

/// `timerlab run s1 [VARIANT] [--semantics S | --go V [--go-mod V] [--godebug S]] --seed N
/// [overrides...]`, naming only what differs from the defaults (every variant, all three
/// behaviours), with canonical (lower-case) names and the exact release a bare `--go 1.N`
/// stands for, in the order of [`timerlab_sim::RunConfig::repro_command`].
pub(crate) fn repro(args: &RunArgs, spec: &ScenarioSpec, variant: Option<&str>) -> String {
    let mut cmd = format!("timerlab run {}", spec.name);
    if let Some(v) = variant {
        cmd.push_str(&format!(" {v}"));
    }
    if let Some(program) = args.go.program() {
        cmd.push_str(&program.flags());
    } else if args.go.all() {
        cmd.push_str(&format!(" --go {GO_ALL}"));
    } else if args.semantics != SemanticsArg::All {
        cmd.push_str(&format!(" --semantics {}", args.semantics.name()));
    }
    cmd.push_str(&format!(" --seed {}", args.seed));
    let preset = Preset::from(args.preset);
    if preset != Preset::Default {
        cmd.push_str(&format!(" --preset {}", preset.name()));
    }
    if let Some(users) = args.users {
        cmd.push_str(&format!(" --users {users}"));
    }
    if let Some(d) = args.duration {
        cmd.push_str(&format!(" --duration {d}"));
    }
    if let Some(d) = args.sample_every {
        cmd.push_str(&format!(" --sample-every {d}"));
    }
    for (k, v) in &args.set {
        cmd.push_str(&format!(" --set {k}={v}"));
    }
    if args.check_determinism {
        cmd.push_str(" --check-determinism");
    }
    cmd
}
