//! Any bytes through the op-script parser: never a panic; an error is one `FILE:LINE:COL:`
//! line inside the input; a script renders back to text that parses to the same ops.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = timerlab_fuzz::check::parse_checked(data);
});
