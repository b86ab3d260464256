//! The command line that reproduces an invocation of `timerlab run`: the same runs, the same
//! seed, the same overrides — the line printed right after the seed.

use timerlab_sim::{Preset, ScenarioSpec};

use crate::args::{BehaviourArgs, RunArgs, SemanticsArg, GO_ALL};

/// `timerlab run s1 [VARIANT] [--semantics S | --go V [--go-mod V] [--godebug S]] --seed N
/// [overrides...]`, naming only what differs from the defaults (every variant, all three
/// behaviours), with canonical (lower-case) names and the exact release a bare `--go 1.N`
/// stands for, in the order of [`timerlab_sim::RunConfig::repro_command`].
pub(crate) fn repro(args: &RunArgs, spec: &ScenarioSpec, variant: Option<&str>) -> String {
    let mut cmd = format!("timerlab run {}", spec.name);
    if let Some(v) = variant {
        cmd.push_str(&format!(" {v}"));
    }
    cmd.push_str(&behaviour_flags(&args.behaviour));
    cmd.push_str(&format!(" --seed {}", args.seed));
    let sizing = &args.sizing;
    let preset = Preset::from(sizing.preset);
    if preset != Preset::Default {
        cmd.push_str(&format!(" --preset {}", preset.name()));
    }
    if let Some(users) = sizing.users {
        cmd.push_str(&format!(" --users {users}"));
    }
    if let Some(d) = sizing.duration {
        cmd.push_str(&format!(" --duration {d}"));
    }
    if let Some(d) = sizing.sample_every {
        cmd.push_str(&format!(" --sample-every {d}"));
    }
    for (k, v) in &sizing.set {
        cmd.push_str(&format!(" --set {k}={v}"));
    }
    if args.check_determinism {
        cmd.push_str(" --check-determinism");
    }
    cmd
}

/// The behaviour flags as given, canonical: ` --go 1.22.10 --go-mod 1.22`, ` --go all`,
/// ` --semantics both`, or nothing for the default (all three semantics).
pub(crate) fn behaviour_flags(behaviour: &BehaviourArgs) -> String {
    if let Some(program) = behaviour.go.program() {
        program.flags()
    } else if behaviour.go.all() {
        format!(" --go {GO_ALL}")
    } else if behaviour.semantics != SemanticsArg::All {
        format!(" --semantics {}", behaviour.semantics.name())
    } else {
        String::new()
    }
}
