//! S3's variants, written once: how the batcher re-arms its timer after an export — the Go code
//! from the `select` case that ended a batch to the next `select`. Every timer call a variant
//! makes has its call site here, so the per-site profile and a HANG name lines of this file.

use gotime::{GoDuration, Runtime, Timer};

use super::config::Variant;
use super::goroutine::Goroutine;

/// Which case of the batcher's `select` ended the batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Flush {
    /// `case sd := <-bsp.queue`: the batch is full. The timer's value was not received.
    Full,
    /// `case <-bsp.timer.C`: the batch timeout. The value was received.
    Timeout,
}

/// The batcher's timer, made once before its loop: `bsp.timer = time.NewTimer(o.BatchTimeout)`.
pub(super) fn first_timer(rt: &Runtime, d: GoDuration) -> Timer {
    rt.new_timer(d)
}

/// After an export: the variant's code that makes `t` fire `d` from now, and nothing before.
pub(super) async fn rearm(
    variant: Variant,
    g: &Goroutine,
    rt: &Runtime,
    t: &mut Timer,
    d: GoDuration,
    flushed: Flush,
) {
    match variant {
        Variant::BlockingDrain => blocking_drain(g, t, d, flushed).await,
        Variant::DrainAfterReceive => drain_after_receive(g, t, d).await,
        Variant::NonBlockingDrain => non_blocking_drain(t, d, flushed),
        Variant::NoDrain => no_drain(t, d),
        Variant::TimerPerFlush => timer_per_flush(rt, t, d),
    }
}

/// otel-go's BatchSpanProcessor before its fix (open-telemetry/opentelemetry-go#5868; quic-go's
/// timer drained after a false Stop too, quic-go/quic-go#4659): the drain Go ≤ 1.22's documentation
/// prescribed, where the value was not received — after a full batch; after the timer's own
/// case, Reset alone (`exportSpans` resets the timer). Correct on Go ≤ 1.22 and on Go ≥ 1.23.2.
/// On Go 1.23.0–1.23.1 a Stop in the firing's window returns false and voids the send, and the
/// drain blocks forever (golang/go#69312).
///
/// ```go
/// case sd := <-bsp.queue: ...; if shouldExport { if !bsp.timer.Stop() { <-bsp.timer.C }; bsp.exportSpans(ctx) }
/// case <-bsp.timer.C: bsp.exportSpans(ctx) // exportSpans: bsp.timer.Reset(bsp.o.BatchTimeout)
/// ```
async fn blocking_drain(g: &Goroutine, t: &Timer, d: GoDuration, flushed: Flush) {
    if flushed == Flush::Full && !t.stop() {
        g.recv(t.c()).await;
    }
    t.reset(d);
}

/// Icinga DB's HA controller (Icinga/icingadb#990) re-armed its retry deadline with a helper,
/// `retry.ResetTimeout`, that drains whenever Stop returns false — also after the loop had
/// received the deadline's value, when Stop returns false and nothing will ever come again
/// (golang/go#27169). The batcher calls it after every export: the first export by timeout
/// hangs, in every behaviour and release.
///
/// ```go
/// func ResetTimeout(t *time.Timer, d time.Duration) { if !t.Stop() { <-t.C }; t.Reset(d) }
/// ```
async fn drain_after_receive(g: &Goroutine, t: &Timer, d: GoDuration) {
    if !t.stop() {
        g.recv(t.c()).await;
    }
    t.reset(d);
}

/// otel-go's fix (open-telemetry/opentelemetry-go#5869): the drain cannot block. It can
/// miss: on Go ≤ 1.22 (and with `asynctimerchan=1` or `=2`) a Stop in the firing's window
/// returns false before the value lands, the drain finds nothing, and the value lands after
/// the Reset — the next `select` exports at once (golang/go#14038, a spurious flush).
///
/// ```go
/// if !bsp.timer.Stop() { select { case <-bsp.timer.C: default: } }
/// ```
fn non_blocking_drain(t: &Timer, d: GoDuration, flushed: Flush) {
    if flushed == Flush::Full && !t.stop() {
        let _ = t.c().try_recv();
    }
    t.reset(d);
}

/// Go ≥ 1.23's idiom: Reset alone, no Stop, no drain (`Timer.Reset`'s documentation since Go
/// 1.23: "any receive from t.C after Reset has returned is guaranteed not to receive a time
/// value corresponding to the previous timer settings"). With a buffered channel — Go ≤ 1.22, `asynctimerchan=1` or `=2`
/// — a value that fired before the Reset stays buffered, and the next `select` exports at once
/// (golang/go#11513, a spurious flush).
///
/// ```go
/// bsp.timer.Reset(bsp.o.BatchTimeout)
/// ```
fn no_drain(t: &Timer, d: GoDuration) {
    t.reset(d);
}

/// A timer per batch: stop the last one — a value it may still send is never read — and make a
/// new one. Correct in every behaviour and release, for a timer per export.
///
/// ```go
/// bsp.timer.Stop(); bsp.timer = time.NewTimer(bsp.o.BatchTimeout)
/// ```
fn timer_per_flush(rt: &Runtime, t: &mut Timer, d: GoDuration) {
    t.stop();
    *t = rt.new_timer(d);
}
