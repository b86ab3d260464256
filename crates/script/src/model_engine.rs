//! [`ModelEngine`]: the reference model behind the [`Engine`] trait.
//!
//! The model keeps its own clock types, so that it shares no time arithmetic with gotime; this
//! engine converts at the boundary, nanoseconds in and nanoseconds out.

use std::collections::BTreeMap;

use gotime::{GoDuration, Instant, Semantics};
use timerlab_model::{Duration, Model, Time, TimerId};

use crate::{Engine, GoPanic, ObjId};

/// What a script object is in the model.
#[derive(Clone, Copy, Debug)]
enum Object {
    /// A Timer or AfterFunc: Stop and Reset report a result.
    Timer(TimerId),
    /// A Ticker: Stop and Reset report nothing.
    Ticker(TimerId),
    /// The channel of After or Tick; `None` is Tick's nil channel.
    Chan(Option<TimerId>),
}

impl Object {
    fn timer_id(self) -> Option<TimerId> {
        match self {
            Object::Timer(id) | Object::Ticker(id) => Some(id),
            Object::Chan(id) => id,
        }
    }
}

/// A script's duration, in the model's type: the same nanoseconds.
fn duration(d: GoDuration) -> Duration {
    Duration::from_nanos(d.as_nanos())
}

/// A time the model reports, on gotime's clock: the same nanoseconds since the start.
fn instant(t: Time) -> Instant {
    Instant::from_start(GoDuration::from_nanos(t.as_nanos()))
}

/// Runs scripts on [`timerlab_model::Model`].
#[derive(Debug)]
pub struct ModelEngine {
    model: Model,
    objects: BTreeMap<ObjId, Object>,
    /// Which object made each AfterFunc, kept after the program drops it: f still runs.
    funcs: BTreeMap<TimerId, ObjId>,
}

impl ModelEngine {
    /// A model at time zero.
    pub fn new(semantics: Semantics) -> ModelEngine {
        ModelEngine { model: Model::new(semantics), objects: BTreeMap::new(), funcs: BTreeMap::new() }
    }

    /// The model itself, to inspect it.
    pub fn model(&self) -> &Model {
        &self.model
    }

    fn timer_id(&self, id: ObjId) -> Option<TimerId> {
        self.objects.get(&id).and_then(|o| o.timer_id())
    }
}

impl Engine for ModelEngine {
    fn semantics(&self) -> Semantics {
        self.model.semantics()
    }

    fn timer(&mut self, id: ObjId, d: GoDuration) {
        let t = self.model.new_timer(duration(d));
        self.objects.insert(id, Object::Timer(t));
    }

    fn after(&mut self, id: ObjId, d: GoDuration) {
        let t = self.model.after(duration(d));
        self.objects.insert(id, Object::Chan(Some(t)));
    }

    fn after_func(&mut self, id: ObjId, d: GoDuration) {
        let t = self.model.after_func(duration(d));
        self.objects.insert(id, Object::Timer(t));
        self.funcs.insert(t, id);
    }

    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic> {
        let t = self.model.new_ticker(duration(d))?;
        self.objects.insert(id, Object::Ticker(t));
        Ok(())
    }

    fn tick(&mut self, id: ObjId, d: GoDuration) {
        let t = self.model.tick(duration(d));
        self.objects.insert(id, Object::Chan(t));
    }

    fn stop(&mut self, id: ObjId) -> Option<bool> {
        match *self.objects.get(&id)? {
            Object::Timer(t) => Some(self.model.timer_stop(t)),
            Object::Ticker(t) => {
                self.model.ticker_stop(t);
                None
            }
            Object::Chan(_) => None,
        }
    }

    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic> {
        match self.objects.get(&id).copied() {
            Some(Object::Timer(t)) => Ok(Some(self.model.timer_reset(t, duration(d)))),
            Some(Object::Ticker(t)) => {
                self.model.ticker_reset(t, duration(d))?;
                Ok(None)
            }
            Some(Object::Chan(_)) | None => Ok(None),
        }
    }

    fn advance(&mut self, d: GoDuration) {
        self.model.advance(duration(d));
    }

    fn try_recv(&mut self, id: ObjId) -> Option<Instant> {
        let t = self.timer_id(id)?;
        self.model.try_recv(t).map(instant)
    }

    fn wait(&mut self, id: ObjId) -> Option<Instant> {
        let t = self.timer_id(id)?;
        self.model.wait(t).map(instant)
    }

    fn len(&mut self, id: ObjId) -> usize {
        self.timer_id(id).map_or(0, |t| self.model.len(t))
    }

    fn drop_ref(&mut self, id: ObjId) {
        if let Some(t) = self.objects.remove(&id).and_then(Object::timer_id) {
            self.model.drop_ref(t);
        }
    }

    fn live(&self) -> Option<u64> {
        Some(self.model.live() as u64)
    }

    fn take_fired(&mut self) -> Vec<(ObjId, Instant)> {
        let fired = self.model.take_fired();
        fired.into_iter().map(|(t, at)| (self.funcs[&t], instant(at))).collect()
    }
}
