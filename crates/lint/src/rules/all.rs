//! Runs every detector over a file.

use crate::flow::Flow;
use crate::gofile::GoFile;
use crate::rules::after_in_loop;
use crate::rules::blocking_drain;
use crate::rules::context::Ctx;
use crate::rules::detection::Detection;
use crate::rules::hoisted_after;
use crate::rules::reset_without_drain;
use crate::rules::skipped_rearm;
use crate::rules::sync_drain;
use crate::rules::tick_leak;
use crate::rules::timer_chan_len;
use crate::timers::Timers;

/// Every detector's detections in `file`, by position, then in the order of `Rule::ALL`.
pub(crate) fn detect(file: &GoFile, is_test: bool) -> Vec<Detection> {
    if !file.time.any() {
        return Vec::new();
    }
    let cx = Ctx { file, flow: Flow::new(file), timers: Timers::new(file), is_test };
    let mut out = Vec::new();
    after_in_loop::detect(&cx, &mut out);
    tick_leak::detect(&cx, &mut out);
    reset_without_drain::detect(&cx, &mut out);
    blocking_drain::detect(&cx, &mut out);
    hoisted_after::detect(&cx, &mut out);
    sync_drain::detect(&cx, &mut out);
    timer_chan_len::detect(&cx, &mut out);
    skipped_rearm::detect(&cx, &mut out);
    out.sort_by_key(|d| (d.at, d.rule));
    out
}
