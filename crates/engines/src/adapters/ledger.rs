//! [`Ledger`]: the bookkeeping a real-time engine keeps beside its port — the script's objects,
//! what the calls made on each say about its next value ([`Arming`]), the phase of each object's
//! grid, and the script's [`Grid`] itself. The engines of `crossbeam_after` and `futures_delay`
//! differ only in their ports (each maps its objects onto [`PortObject`]) and in how they let time
//! pass; everything they write down, and how Stop and Reset re-arm, is here.

use std::collections::BTreeMap;
use std::time::{Duration, Instant as WallInstant};

use gotime::{GoDuration, Instant};
use timerlab_script::{GoPanic, ObjId, Script};

use crate::adapters::arming::Arming;
use crate::adapters::grid::Grid;

/// How an object was just armed: what to hand its library, and what to write down.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Armed {
    /// The wall duration for the library: a timer's delay or a ticker's period.
    pub(crate) wall: Duration,
    /// When its next value could come, to bound a blocking receive.
    pub(crate) arming: Arming,
    /// The wall-clock phase of its grid (see [`Grid`]).
    pub(crate) phase: Duration,
}

impl Armed {
    /// The same arming for an object no receive can get a value from: a nil channel, or an
    /// AfterFunc (its value is a call, not a send).
    pub(crate) fn silent(self) -> Armed {
        Armed { arming: Arming::Idle, ..self }
    }
}

/// What a port object is, as far as Stop and Reset care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `NewTimer`: Stop and Reset answer whether it was active.
    Timer,
    /// `AfterFunc`: like a timer, but no receive ever waits on it, and its body runs even after
    /// the program let go of it.
    AfterFunc,
    /// `NewTicker`: Reset panics for `d <= 0`.
    Ticker,
    /// `After`'s or `Tick`'s bare channel: there is nothing to stop or reset.
    Chan,
}

/// A port's timer, ticker or channel, as the ledger drives it.
pub(crate) trait PortObject {
    /// What it is.
    fn kind(&self) -> Kind;
    /// The port's Stop: `Some(active)` for a timer or an AfterFunc, `None` for a ticker.
    fn stop(&mut self) -> Option<bool>;
    /// The port's Reset, `wall` being the delay or period for the library: `Some(active)` for a
    /// timer or an AfterFunc, `None` for a ticker.
    fn reset(&mut self, wall: Duration) -> Option<bool>;
}

struct Entry<O> {
    object: O,
    arming: Arming,
    phase: Duration,
}

/// A real-time engine's objects of type `O` (its port's timers, tickers and channels) on the
/// script's grid.
pub(crate) struct Ledger<O> {
    grid: Grid,
    entries: BTreeMap<ObjId, Entry<O>>,
    /// The phase of each AfterFunc's last arming, kept after the program lets go of it: its body
    /// still runs.
    func_phases: BTreeMap<ObjId, Duration>,
}

impl<O: PortObject> Ledger<O> {
    /// An empty ledger for `script`, one quantum of it lasting `real`.
    pub(crate) fn new(script: &Script, real: Duration) -> Ledger<O> {
        Ledger { grid: Grid::new(script, real), entries: BTreeMap::new(), func_phases: BTreeMap::new() }
    }

    /// A one-shot timer (or AfterFunc) armed now for `d`.
    pub(crate) fn once(&mut self, d: GoDuration) -> Armed {
        let (wall, phase) = self.grid.arm(d);
        Armed { wall, arming: Arming::once(self.grid.now(), d), phase }
    }

    /// The wall period of a ticker of period `d`: zero for `d <= 0`, which the ports refuse.
    pub(crate) fn period(&self, d: GoDuration) -> Duration {
        self.grid.period(d)
    }

    /// A ticker (or Tick's channel) of period `d` started now: its grid carries now's phase.
    pub(crate) fn ticking(&self, d: GoDuration) -> Armed {
        Armed { wall: self.grid.period(d), arming: Arming::every(d), phase: self.grid.phase_now() }
    }

    /// Writes down a new object (or replaces the one `id` named), armed as `armed` says.
    pub(crate) fn insert(&mut self, id: ObjId, object: O, armed: Armed) {
        let armed = self.note_func_phase(id, object.kind(), armed);
        self.entries.insert(id, Entry { object, arming: armed.arming, phase: armed.phase });
    }

    /// An AfterFunc's arming has no value to wait for; its phase is kept for its body.
    fn note_func_phase(&mut self, id: ObjId, kind: Kind, armed: Armed) -> Armed {
        if kind != Kind::AfterFunc {
            return armed;
        }
        self.func_phases.insert(id, armed.phase);
        armed.silent()
    }

    /// The object `id` names, if the program still holds it.
    pub(crate) fn object(&self, id: ObjId) -> Option<&O> {
        self.entries.get(&id).map(|e| &e.object)
    }

    /// Go's Stop on `id`: what the port's Stop returns; `None` for a ticker or a bare channel,
    /// or when the program no longer holds `id`.
    pub(crate) fn stop(&mut self, id: ObjId) -> Option<bool> {
        let entry = self.entries.get_mut(&id)?;
        if entry.object.kind() == Kind::Chan {
            return None;
        }
        entry.arming = Arming::Idle;
        entry.object.stop()
    }

    /// Go's Reset of `id` to `d`: what the port's Reset returns; `None` for a ticker or a bare
    /// channel, or when the program no longer holds `id`.
    ///
    /// # Errors
    ///
    /// Go's panic for a ticker and `d <= 0`.
    pub(crate) fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        let Some(kind) = self.entries.get(&id).map(|e| e.object.kind()) else { return Ok(None) };
        let armed = match kind {
            Kind::Timer | Kind::AfterFunc => self.once(d),
            Kind::Ticker if d.is_positive() => self.ticking(d),
            Kind::Ticker => return Err(GoPanic::TickerResetNonPositive),
            Kind::Chan => return Ok(None),
        };
        let armed = self.note_func_phase(id, kind, armed);
        let Some(entry) = self.entries.get_mut(&id) else { return Ok(None) };
        (entry.arming, entry.phase) = (armed.arming, armed.phase);
        Ok(entry.object.reset(armed.wall))
    }

    /// The program let go of `id`.
    pub(crate) fn remove(&mut self, id: ObjId) {
        self.entries.remove(&id);
    }

    /// Moves script time `d` ahead and returns the wall instant the advance must end at: past
    /// the phase of every live ticker.
    pub(crate) fn advance(&mut self, d: GoDuration) -> WallInstant {
        let tickers = self.entries.values().filter(|e| matches!(e.arming, Arming::Every(_)));
        self.grid.advance(d, tickers.map(|e| e.phase))
    }

    /// Refuses the run if waiting until `target` woke too late.
    pub(crate) fn check_woke(&mut self, target: WallInstant) {
        self.grid.check_woke(target);
    }

    /// When the body of AfterFunc `id` ran, as script time on the grid of its last arming.
    pub(crate) fn func_time(&self, id: ObjId, at: WallInstant) -> Instant {
        let phase = self.func_phases.get(&id).copied().unwrap_or(Duration::ZERO);
        self.grid.script_time(at, phase)
    }

    /// A value read from `id`'s channel, as script time on `id`'s grid.
    pub(crate) fn script_time(&self, id: ObjId, value: WallInstant) -> Option<Instant> {
        let entry = self.entries.get(&id)?;
        Some(self.grid.script_time(value, entry.phase))
    }

    /// Until when a blocking receive on `id` listens; `None` when no value can come.
    pub(crate) fn listen_until(&self, id: ObjId) -> Option<WallInstant> {
        let entry = self.entries.get(&id)?;
        let latest = entry.arming.latest(self.grid.now())?;
        Some(self.grid.listen_until(latest, entry.phase))
    }

    /// A blocking receive on `id` got `value`: script time moves to it if it came from the future.
    pub(crate) fn received(&mut self, id: ObjId, value: WallInstant) -> Option<Instant> {
        let t = self.script_time(id, value)?;
        self.grid.move_to(t);
        Some(t)
    }

    /// Marks the run unreliable.
    pub(crate) fn refuse(&mut self, why: String) {
        self.grid.refuse(why);
    }

    /// Why the run is unreliable, if it is.
    pub(crate) fn trouble(&self) -> Option<&str> {
        self.grid.trouble()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use timerlab_script::parse_str;

    /// A port object that answers Stop and Reset with `active` and counts the calls.
    struct Fake {
        kind: Kind,
        active: Option<bool>,
        calls: usize,
    }

    impl PortObject for Fake {
        fn kind(&self) -> Kind {
            self.kind
        }
        fn stop(&mut self) -> Option<bool> {
            self.calls += 1;
            self.active
        }
        fn reset(&mut self, _wall: Duration) -> Option<bool> {
            self.calls += 1;
            self.active
        }
    }

    fn ledger() -> Ledger<Fake> {
        Ledger::new(&parse_str("l.tl", "advance 1s\n").unwrap(), Duration::from_millis(10))
    }

    fn fake(kind: Kind, active: Option<bool>) -> Fake {
        Fake { kind, active, calls: 0 }
    }

    const T: ObjId = ObjId(0);

    #[test]
    fn stop_answers_what_the_port_answers_and_leaves_nothing_to_wait_for() {
        let mut ledger = ledger();
        let armed = ledger.once(GoDuration::from_secs(1));
        ledger.insert(T, fake(Kind::Timer, Some(true)), armed);
        assert!(ledger.listen_until(T).is_some());
        assert_eq!(ledger.stop(T), Some(true));
        assert_eq!(ledger.listen_until(T), None);
        assert_eq!(ledger.object(T).unwrap().calls, 1);
    }

    #[test]
    fn a_bare_channel_has_no_stop_or_reset_and_keeps_its_arming() {
        let mut ledger = ledger();
        let armed = ledger.once(GoDuration::from_secs(1));
        ledger.insert(T, fake(Kind::Chan, Some(true)), armed);
        assert_eq!(ledger.stop(T), None);
        assert_eq!(ledger.reset(T, GoDuration::from_secs(2)), Ok(None));
        assert!(ledger.listen_until(T).is_some());
        assert_eq!(ledger.object(T).unwrap().calls, 0);
    }

    #[test]
    fn resetting_a_ticker_to_a_non_positive_interval_is_gos_panic_and_leaves_the_ticker_ticking() {
        let mut ledger = ledger();
        let armed = ledger.ticking(GoDuration::from_secs(1));
        ledger.insert(T, fake(Kind::Ticker, None), armed);
        for d in [GoDuration::ZERO, GoDuration::from_secs(-1)] {
            let panic = ledger.reset(T, d).unwrap_err();
            assert_eq!(panic.to_string(), "non-positive interval for Ticker.Reset");
        }
        assert_eq!(ledger.object(T).unwrap().calls, 0);
        assert!(ledger.listen_until(T).is_some());
        assert_eq!(ledger.reset(T, GoDuration::from_secs(2)), Ok(None));
        assert_eq!(ledger.object(T).unwrap().calls, 1);
    }

    #[test]
    fn an_after_func_is_never_waited_on_and_its_body_is_timed_on_its_grid_after_the_program_let_go() {
        let mut ledger = ledger();
        let phase = Duration::from_millis(3);
        let armed = Armed { phase, ..ledger.once(GoDuration::SECOND) };
        ledger.insert(T, fake(Kind::AfterFunc, Some(true)), armed);
        assert_eq!(ledger.listen_until(T), None);
        ledger.remove(T);
        let two = Instant::from_start(GoDuration::from_secs(2));
        // 3 ms of phase plus 4 ms of lateness on a 10 ms quantum is still the 2 s grid point.
        let ran = ledger.grid.at(two) + phase + Duration::from_millis(4);
        assert_eq!(ledger.func_time(T, ran), two);
    }

    #[test]
    fn a_ticker_the_program_let_go_no_longer_holds_an_advance_past_its_phase() {
        let mut ledger = ledger();
        let real = ledger.grid.real();
        let phase = Duration::from_millis(3);
        let armed = Armed { phase, ..ledger.ticking(GoDuration::SECOND) };
        ledger.insert(T, fake(Kind::Ticker, None), armed);
        // A thousand quanta ahead: the wall clock is never the later bound.
        let ahead = GoDuration::from_secs(1000);
        let end = ledger.advance(ahead);
        assert_eq!(end, ledger.grid.at(ledger.grid.now()) + phase + real / 8, "an eighth past its phase");
        ledger.remove(T);
        assert!(ledger.object(T).is_none());
        let end = ledger.advance(ahead);
        assert_eq!(end, ledger.grid.at(ledger.grid.now()) + real / 4, "a quarter past the instant");
        assert_eq!(ledger.trouble(), None);
    }

    #[test]
    fn a_late_wake_up_or_a_refusal_makes_the_run_unreliable_and_the_first_reason_stays() {
        let mut ledger = ledger();
        ledger.check_woke(WallInstant::now() + Duration::from_secs(60)); // allow-nondeterminism: early
        assert_eq!(ledger.trouble(), None);
        ledger.check_woke(WallInstant::now() - Duration::from_millis(50)); // allow-nondeterminism: late
        let why = ledger.trouble().map(str::to_owned);
        assert!(why.as_deref().is_some_and(|why| why.starts_with("woke ")), "{why:?}");
        ledger.refuse("a later reason".to_owned());
        assert_eq!(ledger.trouble().map(str::to_owned), why);
        let mut refused = self::ledger();
        refused.refuse("a deadline already past".to_owned());
        assert_eq!(refused.trouble(), Some("a deadline already past"));
    }
}
