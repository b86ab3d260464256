//! [`CrossbeamEngine`]: the crossbeam port behind the [`Engine`] trait, on the wall clock kept on
//! the script's grid. crossbeam's timer channels need no thread: `advance` just sleeps.

use std::collections::BTreeMap;
use std::time::{Duration, Instant as WallInstant};

use crossbeam_channel::{never, Receiver};
use gotime::{GoDuration, Instant, Semantics};
use timerlab_script::{Engine, GoPanic, ObjId, Script};

use super::port::{self, Ticker, Timer};
use crate::adapters::arming::Arming;
use crate::adapters::grid::Grid;
use crate::adapters::realtime::Refusable;

enum Object {
    Timer(Timer),
    Ticker(Ticker),
    /// After's channel, or Tick's (`never()` for Go's nil channel).
    Chan(Receiver<WallInstant>),
}

struct Entry {
    object: Object,
    arming: Arming,
    /// The wall-clock phase of the object's grid (see [`Grid`]).
    phase: Duration,
}

impl Entry {
    fn chan(&self) -> &Receiver<WallInstant> {
        match &self.object {
            Object::Timer(t) => t.c(),
            Object::Ticker(t) => t.c(),
            Object::Chan(c) => c,
        }
    }
}

/// The crossbeam port ([`port`]) driven by op scripts in real time. It claims `semantics` but
/// behaves one way; it cannot count live timers, and crossbeam has no AfterFunc.
pub struct CrossbeamEngine {
    semantics: Semantics,
    grid: Grid,
    objects: BTreeMap<ObjId, Entry>,
}

impl CrossbeamEngine {
    /// A fresh engine for `script`, one quantum of it lasting `real`.
    pub fn new(script: &Script, semantics: Semantics, real: Duration) -> CrossbeamEngine {
        CrossbeamEngine { semantics, grid: Grid::new(script, real), objects: BTreeMap::new() }
    }

    fn insert(&mut self, id: ObjId, object: Object, arming: Arming, phase: Duration) {
        self.objects.insert(id, Entry { object, arming, phase });
    }

    fn ticker_phases(&self) -> Vec<Duration> {
        self.objects.values().filter(|e| matches!(e.arming, Arming::Every(_))).map(|e| e.phase).collect()
    }
}

impl Refusable for CrossbeamEngine {
    fn trouble(&self) -> Option<&str> {
        self.grid.trouble()
    }
}

impl Engine for CrossbeamEngine {
    fn semantics(&self) -> Semantics {
        self.semantics
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        let (wall, phase) = self.grid.arm(d);
        let arming = Arming::once(self.grid.now(), d);
        self.insert(id, Object::Timer(Timer::new(wall)), arming, phase);
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        let (wall, phase) = self.grid.arm(d);
        let arming = Arming::once(self.grid.now(), d);
        self.insert(id, Object::Chan(port::after(wall)), arming, phase);
    }

    fn after_func(&mut self, _id: ObjId, _d: GoDuration) {
        // The subject declares no AfterFunc, so the harness never asks; if someone does, the run
        // must not pass for a conforming one.
        self.grid.refuse("crossbeam-channel has no AfterFunc".to_owned());
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let ticker = Ticker::try_new(self.grid.period(d)).ok_or(GoPanic::NewTickerNonPositive)?;
        let phase = self.grid.phase_now();
        self.insert(id, Object::Ticker(ticker), Arming::every(d), phase);
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        let (c, arming) = match port::tick(self.grid.period(d)) {
            Some(c) => (c, Arming::every(d)),
            None => (never(), Arming::Idle),
        };
        let phase = self.grid.phase_now();
        self.insert(id, Object::Chan(c), arming, phase);
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        let entry = self.objects.get_mut(&id)?;
        let result = match &mut entry.object {
            Object::Timer(t) => Some(t.stop()),
            Object::Ticker(t) => {
                t.stop();
                None
            }
            Object::Chan(_) => return None,
        };
        entry.arming = Arming::Idle;
        result
    }

    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        let is_timer = match self.objects.get(&id).map(|e| &e.object) {
            Some(Object::Timer(_)) => true,
            Some(Object::Ticker(_)) => false,
            Some(Object::Chan(_)) | None => return Ok(None),
        };
        let (wall, arming, phase) = if is_timer {
            let (wall, phase) = self.grid.arm(d);
            (wall, Arming::once(self.grid.now(), d), phase)
        } else if d.is_positive() {
            (self.grid.period(d), Arming::every(d), self.grid.phase_now())
        } else {
            return Err(GoPanic::TickerResetNonPositive);
        };
        let Some(entry) = self.objects.get_mut(&id) else { return Ok(None) };
        let result = match &mut entry.object {
            Object::Timer(t) => Some(t.reset(wall)),
            Object::Ticker(t) => {
                t.reset(wall);
                None
            }
            Object::Chan(_) => None,
        };
        (entry.arming, entry.phase) = (arming, phase);
        Ok(result)
    }

    fn advance(&mut self, d: GoDuration) {
        let target = self.grid.advance(d, self.ticker_phases());
        std::thread::sleep(target.saturating_duration_since(WallInstant::now())); // allow-nondeterminism: real-time adapter
        self.grid.check_woke(target);
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        let entry = self.objects.get(&id)?;
        let value = entry.chan().try_recv().ok()?;
        Some(self.grid.script_time(value, entry.phase))
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        if let Some(value) = self.try_recv(id) {
            return Some(value);
        }
        let entry = self.objects.get(&id)?;
        let latest = entry.arming.latest(self.grid.now())?;
        let limit = self.grid.listen_until(latest, entry.phase);
        let Ok(value) = entry.chan().recv_deadline(limit) else {
            self.grid.check_woke(limit);
            return None;
        };
        let t = self.grid.script_time(value, entry.phase);
        self.grid.move_to(t);
        Some(t)
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.objects.get(&id).map_or(0, |e| e.chan().len())
    }

    fn drop_ref(&mut self, id: ObjId) {
        self.objects.remove(&id);
    }

    fn live(&self) -> Option<u64> {
        None
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        Vec::new()
    }
}
