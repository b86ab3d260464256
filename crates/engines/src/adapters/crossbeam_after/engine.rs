//! [`CrossbeamEngine`]: the crossbeam port behind the [`Engine`] trait, on the wall clock kept on
//! the script's grid by its [`Ledger`]. crossbeam's timer channels need no thread: `advance` just sleeps.

use std::time::{Duration, Instant as WallInstant};

use crossbeam_channel::{never, Receiver};
use gotime::{GoDuration, Instant, Semantics};
use timerlab_script::{Engine, GoPanic, ObjId, Script};

use super::port::{self, Ticker, Timer};
use crate::adapters::ledger::{Kind, Ledger, PortObject};
use crate::adapters::realtime::Refusable;

enum Object {
    Timer(Timer),
    Ticker(Ticker),
    /// After's channel, or Tick's (`never()` for Go's nil channel).
    Chan(Receiver<WallInstant>),
}

impl Object {
    fn chan(&self) -> &Receiver<WallInstant> {
        match self {
            Object::Timer(t) => t.c(),
            Object::Ticker(t) => t.c(),
            Object::Chan(c) => c,
        }
    }
}

impl PortObject for Object {
    fn kind(&self) -> Kind {
        match self {
            Object::Timer(_) => Kind::Timer,
            Object::Ticker(_) => Kind::Ticker,
            Object::Chan(_) => Kind::Chan,
        }
    }

    fn stop(&mut self) -> Option<bool> {
        match self {
            Object::Timer(t) => Some(t.stop()),
            Object::Ticker(t) => {
                t.stop();
                None
            }
            Object::Chan(_) => None,
        }
    }

    fn reset(&mut self, wall: Duration) -> Option<bool> {
        match self {
            Object::Timer(t) => Some(t.reset(wall)),
            Object::Ticker(t) => {
                t.reset(wall);
                None
            }
            Object::Chan(_) => None,
        }
    }
}

/// The crossbeam port ([`port`]) driven by op scripts in real time. It claims `semantics` but
/// behaves one way; it cannot count live timers, and crossbeam has no AfterFunc.
pub struct CrossbeamEngine {
    semantics: Semantics,
    ledger: Ledger<Object>,
}

impl CrossbeamEngine {
    /// A fresh engine for `script`, one quantum of it lasting `real`.
    pub fn new(script: &Script, semantics: Semantics, real: Duration) -> CrossbeamEngine {
        CrossbeamEngine { semantics, ledger: Ledger::new(script, real) }
    }
}

impl Refusable for CrossbeamEngine {
    fn trouble(&self) -> Option<&str> {
        self.ledger.trouble()
    }
}

impl Engine for CrossbeamEngine {
    fn semantics(&self) -> Semantics {
        self.semantics
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        let armed = self.ledger.once(d);
        self.ledger.insert(id, Object::Timer(Timer::new(armed.wall)), armed);
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        let armed = self.ledger.once(d);
        self.ledger.insert(id, Object::Chan(port::after(armed.wall)), armed);
    }

    fn after_func(&mut self, _id: ObjId, _d: GoDuration) {
        // The subject declares no AfterFunc, so the harness never asks; if someone does, the run
        // must not pass for a conforming one.
        self.ledger.refuse("crossbeam-channel has no AfterFunc".to_owned());
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let ticker = Ticker::try_new(self.ledger.period(d)).ok_or(GoPanic::NewTickerNonPositive)?;
        self.ledger.insert(id, Object::Ticker(ticker), self.ledger.ticking(d));
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        let (c, armed) = match port::tick(self.ledger.period(d)) {
            Some(c) => (c, self.ledger.ticking(d)),
            None => (never(), self.ledger.ticking(d).silent()),
        };
        self.ledger.insert(id, Object::Chan(c), armed);
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        self.ledger.stop(id)
    }

    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        self.ledger.reset(id, d)
    }

    fn advance(&mut self, d: GoDuration) {
        let target = self.ledger.advance(d);
        std::thread::sleep(target.saturating_duration_since(WallInstant::now())); // allow-nondeterminism: real-time adapter
        self.ledger.check_woke(target);
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        let value = self.ledger.object(id)?.chan().try_recv().ok()?;
        self.ledger.script_time(id, value)
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        if let Some(value) = self.try_recv(id) {
            return Some(value);
        }
        let limit = self.ledger.listen_until(id)?;
        let Ok(value) = self.ledger.object(id)?.chan().recv_deadline(limit) else {
            self.ledger.check_woke(limit);
            return None;
        };
        self.ledger.received(id, value)
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.ledger.object(id).map_or(0, |o| o.chan().len())
    }

    fn drop_ref(&mut self, id: ObjId) {
        self.ledger.remove(id);
    }

    fn live(&self) -> Option<u64> {
        None
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        Vec::new()
    }
}
