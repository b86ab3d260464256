//! The S2 host: a producer task filling a bounded channel in phases, and the consumer loop of
//! each variant, instrumented to tell a real timeout from a spurious one.

use std::future::Future;
use std::rc::Rc;

use gotime::{GoDuration, Runtime};
use rand::Rng;
use tokio::sync::mpsc;

use super::config::{S2Config, Variant};
use crate::event::Event;
use crate::memory::MemoryModel;
use crate::scenarios::process::{monitor, sim_now, Bound, Counted, Counter, MonitorConfig, SharedGauge};
use crate::seed::{self, first_case_first, streams, SimRng};

/// Go's `rand.Int()`: 8 bytes per queued message.
const MESSAGE_BYTES: u64 = 8;

/// One message: a value, and how long handling it takes (the slow phase's batches).
struct Message {
    _value: u64,
    work: GoDuration,
}

/// The host's software: the consumer is the main task; the producer and the monitor run beside it.
pub(super) async fn run(cfg: Rc<S2Config>, gauge: SharedGauge) -> turmoil::Result {
    let rt = cfg.behaviour.builder().build_tokio()?;
    gauge.borrow_mut().begin_life();
    let _main = Counted::new(&gauge, Counter::Task);
    // No budget: this incident is about how much the heap holds, not about a kill.
    let model = MemoryModel { baseline: cfg.baseline, per_connection: 0, budget: u64::MAX };
    let every = cfg.tick.to_std().unwrap_or_default();
    let checks = MonitorConfig { every, model, bound: Bound::One, cap: cfg.cap };
    tokio::task::spawn_local(monitor(rt.clone(), gauge.clone(), checks));
    let (tx, rx) = mpsc::channel(cfg.capacity);
    tokio::task::spawn_local(producer(cfg.clone(), tx, gauge.clone()));
    let mut c =
        Consumer { rx, rng: seed::rng(cfg.seed, streams::SERVER), gauge: gauge.clone(), cfg: cfg.clone() };
    match cfg.variant {
        Variant::Leaky => leaky(&rt, &mut c).await,
        Variant::Hoisted => hoisted(&rt, &mut c).await,
        Variant::ResetNoDrain => reset_no_drain(&rt, &mut c).await,
        Variant::StopDrainReset => stop_drain_reset(&rt, &mut c).await,
    }
    Ok(())
}

/// The incident: a fresh 3-minute timer per iteration; async keeps every one until it fires.
async fn leaky(rt: &Runtime, c: &mut Consumer) {
    loop {
        let timeout = rt.after(c.cfg.timeout);
        if !c.iteration(timeout.recv_async()).await {
            return;
        }
    }
}

/// One timer for the whole loop: it fires once, 3 minutes after the loop began, whatever flows.
async fn hoisted(rt: &Runtime, c: &mut Consumer) {
    let timeout = rt.after(c.cfg.timeout);
    while c.iteration(timeout.recv_async()).await {}
}

/// Reset without Stop/drain: if the timer expired while the consumer was busy, async keeps the
/// stale value in the channel and the next select takes it at once (golang/go#11513).
async fn reset_no_drain(rt: &Runtime, c: &mut Consumer) {
    let t = rt.new_timer(c.cfg.timeout);
    loop {
        t.reset(c.cfg.timeout);
        if !c.iteration(t.c().recv_async()).await {
            return;
        }
    }
}

/// Stop, drain without blocking, Reset: no stale value in either semantics.
async fn stop_drain_reset(rt: &Runtime, c: &mut Consumer) {
    let t = rt.new_timer(c.cfg.timeout);
    loop {
        if !t.stop() {
            let _ = t.c().try_recv();
        }
        t.reset(c.cfg.timeout);
        if !c.iteration(t.c().recv_async()).await {
            return;
        }
    }
}

struct Consumer {
    rx: mpsc::Receiver<Message>,
    rng: SimRng,
    gauge: SharedGauge,
    /// The timeout, and the faults: a hold keeps the consumer in its handler until the release.
    cfg: Rc<S2Config>,
}

impl Consumer {
    /// One iteration: `select { case m := <-ch: handle(m); case <-timeout: fmt.Println("timeout") }`
    /// with Go's uniform choice between ready cases. A timeout is spurious when the select had
    /// waited less than the timeout; a message after a longer wait is a missed timeout.
    /// `false` when the channel is closed.
    async fn iteration<F: Future>(&mut self, timeout: F) -> bool {
        let started = sim_now();
        let got = if first_case_first(&mut self.rng) {
            tokio::select! {
                biased;
                m = self.rx.recv() => Some(m),
                _ = timeout => None,
            }
        } else {
            tokio::select! {
                biased;
                _ = timeout => None,
                m = self.rx.recv() => Some(m),
            }
        };
        let waited = GoDuration::from_nanos(sim_now().as_nanos() - started.as_nanos());
        let work = match got {
            Some(Some(message)) => self.received(waited, message),
            Some(None) => return false,
            None => {
                self.timed_out(waited);
                return true;
            }
        };
        // handle(m): the slow phase's batches keep the consumer away from its select.
        if let Some(work) = work.to_std().filter(|w| !w.is_zero()) {
            tokio::time::sleep(work).await;
        }
        // Its write downstream waits while a hold fault holds that link.
        if let Some(release) = self.cfg.faults.held_until(sim_now()) {
            sleep_until(release).await;
        }
        true
    }

    /// Counts a message; returns how long handling it takes.
    fn received(&mut self, waited: GoDuration, message: Message) -> GoDuration {
        let mut g = self.gauge.borrow_mut();
        g.messages += 1;
        g.buffered = queued_bytes(self.rx.len());
        if waited > self.cfg.timeout {
            g.missed += 1;
            g.event(Event::MissedTimeout { idle: waited });
        }
        message.work
    }

    /// `fmt.Println("timeout")`: counted, and judged by how long the select had waited.
    fn timed_out(&mut self, waited: GoDuration) {
        let spurious = waited < self.cfg.timeout;
        let mut g = self.gauge.borrow_mut();
        g.timeouts += 1;
        g.spurious += u64::from(spurious);
        g.event(Event::Timeout { waited, spurious });
    }
}

/// The producer: `rate` messages per second during the fast phase (sent in batches every
/// `batch_every`, blocking when the channel is full), nothing during the stall, then one
/// slow batch every `slow_every`. The phases run on the run's clock: a producer restarted after
/// a crash resumes in the phase of the moment, and what fell due while the host was down is
/// lost with the old life's channel.
async fn producer(cfg: Rc<S2Config>, tx: mpsc::Sender<Message>, gauge: SharedGauge) {
    let _task = Counted::new(&gauge, Counter::Task);
    let mut rng = seed::rng(cfg.seed, streams::PRODUCER);
    // Messages due by `elapsed` since the run began: one at once, then `rate` per second.
    let due =
        |elapsed: GoDuration| (cfg.rate as i128 * elapsed.as_nanos() as i128 / 1_000_000_000) as u64 + 1;
    if sim_now() < cfg.stall_at() {
        gauge.borrow_mut().event(Event::Phase { name: format!("fast ({}/s)", cfg.rate) });
        let mut sent = due(sim_now()) - 1;
        let mut batches = tokio::time::interval(cfg.batch_every.to_std().unwrap_or_default());
        loop {
            batches.tick().await;
            let now = sim_now();
            if now >= cfg.stall_at() {
                break;
            }
            while sent < due(now) {
                if send(&tx, &mut rng, GoDuration::ZERO, &gauge).await.is_err() {
                    return;
                }
                sent += 1;
            }
        }
    }
    if sim_now() < cfg.slow_at() {
        gauge.borrow_mut().event(Event::Phase { name: "stall".to_owned() });
        sleep_until(cfg.slow_at()).await;
    }
    gauge
        .borrow_mut()
        .event(Event::Phase { name: format!("slow (a {} batch every {})", cfg.slow_work, cfg.slow_every) });
    // The first batch at the start of the phase, or a restarted life's first one on its schedule.
    let into_phase = sim_now().as_nanos() - cfg.slow_at().as_nanos();
    let every = cfg.slow_every.as_nanos();
    let next = cfg.slow_at().saturating_add(cfg.slow_every.saturating_mul((into_phase + every - 1) / every));
    if next > sim_now() {
        sleep_until(next).await;
    }
    loop {
        if send(&tx, &mut rng, cfg.slow_work, &gauge).await.is_err() {
            return;
        }
        tokio::time::sleep(cfg.slow_every.to_std().unwrap_or_default()).await;
    }
}

/// Sends one message, waiting while the channel is full, and counts what the channel then holds:
/// a queued message is the process's memory from its send on, also while a consumer held in its
/// handler receives nothing and the channel fills.
async fn send(
    tx: &mpsc::Sender<Message>,
    rng: &mut SimRng,
    work: GoDuration,
    gauge: &SharedGauge,
) -> Result<(), ()> {
    tx.send(Message { _value: rng.gen(), work }).await.map_err(|_| ())?;
    gauge.borrow_mut().buffered = queued_bytes(tx.max_capacity() - tx.capacity());
    Ok(())
}

/// The memory of `messages` queued messages.
fn queued_bytes(messages: usize) -> u64 {
    messages as u64 * MESSAGE_BYTES
}

async fn sleep_until(at: GoDuration) {
    let wait = GoDuration::from_nanos(at.as_nanos() - sim_now().as_nanos());
    if let Some(d) = wait.to_std() {
        tokio::time::sleep(d).await;
    }
}
