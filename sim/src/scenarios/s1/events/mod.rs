//! S1's discrete-event engine (`engine=events`): the same scenario as the turmoil engine — users
//! ramping up, a Poisson message stream per user over a network with turmoil's latencies, the
//! server's for-select loop per connection on gotime's timers, the monitor, the OOM killer and
//! the supervisor — driven by one event queue instead of turmoil hosts and tokio tasks.
//!
//! Why a second engine: turmoil's cost per message (its network, a tokio task wake-up per read)
//! caps S1 near 0.4 M messages per wall second, so an hour at 10,000 users takes minutes; this
//! engine runs it in seconds (docs/PERFORMANCE.md). The turmoil engine stays the reference: the
//! scenario tests run every variant on both and check that they agree (docs/SCENARIOS.md,
//! "Engines").
//!
//! | module | what |
//! |---|---|
//! | `shard` | one P: its users, event queue, network draws and server part |
//! | `event` | what happens at one instant: a connect, a message, a look at a deadline |
//! | `calendar` | the event queue: one bucket per network tick |
//! | `chunks` | the buckets' storage: lists of fixed-size chunks from one pool |
//! | `users` | the load generator and the network's latencies |
//! | `server` | the server process: lives, connections, the variants' loops |
//!
//! What it models as turmoil does: messages and connection set-up travel with a latency of
//! 1–50 ms and are delivered at the next tick boundary; timers fire at their exact deadlines;
//! the monitor checks at every tick boundary; a kill closes every connection (the clients read
//! the end of the stream one latency later); a connect to a dead server gets no answer and
//! times out after 1 s. What it leaves out: TCP's byte stream (a message arrives whole) and a
//! SYN held by turmoil until the host restarts (here it is lost; its client has long given up).

mod calendar;
mod chunks;
mod event;
mod server;
mod shard;
mod users;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Barrier, Mutex, MutexGuard, PoisonError};

use gotime::GoDuration;

use self::shard::Shard;
use super::config::S1Config;
use crate::scenarios::harness::{HarnessConfig, Observations, Record};
use crate::scenarios::process::{check, check_all, Bound, MonitorConfig, SharedGauge};

/// Runs S1 with `cfg` to its end (or the simulator cap), the harness's [`Record`] playing the
/// supervisor and the sampler as it does on turmoil.
///
/// With `procs` Ps the connections are spread over the Ps, each with its own timer runtime (Go
/// keeps a timer heap per P), and each P drains its tick on a thread of its own; the Ps meet at
/// every tick boundary, where the monitor reads all of them. The result depends on `procs`, never
/// on the threads: each P draws from its own streams.
pub(super) fn drive(
    cfg: &S1Config,
    gauge: &SharedGauge,
    harness: &HarnessConfig<'_>,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Observations {
    let mut shards: Vec<Shard<'_>> = (0..cfg.procs).map(|p| Shard::new(cfg, p)).collect();
    let mut boundary = Boundary {
        gauge,
        checks: MonitorConfig {
            every: cfg.tick.to_std().unwrap_or_default(),
            model: cfg.model,
            bound: Bound::PerConnection,
            cap: cfg.cap,
        },
        record: Record::new(harness),
        progress,
    };
    boundary.start(&mut shards.iter_mut().collect::<Vec<_>>(), GoDuration::ZERO);
    if shards.len() == 1 {
        loop {
            shards[0].drain();
            if let Some(observed) = boundary.pass(&mut [&mut shards[0]]) {
                return observed;
            }
        }
    }
    on_threads(shards, &mut boundary)
}

/// What happens at a tick boundary, once every P has drained the tick: the monitor, then the
/// supervisor, then the sampler — the order of the turmoil harness after each step.
struct Boundary<'g, 'h, 'p> {
    gauge: &'g SharedGauge,
    checks: MonitorConfig,
    record: Record<'h>,
    progress: &'p mut dyn FnMut(GoDuration, GoDuration),
}

impl Boundary<'_, '_, '_> {
    /// A life starts at `now` on every P.
    fn start(&mut self, shards: &mut [&mut Shard<'_>], now: GoDuration) {
        let mut g = self.gauge.borrow_mut();
        let life = g.begin_life_at(now);
        g.tasks = 1; // the accept loop
        drop(g);
        for shard in shards {
            shard.server.start(now, life);
        }
    }

    /// The boundary at the end of the tick the Ps just drained; then the next tick. Returns the
    /// observations when the run is over.
    fn pass(&mut self, shards: &mut [&mut Shard<'_>]) -> Option<Observations> {
        let now = shards[0].calendar.boundary();
        // The turmoil harness's first step ends one tick in, so the events at time zero are
        // only the start.
        if now != GoDuration::ZERO {
            if let Some(observed) = self.checks_at(shards, now) {
                return Some(observed);
            }
        }
        for shard in shards {
            shard.calendar.next_bucket();
        }
        None
    }

    fn checks_at(&mut self, shards: &mut [&mut Shard<'_>], now: GoDuration) -> Option<Observations> {
        let mut g = self.gauge.borrow_mut();
        for shard in shards.iter_mut() {
            let tally = shard.server.take_tally();
            g.messages += tally.messages;
            g.timeouts += tally.timeouts;
            g.connections += tally.accepted;
            g.tasks += tally.accepted;
        }
        drop(g);
        let up: Vec<_> = shards.iter().filter_map(|shard| shard.server.runtime()).collect();
        let flagged = match up[..] {
            [] => false,
            // One P: exactly the turmoil server's monitor.
            [rt] if shards.len() == 1 => check(rt, self.gauge, &self.checks, now),
            _ => check_all(up, self.gauge, &self.checks, now),
        };
        let oom = if flagged { self.gauge.borrow_mut().oom.take() } else { None };
        if let Some(kill) = oom {
            self.gauge.borrow_mut().end_life();
            for shard in shards.iter_mut() {
                shard.kill(now);
            }
            self.record.killed(now, kill);
        }
        if self.record.restart_due(now) {
            self.start(shards, now);
        }
        self.record.after_step(self.gauge, now, self.progress)
    }
}

/// Locks a P's state; a P whose thread panicked is not read again (its panic is passed on).
fn lock<'m, 'a>(shard: &'m Mutex<Shard<'a>>) -> MutexGuard<'m, Shard<'a>> {
    shard.lock().unwrap_or_else(PoisonError::into_inner)
}

/// [`drive`] with a thread per P (P 0 on the caller's), meeting at every tick boundary.
///
/// # Panics
///
/// When a P's thread panicked (the engine's own checks name the seed): the panic is passed on
/// at the next boundary.
fn on_threads(shards: Vec<Shard<'_>>, boundary: &mut Boundary<'_, '_, '_>) -> Observations {
    let shards: Vec<Mutex<Shard<'_>>> = shards.into_iter().map(Mutex::new).collect();
    let barrier = Barrier::new(shards.len());
    let over = AtomicBool::new(false);
    let panicked: Mutex<Option<Box<dyn std::any::Any + Send>>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for shard in &shards[1..] {
            let (barrier, over, panicked) = (&barrier, &over, &panicked);
            scope.spawn(move || loop {
                barrier.wait();
                if over.load(Ordering::Acquire) {
                    return;
                }
                // A panic must not leave the others waiting at the barrier.
                let drained = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lock(shard).drain()));
                if let Err(payload) = drained {
                    panicked.lock().unwrap_or_else(PoisonError::into_inner).get_or_insert(payload);
                }
                barrier.wait();
            });
        }
        let observed = loop {
            barrier.wait();
            let drained = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lock(&shards[0]).drain()));
            barrier.wait();
            let failure =
                drained.err().or_else(|| panicked.lock().unwrap_or_else(PoisonError::into_inner).take());
            if let Some(payload) = failure {
                over.store(true, Ordering::Release);
                barrier.wait();
                std::panic::resume_unwind(payload);
            }
            let mut guards: Vec<MutexGuard<'_, Shard<'_>>> = shards.iter().map(lock).collect();
            let mut all: Vec<&mut Shard<'_>> = guards.iter_mut().map(|guard| &mut **guard).collect();
            if let Some(observed) = boundary.pass(&mut all) {
                break observed;
            }
        };
        over.store(true, Ordering::Release);
        barrier.wait();
        observed
    })
}
