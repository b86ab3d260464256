//! Faults not caused by the program: network holds, partitions, latency spikes and message loss
//! between S1's client hosts and its server, and crashes of the process, as a seeded schedule in
//! a scenario parameter (`--set faults=hold:30s@1m,crash@90s`, or `random:RATE`).
//! docs/SCENARIOS.md, "Faults", gives the grammar and what each fault does to the timers.
//!
//! | module | what |
//! |---|---|
//! | `fault` | one fault: its kind, time and printed form |
//! | `plan` | a run's faults ([`FaultPlan`]), and the hold a scenario asks about |
//! | `rules` | what a scenario's faults may be, and what a random schedule draws |
//! | `grammar` | the parameter's text: parsing, checks, one-line errors |
//! | `random` | a seeded random schedule at a rate |
//! | `schedule` | the walk through a plan ([`Schedule`]): what is due between two steps |
//! | `network` | applying a network fault to a turmoil simulation's links |
//!
//! The harness applies what is due between turmoil steps (network faults through `network`,
//! crashes as the supervisor); a scenario that models a fault inside its process (S2's hold)
//! asks the plan.

mod fault;
mod grammar;
pub(crate) mod network;
mod plan;
mod random;
mod rules;
mod schedule;

pub(crate) use fault::{Fault, FaultKind, KINDS};
pub(crate) use plan::FaultPlan;
pub(crate) use rules::{RandomFaults, Rules};
pub(crate) use schedule::{Change, Schedule};
