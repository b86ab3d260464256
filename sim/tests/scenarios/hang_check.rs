//! A hang on purpose, for `cargo xtask hang-check`: it proves that a test which blocks forever
//! is killed at its time limit and named, and that the rest of the suite still runs. Ignored,
//! so it runs only when asked for (`--run-ignored all`, `--include-ignored`).

use gotime::{GoDuration, Runtime, Semantics};

#[test]
#[ignore = "hangs on purpose: run by `cargo xtask hang-check`, which expects it killed at its limit"]
fn a_receive_nothing_will_fill_blocks_until_the_time_limit_kills_it() {
    // The shape of a timer bug that hangs: a receive waiting for a firing that will never wake
    // it. Here nothing advances the manual clock, so the 1s timer is never due.
    let rt = Runtime::new(Semantics::Sync);
    let timer = rt.new_timer(GoDuration::from_secs(1));
    eprintln!("repro: cargo xtask hang-check (no seed: nothing here is random)");
    let value = timer.c().recv();
    panic!("the receive returned {value:?}: nothing should have filled the channel");
}
