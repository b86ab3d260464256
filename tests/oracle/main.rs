//! Replays the Go oracle's golden traces (`oracle/golden/<release>/<setting>/*.out`, recorded on
//! real Go releases by `cargo xtask oracle`) against the reference model and the gotime runtime,
//! through the op-script interpreter. No Go is needed here: a trace is real Go's answer, and any
//! difference is a bug in the model or the runtime. See oracle/README.md and oracle/RELEASES.md.

mod behaviour;
mod costs;
mod golden;
mod manifest;
mod replay;
