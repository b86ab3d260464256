//! [`RuntimeEngine`]: the gotime runtime, on its manual virtual clock, behind the [`Engine`] trait.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use gotime::{Chan, GoDuration, Instant, Runtime, Semantics, Ticker, Timer};

use crate::{Engine, GoPanic, ObjId};

/// What a script object is in the runtime: the program's references, dropped by `drop`.
enum Object {
    /// A Timer or AfterFunc.
    Timer(Timer),
    /// A Ticker.
    Ticker(Ticker),
    /// The channel of After or Tick (Tick's may be nil).
    Chan(Chan),
}

impl Object {
    fn chan(&self) -> &Chan {
        match self {
            Object::Timer(t) => t.c(),
            Object::Ticker(t) => t.c(),
            Object::Chan(c) => c,
        }
    }
}

/// The AfterFunc log the bodies write to. It holds the runtime to read the clock while `f` runs;
/// the engine clears it when dropped, so the runtime (which holds the bodies) is not kept alive
/// by its own AfterFuncs.
#[derive(Default)]
struct FiredLog {
    rt: Option<Runtime>,
    fired: Vec<(ObjId, Instant)>,
}

/// Runs scripts on a [`gotime::Runtime`] with a manual clock.
pub struct RuntimeEngine {
    rt: Runtime,
    objects: BTreeMap<ObjId, Object>,
    log: Arc<Mutex<FiredLog>>,
}

impl RuntimeEngine {
    /// A runtime at time zero.
    pub fn new(semantics: Semantics) -> RuntimeEngine {
        let rt = Runtime::new(semantics);
        let log = Arc::new(Mutex::new(FiredLog { rt: Some(rt.clone()), fired: Vec::new() }));
        RuntimeEngine { rt, objects: BTreeMap::new(), log }
    }

    /// The runtime itself, to inspect it.
    pub fn runtime(&self) -> &Runtime {
        &self.rt
    }

    fn chan(&self, id: ObjId) -> Option<&Chan> {
        self.objects.get(&id).map(Object::chan)
    }
}

impl Drop for RuntimeEngine {
    fn drop(&mut self) {
        self.log.lock().unwrap_or_else(PoisonError::into_inner).rt = None;
    }
}

impl std::fmt::Debug for RuntimeEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuntimeEngine").field("rt", &self.rt).finish_non_exhaustive()
    }
}

impl Engine for RuntimeEngine {
    fn semantics(&self) -> Semantics {
        self.rt.semantics()
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        self.objects.insert(id, Object::Timer(self.rt.new_timer(d)));
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        self.objects.insert(id, Object::Chan(self.rt.after(d)));
    }

    fn after_func(&mut self, id: ObjId, d: GoDuration) {
        let log = Arc::clone(&self.log);
        let f = move || {
            let mut log = log.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(now) = log.rt.as_ref().map(Runtime::now) {
                log.fired.push((id, now));
            }
        };
        self.objects.insert(id, Object::Timer(self.rt.after_func(d, f)));
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let ticker = self.rt.try_new_ticker(d);
        // `try_new_ticker` is `None` exactly where Go's NewTicker panics.
        let ticker = ticker.ok_or(GoPanic::NewTickerNonPositive)?;
        self.objects.insert(id, Object::Ticker(ticker));
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        self.objects.insert(id, Object::Chan(self.rt.tick(d)));
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        match self.objects.get(&id)? {
            Object::Timer(t) => Some(t.stop()),
            Object::Ticker(t) => {
                t.stop();
                None
            }
            Object::Chan(_) => None,
        }
    }

    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        match self.objects.get(&id) {
            Some(Object::Timer(t)) => Ok(Some(t.reset(d))),
            Some(Object::Ticker(t)) => {
                // `Ticker::reset` panics with Go's message for `d <= 0`; answer without unwinding.
                if !d.is_positive() {
                    return Err(GoPanic::TickerResetNonPositive);
                }
                t.reset(d);
                Ok(None)
            }
            Some(Object::Chan(_)) | None => Ok(None),
        }
    }

    fn advance(&mut self, d: GoDuration) {
        self.rt.advance(d);
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        self.chan(id)?.try_recv().ok()
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        // Any error is a deadlock here: this runtime's clock is manual.
        self.rt.wait(self.chan(id)?).ok()
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.chan(id).map_or(0, Chan::len)
    }

    fn drop_ref(&mut self, id: ObjId) {
        self.objects.remove(&id);
    }

    fn live(&self) -> Option<u64> {
        Some(self.rt.stats().live)
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        std::mem::take(&mut self.log.lock().unwrap_or_else(PoisonError::into_inner).fired)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_engine_lets_go_of_the_runtime_its_after_func_bodies_would_keep_alive() {
        // The runtime holds the AfterFunc's body, the body holds the log, and the log holds the
        // runtime: only the engine's drop breaks that cycle.
        let mut engine = RuntimeEngine::new(Semantics::Sync);
        engine.after_func(ObjId(0), GoDuration::from_secs(60));
        let log = Arc::clone(&engine.log);
        assert!(log.lock().unwrap().rt.is_some());
        drop(engine);
        assert!(log.lock().unwrap().rt.is_none(), "the log still holds the runtime");
    }

    #[test]
    fn an_engine_debugs_as_its_runtime() {
        let engine = RuntimeEngine::new(Semantics::Async);
        let text = format!("{engine:?}");
        assert!(text.starts_with("RuntimeEngine { rt: Runtime {"), "{text}");
        assert!(text.ends_with(", .. }"), "{text}");
    }
}
