//! [`TokioEngine`]: the tokio port behind the [`Engine`] trait, on a current-thread runtime
//! whose clock starts paused — time moves only when the engine lets it (tokio's auto-advance
//! jumps from one sleep's deadline to the next), so a script runs in microseconds and the same
//! way every time.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use gotime::{GoDuration, Instant, Semantics};
use timerlab_script::{Engine, GoPanic, ObjId};
use tokio::runtime::Runtime;
use tokio::sync::mpsc::Receiver;
use tokio::time::Instant as TokioInstant;

use super::port::{self, AfterFunc, Ticker, Timer};
use crate::adapters::arming::Arming;

/// Rounds of `yield_now` that let every task woken at the current instant run to its next await:
/// a firing timer task sends and ends in one poll, an aborted task is dropped in one poll.
const SETTLE_ROUNDS: usize = 4;

/// What a script object is in the port.
enum Object {
    Timer(Timer),
    AfterFunc(AfterFunc),
    Ticker(Ticker),
    /// The channel of After or Tick; `None` is Tick's nil channel.
    Chan(Option<Receiver<TokioInstant>>),
}

impl Object {
    fn chan(&mut self) -> Option<&mut Receiver<TokioInstant>> {
        match self {
            Object::Timer(t) => Some(t.c()),
            Object::Ticker(t) => Some(t.c()),
            Object::Chan(c) => c.as_mut(),
            Object::AfterFunc(_) => None,
        }
    }
}

/// The tokio port ([`port`]) driven by op scripts on a paused clock.
///
/// The port behaves one way whatever semantics the engine is built for; the semantics is only
/// what it claims. `live` is the number of the runtime's alive tasks: every armed timer of the
/// port is a task, and a dropped one keeps running until it fires.
pub struct TokioEngine {
    semantics: Semantics,
    rt: Runtime,
    start: TokioInstant,
    objects: BTreeMap<ObjId, Object>,
    arming: BTreeMap<ObjId, Arming>,
    fired: Arc<Mutex<Vec<(ObjId, TokioInstant)>>>,
}

impl TokioEngine {
    /// A fresh engine at time zero claiming `semantics`.
    ///
    /// # Panics
    ///
    /// When tokio cannot build a current-thread runtime (it does not fail on supported platforms).
    pub fn new(semantics: Semantics) -> TokioEngine {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a current-thread tokio runtime builds");
        let start = rt.block_on(async { TokioInstant::now() }); // allow-nondeterminism: tokio's paused clock
        TokioEngine {
            semantics,
            rt,
            start,
            objects: BTreeMap::new(),
            arming: BTreeMap::new(),
            fired: Arc::default(),
        }
    }

    fn script_time(start: TokioInstant, at: TokioInstant) -> Instant {
        Instant::from_start(GoDuration::from(at.saturating_duration_since(start)))
    }

    fn now(&self) -> Instant {
        let _ctx = self.rt.enter();
        TokioEngine::script_time(self.start, TokioInstant::now()) // allow-nondeterminism: tokio's paused clock
    }

    fn arm(&mut self, id: ObjId, arming: Arming) {
        self.arming.insert(id, arming);
    }

    /// Lets every task that is ready at the current instant run, without moving the clock.
    fn settle(&self) {
        self.rt.block_on(async {
            for _ in 0..SETTLE_ROUNDS {
                tokio::task::yield_now().await;
            }
        });
    }
}

/// A script duration as the port takes it: Go's `d <= 0` is zero.
fn std_duration(d: GoDuration) -> Duration {
    d.to_std().unwrap_or(Duration::ZERO)
}

impl Engine for TokioEngine {
    fn semantics(&self) -> Semantics {
        self.semantics
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        let timer = {
            let _ctx = self.rt.enter();
            Timer::new(std_duration(d))
        };
        self.objects.insert(id, Object::Timer(timer));
        self.arm(id, Arming::once(self.now(), d));
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        let c = {
            let _ctx = self.rt.enter();
            port::after(std_duration(d))
        };
        self.objects.insert(id, Object::Chan(Some(c)));
        self.arm(id, Arming::once(self.now(), d));
    }

    fn after_func(&mut self, id: ObjId, d: GoDuration) {
        let fired = Arc::clone(&self.fired);
        let f = Arc::new(move || {
            let now = TokioInstant::now(); // allow-nondeterminism: tokio's paused clock
            fired.lock().unwrap_or_else(PoisonError::into_inner).push((id, now));
        });
        let t = {
            let _ctx = self.rt.enter();
            AfterFunc::new(std_duration(d), f)
        };
        self.objects.insert(id, Object::AfterFunc(t));
        self.arm(id, Arming::Idle);
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let ticker = {
            let _ctx = self.rt.enter();
            Ticker::try_new(std_duration(d))
        };
        let ticker = ticker.ok_or(GoPanic::NewTickerNonPositive)?;
        self.objects.insert(id, Object::Ticker(ticker));
        self.arm(id, Arming::every(d));
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        let c = {
            let _ctx = self.rt.enter();
            port::tick(std_duration(d))
        };
        let arming = if c.is_some() { Arming::every(d) } else { Arming::Idle };
        self.objects.insert(id, Object::Chan(c));
        self.arm(id, arming);
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        let result = match self.objects.get_mut(&id)? {
            Object::Timer(t) => Some(t.stop()),
            Object::AfterFunc(t) => Some(t.stop()),
            Object::Ticker(t) => {
                t.stop();
                None
            }
            Object::Chan(_) => return None,
        };
        self.arm(id, Arming::Idle);
        result
    }

    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        let now = self.now();
        let ctx = self.rt.enter();
        let (result, arming) = match self.objects.get_mut(&id) {
            Some(Object::Timer(t)) => (Some(t.reset(std_duration(d))), Arming::once(now, d)),
            Some(Object::AfterFunc(t)) => (Some(t.reset(std_duration(d))), Arming::Idle),
            Some(Object::Ticker(t)) => {
                if !d.is_positive() {
                    return Err(GoPanic::TickerResetNonPositive);
                }
                t.reset(std_duration(d));
                (None, Arming::every(d))
            }
            Some(Object::Chan(_)) | None => return Ok(None),
        };
        drop(ctx);
        self.arm(id, arming);
        Ok(result)
    }

    fn advance(&mut self, d: GoDuration) {
        if let Some(d) = d.to_std().filter(|d| !d.is_zero()) {
            self.rt.block_on(async move { tokio::time::sleep(d).await });
        }
        self.settle();
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        let value = self.objects.get_mut(&id)?.chan()?.try_recv().ok()?;
        Some(TokioEngine::script_time(self.start, value))
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        if let Some(value) = self.try_recv(id) {
            return Some(value);
        }
        let now = self.now();
        let latest = self.arming.get(&id).copied().unwrap_or(Arming::Idle).latest(now)?;
        if latest > now {
            // Listen until the latest instant a value could come. The clock moves past a value
            // only if the port failed to deliver what its own calls promised.
            let limit = self.start + Duration::from_nanos(latest.as_nanos().unsigned_abs());
            let (start, rt) = (self.start, &self.rt);
            let c = self.objects.get_mut(&id)?.chan()?;
            let received = rt.block_on(async { tokio::time::timeout_at(limit, c.recv()).await });
            if let Ok(Some(value)) = received {
                return Some(TokioEngine::script_time(start, value));
            }
        }
        // At the latest instant: whatever is due now gets its chance, then silence is a deadlock.
        self.settle();
        self.try_recv(id)
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.objects.get_mut(&id).and_then(Object::chan).map_or(0, |c| c.len())
    }

    fn drop_ref(&mut self, id: ObjId) {
        // Dropping a JoinHandle detaches its task: the port's timer still fires.
        self.objects.remove(&id);
        self.arming.remove(&id);
    }

    fn live(&self) -> Option<u64> {
        self.settle();
        Some(self.rt.metrics().num_alive_tasks() as u64)
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        let mut fired = std::mem::take(&mut *self.fired.lock().unwrap_or_else(PoisonError::into_inner));
        // Two bodies due at one instant run in tokio's order; Go leaves it unspecified and the
        // oracle prints them by time, then creation: so do we.
        fired.sort_by_key(|&(id, at)| (at, id));
        fired.into_iter().map(|(id, at)| (id, TokioEngine::script_time(self.start, at))).collect()
    }
}
