//! The server host: one gotime runtime per process life, the accept loop, the in-process
//! monitor, and one task per connection running the variant's for-select loop.

use std::net::Ipv4Addr;
use std::rc::Rc;

use gotime::{GoDuration, Runtime, Timer};
use turmoil::net::TcpListener;

use super::config::{S1Config, Variant};
use super::conn::{Conn, Step};
use super::context::Context;
use super::PORT;
use crate::scenarios::process::{monitor, Bound, Counted, Counter, MonitorConfig, SharedGauge};
use crate::seed::{self, streams};

/// The server's software: what turmoil starts on the host, again after every restart.
pub(super) async fn serve(cfg: Rc<S1Config>, gauge: SharedGauge) -> turmoil::Result {
    // Built inside the host, so its clock is this host's virtual time; a kill drops it with
    // every timer it holds, and the restart builds a fresh one.
    let rt = Runtime::builder(cfg.semantics).build_tokio()?;
    let life = gauge.borrow_mut().begin_life();
    let _main = Counted::new(&gauge, Counter::Task);
    let listener = TcpListener::bind((Ipv4Addr::UNSPECIFIED, PORT)).await?;
    let every = cfg.tick.to_std().unwrap_or_default();
    let checks = MonitorConfig { every, model: cfg.model, bound: Bound::PerConnection, cap: cfg.cap };
    tokio::task::spawn_local(monitor(rt.clone(), gauge.clone(), checks));
    let conn_seeds = seed::derive(cfg.seed, streams::SERVER);
    let mut accepted = 0u64;
    loop {
        let (stream, _) = listener.accept().await?;
        accepted += 1;
        let rng = seed::rng(conn_seeds, (u64::from(life) << 32) | accepted);
        let conn = Conn::new(stream, cfg.message_size, rng, &gauge);
        tokio::task::spawn_local(connection(cfg.variant, rt.clone(), cfg.idle, conn));
    }
}

async fn connection(variant: Variant, rt: Runtime, idle: GoDuration, mut c: Conn) {
    match variant {
        Variant::Leaky => leaky(&rt, idle, &mut c).await,
        Variant::Stop => stop_per_iteration(&rt, idle, &mut c).await,
        Variant::Reset => one_timer_reset(&rt, idle, &mut c).await,
        Variant::Context => context_per_iteration(&rt, idle, &mut c).await,
    }
}

/// The incident: `case <-time.After(3 * time.Second)` creates a timer every iteration, and
/// Go ≤ 1.22 keeps each one until it fires (golang/go#8898).
async fn leaky(rt: &Runtime, idle: GoDuration, c: &mut Conn) {
    loop {
        let timeout = rt.after(idle);
        match c.next(timeout.recv_async()).await {
            Step::Message => {}
            Step::Idle if c.ping().await => {}
            Step::Idle | Step::Closed => return,
        }
    }
}

/// Fix 1: `t := time.NewTimer(d); defer t.Stop()` in every iteration.
async fn stop_per_iteration(rt: &Runtime, idle: GoDuration, c: &mut Conn) {
    loop {
        let t = rt.new_timer(idle);
        let step = c.next(t.c().recv_async()).await;
        t.stop();
        match step {
            Step::Message => {}
            Step::Idle if c.ping().await => {}
            Step::Idle | Step::Closed => return,
        }
    }
}

/// Fix 2: one timer per connection; on a message, Stop, drain without blocking, Reset — correct
/// in both semantics (a blocking drain would hang when the value was already received,
/// golang/go#27169).
async fn one_timer_reset(rt: &Runtime, idle: GoDuration, c: &mut Conn) {
    let t = rt.new_timer(idle);
    let _stop = StopOnExit(&t);
    loop {
        match c.next(t.c().recv_async()).await {
            Step::Message => {
                if !t.stop() {
                    let _ = t.c().try_recv();
                }
                t.reset(idle);
            }
            Step::Idle if c.ping().await => {
                t.reset(idle);
            }
            Step::Idle | Step::Closed => return,
        }
    }
}

/// Fix 3: `ctx, cancel := context.WithTimeout(c.ctx, d)` per iteration, `cancel()` when the
/// iteration ends, which stops the context's timer.
async fn context_per_iteration(rt: &Runtime, idle: GoDuration, c: &mut Conn) {
    loop {
        let ctx = Context::with_timeout(rt, idle);
        let step = c.next(ctx.done()).await;
        ctx.cancel();
        match step {
            Step::Message => {}
            Step::Idle if c.ping().await => {}
            Step::Idle | Step::Closed => return,
        }
    }
}

/// `defer t.Stop()`.
struct StopOnExit<'a>(&'a Timer);

impl Drop for StopOnExit<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}
