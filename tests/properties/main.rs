//! Property tests (proptest), each with a fixed default seed printed first:
//!
//! | module | property |
//! |---|---|
//! | `differential` | random op scripts: runtime and reference model observe the same, every mode |
//! | `clock_edges` | deadlines and tickers at the edges of the clock: the same on runtime and model |
//! | `leak_bounds` | random seed-loop workloads: live timers stay within each fix's bound |
//! | `parser_fuzz` | random and mutated scripts: no parser panic, every error has a position |
//!
//! `PROPTEST_CASES` (default 1000) and `PROPTEST_RNG_SEED` override the defaults; failures are
//! saved under `tests/properties/proptest-regressions/` and replayed first on the next run.

mod clock_edges;
mod config;
mod differential;
mod leak_bounds;
mod ops;
mod parser_fuzz;
mod report;
