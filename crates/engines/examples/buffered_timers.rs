//! A timer implementation written from scratch and checked with timerlab's conformance harness:
//! the worked example of docs/ENGINES.md.
//!
//! `BufferedTimers` is Go ≤ 1.22's design on a virtual clock: every started timer sits in the
//! runtime until it fires or is stopped, and firing puts the time into a one-value buffer
//! (dropped when the buffer is full). About 150 lines implement the whole `Engine` trait; `main`
//! runs the corpus claiming async and prints the table.
//!
//! ```sh
//! cargo run -p timerlab-engines --example buffered_timers          # claims async: exit 0
//! cargo run -p timerlab-engines --example buffered_timers -- sync  # claims sync: fails, exit 1
//! ```

use std::collections::BTreeMap;

use gotime::{GoDuration, Instant, Semantics};
use timerlab_engines::{conform, Candidate};
use timerlab_script::{Engine, GoPanic, ObjId};

/// One timer: a Timer, an After, an AfterFunc, a Ticker or a Tick.
struct Timer {
    /// The armed deadline; `None` once stopped, or fired for a one-shot timer.
    when: Option<Instant>,
    /// The tick period; zero for one-shot timers.
    period: GoDuration,
    /// The channel's one-value buffer.
    buffer: Option<Instant>,
    /// An AfterFunc: firing records a run instead of sending.
    func: bool,
    /// The program still holds it. A dropped timer stays until it fires (golang/go#8898).
    held: bool,
    /// Its channel is nil (AfterFunc's `C`, `Tick(d <= 0)`): nothing is ever received.
    nil: bool,
}

impl Timer {
    fn new(when: Option<Instant>, period: GoDuration) -> Timer {
        Timer { when, period, buffer: None, func: false, held: true, nil: false }
    }
}

/// Go ≤ 1.22 timers on a virtual clock.
#[derive(Default)]
pub struct BufferedTimers {
    now: Instant,
    timers: BTreeMap<ObjId, Timer>,
    fired: Vec<(ObjId, Instant)>,
}

impl BufferedTimers {
    /// The timer due first at or before `until`: earliest deadline, then creation order.
    fn next_due(&self, until: Instant) -> Option<(Instant, ObjId)> {
        let due = self.timers.iter().filter_map(|(&id, t)| t.when.map(|when| (when, id)));
        due.filter(|&(when, _)| when <= until).min()
    }

    fn fire(&mut self, id: ObjId, at: Instant) {
        let t = self.timers.get_mut(&id).expect("only armed timers fire");
        if t.func {
            self.fired.push((id, at));
        } else if t.buffer.is_none() {
            t.buffer = Some(at);
        }
        t.when = t.period.is_positive().then(|| at.deadline_after(t.period));
        if t.when.is_none() && !t.held {
            self.timers.remove(&id);
        }
    }

    fn timer_mut(&mut self, id: ObjId) -> &mut Timer {
        self.timers.get_mut(&id).expect("the interpreter only names live objects")
    }
}

impl Engine for BufferedTimers {
    fn semantics(&self) -> Semantics {
        Semantics::Async
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        self.timers.insert(id, Timer::new(Some(self.now.deadline_after(d)), GoDuration::ZERO));
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        self.timer(id, d);
    }

    fn after_func(&mut self, id: ObjId, d: GoDuration) {
        self.timer(id, d);
        let t = self.timer_mut(id);
        (t.func, t.nil) = (true, true);
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        if !d.is_positive() {
            return Err(GoPanic::NewTickerNonPositive);
        }
        self.timers.insert(id, Timer::new(Some(self.now.deadline_after(d)), d));
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        match self.ticker(id, d) {
            Ok(()) => {}
            Err(_) => {
                let mut t = Timer::new(None, GoDuration::ZERO);
                t.nil = true;
                self.timers.insert(id, t);
            }
        }
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        let t = self.timer_mut(id);
        let was_armed = t.when.take().is_some();
        (!t.period.is_positive()).then_some(was_armed)
    }

    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        let now = self.now;
        let t = self.timer_mut(id);
        if t.period.is_positive() {
            if !d.is_positive() {
                return Err(GoPanic::TickerResetNonPositive);
            }
            (t.when, t.period) = (Some(now.deadline_after(d)), d);
            return Ok(None);
        }
        Ok(Some(t.when.replace(now.deadline_after(d)).is_some()))
    }

    fn advance(&mut self, d: GoDuration) {
        let target = self.now.saturating_add(if d.is_positive() { d } else { GoDuration::ZERO });
        while let Some((when, id)) = self.next_due(target) {
            self.now = when;
            self.fire(id, when);
        }
        self.now = target;
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        self.timer_mut(id).buffer.take()
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        if let Some(value) = self.try_recv(id) {
            return Some(value);
        }
        let t = &self.timers[&id];
        // Nothing can ever arrive: Go blocks forever, and time does not move.
        let when = t.when.filter(|&when| !t.nil && when != Instant::MAX)?;
        self.advance(when.duration_since(self.now));
        self.try_recv(id)
    }

    fn len(&mut self, id: ObjId) -> usize {
        usize::from(self.timer_mut(id).buffer.is_some())
    }

    fn drop_ref(&mut self, id: ObjId) {
        let t = self.timer_mut(id);
        t.held = false;
        if t.when.is_none() {
            self.timers.remove(&id);
        }
    }

    fn live(&self) -> Option<u64> {
        Some(self.timers.values().filter(|t| t.when.is_some()).count() as u64)
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        std::mem::take(&mut self.fired)
    }
}

/// The harness's view of it: a name and a factory. It ignores the semantics it is asked for.
pub fn candidate() -> Candidate<impl Fn(Semantics) -> Box<dyn Engine>> {
    Candidate::new("buffered-timers", |_| Box::new(BufferedTimers::default()) as Box<dyn Engine>)
        .description("examples/buffered_timers.rs: Go <= 1.22 timers from scratch, virtual clock")
        .semantics_blind()
}

#[allow(dead_code)] // also compiled as a module of tests/example.rs, which has its own main
fn main() -> std::process::ExitCode {
    let claim = match std::env::args().nth(1).map(|arg| arg.parse::<Semantics>()) {
        None => Semantics::Async,
        Some(Ok(semantics)) => semantics,
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let report = conform(&candidate(), claim);
    print!("{report}");
    if report.passed() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
