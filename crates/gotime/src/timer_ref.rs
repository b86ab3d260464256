//! [`TimerRef`]: a borrowed reference to a timer, whatever the program holds it by.

use std::fmt;

use crate::handle::Handle;
use crate::{Chan, Ticker, Timer};

/// A borrowed reference to a timer, whatever the program holds it by — a [`Timer`] (a channel
/// timer or an AfterFunc), a [`Ticker`], or a channel alone (`After`, `Tick`): what
/// [`crate::Runtime::warm`] takes. The zero Timer and the nil channel refer to no timer.
#[derive(Clone, Copy)]
pub struct TimerRef<'a> {
    handle: Option<&'a Handle>,
}

impl<'a> TimerRef<'a> {
    pub(crate) fn handle(self) -> Option<&'a Handle> {
        self.handle
    }
}

impl<'a> From<&'a Chan> for TimerRef<'a> {
    fn from(c: &'a Chan) -> TimerRef<'a> {
        TimerRef { handle: c.handle() }
    }
}

impl<'a> From<&'a Timer> for TimerRef<'a> {
    fn from(t: &'a Timer) -> TimerRef<'a> {
        TimerRef { handle: t.any_handle() }
    }
}

impl<'a> From<&'a Ticker> for TimerRef<'a> {
    fn from(t: &'a Ticker) -> TimerRef<'a> {
        TimerRef::from(t.c())
    }
}

impl fmt::Debug for TimerRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.handle {
            Some(h) => write!(f, "TimerRef({:?})", h.id),
            None => f.write_str("TimerRef(none)"),
        }
    }
}
