//! The simulated process's scheduler, on gotime's manual clock: the reporter's bursts, the
//! timers' firings, the batcher's turns, the monitor and the harness's sampling, one instant
//! after the other — and the one choice a Go scheduler makes that matters here.
//!
//! **The firing's window.** When a burst arrives at the very instant the batch timer fires,
//! Go runs the timer's firing and the batcher concurrently. The firing has two halves: the
//! timer leaves the heap, then its value is sent (Go ≤ 1.22's `sendTime`, Go 1.23.0's
//! `unlockAndRun`). With probability `race` the batcher runs between the two
//! (`gotime::Runtime::begin_firing`, then `InFlight::finish`): a Stop there is golang/go#69312's
//! on Go 1.23.0–1.23.1, and Go ≤ 1.22's "Stop returned false and the value came later".
//! Otherwise the firing completes first and the batcher's `select` finds the timer ready.
//! Each choice is drawn from the run's seed, only at such an instant.

use std::cell::RefCell;
use std::rc::Rc;

use gotime::{GoDuration, Instant};
use rand::Rng;

use super::config::S3Config;
use super::goroutine::{Goroutine, Running};
use super::queue::Queue;
use super::worker::Batcher;
use crate::api::SiteProfile;
use crate::event::Event;
use crate::scenarios::harness::{HarnessConfig, Observations, Record};
use crate::scenarios::process::{check, Bound, MonitorConfig, SharedGauge};
use crate::seed::{self, streams};
use crate::verdict::Hang;

/// The program's goroutines: the reporter (played by the scheduler) and the batcher.
const TASKS: u64 = 2;

/// What a run of S3 produced besides the gauge.
pub(super) struct Driven {
    /// The harness's samples and events.
    pub observed: Observations,
    /// The batcher's hang, if it hung.
    pub hang: Option<Hang>,
    /// The per-site profile at the last check with the most live timers.
    pub sites: Vec<SiteProfile>,
}

/// Runs S3 with `cfg` to its end (or the simulator cap).
pub(super) fn drive(
    cfg: &Rc<S3Config>,
    gauge: &SharedGauge,
    harness: &HarnessConfig<'_>,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Driven {
    let rt = cfg.runtime();
    let queue = Rc::new(RefCell::new(Queue::new(cfg.queue_size)));
    gauge.borrow_mut().begin_life_at(GoDuration::ZERO);
    gauge.borrow_mut().tasks = TASKS;
    let task = Goroutine::new("batcher");
    let batcher = Batcher {
        cfg: cfg.clone(),
        rt: rt.clone(),
        queue: queue.clone(),
        gauge: gauge.clone(),
        rng: seed::rng(cfg.seed, streams::SERVER),
    };
    let mut batcher = Running::spawn(task.clone(), batcher.run(task.clone()));
    let mut scheduler = seed::rng(cfg.seed, streams::SCHEDULER);
    let checks = MonitorConfig {
        every: cfg.tick.to_std().unwrap_or_default(),
        model: cfg.model,
        bound: Bound::One,
        cap: cfg.cap,
    };
    let mut record = Record::new(harness);
    let mut profile = Profile::default();
    let mut hang = None;
    let mut dropping = false;
    let (mut next_burst, mut next_check) = (cfg.every, cfg.tick);
    batcher.run();
    loop {
        let next_firing = rt.next_deadline().map(Instant::since_start);
        let now = next_burst.min(next_check).min(next_firing.unwrap_or(GoDuration::MAX));
        let burst = now == next_burst;
        if burst {
            queue.borrow_mut().offer(cfg.burst);
            next_burst = next_burst.saturating_add(cfg.every);
        }
        let at = Instant::from_start(now);
        let coincide = burst && next_firing == Some(now) && hang.is_none();
        if coincide && scheduler.gen_bool(cfg.race) {
            if let Some(firing) = rt.begin_firing(at) {
                gauge.borrow_mut().event_at(now, Event::FiringWindow);
                batcher.run();
                firing.finish();
            }
        }
        rt.advance_to(at);
        batcher.run();
        if let (None, Some(found)) = (hang, task.hang()) {
            hang = Some(found);
            gauge.borrow_mut().event_at(now, Event::Hang(found));
        }
        {
            // The queue's part of the process: its spans' memory, and when it first drops one.
            let (q, mut g) = (queue.borrow(), gauge.borrow_mut());
            g.buffered = q.len() * cfg.span_bytes;
            if q.dropped() > 0 && !std::mem::replace(&mut dropping, true) {
                g.event_at(now, Event::Phase { name: "queue full: dropping spans".to_owned() });
            }
        }
        if now == next_check {
            check(&rt, gauge, &checks, now);
            profile.after_check(gauge);
            if let Some(observed) = record.after_step(gauge, now, progress) {
                return Driven { observed, hang, sites: profile.sites };
            }
            next_check = next_check.saturating_add(cfg.tick);
        }
    }
}

/// The per-site profile S3 reports: at the **last** check with the most live timers. The
/// harness keeps the first; every S3 variant holds one timer, so every check ties, and the last
/// one's `created` counts every timer made up to it — timer-per-flush's cost.
#[derive(Default)]
struct Profile {
    live: u64,
    sites: Vec<SiteProfile>,
}

impl Profile {
    fn after_check(&mut self, gauge: &SharedGauge) {
        let g = gauge.borrow();
        if g.live >= self.live {
            self.live = g.live;
            self.sites = g.last_sites.iter().map(SiteProfile::from).collect();
        }
    }
}
