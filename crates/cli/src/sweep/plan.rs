//! The sweep the command line names: its scenario, variants and behaviours resolved as
//! `timerlab run` resolves them, its [`SweepPlan`], and the config of each of its runs, built
//! by `timerlab run`'s own config builder.

use timerlab_report::sweep::SweepPlan;
use timerlab_sim::{find, Behaviour, RunConfig, ScenarioSpec, VariantSpec};

use crate::args::{SizingArgs, SweepArgs};
use crate::behaviour;
use crate::error::CliError;
use crate::repro::behaviour_flags;
use crate::run;

/// A sweep ready to run.
pub(crate) struct Sweep<'a> {
    /// What it runs, as the result file states it.
    pub(crate) plan: SweepPlan,
    spec: &'static ScenarioSpec,
    variants: Vec<&'static VariantSpec>,
    behaviours: Vec<Behaviour>,
    sizing: &'a SizingArgs,
}

impl Sweep<'_> {
    /// The sweep of `args` (not `--merge`).
    ///
    /// # Errors
    ///
    /// [`CliError::input`] for an unknown scenario or variant, a behaviour that does not
    /// resolve, no `--seeds`, or more runs than a sweep may have.
    pub(crate) fn new(args: &SweepArgs) -> Result<Sweep<'_>, CliError> {
        let (Some(scenario), Some(seeds)) = (&args.scenario, args.seeds) else {
            return Err(CliError::input(
                "timerlab sweep needs SCENARIO and --seeds A..B, or --merge FILE...",
            ));
        };
        let spec = find(&scenario.to_ascii_lowercase()).map_err(CliError::input)?;
        let variant = args.variant.as_deref().map(str::to_ascii_lowercase).filter(|v| v != "all");
        let variants = run::variants(spec, variant.as_deref())?;
        let behaviours = behaviour::for_run(args.behaviour.semantics, &args.behaviour.go)?;
        let first = run::config(&args.sizing, spec, variants[0], &behaviours[0], seeds.start);
        let overrides = overrides(&first);
        let mut command = format!("timerlab sweep {}", spec.name);
        if let Some(v) = &variant {
            command.push_str(&format!(" --variant {v}"));
        }
        command.push_str(&behaviour_flags(&args.behaviour));
        command.push_str(&format!(" --seeds {seeds}"));
        if !overrides.is_empty() {
            command.push_str(&format!(" {overrides}"));
        }
        let plan = SweepPlan::new(
            spec.name,
            variants.iter().map(|v| v.name.to_owned()).collect(),
            behaviours.iter().map(|b| b.flags().trim_start().to_owned()).collect(),
            seeds,
            &overrides,
            &command,
        )
        .map_err(CliError::input)?;
        Ok(Sweep { plan, spec, variants, behaviours, sizing: &args.sizing })
    }

    /// The config of run `index`.
    pub(crate) fn config(&self, index: u64) -> RunConfig {
        let cell = self.plan.cell(index);
        run::config(
            self.sizing,
            self.spec,
            self.variants[cell.variant],
            &self.behaviours[cell.behaviour],
            cell.seed,
        )
    }
}

/// What every run shares after its seed, as its repro command writes it (`--preset quick
/// --users 20`): the tail of `RunConfig::repro_command` after `--seed N`, so that whatever the
/// repro command learns to repeat, the sweep's identity includes — and in its canonical order,
/// so that the same sweep written with its flags in another order is the same sweep.
fn overrides(config: &RunConfig) -> String {
    let head = format!(
        "timerlab run {} {}{} --seed {}",
        config.scenario,
        config.variant,
        config.behaviour.flags(),
        config.seed
    );
    let command = config.repro_command();
    command.strip_prefix(&head).unwrap_or(&command).trim_start().to_owned()
}
