//! [`FuturesEngine`]: the futures-timer port behind the [`Engine`] trait, its tasks on a
//! `LocalPool` that runs while time passes (`advance`, `wait`), on the wall clock kept on the
//! script's grid. futures-timer fires its `Delay`s from a helper thread of its own.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::{Duration, Instant as WallInstant};

use async_channel::Receiver;
use futures::executor::{LocalPool, LocalSpawner};
use futures::future::{select, Either, LocalFutureObj};
use futures::task::{LocalSpawn, SpawnError};
use futures_timer::Delay;
use gotime::{GoDuration, Instant, Semantics};
use timerlab_script::{Engine, GoPanic, ObjId, Script};

use super::port::{AfterFunc, Ticker, Timer, Timers};
use crate::adapters::arming::Arming;
use crate::adapters::grid::Grid;
use crate::adapters::realtime::Refusable;

/// Counts the tasks alive on the pool: every armed timer of the port is one.
struct CountingSpawner {
    inner: LocalSpawner,
    alive: Rc<Cell<usize>>,
}

/// Decrements the count when its task is dropped (finished or aborted).
struct AliveGuard(Rc<Cell<usize>>);

impl Drop for AliveGuard {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

impl LocalSpawn for CountingSpawner {
    fn spawn_local_obj(&self, future: LocalFutureObj<'static, ()>) -> Result<(), SpawnError> {
        self.alive.set(self.alive.get() + 1);
        let guard = AliveGuard(Rc::clone(&self.alive));
        self.inner.spawn_local_obj(LocalFutureObj::new(Box::new(async move {
            let _guard = guard;
            future.await;
        })))
    }
}

enum Object {
    Timer(Timer),
    AfterFunc(AfterFunc),
    Ticker(Ticker),
    /// After's or Tick's channel; `None` is Tick's nil channel.
    Chan(Option<Receiver<WallInstant>>),
}

struct Entry {
    object: Object,
    arming: Arming,
    /// The wall-clock phase of the object's grid (see [`Grid`]).
    phase: Duration,
}

impl Entry {
    fn chan(&self) -> Option<&Receiver<WallInstant>> {
        match &self.object {
            Object::Timer(t) => Some(t.c()),
            Object::Ticker(t) => Some(t.c()),
            Object::Chan(c) => c.as_ref(),
            Object::AfterFunc(_) => None,
        }
    }
}

/// The futures-timer port ([`super::port`]) driven by op scripts in real time. It claims
/// `semantics` but behaves one way; `live` is the number of the pool's alive tasks.
pub struct FuturesEngine {
    semantics: Semantics,
    grid: Grid,
    pool: RefCell<LocalPool>,
    timers: Timers,
    alive: Rc<Cell<usize>>,
    objects: BTreeMap<ObjId, Entry>,
    /// The phase of each AfterFunc's last arming, kept after `drop`: its body still runs.
    func_phases: BTreeMap<ObjId, Duration>,
    fired: Rc<RefCell<Vec<(ObjId, WallInstant)>>>,
}

impl FuturesEngine {
    /// A fresh engine for `script`, one quantum of it lasting `real`.
    pub fn new(script: &Script, semantics: Semantics, real: Duration) -> FuturesEngine {
        let pool = LocalPool::new();
        let alive = Rc::new(Cell::new(0));
        let timers = Timers::new(CountingSpawner { inner: pool.spawner(), alive: Rc::clone(&alive) });
        FuturesEngine {
            semantics,
            grid: Grid::new(script, real),
            pool: RefCell::new(pool),
            timers,
            alive,
            objects: BTreeMap::new(),
            func_phases: BTreeMap::new(),
            fired: Rc::default(),
        }
    }

    fn insert(&mut self, id: ObjId, object: Object, arming: Arming, phase: Duration) {
        self.objects.insert(id, Entry { object, arming, phase });
    }

    fn ticker_phases(&self) -> Vec<Duration> {
        self.objects.values().filter(|e| matches!(e.arming, Arming::Every(_))).map(|e| e.phase).collect()
    }

    /// Runs the tasks until the wall clock reaches `until`.
    fn run_until(&self, until: WallInstant) {
        let mut pool = self.pool.borrow_mut();
        pool.run_until(Delay::new(until.saturating_duration_since(WallInstant::now()))); // allow-nondeterminism: real-time adapter
        pool.run_until_stalled();
    }
}

impl Refusable for FuturesEngine {
    fn trouble(&self) -> Option<&str> {
        self.grid.trouble()
    }
}

impl Engine for FuturesEngine {
    fn semantics(&self) -> Semantics {
        self.semantics
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        let (wall, phase) = self.grid.arm(d);
        let timer = self.timers.new_timer(wall);
        self.insert(id, Object::Timer(timer), Arming::once(self.grid.now(), d), phase);
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        let (wall, phase) = self.grid.arm(d);
        let c = self.timers.after(wall);
        self.insert(id, Object::Chan(Some(c)), Arming::once(self.grid.now(), d), phase);
    }

    fn after_func(&mut self, id: ObjId, d: GoDuration) {
        let (wall, phase) = self.grid.arm(d);
        let fired = Rc::clone(&self.fired);
        let f = Rc::new(move || fired.borrow_mut().push((id, WallInstant::now()))); // allow-nondeterminism: real-time adapter
        let t = self.timers.after_func(wall, f);
        self.func_phases.insert(id, phase);
        self.insert(id, Object::AfterFunc(t), Arming::Idle, phase);
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let ticker = self.timers.new_ticker(self.grid.period(d)).ok_or(GoPanic::NewTickerNonPositive)?;
        let phase = self.grid.phase_now();
        self.insert(id, Object::Ticker(ticker), Arming::every(d), phase);
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        let c = self.timers.tick(self.grid.period(d));
        let arming = if c.is_some() { Arming::every(d) } else { Arming::Idle };
        let phase = self.grid.phase_now();
        self.insert(id, Object::Chan(c), arming, phase);
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        let entry = self.objects.get_mut(&id)?;
        let result = match &mut entry.object {
            Object::Timer(t) => Some(t.stop()),
            Object::AfterFunc(t) => Some(t.stop()),
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
        let is_ticker = match self.objects.get(&id).map(|e| &e.object) {
            Some(Object::Timer(_) | Object::AfterFunc(_)) => false,
            Some(Object::Ticker(_)) => true,
            Some(Object::Chan(_)) | None => return Ok(None),
        };
        let (wall, arming, phase) = if !is_ticker {
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
            Object::AfterFunc(t) => {
                self.func_phases.insert(id, phase);
                entry.arming = Arming::Idle;
                entry.phase = phase;
                return Ok(Some(t.reset(wall)));
            }
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
        self.run_until(target);
        self.grid.check_woke(target);
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        let entry = self.objects.get(&id)?;
        let value = entry.chan()?.try_recv().ok()?;
        Some(self.grid.script_time(value, entry.phase))
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        if let Some(value) = self.try_recv(id) {
            return Some(value);
        }
        let entry = self.objects.get(&id)?;
        let latest = entry.arming.latest(self.grid.now())?;
        let limit = self.grid.listen_until(latest, entry.phase);
        let c = entry.chan()?.clone();
        let listen = Delay::new(limit.saturating_duration_since(WallInstant::now())); // allow-nondeterminism: real-time adapter
        let received = self.pool.borrow_mut().run_until(select(Box::pin(c.recv()), listen));
        let value = match received {
            Either::Left((Ok(value), _)) => value,
            Either::Left((Err(_), _)) => return None,
            Either::Right(_) => {
                // The helper thread may have woken the timer's task together with the listening
                // `Delay`: let it run before calling silence a deadlock.
                self.grid.check_woke(limit);
                self.pool.borrow_mut().run_until_stalled();
                return self.try_recv(id);
            }
        };
        let t = self.grid.script_time(value, entry.phase);
        self.grid.move_to(t);
        self.pool.borrow_mut().run_until_stalled();
        Some(t)
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.objects.get(&id).and_then(Entry::chan).map_or(0, Receiver::len)
    }

    fn drop_ref(&mut self, id: ObjId) {
        // Dropping an AbortHandle does not abort: the port's timer still fires.
        self.objects.remove(&id);
    }

    fn live(&self) -> Option<u64> {
        self.pool.borrow_mut().run_until_stalled();
        Some(self.alive.get() as u64)
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        let mut fired: Vec<(Instant, ObjId)> = self
            .fired
            .borrow_mut()
            .drain(..)
            .map(|(id, at)| {
                let phase = self.func_phases.get(&id).copied().unwrap_or(Duration::ZERO);
                (self.grid.script_time(at, phase), id)
            })
            .collect();
        // Bodies due in one quantum run in the helper thread's order; the oracle prints them
        // by time, then creation: so do we.
        fired.sort();
        fired.into_iter().map(|(at, id)| (id, at)).collect()
    }
}
