//! [`Engine`]: what an op script needs from a timer implementation.

use gotime::{GoDuration, Instant, Semantics};
use timerlab_vocab::GoPanic;

/// A timer object a script created: the n-th constructor op executed, from 0. The interpreter
/// maps names to these; an engine maps them to its own timers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjId(pub usize);

/// A Go timer implementation an op script can drive: one method per op.
///
/// The interpreter calls these only with ids it created and the program still references, and
/// only with ops the object supports (the parser checks both). An engine follows one
/// [`Semantics`], fixed when it is built.
pub trait Engine {
    /// The semantics this engine follows.
    fn semantics(&self) -> Semantics;
    /// `time.NewTimer(d)`.
    fn timer(&mut self, id: ObjId, d: GoDuration);
    /// `time.After(d)`: the engine keeps only the channel.
    fn after(&mut self, id: ObjId, d: GoDuration);
    /// `time.AfterFunc(d, f)`, where f records `(id, now)` for [`Engine::take_fired`].
    fn after_func(&mut self, id: ObjId, d: GoDuration);
    /// `time.NewTicker(d)`.
    ///
    /// # Errors
    ///
    /// Go's panic when `d <= 0`; nothing is created then.
    fn ticker(&mut self, id: ObjId, d: GoDuration) -> Result<(), GoPanic>;
    /// `time.Tick(d)`: the channel alone, nil when `d <= 0`.
    fn tick(&mut self, id: ObjId, d: GoDuration);
    /// `Stop()`: `Some(result)` for a Timer or AfterFunc, `None` for a Ticker (Go's
    /// `Ticker.Stop` returns nothing).
    fn stop(&mut self, id: ObjId) -> Option<bool>;
    /// `Reset(d)`: `Some(result)` for a Timer or AfterFunc, `None` for a Ticker.
    ///
    /// # Errors
    ///
    /// Go's panic for `Ticker.Reset(d <= 0)`; the ticker is unchanged then.
    fn reset(&mut self, id: ObjId, d: GoDuration) -> Result<Option<bool>, GoPanic>;
    /// Lets `d` of virtual time pass (none when negative), firing what is due, even for `d = 0`.
    fn advance(&mut self, d: GoDuration);
    /// A non-blocking receive from the object's channel.
    fn try_recv(&mut self, id: ObjId) -> Option<Instant>;
    /// A blocking receive: lets time pass until a value arrives. `None` when none ever can (Go
    /// blocks forever); the clock does not move then.
    fn wait(&mut self, id: ObjId) -> Option<Instant>;
    /// `len(c)` of the object's channel.
    fn len(&mut self, id: ObjId) -> usize;
    /// The program drops its last reference to the object.
    fn drop_ref(&mut self, id: ObjId);
    /// Live timers (see gotime's accounting), or `None` when the engine cannot tell (real Go).
    fn live(&self) -> Option<u64>;
    /// The AfterFuncs that ran since the last call, with the time each ran, in the order they ran.
    fn take_fired(&mut self) -> Vec<(ObjId, Instant)>;
}
