//! timerlab's scenarios: Go timer incidents, simulated in virtual time (under turmoil, or on
//! gotime's manual clock), in every timer behaviour, with every fix as a variant.
//!
//! Modules, each importing only those listed above it:
//!
//! | module | concept |
//! |---|---|
//! | `seed.rs` | one seed per run, independent random streams per actor |
//! | `prefetch.rs` | a cache hint: start loading a record without waiting (the events engine) |
//! | `ser.rs` | how the gotime types serialize (semantics by name, Go durations) |
//! | [`Behaviour`] (`behaviour.rs`) | which of Go's timer behaviours a run simulates: asked, and resolved |
//! | [`MemoryModel`] (`memory.rs`) | the simulated server's memory and its budget |
//! | [`RunVerdict`] (`verdict.rs`) | BOUNDED / LEAK / OOM-LOOP / SPURIOUS-TIMEOUT / HANG, and how it is decided |
//! | [`TraceEvent`] (`event.rs`) | what happened at one instant of virtual time |
//! | `api.rs` | the run API's types: [`RunConfig`] in, [`RunReport`] out |
//! | [`render_trace`] (`trace.rs`) | the fixed-column text of a run |
//! | [`scenarios`](crate::scenarios()) (`scenarios/`) | the registry; one module per scenario (S1, S2, S3) |
//! | [`run`](crate::run()) (`run.rs`) | the entry point: a config in, its scenario's report out |
//!
//! ```no_run
//! use gotime::Semantics;
//! use timerlab_sim::{render_trace, run, RunConfig};
//!
//! let config = RunConfig::new("s1", "leaky", Semantics::Async, 7);
//! let report = run(&config, &mut |_, _| {}).expect("a valid config");
//! print!("{}", render_trace(&report));
//! ```
//!
//! docs/SCENARIOS.md describes the scenarios, the memory model and the trace columns.

mod api;
mod behaviour;
mod event;
mod memory;
mod prefetch;
mod run;
mod scenarios;
pub mod seed;
mod ser;
mod trace;
mod verdict;

pub use api::{ConfigError, Preset, RunConfig, RunReport, Sample, SiteProfile};
pub use behaviour::{go_all, Behaviour, BehaviourError, GoBuild, ResolvedBehaviour, KNOWN_RELEASES};
pub use event::{Event, FaultPhase, TraceEvent};
pub use memory::{MemoryModel, Usage};
pub use run::run;
pub use scenarios::spec::{ParamSpec, RunFn, ScenarioSpec, VariantSpec};
pub use scenarios::{find, scenarios, SCENARIOS};
pub use trace::render_trace;
pub use verdict::{decide, Hang, RunEvidence, RunVerdict, VerdictKind};
