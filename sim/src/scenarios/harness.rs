//! The harness: steps a turmoil simulation to the end of the run, plays the supervisor (kills
//! the process when its monitor reports an OOM, restarts it after a back-off), applies the
//! run's scheduled faults between steps, samples the gauge into the trace and reports
//! progress. [`Record`] is that bookkeeping on its own, for S1's event engine, which runs its
//! steps without turmoil.

use gotime::GoDuration;

use super::faults::network::Links;
use super::faults::{Change, Fault, FaultKind, FaultPlan, Schedule};
use super::process::SharedGauge;
use super::spec::VariantSpec;
use crate::api::{ConfigError, RunConfig, RunReport, Sample, SiteProfile};
use crate::behaviour::ResolvedBehaviour;
use crate::event::{Event, FaultPhase, TraceEvent};
use crate::verdict::{decide, RunEvidence};

/// What the harness needs to know about a run.
pub(crate) struct HarnessConfig<'a> {
    /// Virtual time to simulate.
    pub end: GoDuration,
    /// Virtual time between two samples.
    pub sample_every: GoDuration,
    /// The host the supervisor kills and restarts.
    pub server: &'static str,
    /// The supervisor's back-off between a kill and the restart.
    pub restart_backoff: GoDuration,
    /// Users the load generator has started by a given time.
    pub users_at: &'a dyn Fn(GoDuration) -> u32,
    /// Seed, for the message of an internal failure.
    pub seed: u64,
    /// The run's faults (none without the `faults` parameter).
    pub faults: &'a FaultPlan,
    /// The links the network faults act on; `None` when the scenario has no network (its
    /// faults act inside its process, and the harness only records when they begin and end).
    pub links: Option<Links<'a>>,
}

/// What the harness observed.
pub(crate) struct Observations {
    /// One sample per `sample_every`, plus one at the end.
    pub samples: Vec<Sample>,
    /// The supervisor's and the process's events, in time order.
    pub events: Vec<TraceEvent>,
    /// Kills, each followed by a restart after the back-off.
    pub restarts: u32,
    /// Virtual time simulated.
    pub simulated: GoDuration,
    /// The simulator cap, when it stopped the run.
    pub cap: Option<u64>,
}

/// The virtual time between two trace samples of a run of `duration`: the config's
/// `--sample-every`, or 40 samples per run.
///
/// # Errors
///
/// A `--sample-every` that is zero or negative.
pub(crate) fn sample_every(config: &RunConfig, duration: GoDuration) -> Result<GoDuration, ConfigError> {
    match config.sample_every {
        Some(d) if d.is_positive() => Ok(d),
        Some(d) => Err(ConfigError::invalid("sample-every", d, "a positive Go duration")),
        None => Ok(GoDuration::from_nanos(duration.as_nanos() / 40)),
    }
}

/// Steps `sim` until `cfg.end` (or the simulator cap), acting as the process's supervisor.
///
/// # Panics
///
/// When turmoil reports that a host's software failed: the scenarios' hosts never return an
/// error, so this is a bug in a scenario; the message names the seed.
pub(crate) fn drive(
    sim: &mut turmoil::Sim<'_>,
    gauge: &SharedGauge,
    cfg: &HarnessConfig<'_>,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Observations {
    let mut record = Record::new(cfg);
    let mut faults = Schedule::new(cfg.faults);
    loop {
        if let Err(e) = sim.step() {
            panic!("the simulation failed: {e} (seed={})", cfg.seed);
        }
        let now = GoDuration::from(sim.elapsed());
        let oom = gauge.borrow_mut().oom.take();
        if let Some(kill) = oom {
            sim.crash(cfg.server);
            gauge.borrow_mut().end_life();
            record.killed(now, kill);
        }
        // A fault takes effect at the end of the step in which its time falls.
        for change in faults.due(now) {
            apply(sim, gauge, cfg, &mut record, now, change);
        }
        if record.restart_due(now) {
            // The new life announces itself (Event::Up) when its software starts.
            sim.bounce(cfg.server);
        }
        if let Some(observed) = record.after_step(gauge, now, progress) {
            return observed;
        }
    }
}

/// One change of the fault schedule, between two steps at `now`: a crash kills the process if
/// it is up (the supervisor restarts it after its back-off, as after an OOM kill, but it is not
/// an OOM restart); a network fault changes the links.
fn apply(
    sim: &mut turmoil::Sim<'_>,
    gauge: &SharedGauge,
    cfg: &HarnessConfig<'_>,
    record: &mut Record<'_>,
    now: GoDuration,
    change: Change,
) {
    match change {
        Change::Begins(fault @ Fault { kind: FaultKind::Crash, .. }) => {
            if !gauge.borrow().up {
                return record.fault(now, &fault, FaultPhase::Skipped);
            }
            sim.crash(cfg.server);
            gauge.borrow_mut().end_life();
            record.crashed(now, &fault);
        }
        Change::Begins(fault) => {
            if let Some(links) = &cfg.links {
                links.begin(sim, fault.kind);
            }
            record.fault(now, &fault, FaultPhase::Begins);
        }
        Change::Ends(fault) => {
            if let Some(links) = &cfg.links {
                links.end(sim, fault.kind);
            }
            record.fault(now, &fault, FaultPhase::Ends);
        }
    }
}

/// The supervisor's and the sampler's bookkeeping between two steps, whatever runs the steps
/// (turmoil here, S1's event engine): kills and restarts, a sample every `sample_every` (and one
/// at the end), progress every 1/200 of the run.
pub(crate) struct Record<'a> {
    cfg: &'a HarnessConfig<'a>,
    events: Vec<TraceEvent>,
    samples: Vec<Sample>,
    restarts: u32,
    restart_at: Option<GoDuration>,
    next_sample: GoDuration,
    progress_every: GoDuration,
    next_progress: GoDuration,
}

impl<'a> Record<'a> {
    pub(crate) fn new(cfg: &'a HarnessConfig<'a>) -> Record<'a> {
        Record {
            cfg,
            events: Vec::new(),
            samples: Vec::new(),
            restarts: 0,
            restart_at: None,
            next_sample: GoDuration::ZERO,
            progress_every: GoDuration::from_nanos((cfg.end.as_nanos() / 200).max(1)),
            next_progress: GoDuration::ZERO,
        }
    }

    /// The process was killed at `now` for `kill`: the restart is due after the back-off.
    pub(crate) fn killed(&mut self, now: GoDuration, kill: Event) {
        self.events.push(TraceEvent { at: now, event: kill });
        self.restarts += 1;
        self.restart_at = Some(now.saturating_add(self.cfg.restart_backoff));
    }

    /// The process was crashed at `now` by a scheduled fault: the restart is due after the
    /// back-off; it is not an OOM restart.
    pub(crate) fn crashed(&mut self, now: GoDuration, fault: &Fault) {
        self.fault(now, fault, FaultPhase::Begins);
        self.restart_at = Some(now.saturating_add(self.cfg.restart_backoff));
    }

    /// A scheduled fault began, ended, or did nothing at `now`.
    pub(crate) fn fault(&mut self, now: GoDuration, fault: &Fault, phase: FaultPhase) {
        self.events.push(TraceEvent { at: now, event: Event::Fault { fault: fault.label(), phase } });
    }

    /// `true`, once, when the restart is due by `now`.
    pub(crate) fn restart_due(&mut self, now: GoDuration) -> bool {
        let due = self.restart_at.is_some_and(|at| now >= at);
        if due {
            self.restart_at = None;
        }
        due
    }

    /// After a step that ended at `now`: samples and reports progress; the observations when the
    /// run is over (its end, or the simulator cap).
    pub(crate) fn after_step(
        &mut self,
        gauge: &SharedGauge,
        now: GoDuration,
        progress: &mut dyn FnMut(GoDuration, GoDuration),
    ) -> Option<Observations> {
        let cfg = self.cfg;
        let cap = gauge.borrow().cap_hit;
        let done = now >= cfg.end || cap.is_some();
        if now >= self.next_sample || done {
            self.samples.push(sample(gauge, now, (cfg.users_at)(now), self.restarts));
            if self.next_sample <= now {
                // Jump straight to the first sample time after now: a sample interval far below
                // the tick must not cost a loop iteration per interval.
                let behind = now.as_nanos() - self.next_sample.as_nanos();
                let steps = behind / cfg.sample_every.as_nanos() + 1;
                self.next_sample = self.next_sample.saturating_add(cfg.sample_every.saturating_mul(steps));
            }
        }
        if now >= self.next_progress || done {
            progress(now.min(cfg.end), cfg.end);
            self.next_progress = self.next_progress.saturating_add(self.progress_every);
        }
        if !done {
            return None;
        }
        let mut events = std::mem::take(&mut self.events);
        events.append(&mut gauge.borrow_mut().events);
        // Stable: events of one instant keep the order they happened in.
        events.sort_by_key(|e| e.at);
        if let Some((live, cap)) = cap {
            debug_assert!(events.iter().any(|e| e.event == Event::SimMemoryCap { live, cap }));
        }
        let samples = std::mem::take(&mut self.samples);
        Some(Observations {
            samples,
            events,
            restarts: self.restarts,
            simulated: now,
            cap: cap.map(|(_, c)| c),
        })
    }
}

fn sample(gauge: &SharedGauge, at: GoDuration, users: u32, restarts: u32) -> Sample {
    let g = gauge.borrow();
    Sample {
        at,
        users,
        connections: g.connections as u32,
        tasks: g.tasks as u32,
        live: g.live,
        memory: g.memory,
        restarts,
        timeouts: g.timeouts,
        spurious: g.spurious,
    }
}

/// The resolved parameters as a report lists them: `faults` only when the run has faults and
/// `procs` only above one, so the header of an ordinary run carries neither.
pub(crate) fn listed(params: Vec<(String, String)>) -> Vec<(String, String)> {
    let quiet = |name: &str, value: &str| matches!((name, value.trim()), ("faults", "none") | ("procs", "1"));
    params.into_iter().filter(|(name, value)| !quiet(name, value)).collect()
}

/// What a scenario adds to the harness's [`Observations`] to make its [`RunReport`].
pub(crate) struct ReportHeader<'a> {
    pub scenario: &'static str,
    pub variant: &'a VariantSpec,
    pub config: &'a RunConfig,
    /// What the config's behaviour resolved to: what the runtimes were built with.
    pub behaviour: ResolvedBehaviour,
    pub params: Vec<(String, String)>,
    /// The memory budget, for scenarios whose host can be killed for exceeding one.
    pub budget: Option<u64>,
}

/// The report of a finished run: the harness's observations, the gauge's totals and the verdict.
pub(crate) fn report(observed: Observations, gauge: &SharedGauge, header: ReportHeader<'_>) -> RunReport {
    let g = gauge.borrow();
    let evidence = RunEvidence {
        sim_cap: observed.cap,
        restarts: observed.restarts,
        peak_excess: g.peak_excess,
        rise_per_minute: g.rise_per_minute(),
        spurious: g.spurious,
    };
    let config = header.config;
    RunReport {
        scenario: header.scenario.to_owned(),
        variant: header.variant.name.to_owned(),
        semantics: header.behaviour.semantics,
        seed: config.seed,
        config: config.clone(),
        params: header.params,
        simulated: observed.simulated,
        samples: observed.samples,
        events: observed.events,
        verdict: decide(&evidence),
        expected: header.variant.expected(header.behaviour.semantics),
        peak_live: g.peak_live,
        peak_memory: g.peak_memory,
        budget: header.budget,
        restarts: observed.restarts,
        messages: g.messages,
        timeouts: g.timeouts,
        spurious_timeouts: g.spurious,
        missed_timeouts: g.missed,
        over_bound_checks: g.over_bound_checks,
        sites: g.sites.clone(),
        end_sites: g.last_sites.iter().map(SiteProfile::from).collect(),
        behaviour: header.behaviour,
    }
}
