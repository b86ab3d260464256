//! [`SweepPlan`]: what a sweep runs — one scenario, its variants × behaviours × seeds with the
//! same overrides — and the order of its runs. Two result files are shards of one sweep exactly
//! when their plans are equal.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::seeds::SeedRange;

/// The most runs one sweep may plan: each run's record is kept until the summary is printed
/// (a few hundred bytes), and a sweep that long is a CI matrix of several sweeps anyway.
pub const MAX_RUNS: u64 = 1_000_000;

/// A sweep: every seed × variant × behaviour, numbered seed by seed, then variant by variant,
/// then behaviour by behaviour (the order of `timerlab run`'s table within one seed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepPlan {
    /// Scenario name, as the registry spells it.
    pub scenario: String,
    /// The variants, in the registry's order.
    pub variants: Vec<String>,
    /// The flags that name each behaviour: `--semantics async`, `--go 1.26.6 --go-mod 1.22`.
    pub behaviours: Vec<String>,
    /// The seeds.
    pub seeds: SeedRange,
    /// The flags every run shares after its seed, as its repro command writes them
    /// (`--preset quick --users 20`); empty when none.
    pub overrides: String,
    /// seeds × variants × behaviours.
    pub runs: u64,
    /// The command that runs the whole sweep: `timerlab sweep s1 --seeds 0..100 ...`.
    pub command: String,
}

/// The seed, variant and behaviour of one run of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The seed.
    pub seed: u64,
    /// Index in [`SweepPlan::variants`].
    pub variant: usize,
    /// Index in [`SweepPlan::behaviours`].
    pub behaviour: usize,
}

/// A plan of more than [`MAX_RUNS`] runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooManyRuns {
    /// The seeds asked for.
    pub seeds: SeedRange,
    /// Runs per seed: variants × behaviours.
    pub per_seed: u64,
}

impl fmt::Display for TooManyRuns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "--seeds {} with {} runs per seed is more than {MAX_RUNS} runs: a sweep may span at most \
             {} seeds here; split it into several sweeps",
            self.seeds,
            self.per_seed,
            MAX_RUNS / self.per_seed
        )
    }
}

impl std::error::Error for TooManyRuns {}

impl SweepPlan {
    /// The plan of `variants` × `behaviours` (both non-empty) over `seeds`.
    ///
    /// # Errors
    ///
    /// [`TooManyRuns`] above [`MAX_RUNS`].
    ///
    /// # Panics
    ///
    /// When `variants` or `behaviours` is empty: a scenario has variants, and a behaviour flag
    /// names at least one behaviour.
    pub fn new(
        scenario: &str,
        variants: Vec<String>,
        behaviours: Vec<String>,
        seeds: SeedRange,
        overrides: &str,
        command: &str,
    ) -> Result<SweepPlan, TooManyRuns> {
        assert!(!variants.is_empty() && !behaviours.is_empty(), "a sweep runs at least one config per seed");
        let per_seed = (variants.len() * behaviours.len()) as u64;
        let runs = seeds.len().checked_mul(per_seed).filter(|&runs| runs <= MAX_RUNS);
        let runs = runs.ok_or(TooManyRuns { seeds, per_seed })?;
        Ok(SweepPlan {
            scenario: scenario.to_owned(),
            variants,
            behaviours,
            seeds,
            overrides: overrides.to_owned(),
            runs,
            command: command.to_owned(),
        })
    }

    /// The seed, variant and behaviour of run `index` (in `0..runs`).
    pub fn cell(&self, index: u64) -> Cell {
        let behaviours = self.behaviours.len() as u64;
        let per_seed = self.variants.len() as u64 * behaviours;
        let within = index % per_seed;
        Cell {
            seed: self.seeds.start + index / per_seed,
            variant: (within / behaviours) as usize,
            behaviour: (within % behaviours) as usize,
        }
    }

    /// The first way `other` is another sweep: what differs, this plan's value and `other`'s;
    /// `None` when it is the same sweep.
    pub fn difference(&self, other: &SweepPlan) -> Option<Difference> {
        let fields = [
            ("scenario", self.scenario.clone(), other.scenario.clone()),
            ("variants", self.variants.join(","), other.variants.join(",")),
            ("behaviours", self.behaviours.join(", "), other.behaviours.join(", ")),
            ("seeds", self.seeds.to_string(), other.seeds.to_string()),
            ("overrides", quoted(&self.overrides), quoted(&other.overrides)),
            ("runs", self.runs.to_string(), other.runs.to_string()),
            ("command", quoted(&self.command), quoted(&other.command)),
        ];
        fields.into_iter().find(|(_, a, b)| a != b).map(|(what, this, other)| Difference {
            what,
            this,
            other,
        })
    }
}

/// How two plans differ: the first field that does, and its two values as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// `scenario`, `variants`, `behaviours`, `seeds`, `overrides`, `runs` or `command`.
    pub what: &'static str,
    /// This plan's value.
    pub this: String,
    /// The other plan's value.
    pub other: String,
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(seeds: &str) -> Result<SweepPlan, TooManyRuns> {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        SweepPlan::new(
            "s1",
            names(&["leaky", "stop"]),
            names(&["--semantics async", "--semantics async-collected", "--semantics sync"]),
            seeds.parse().unwrap(),
            "--preset quick",
            "timerlab sweep s1 --seeds 10..12 --preset quick",
        )
    }

    #[test]
    fn runs_go_seed_by_seed_then_variant_then_behaviour() {
        let plan = plan("10..12").unwrap();
        assert_eq!(plan.runs, 12);
        let cells: Vec<(u64, usize, usize)> =
            (0..plan.runs).map(|i| plan.cell(i)).map(|c| (c.seed, c.variant, c.behaviour)).collect();
        assert_eq!(&cells[..4], [(10, 0, 0), (10, 0, 1), (10, 0, 2), (10, 1, 0)]);
        assert_eq!(cells[6], (11, 0, 0));
        assert_eq!(cells[11], (11, 1, 2));
    }

    #[test]
    fn a_sweep_of_more_than_max_runs_is_refused_with_the_seeds_it_may_span() {
        assert_eq!(plan("0..166666").unwrap().runs, 999_996);
        let e = plan("0..166667").unwrap_err();
        assert_eq!(
            e.to_string(),
            "--seeds 0..166667 with 6 runs per seed is more than 1000000 runs: a sweep may span at \
             most 166666 seeds here; split it into several sweeps"
        );
        assert!(plan("0..18446744073709551615").is_err(), "no overflow");
    }

    #[test]
    fn the_difference_names_the_first_field_that_differs() {
        let a = plan("10..12").unwrap();
        assert_eq!(a.difference(&a.clone()), None);
        let d = a.difference(&plan("10..14").unwrap()).unwrap();
        assert_eq!((d.what, d.this.as_str(), d.other.as_str()), ("seeds", "10..12", "10..14"));
        let mut b = a.clone();
        b.overrides = "--preset quick --users 20".into();
        let d = a.difference(&b).unwrap();
        assert_eq!(
            (d.what, d.this.as_str(), d.other.as_str()),
            ("overrides", "\"--preset quick\"", "\"--preset quick --users 20\"")
        );
    }
}
