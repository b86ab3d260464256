//! [`Runtime`]: one simulated Go process's timers — the clock, the heap, the semantics and the
//! accounting. Cheap to clone (all clones are the same runtime).

use std::fmt;
use std::panic::Location;

use crate::clock::Clock;
#[cfg(not(gotime_loom))]
use crate::error::BuildError;
use crate::error::WaitError;
use crate::state::{Firing, Func, State, TimerId};
use crate::sync::{self, Arc, AtomicUsize, Condvar, Mutex, Ordering};
use crate::wakers::Wakers;
use crate::{Chan, CostModel, GoDuration, Instant, Semantics, SiteStats, Stats, Ticker, Timer, TimerKind};

/// One simulated Go process's timer runtime.
///
/// Create one per simulated process (per turmoil host): dropping it (a crash) drops its timers,
/// and a restart builds a fresh one, so the accounting shows each life separately.
///
/// The clock is either **manual** ([`Runtime::new`]: time moves only in [`Runtime::advance`],
/// [`Runtime::advance_to`] and [`Runtime::wait`]) or **driven by tokio** ([`Builder::build_tokio`]:
/// time is tokio's, simulated under turmoil or paused tests, real otherwise).
///
/// ```
/// use gotime::{GoDuration, Runtime, Semantics};
///
/// let rt = Runtime::new(Semantics::Async);
/// for _ in 0..1_000 {
///     drop(rt.after(GoDuration::from_mins(3))); // the seeds' leak
/// }
/// assert_eq!(rt.stats().live, 1_000); // Go ≤ 1.22 keeps every one until it fires
/// rt.advance(GoDuration::from_mins(3));
/// assert_eq!(rt.stats().live, 0);
/// ```
#[derive(Clone)]
pub struct Runtime {
    pub(crate) shared: Arc<Shared>,
}

pub(crate) struct Shared {
    semantics: Semantics,
    pub(crate) state: Mutex<State>,
    /// Signalled whenever a channel may have become ready, for blocking receivers.
    pub(crate) ready: Condvar,
    /// Threads parked on `ready` in [`crate::Chan::recv`]. A firing signals `ready` only when
    /// one is: std's `notify_all` is a system call even with no waiter, and a simulation fires
    /// thousands of timers per wall second with none.
    pub(crate) blocked: AtomicUsize,
    clock: Clock,
}

/// Configures a [`Runtime`].
#[derive(Clone, Debug)]
pub struct Builder {
    semantics: Semantics,
    costs: CostModel,
    #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
    go_1_23_0_stop_regression: bool,
}

impl Builder {
    /// Sets the cost model used for the byte estimates (default: [`CostModel::GO_1_23`]).
    pub fn cost_model(mut self, costs: CostModel) -> Builder {
        self.costs = costs;
        self
    }

    /// Sets the semantics.
    pub fn semantics(mut self, semantics: Semantics) -> Builder {
        self.semantics = semantics;
        self
    }

    /// Test-only, under `--cfg gotime_loom`: rebuilds Go 1.23.0's sync-mode Stop regression
    /// (golang/go#69312), in which Stop racing the firing returns false and voids the value, so
    /// the loom models can show they catch it. No effect in async semantics.
    #[cfg(gotime_loom)]
    pub fn go_1_23_0_stop_regression(mut self) -> Builder {
        self.go_1_23_0_stop_regression = true;
        self
    }

    /// Builds a runtime with a manual virtual clock starting at [`Instant::ZERO`].
    pub fn build(self) -> Runtime {
        self.build_with(Clock::Manual)
    }

    /// Builds a runtime whose clock is tokio's (virtual under turmoil or a paused runtime) and
    /// spawns the driver task that fires timers as tokio's time passes. Instant zero is now.
    ///
    /// Use the runtime and its timers only from inside the tokio runtime (the turmoil host) that
    /// built it: elsewhere tokio's clock is the wall clock, and catching up to it would fire timers
    /// early and break determinism.
    ///
    /// # Errors
    ///
    /// [`BuildError::NoTokioRuntime`] when called outside a tokio runtime.
    #[cfg(not(gotime_loom))]
    pub fn build_tokio(self) -> Result<Runtime, BuildError> {
        let handle = tokio::runtime::Handle::try_current().map_err(|_| BuildError::NoTokioRuntime)?;
        let clock = crate::clock::TokioClock::start();
        let rt = self.build_with(Clock::Tokio(clock));
        handle.spawn(crate::clock::drive(Arc::downgrade(&rt.shared)));
        Ok(rt)
    }

    fn build_with(self, clock: Clock) -> Runtime {
        let state = State::new(self.semantics, self.costs);
        #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
        let state = {
            let mut state = state;
            if self.go_1_23_0_stop_regression {
                state.enable_go_1_23_0_stop_regression();
            }
            state
        };
        Runtime {
            shared: Arc::new(Shared {
                semantics: self.semantics,
                state: Mutex::new(state),
                ready: Condvar::new(),
                blocked: AtomicUsize::new(0),
                clock,
            }),
        }
    }
}

impl Runtime {
    /// A runtime with a manual virtual clock and the default cost model.
    pub fn new(semantics: Semantics) -> Runtime {
        Runtime::builder(semantics).build()
    }

    /// A [`Builder`] for a runtime of the given semantics.
    pub fn builder(semantics: Semantics) -> Builder {
        Builder {
            semantics,
            costs: CostModel::default(),
            #[cfg(gotime_loom)] // Go 1.23.0's golang/go#69312, loom models only: state/go_1_23_0.rs
            go_1_23_0_stop_regression: false,
        }
    }

    /// The semantics this runtime follows.
    pub fn semantics(&self) -> Semantics {
        self.shared.semantics
    }

    /// Go's `time.Now()`, on this runtime's clock.
    pub fn now(&self) -> Instant {
        self.catch_up();
        self.lock().now()
    }

    /// Live-timer totals: live, peak, bytes, created, fired.
    pub fn stats(&self) -> Stats {
        self.catch_up();
        self.lock().stats()
    }

    /// The per-call-site profile, most live timers first, in a deterministic order.
    pub fn sites(&self) -> Vec<SiteStats> {
        self.catch_up();
        self.lock().sites()
    }

    /// The earliest deadline at which something will happen, if any timer waits in the heap.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.lock().next_deadline()
    }

    /// Lets `d` of virtual time pass (negative: none), firing every timer due on the way in
    /// deadline order, ties in creation order; AfterFunc bodies run on this thread as they fire.
    ///
    /// On a tokio-driven runtime time is tokio's: this fires what is due up to tokio's now.
    pub fn advance(&self, d: GoDuration) {
        let target = self.lock().now().saturating_add(d);
        self.advance_to(target);
    }

    /// Moves the clock to `target` (never backwards, never to [`Instant::MAX`]), firing every timer
    /// due on the way. On a tokio-driven runtime, `target` is capped at tokio's now.
    pub fn advance_to(&self, target: Instant) {
        let target = match self.shared.clock.now() {
            Some(tokio_now) => target.min(tokio_now),
            None => target,
        };
        self.run_until(target.min(Instant::LAST));
    }

    /// A blocking receive on the manual clock: lets time pass until `c` has a value and takes it.
    ///
    /// # Errors
    ///
    /// - [`WaitError::Deadlock`] when no value can ever arrive (a nil channel, a stopped or
    ///   received timer, a deadline at the end of time): Go would block forever. The clock does
    ///   not move.
    /// - [`WaitError::NotManual`] on a tokio-driven runtime, whose receivers use
    ///   [`Chan::recv_async`].
    pub fn wait(&self, c: &Chan) -> Result<Instant, WaitError> {
        if self.shared.clock.now().is_some() {
            return Err(WaitError::NotManual);
        }
        loop {
            if let Ok(value) = c.try_recv() {
                return Ok(value);
            }
            let Some(id) = c.id() else { return Err(WaitError::Deadlock) };
            // Bound first: a guard in the match scrutinee would live through `advance_to`,
            // which locks again (a self-deadlock).
            let pending = self.lock().pending_deadline(id);
            match pending {
                Some(when) if when < Instant::MAX => self.advance_to(when),
                _ => return Err(WaitError::Deadlock),
            }
        }
    }

    /// Go's `time.NewTimer(d)`: a one-shot timer whose channel receives the time `d` from now.
    /// A non-positive `d` fires at once; a deadline past the end of time never fires.
    #[track_caller]
    pub fn new_timer(&self, d: impl Into<GoDuration>) -> Timer {
        let id = self.create(TimerKind::Timer, d.into(), GoDuration::ZERO, Location::caller(), None);
        Timer::with_channel(Chan::new(self.clone(), id))
    }

    /// Go's `time.After(d)`: `NewTimer(d).C` — the channel alone, with no way to stop its timer.
    #[track_caller]
    pub fn after(&self, d: impl Into<GoDuration>) -> Chan {
        let id = self.create(TimerKind::After, d.into(), GoDuration::ZERO, Location::caller(), None);
        Chan::new(self.clone(), id)
    }

    /// Go's `time.AfterFunc(d, f)`: runs `f` once, `d` from now, unless stopped first. The timer's
    /// channel is nil. On the manual clock `f` runs on the thread that advances time.
    #[track_caller]
    pub fn after_func(&self, d: impl Into<GoDuration>, f: impl Fn() + Send + Sync + 'static) -> Timer {
        let func: Func = std::sync::Arc::new(f);
        let id =
            self.create(TimerKind::AfterFunc, d.into(), GoDuration::ZERO, Location::caller(), Some(func));
        Timer::with_func(crate::handle::Handle::new(self.clone(), id))
    }

    /// Go's `time.NewTicker(d)`: ticks every `d` on the grid `now + k·d`, dropping missed ticks.
    ///
    /// # Panics
    ///
    /// When `d <= 0`, with Go's message `non-positive interval for NewTicker`. Use
    /// [`Runtime::try_new_ticker`] to get an error instead.
    #[track_caller]
    pub fn new_ticker(&self, d: impl Into<GoDuration>) -> Ticker {
        match self.try_new_ticker_at(d.into(), Location::caller()) {
            Some(ticker) => ticker,
            None => crate::error::go_panic(crate::GoPanic::NewTickerNonPositive),
        }
    }

    /// [`Runtime::new_ticker`] without the panic: `None` when `d <= 0`.
    #[track_caller]
    pub fn try_new_ticker(&self, d: impl Into<GoDuration>) -> Option<Ticker> {
        self.try_new_ticker_at(d.into(), Location::caller())
    }

    fn try_new_ticker_at(&self, d: GoDuration, site: &'static Location<'static>) -> Option<Ticker> {
        if !d.is_positive() {
            return None;
        }
        let id = self.create(TimerKind::Ticker, d, d, site, None);
        Some(Ticker::with_channel(Chan::new(self.clone(), id)))
    }

    /// Go's `time.Tick(d)`: a ticker's channel alone. A nil channel when `d <= 0`, as in Go.
    #[track_caller]
    pub fn tick(&self, d: impl Into<GoDuration>) -> Chan {
        let d = d.into();
        if !d.is_positive() {
            return Chan::nil();
        }
        let id = self.create(TimerKind::Tick, d, d, Location::caller(), None);
        Chan::new(self.clone(), id)
    }

    fn create(
        &self,
        kind: TimerKind,
        d: GoDuration,
        period: GoDuration,
        site: &'static Location<'static>,
        func: Option<Func>,
    ) -> TimerId {
        self.catch_up();
        self.with_state(|st| st.create(kind, d, period, site, func))
    }

    /// Runs `op` on the state under the lock, then tells the clock driver if the earliest
    /// deadline moved.
    pub(crate) fn with_state<R>(&self, op: impl FnOnce(&mut State) -> R) -> R {
        let mut st = self.lock();
        let out = op(&mut st);
        let moved = st.take_earliest_moved();
        drop(st);
        if moved {
            self.shared.clock.replan();
        }
        out
    }

    pub(crate) fn lock(&self) -> sync::MutexGuard<'_, State> {
        sync::lock(&self.shared.state)
    }

    /// On a tokio-driven runtime, fires everything due up to tokio's now, as Go's scheduler checks
    /// timers before running goroutines. No-op on the manual clock.
    pub(crate) fn catch_up(&self) {
        if let Some(now) = self.shared.clock.now() {
            self.run_until(now.min(Instant::LAST));
        }
    }

    /// Fires every timer due at or before `target`, one at a time, never holding the lock while
    /// user code runs, then moves the clock to `target`.
    fn run_until(&self, target: Instant) {
        loop {
            let firing = {
                let mut st = self.lock();
                match st.fire_next(target) {
                    Some(firing) => firing,
                    None => {
                        st.settle(target);
                        break;
                    }
                }
            };
            match firing {
                Firing::Func(f) => f(),
                Firing::Send { id, value } => {
                    // The second critical section of an async firing: the buffered send.
                    let wakers = self.lock().deliver(id, value);
                    self.notify(wakers);
                }
                Firing::Ready(wakers) => self.notify(wakers),
            }
        }
    }

    fn notify(&self, wakers: Wakers) {
        // A receiver counts itself under the state lock before it parks, and the firing changed
        // the state under that lock before this load: a parked receiver is always seen here.
        if self.shared.blocked.load(Ordering::SeqCst) > 0 {
            self.shared.ready.notify_all();
        }
        wakers.wake_all();
    }
}

#[cfg(not(gotime_loom))]
impl Shared {
    pub(crate) fn clock(&self) -> &Clock {
        &self.clock
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        f.debug_struct("Runtime")
            .field("semantics", &self.shared.semantics)
            .field("now", &st.now())
            .field("stats", &st.stats())
            .finish()
    }
}
