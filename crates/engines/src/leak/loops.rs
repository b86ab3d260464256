//! The seeds' loop — a ready message versus a 3-minute timeout, the timeout dropped every
//! iteration — on each library, measured with [`Probe`]. Each function runs `warmup` iterations
//! first (one-time allocations: a timer wheel level, a channel block) and then measures
//! `iterations` more. Everything runs on the calling thread, as the per-thread counts require.
//!
//! # Panics
//!
//! Every function panics when [`CountingAlloc`](super::CountingAlloc) is not the global allocator.

use std::time::Duration;

use gotime::release::Resolution;
use gotime::{GoDuration, Runtime, Semantics};

use super::{LeakRow, Probe};

/// The timeout of the loop: long enough never to fire during it.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// `tokio::select!` on `mpsc::Receiver::recv` versus `tokio::time::sleep(3 min)`, on a
/// current-thread runtime with a paused clock. The sleep is polled first (`biased`), so its timer
/// is registered every iteration, as `time.After` arms one in Go; the message wins and the
/// `Sleep` is dropped.
pub fn tokio_select_sleep(warmup: u64, iterations: u64) -> LeakRow {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread tokio runtime builds");
    let (delta, timeouts) = rt.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::channel::<u64>(1);
        let mut timeouts = 0;
        for i in 0..warmup {
            timeouts += tokio_step(&tx, &mut rx, i).await;
        }
        let probe = Probe::start();
        for i in 0..iterations {
            timeouts += tokio_step(&tx, &mut rx, i).await;
        }
        (probe.stop(), timeouts)
    });
    LeakRow {
        pattern: "tokio: select! { sleep(3m), rx.recv() }".to_owned(),
        iterations,
        delta,
        timeouts,
        go_bytes: None,
    }
}

/// One iteration: 1 if the timeout won.
async fn tokio_step(
    tx: &tokio::sync::mpsc::Sender<u64>,
    rx: &mut tokio::sync::mpsc::Receiver<u64>,
    i: u64,
) -> u64 {
    let _ = tx.try_send(i);
    tokio::select! {
        biased;
        () = tokio::time::sleep(TIMEOUT) => 1,
        Some(_) = rx.recv() => 0,
    }
}

/// `crossbeam_channel::select!` on a ready `bounded(1)` channel versus `after(3 min)`.
pub fn crossbeam_select_after(warmup: u64, iterations: u64) -> LeakRow {
    let (tx, rx) = crossbeam_channel::bounded::<u64>(1);
    let mut timeouts = 0;
    let mut step = |i: u64| {
        let _ = tx.try_send(i);
        crossbeam_channel::select! {
            recv(rx) -> _ => {}
            recv(crossbeam_channel::after(TIMEOUT)) -> _ => timeouts += 1,
        }
    };
    for i in 0..warmup {
        step(i);
    }
    let probe = Probe::start();
    for i in 0..iterations {
        step(i);
    }
    let delta = probe.stop();
    LeakRow {
        pattern: "crossbeam: select! { recv(rx), recv(after(3m)) }".to_owned(),
        iterations,
        delta,
        timeouts,
        go_bytes: None,
    }
}

/// The gotime runtime (manual clock) in `semantics`: `c := rt.after(3 min)`, the ready message
/// is taken (a `std::sync::mpsc::sync_channel(1)`), `c` is dropped. No warm-up runs where
/// unreferenced timers are retained (async), since every warm-up timer would still be there: the
/// first iterations' one-time allocations are part of the measure there.
pub fn gotime_after(semantics: Semantics, warmup: u64, iterations: u64) -> LeakRow {
    let pattern = format!("gotime runtime, {semantics}: after(3m), message taken, channel dropped");
    gotime_after_on(Runtime::new(semantics), pattern, warmup, iterations)
}

/// [`gotime_after`] on a runtime built for a real Go program ([`Runtime::builder_for`]): its
/// behaviour and its release's cost model, so the modelled Go bytes are that release's.
pub fn gotime_after_for(go: &Resolution, warmup: u64, iterations: u64) -> LeakRow {
    let pattern = format!(
        "gotime runtime, {} {}: after(3m), message taken, channel dropped",
        go.toolchain.go_name(),
        go.semantics
    );
    gotime_after_on(Runtime::builder_for(go).build(), pattern, warmup, iterations)
}

fn gotime_after_on(rt: Runtime, pattern: String, warmup: u64, iterations: u64) -> LeakRow {
    let (tx, rx) = std::sync::mpsc::sync_channel::<u64>(1);
    let timeout = GoDuration::from(TIMEOUT);
    let mut timeouts = 0;
    let mut step = |i: u64| {
        let c = rt.after(timeout);
        let _ = tx.try_send(i);
        // Go's select with the message ready: the message is taken, the timer channel dropped.
        if rx.try_recv().is_err() && c.try_recv().is_ok() {
            timeouts += 1;
        }
    };
    let warmup = if rt.semantics().collects_unreferenced() { warmup } else { 0 };
    for i in 0..warmup {
        step(i);
    }
    let go_before = rt.stats().bytes;
    let probe = Probe::start();
    for i in 0..iterations {
        step(i);
    }
    // The runtime heaps armed timers when its heap is next read; read it inside the window, so
    // the row counts each retained timer's heap item rather than its place in the arming queue.
    rt.next_deadline();
    let delta = probe.stop();
    let go_bytes = rt.stats().bytes - go_before;
    LeakRow { pattern, iterations, delta, timeouts, go_bytes: Some(go_bytes) }
}
