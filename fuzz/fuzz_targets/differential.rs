//! Every input that parses (and fits the work budget) runs on the reference model and on the
//! gotime runtime, in every semantics: the observations must be identical, and neither engine
//! may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    timerlab_fuzz::check::differential(data);
});
