//! [`FuturesEngine`]: the futures-timer port behind the [`Engine`] trait, its tasks on a
//! `LocalPool` that runs while time passes (`advance`, `wait`), on the wall clock kept on the
//! script's grid by its [`Ledger`]. futures-timer fires its `Delay`s from a helper thread of its own.

use std::cell::{Cell, RefCell};
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
use crate::adapters::ledger::{Kind, Ledger, PortObject};
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

impl Object {
    fn chan(&self) -> Option<&Receiver<WallInstant>> {
        match self {
            Object::Timer(t) => Some(t.c()),
            Object::Ticker(t) => Some(t.c()),
            Object::Chan(c) => c.as_ref(),
            Object::AfterFunc(_) => None,
        }
    }
}

impl PortObject for Object {
    fn kind(&self) -> Kind {
        match self {
            Object::Timer(_) => Kind::Timer,
            Object::AfterFunc(_) => Kind::AfterFunc,
            Object::Ticker(_) => Kind::Ticker,
            Object::Chan(_) => Kind::Chan,
        }
    }

    fn stop(&mut self) -> Option<bool> {
        match self {
            Object::Timer(t) => Some(t.stop()),
            Object::AfterFunc(t) => Some(t.stop()),
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
            Object::AfterFunc(t) => Some(t.reset(wall)),
            Object::Ticker(t) => {
                t.reset(wall);
                None
            }
            Object::Chan(_) => None,
        }
    }
}

/// The futures-timer port ([`super::port`]) driven by op scripts in real time. It claims
/// `semantics` but behaves one way; `live` is the number of the pool's alive tasks.
pub struct FuturesEngine {
    semantics: Semantics,
    ledger: Ledger<Object>,
    pool: RefCell<LocalPool>,
    timers: Timers,
    alive: Rc<Cell<usize>>,
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
            ledger: Ledger::new(script, real),
            pool: RefCell::new(pool),
            timers,
            alive,
            fired: Rc::default(),
        }
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
        self.ledger.trouble()
    }
}

impl Engine for FuturesEngine {
    fn semantics(&self) -> Semantics {
        self.semantics
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        let armed = self.ledger.once(d);
        let timer = self.timers.new_timer(armed.wall);
        self.ledger.insert(id, Object::Timer(timer), armed);
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        let armed = self.ledger.once(d);
        let c = self.timers.after(armed.wall);
        self.ledger.insert(id, Object::Chan(Some(c)), armed);
    }

    fn after_func(&mut self, id: ObjId, d: GoDuration) {
        let armed = self.ledger.once(d);
        let fired = Rc::clone(&self.fired);
        let f = Rc::new(move || fired.borrow_mut().push((id, WallInstant::now()))); // allow-nondeterminism: real-time adapter
        let t = self.timers.after_func(armed.wall, f);
        self.ledger.insert(id, Object::AfterFunc(t), armed);
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let ticker = self.timers.new_ticker(self.ledger.period(d)).ok_or(GoPanic::NewTickerNonPositive)?;
        self.ledger.insert(id, Object::Ticker(ticker), self.ledger.ticking(d));
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        let c = self.timers.tick(self.ledger.period(d));
        let armed = if c.is_some() { self.ledger.ticking(d) } else { self.ledger.ticking(d).silent() };
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
        self.run_until(target);
        self.ledger.check_woke(target);
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        let value = self.ledger.object(id)?.chan()?.try_recv().ok()?;
        self.ledger.script_time(id, value)
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        if let Some(value) = self.try_recv(id) {
            return Some(value);
        }
        let limit = self.ledger.listen_until(id)?;
        let c = self.ledger.object(id)?.chan()?.clone();
        let listen = Delay::new(limit.saturating_duration_since(WallInstant::now())); // allow-nondeterminism: real-time adapter
        let received = self.pool.borrow_mut().run_until(select(Box::pin(c.recv()), listen));
        let value = match received {
            Either::Left((Ok(value), _)) => value,
            Either::Left((Err(_), _)) => return None,
            Either::Right(_) => {
                // The helper thread may have woken the timer's task together with the listening
                // `Delay`: let it run before calling silence a deadlock.
                self.ledger.check_woke(limit);
                self.pool.borrow_mut().run_until_stalled();
                return self.try_recv(id);
            }
        };
        let t = self.ledger.received(id, value);
        self.pool.borrow_mut().run_until_stalled();
        t
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.ledger.object(id).and_then(Object::chan).map_or(0, Receiver::len)
    }

    fn drop_ref(&mut self, id: ObjId) {
        // Dropping an AbortHandle does not abort: the port's timer still fires.
        self.ledger.remove(id);
    }

    fn live(&self) -> Option<u64> {
        self.pool.borrow_mut().run_until_stalled();
        Some(self.alive.get() as u64)
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        let mut fired: Vec<(Instant, ObjId)> =
            self.fired.borrow_mut().drain(..).map(|(id, at)| (self.ledger.func_time(id, at), id)).collect();
        // Bodies due in one quantum run in the helper thread's order; the oracle prints them
        // by time, then creation: so do we.
        fired.sort();
        fired.into_iter().map(|(at, id)| (id, at)).collect()
    }
}
