//! `timerlab sweep`: one scenario over a range of seeds — every variant × behaviour of each seed,
//! in threads, or one shard of them — reduced to a summary, an exit status and a result file;
//! and `--merge`, the shards' result files back into the whole sweep. The summary, the
//! invariants, the result file and the merge are `timerlab_report::sweep`'s; this module runs.
//!
//! | module | concept |
//! |---|---|
//! | `plan.rs` | the sweep the arguments name: its plan, and the config of each run |
//! | `pool.rs` | `--jobs N`: runs on N threads, results in the sweep's order |
//! | `progress.rs` | the bar of finished runs (stderr, terminals only) |
//! | `output.rs` | the result file of `--json FILE` |
//! | `command.rs` | the sweep: header, runs, summary, exit status |
//! | `merge.rs` | `--merge FILE...`: read, merge, summarize |

mod command;
mod merge;
mod output;
mod plan;
mod pool;
mod progress;

pub(crate) use command::sweep;
