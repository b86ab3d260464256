//! Replays the Go oracle's golden traces (`oracle/golden/{async,sync}/*.out`, recorded on real Go
//! 1.23 by `cargo xtask oracle`) against the reference model and the gotime runtime, through the
//! op-script interpreter. No Go is needed here: a trace is real Go's answer, and any difference is
//! a bug in the model or the runtime. See oracle/README.md.

mod golden;
mod manifest;
mod replay;
