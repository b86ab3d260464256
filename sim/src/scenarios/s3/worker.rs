//! The batcher: otel-go's BatchSpanProcessor loop (`processQueue`). It exports a batch when the
//! batch is full or when its timer fires, then re-arms the timer with the variant's code.
//!
//! ```go
//! for {
//!     select {
//!     case <-bsp.timer.C:            // the batch timeout
//!         bsp.exportSpans(ctx)
//!     case sd := <-bsp.queue:
//!         bsp.batch = append(bsp.batch, sd)
//!         if len(bsp.batch) >= bsp.o.MaxExportBatchSize { /* the variant */; bsp.exportSpans(ctx) }
//!     }
//! }
//! ```

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::rc::Rc;
use std::task::Poll;

use gotime::{Chan, GoDuration, Runtime};

use super::config::S3Config;
use super::goroutine::Goroutine;
use super::queue::Queue;
use super::variants::{self, Flush};
use crate::event::Event;
use crate::scenarios::process::SharedGauge;
use crate::seed::{first_case_first, SimRng};

/// What the batcher works with: its runtime, its input, its instruments, its select's order.
pub(super) struct Batcher {
    pub cfg: Rc<S3Config>,
    pub rt: Runtime,
    pub queue: Rc<RefCell<Queue>>,
    pub gauge: SharedGauge,
    pub rng: SimRng,
}

/// Which case the batcher's `select` took.
enum Case {
    Timer,
    Span,
}

impl Batcher {
    /// The loop, forever (or until it hangs in the variant's code).
    pub(super) async fn run(mut self, g: Rc<Goroutine>) {
        let timeout = self.cfg.timeout;
        let mut t = variants::first_timer(&self.rt, timeout);
        let mut armed = self.rt.now();
        let mut batch = 0;
        loop {
            let flushed = match self.select(t.c()).await {
                Case::Timer => {
                    self.timed_out(self.rt.now().duration_since(armed));
                    Flush::Timeout
                }
                Case::Span => {
                    batch += 1;
                    if batch < self.cfg.batch_size {
                        continue;
                    }
                    Flush::Full
                }
            };
            // exportSpans: the batch goes out at once; the scenario looks at the timer only.
            self.gauge.borrow_mut().messages += batch;
            batch = 0;
            variants::rearm(self.cfg.variant, &g, &self.rt, &mut t, timeout, flushed).await;
            armed = self.rt.now();
        }
    }

    /// `select { case <-t.C: ...; case sd := <-bsp.queue: ... }`: Go's uniform choice between
    /// the ready cases, in the seeded order; waits while neither is ready.
    fn select<'a>(&'a mut self, c: &'a Chan) -> impl Future<Output = Case> + 'a {
        poll_fn(move |_| {
            let spans = self.queue.borrow().len() > 0;
            let span_first = spans && first_case_first(&mut self.rng);
            if !span_first && c.try_recv().is_ok() {
                return Poll::Ready(Case::Timer);
            }
            if spans {
                self.queue.borrow_mut().take();
                return Poll::Ready(Case::Span);
            }
            Poll::Pending
        })
    }

    /// The timer's case: a timeout export, spurious when the timer had not been armed for the
    /// whole timeout — a stale value from before the last re-arm.
    fn timed_out(&self, waited: GoDuration) {
        let spurious = waited < self.cfg.timeout;
        let mut g = self.gauge.borrow_mut();
        g.timeouts += 1;
        // The trace shows only the spurious ones: a timeout export every period is the norm.
        if spurious {
            g.spurious += 1;
            g.event_at(self.rt.now().since_start(), Event::Timeout { waited, spurious });
        }
    }
}
