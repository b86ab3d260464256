//! Shared helpers for timerlab's integration tests: short duration constructors so that tests read
//! like the Go they port (`ms(250)`, `secs(3)`), and a loop over every semantics.

use gotime::{GoDuration, Semantics};

/// `n` milliseconds.
pub const fn ms(n: i64) -> GoDuration {
    GoDuration::from_millis(n)
}

/// `n` seconds.
pub const fn secs(n: i64) -> GoDuration {
    GoDuration::from_secs(n)
}

/// `n` minutes.
pub const fn mins(n: i64) -> GoDuration {
    GoDuration::from_mins(n)
}

/// Runs `test` once per semantics of [`Semantics::ALL`] (async, async-collected, sync: Go's
/// `asynctimerchan=1`, `=2` and `=0`), naming the semantics in any panic message.
pub fn in_every_semantics(test: impl Fn(Semantics)) {
    for semantics in Semantics::ALL {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| test(semantics)));
        if let Err(panic) = outcome {
            eprintln!("failed in {semantics} semantics");
            std::panic::resume_unwind(panic);
        }
    }
}
