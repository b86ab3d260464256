//! The server host: one gotime runtime per process life, the accept loop, the in-process
//! monitor, and one task per connection running the variant's for-select loop (`variants.rs`).

use std::net::Ipv4Addr;
use std::rc::Rc;

use gotime::{GoDuration, Runtime};
use turmoil::net::TcpListener;

use super::config::{S1Config, Variant, PORT};
use super::conn::{Conn, Selected};
use super::variants::{Case, Wait};
use crate::scenarios::process::{monitor, Bound, Counted, Counter, MonitorConfig, SharedGauge};
use crate::seed::{self, streams};

/// The server's software: what turmoil starts on the host, again after every restart.
pub(super) async fn serve(cfg: Rc<S1Config>, gauge: SharedGauge) -> turmoil::Result {
    // Built inside the host, so its clock is this host's virtual time; a kill drops it with
    // every timer it holds, and the restart builds a fresh one.
    let rt = cfg.behaviour.builder().build_tokio()?;
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

/// One connection's task: the variant's loop (`variants.rs`) around this engine's `select`.
async fn connection(variant: Variant, rt: Runtime, idle: GoDuration, mut c: Conn) {
    let mut wait = Wait::first(variant, &rt, idle);
    loop {
        let case = match c.next(wait.timeout()).await {
            Selected::Message => Case::Message,
            Selected::Idle if c.ping().await => Case::Timeout,
            Selected::Idle | Selected::Closed => return wait.exit(),
        };
        wait.next(&rt, idle, case);
    }
}
