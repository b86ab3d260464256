//! One operation run a fixed number of times, outside criterion, for an instruction counter:
//! `TIMERLAB_BENCH_COUNT="OP IMPLEMENTATION OTHERS ITERATIONS"` (e.g. `new_timer_stop
//! timerlab-async 1000 10000`) makes the benchmark binary do only that. Under
//! `valgrind --tool=callgrind --toggle-collect='*::measured'` the instructions counted are those
//! of the loop alone, the same on every run: `cargo xtask bench --instructions` does this.

use gotime::Semantics;

use crate::op::Op;
use crate::others::{GotimeOthers, TokioOthers, LEAK_BOUND};
use crate::{gotime_ops, tokio_ops};

/// The environment variable that selects counting mode.
pub const VAR: &str = "TIMERLAB_BENCH_COUNT";

/// Parses `spec` and runs it.
///
/// # Errors
///
/// A one-line message for a spec that names no operation, implementation or counts.
pub fn run(spec: &str) -> Result<(), String> {
    let usage = || format!("{VAR}={spec:?}: expected \"OP IMPLEMENTATION OTHERS ITERATIONS\"");
    let fields: Vec<&str> = spec.split_whitespace().collect();
    let [op, imp, others, iters] = fields[..] else { return Err(usage()) };
    let op = Op::ALL.into_iter().find(|o| o.id() == op).ok_or_else(usage)?;
    let others: usize = others.parse().map_err(|_| usage())?;
    let iters: u64 = iters.parse().map_err(|_| usage())?;
    if op.leaks() && iters > LEAK_BOUND {
        return Err(format!("{VAR}: {} leaks; count at most {LEAK_BOUND} iterations", op.id()));
    }
    match imp {
        "timerlab-async" | "timerlab-async-collected" | "timerlab-sync" => {
            let semantics: Semantics = imp["timerlab-".len()..].parse().map_err(|_| usage())?;
            let mut others = GotimeOthers::new(semantics, others);
            gotime_ops::measured(op, &mut others, iters);
        }
        "tokio" if tokio_ops::has_counterpart(op) => {
            tokio_ops::measured(op, &TokioOthers::new(others), iters);
        }
        _ => return Err(usage()),
    }
    Ok(())
}
