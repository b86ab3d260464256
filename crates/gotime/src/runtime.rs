//! [`Runtime`]: one simulated Go process's timers — the clock, the heap, the semantics and the
//! accounting — and Go's `time` functions on it. Cheap to clone (all clones are the same runtime).

use std::fmt;
use std::panic::Location;

use crate::clock::Clock;
#[cfg(not(gotime_loom))]
use crate::error::BuildError;
use crate::error::WaitError;
use crate::handle::Handle;
use crate::in_flight::InFlight;
use crate::release::Resolution;
use crate::shared::Shared;
use crate::state::{Body, FuncCell, State, TimerId};
use crate::sync::Arc;
use crate::{
    AfterFuncBody, Chan, CostModel, GoDuration, Instant, Semantics, SiteStats, Stats, Ticker, Timer,
    TimerKind, TimerRef,
};

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
    shared: Arc<Shared>,
}

/// Configures a [`Runtime`].
///
/// [`Runtime::builder`] starts from a semantics; [`Runtime::builder_for`] from what a real Go
/// release does ([`crate::release`]).
#[derive(Clone, Debug)]
pub struct Builder {
    semantics: Semantics,
    costs: CostModel,
    stop_race_69312: bool,
}

impl Builder {
    /// Sets the cost model used for the byte estimates (default: [`CostModel::GO_1_23`]).
    #[must_use]
    pub fn cost_model(mut self, costs: CostModel) -> Builder {
        self.costs = costs;
        self
    }

    /// Sets the semantics.
    #[must_use]
    pub fn semantics(mut self, semantics: Semantics) -> Builder {
        self.semantics = semantics;
        self
    }

    /// Rebuilds golang/go#69312, the Stop/Reset race of Go 1.23.0 and 1.23.1 (`state/go_1_23_0.rs`):
    /// a sync channel timer fires in two steps, and a Stop or Reset between them returns false
    /// and voids the value, so `if !t.Stop() { <-t.C }` blocks forever. Only in sync semantics,
    /// where Go had it; no effect in async and async-collected. Off by default;
    /// [`Runtime::builder_for`] turns it on for the releases that had it.
    #[must_use]
    pub fn stop_race_69312(mut self, on: bool) -> Builder {
        self.stop_race_69312 = on;
        self
    }

    /// Builds a runtime with a manual virtual clock starting at [`Instant::ZERO`].
    #[must_use]
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
        handle.spawn(crate::driver::drive(Arc::downgrade(&rt.shared)));
        Ok(rt)
    }

    fn build_with(self, clock: Clock) -> Runtime {
        let mut state = State::new(self.semantics, self.costs);
        if self.stop_race_69312 {
            state.enable_go_1_23_0_stop_race();
        }
        if clock.has_driver() {
            state.watch_earliest();
        }
        Runtime { shared: Arc::new(Shared::new(state, self.semantics, clock)) }
    }
}

impl Runtime {
    /// A runtime with a manual virtual clock and the default cost model.
    #[must_use]
    pub fn new(semantics: Semantics) -> Runtime {
        Runtime::builder(semantics).build()
    }

    /// A [`Builder`] for a runtime of the given semantics, with the default cost model and
    /// without golang/go#69312's race.
    #[must_use]
    pub fn builder(semantics: Semantics) -> Builder {
        Builder { semantics, costs: CostModel::default(), stop_race_69312: false }
    }

    /// A [`Builder`] for a runtime that behaves as the resolved Go program does: its semantics,
    /// its release's cost model, and golang/go#69312's race when the release had it.
    ///
    /// ```
    /// use gotime::release::GoProgram;
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// let go = GoProgram::built_with("1.26.6").go_mod("1.26").godebug("asynctimerchan=2").resolve()?;
    /// let rt = Runtime::builder_for(&go).build();
    /// assert_eq!(rt.semantics(), Semantics::AsyncCollected);
    /// drop(rt.after(GoDuration::from_mins(3)));
    /// assert_eq!(rt.stats().live, 0, "asynctimerchan=2 collects an unreferenced timer");
    /// # Ok::<(), gotime::release::ResolveError>(())
    /// ```
    #[must_use]
    pub fn builder_for(resolution: &Resolution) -> Builder {
        Runtime::builder(resolution.semantics)
            .cost_model(resolution.costs)
            .stop_race_69312(resolution.stop_race_69312)
    }

    /// The semantics this runtime follows.
    #[must_use]
    pub fn semantics(&self) -> Semantics {
        self.shared.semantics
    }

    /// Go's `time.Now()`, on this runtime's clock.
    #[must_use]
    pub fn now(&self) -> Instant {
        self.shared.catch_up();
        self.shared.lock().now()
    }

    /// Live-timer totals: live, peak, bytes, created, fired.
    #[must_use]
    pub fn stats(&self) -> Stats {
        self.shared.catch_up();
        self.shared.lock().stats()
    }

    /// The per-call-site profile, most live timers first, in a deterministic order.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Async);
    /// let pending: Vec<_> = (0..3).map(|_| rt.after(GoDuration::from_secs(1))).collect();
    /// let sites = rt.sites();
    /// assert_eq!((sites.len(), sites[0].live), (1, 3), "one call site, three live timers");
    /// assert!(sites[0].site.file.ends_with(".rs"), "{}", sites[0].site);
    /// # drop(pending);
    /// ```
    #[must_use]
    pub fn sites(&self) -> Vec<SiteStats> {
        self.shared.catch_up();
        self.shared.lock().sites()
    }

    /// Starts bringing what the runtime keeps for each of `timers` — its table entry and its
    /// item in the heap — into the CPU's caches, and changes nothing. A hint for a caller that
    /// knows which timers its next operations touch: with millions of timers each record is a
    /// cache miss, and operations one after another cannot overlap them (each operation's lock
    /// waits for the loads before it), where prefetches issued together, ahead of the
    /// operations, do. Timers of other runtimes, the zero Timer and the nil channel are skipped.
    ///
    /// ```
    /// use gotime::{Chan, GoDuration, Runtime, Semantics, TimerRef};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let timers: Vec<_> = (1..=3).map(|s| rt.new_timer(GoDuration::from_secs(s))).collect();
    /// let func = rt.after_func(GoDuration::from_secs(1), || {});
    /// let elsewhere = Runtime::new(Semantics::Sync).new_timer(GoDuration::from_secs(1));
    /// let nil = Chan::nil();
    /// let others = [TimerRef::from(&func), TimerRef::from(&elsewhere), TimerRef::from(&nil)];
    /// rt.warm(timers.iter().map(TimerRef::from).chain(others));
    /// assert!(timers.iter().all(|t| t.stop()) && func.stop(), "warming changed nothing");
    /// assert_eq!(rt.stats().live, 0);
    /// ```
    pub fn warm<'a>(&self, timers: impl IntoIterator<Item = TimerRef<'a>>) {
        self.warm_with(timers, State::warm);
    }

    /// [`Runtime::warm`] for a caller about to drop the last handle of each of `timers` (a
    /// select loop's `time.After` channel when a message won): brings in what that touches —
    /// the table entry, and the heap item only where the runtime collects an unreferenced timer
    /// (async-collected and sync take it out of the heap). An async runtime keeps a dropped
    /// timer armed, untouched, until it fires: fetching its heap item would be a wasted load of
    /// its position and a wasted line of cache per timer.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics, TimerRef};
    ///
    /// let rt = Runtime::new(Semantics::Async);
    /// let chans: Vec<_> = (1..=3).map(|s| rt.after(GoDuration::from_secs(s))).collect();
    /// rt.warm_to_drop(chans.iter().map(TimerRef::from));
    /// drop(chans);
    /// assert_eq!(rt.stats().live, 3, "warming changed nothing: async keeps them until they fire");
    /// ```
    pub fn warm_to_drop<'a>(&self, timers: impl IntoIterator<Item = TimerRef<'a>>) {
        self.warm_with(timers, State::warm_to_drop);
    }

    /// The second step of [`Runtime::warm`]: starts bringing in what each of `timers` keeps
    /// outside its table entry — an AfterFunc's body, a ticker's period, the tasks waiting on a
    /// channel — and changes nothing. It reads each timer's entry to find that record, so call
    /// it a while after `warm` brought the entries in (a batch of operations later): on entries
    /// still in memory it would wait for every one of them.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics, TimerRef};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let funcs: Vec<_> = (1..=3).map(|s| rt.after_func(GoDuration::from_secs(s), || {})).collect();
    /// rt.warm(funcs.iter().map(TimerRef::from));
    /// // ... a batch of other work ...
    /// rt.warm_bodies(funcs.iter().map(TimerRef::from));
    /// assert!(funcs.iter().all(|t| t.stop()), "warming changed nothing");
    /// ```
    pub fn warm_bodies<'a>(&self, timers: impl IntoIterator<Item = TimerRef<'a>>) {
        self.warm_with(timers, State::warm_extra);
    }

    /// Applies the hint `warm` to each of `timers` that belongs to this runtime, under one lock.
    fn warm_with<'a>(&self, timers: impl IntoIterator<Item = TimerRef<'a>>, warm: fn(&State, TimerId)) {
        let st = self.shared.lock();
        for timer in timers {
            if let Some(h) = timer.handle().filter(|h| Arc::ptr_eq(&h.rt, &self.shared)) {
                warm(&st, h.id);
            }
        }
    }

    /// The earliest deadline at which something will happen, if any timer waits in the heap.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.shared.lock().next_deadline()
    }

    /// Lets `d` of virtual time pass (negative: none), firing every timer due on the way in
    /// deadline order, ties in creation order; AfterFunc bodies run on this thread as they fire.
    ///
    /// On a tokio-driven runtime time is tokio's: this fires what is due up to tokio's now.
    pub fn advance(&self, d: GoDuration) {
        let target = self.shared.lock().now().saturating_add(d);
        self.advance_to(target);
    }

    /// Moves the clock to `target` (never backwards, never to [`Instant::MAX`]), firing every timer
    /// due on the way. On a tokio-driven runtime, `target` is capped at tokio's now.
    pub fn advance_to(&self, target: Instant) {
        let target = match self.shared.clock.now() {
            Some(tokio_now) => target.min(tokio_now),
            None => target,
        };
        self.shared.run_until(target.min(Instant::LAST));
    }

    /// Starts the next step of [`Runtime::advance_to`]`(target)` and stops halfway: takes the
    /// timer due first at or before `target` off the heap (the clock moves to its deadline),
    /// runs the first half of its firing, and hands back the second half — the send, the
    /// wake-up, or `f` — as an [`InFlight`] to finish later. `None` when nothing is due by
    /// `target`; the clock has not moved then.
    ///
    /// This is the point where a Go scheduler may run other goroutines in the middle of a firing,
    /// made deterministic: code run before [`InFlight::finish`] sees what Go's programs could see
    /// there, in the runtime's semantics ([`InFlight`] has the table). A Stop in that window is
    /// how golang/go#69312's drain hung on Go 1.23.0–1.23.1, and how Go ≤ 1.22's Stop returned
    /// false with the value landing after it.
    ///
    /// ```
    /// use gotime::{GoDuration, Instant, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Async);
    /// let t = rt.new_timer(GoDuration::SECOND);
    /// let firing = rt.begin_firing(Instant::from_start(GoDuration::SECOND)).expect("due at 1s");
    /// assert!(!t.stop(), "Go <= 1.22: the timer has fired");
    /// assert!(t.c().try_recv().is_err(), "but its value is still on its way");
    /// firing.finish();
    /// assert!(t.c().try_recv().is_ok(), "it lands after Stop returned: a stale value");
    /// ```
    ///
    /// On a tokio-driven runtime, `target` is capped at tokio's now, and the driver may fire the
    /// timer first. Each [`InFlight`] is finished on its own; finish them in the order they
    /// were begun to keep the order [`Runtime::advance_to`] would have.
    pub fn begin_firing(&self, target: Instant) -> Option<InFlight> {
        let target = match self.shared.clock.now() {
            Some(tokio_now) => target.min(tokio_now),
            None => target,
        };
        let target = target.min(Instant::LAST);
        let ticket = self.shared.with_state(|st| st.fire_next(target).map(|firing| st.hold(firing)))?;
        Some(InFlight::new(Arc::clone(&self.shared), ticket))
    }

    /// A blocking receive on the manual clock: lets time pass until `c` has a value and takes it.
    /// A firing of `c`'s timer started with [`Runtime::begin_firing`] and not finished is
    /// finished first: the receiver blocks until it lands, as Go's scheduler would run it.
    ///
    /// # Errors
    ///
    /// - [`WaitError::Deadlock`] when no value can ever arrive (a nil channel, a stopped or
    ///   received timer, a deadline at the end of time; [`Chan::would_block_forever`]): Go would
    ///   block forever. The clock does not move.
    /// - [`WaitError::NotManual`] on a tokio-driven runtime, whose receivers use
    ///   [`Chan::recv_async`].
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics, WaitError};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let t = rt.new_timer(GoDuration::from_secs(5));
    /// assert_eq!(rt.wait(t.c()).map(|v| v.to_string()), Ok("@5s".to_owned()));
    /// assert_eq!(rt.now().to_string(), "@5s", "time moved to the deadline");
    /// assert_eq!(rt.wait(t.c()), Err(WaitError::Deadlock), "received already: Go blocks forever");
    /// ```
    pub fn wait(&self, c: &Chan) -> Result<Instant, WaitError> {
        if self.shared.clock.now().is_some() {
            return Err(WaitError::NotManual);
        }
        loop {
            if let Ok(value) = c.try_recv() {
                return Ok(value);
            }
            let Some(id) = c.id() else { return Err(WaitError::Deadlock) };
            // Bound first, here and below: a guard in a scrutinee would live through the call
            // in the arm, which locks again (a self-deadlock).
            let held = self.shared.lock().take_held_send(id);
            if let Some(firing) = held {
                self.shared.complete(firing);
                continue;
            }
            let pending = self.shared.lock().pending_deadline(id);
            match pending {
                Some(when) if when < Instant::MAX => self.advance_to(when),
                _ => return Err(WaitError::Deadlock),
            }
        }
    }

    /// Go's `time.NewTimer(d)`: a one-shot timer whose channel receives the time `d` from now.
    /// A non-positive `d` fires at once; a deadline past the end of time never fires.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let t = rt.new_timer(GoDuration::from_secs(1));
    /// assert!(t.c().try_recv().is_err(), "not due yet");
    /// rt.advance(GoDuration::from_secs(2));
    /// let value = t.c().try_recv()?;
    /// assert_eq!(value.to_string(), "@1s", "the value is the timer's time, not the receive's");
    /// # Ok::<(), gotime::TryRecvError>(())
    /// ```
    #[track_caller]
    #[must_use = "a timer dropped at once can never be received: in async mode it stays in the heap until it fires"]
    pub fn new_timer(&self, d: impl Into<GoDuration>) -> Timer {
        let id = self.create(TimerKind::Timer, d.into(), GoDuration::ZERO, Location::caller(), None);
        Timer::with_channel(Chan::new(Arc::clone(&self.shared), id))
    }

    /// Go's `time.After(d)`: `NewTimer(d).C` — the channel alone, with no way to stop its timer.
    #[track_caller]
    #[must_use = "a channel dropped at once can never be received: in async mode the timer stays in the heap until it fires"]
    pub fn after(&self, d: impl Into<GoDuration>) -> Chan {
        let id = self.create(TimerKind::After, d.into(), GoDuration::ZERO, Location::caller(), None);
        Chan::new(Arc::clone(&self.shared), id)
    }

    /// Go's `time.After(d)` in a loop whose last `time.After` channel, `last`, is let go of at the
    /// same point — `drop(last); rt.after(d)` — in one critical section: the channel's reference
    /// moves to the new timer, where the two steps lock the runtime twice and hand the runtime's
    /// reference count back and forth (at a million connections, two waits for memory per
    /// message). Every observable effect is the two steps': `last`'s timer is let go of first
    /// (kept armed in async mode, collected in the others), then the new timer is made and
    /// accounted to the caller's call site. On a clock driven by tokio, or when `last` is nil or
    /// another runtime's, it is the two steps.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// for semantics in Semantics::ALL {
    ///     let rt = Runtime::new(semantics);
    ///     let mut timeout = rt.after(GoDuration::from_secs(3));
    ///     for _ in 0..9 {
    ///         timeout = rt.after_replacing(timeout, GoDuration::from_secs(3));
    ///     }
    ///     let kept = if semantics.collects_unreferenced() { 1 } else { 10 };
    ///     assert_eq!(rt.stats().live, kept, "{semantics}: as if each channel were dropped");
    ///     assert!(timeout.try_recv().is_err());
    /// }
    /// ```
    #[track_caller]
    #[must_use = "a channel dropped at once can never be received: in async mode the timer stays in the heap until it fires"]
    pub fn after_replacing(&self, last: Chan, d: impl Into<GoDuration>) -> Chan {
        let site = Location::caller();
        let d = d.into();
        match last.into_handle() {
            // The manual clock: nothing fires between the two steps, so one lock does both.
            Some(mut h) if Arc::ptr_eq(&h.rt, &self.shared) && self.shared.clock.now().is_none() => {
                let released = self.shared.with_state(|st| {
                    let released = st.drop_ref(h.id);
                    h.id = st.create(TimerKind::After, d, GoDuration::ZERO, site, None);
                    released
                });
                // What the old timer held is dropped with the lock released, as `Handle::drop` does.
                drop(released);
                Chan::from_handle(h)
            }
            other => {
                drop(other);
                Chan::new(
                    Arc::clone(&self.shared),
                    self.create(TimerKind::After, d, GoDuration::ZERO, site, None),
                )
            }
        }
    }

    /// Go's `time.AfterFunc(d, f)`: runs `f` once, `d` from now, unless stopped first. The timer's
    /// channel is nil. On the manual clock `f` runs on the thread that advances time.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// use std::sync::Arc;
    ///
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let runs = Arc::new(AtomicU32::new(0));
    /// let counter = Arc::clone(&runs);
    /// let t = rt.after_func(GoDuration::from_secs(1), move || {
    ///     counter.fetch_add(1, Ordering::SeqCst);
    /// });
    /// rt.advance(GoDuration::from_secs(1));
    /// assert_eq!(runs.load(Ordering::SeqCst), 1);
    /// assert!(!t.stop(), "too late: f already ran");
    /// ```
    #[track_caller]
    pub fn after_func(&self, d: impl Into<GoDuration>, f: impl Fn() + Send + Sync + 'static) -> Timer {
        let body: Body = Box::new(f);
        let body = Some(FuncCell::Owned(body));
        let id = self.create(TimerKind::AfterFunc, d.into(), GoDuration::ZERO, Location::caller(), body);
        Timer::with_func(Handle::new(Arc::clone(&self.shared), id))
    }

    /// [`Runtime::after_func`] with a body that may be shared: `f` is already an `Arc`, so a
    /// handler armed again and again — a context's cancel for every request — costs no
    /// allocation per timer, where `after_func` boxes each closure. `f` is a closure or a type
    /// of the program's own ([`AfterFuncBody`]: the state it acts on and the body in one
    /// allocation). The timer is an AfterFunc like any other, accounted to the caller's call
    /// site; `f` runs once per timer that fires.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicU32, Ordering};
    /// use std::sync::Arc;
    ///
    /// use gotime::{AfterFuncBody, GoDuration, Runtime, Semantics};
    ///
    /// let rt = Runtime::new(Semantics::Sync);
    /// let runs = Arc::new(AtomicU32::new(0));
    /// let counter = Arc::clone(&runs);
    /// let on_timeout: Arc<dyn AfterFuncBody> = Arc::new(move || {
    ///     counter.fetch_add(1, Ordering::SeqCst);
    /// });
    /// let first = rt.after_func_shared(GoDuration::from_secs(1), Arc::clone(&on_timeout));
    /// assert!(first.stop());
    /// let _second = rt.after_func_shared(GoDuration::from_secs(1), on_timeout);
    /// rt.advance(GoDuration::from_secs(1));
    /// assert_eq!(runs.load(Ordering::SeqCst), 1, "the stopped timer never ran it");
    /// ```
    #[track_caller]
    pub fn after_func_shared(&self, d: impl Into<GoDuration>, f: std::sync::Arc<dyn AfterFuncBody>) -> Timer {
        let body = Some(FuncCell::Shared(f));
        let id = self.create(TimerKind::AfterFunc, d.into(), GoDuration::ZERO, Location::caller(), body);
        Timer::with_func(Handle::new(Arc::clone(&self.shared), id))
    }

    /// Go's `time.NewTicker(d)`: ticks every `d` on the grid `now + k·d`, dropping missed ticks.
    ///
    /// # Panics
    ///
    /// When `d <= 0`, with Go's message `non-positive interval for NewTicker`. Use
    /// [`Runtime::try_new_ticker`] to get an error instead.
    ///
    /// ```
    /// use gotime::{GoDuration, Runtime, Semantics};
    ///
    /// // Go <= 1.22: a one-value buffer, so a slow receiver gets the oldest tick and the
    /// // ticks that found the buffer full are gone.
    /// let rt = Runtime::new(Semantics::Async);
    /// let ticker = rt.new_ticker(GoDuration::from_secs(1));
    /// rt.advance(GoDuration::from_millis(3_500));
    /// assert_eq!(ticker.c().try_recv()?.to_string(), "@1s");
    /// assert!(ticker.c().try_recv().is_err(), "the 2 s and 3 s ticks were dropped");
    /// # Ok::<(), gotime::TryRecvError>(())
    /// ```
    #[track_caller]
    #[must_use = "a ticker dropped at once can never be received or stopped: in async mode it ticks forever (golang/go#17757)"]
    pub fn new_ticker(&self, d: impl Into<GoDuration>) -> Ticker {
        match self.try_new_ticker_at(d.into(), Location::caller()) {
            Some(ticker) => ticker,
            None => crate::error::go_panic(crate::GoPanic::NewTickerNonPositive),
        }
    }

    /// [`Runtime::new_ticker`] without the panic: `None` when `d <= 0`.
    #[track_caller]
    #[must_use = "a ticker dropped at once can never be received or stopped: in async mode it ticks forever (golang/go#17757)"]
    pub fn try_new_ticker(&self, d: impl Into<GoDuration>) -> Option<Ticker> {
        self.try_new_ticker_at(d.into(), Location::caller())
    }

    fn try_new_ticker_at(&self, d: GoDuration, site: &'static Location<'static>) -> Option<Ticker> {
        if !d.is_positive() {
            return None;
        }
        let id = self.create(TimerKind::Ticker, d, d, site, None);
        Some(Ticker::with_channel(Chan::new(Arc::clone(&self.shared), id)))
    }

    /// Go's `time.Tick(d)`: a ticker's channel alone. A nil channel when `d <= 0`, as in Go.
    #[track_caller]
    #[must_use = "a channel dropped at once can never be received: in async mode its ticker ticks forever (golang/go#17757)"]
    pub fn tick(&self, d: impl Into<GoDuration>) -> Chan {
        let d = d.into();
        if !d.is_positive() {
            return Chan::nil();
        }
        let id = self.create(TimerKind::Tick, d, d, Location::caller(), None);
        Chan::new(Arc::clone(&self.shared), id)
    }

    fn create(
        &self,
        kind: TimerKind,
        d: GoDuration,
        period: GoDuration,
        site: &'static Location<'static>,
        func: Option<FuncCell>,
    ) -> TimerId {
        self.shared.catch_up();
        self.shared.with_state(|st| st.create(kind, d, period, site, func))
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.shared.lock();
        f.debug_struct("Runtime")
            .field("semantics", &self.shared.semantics)
            .field("now", &st.now())
            .field("stats", &st.stats())
            .finish()
    }
}
