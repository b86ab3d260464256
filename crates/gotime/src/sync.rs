//! The loom facade: production code names `crate::sync::*`, which is `std` normally and `loom`
//! when built with `RUSTFLAGS="--cfg gotime_loom"`, so the loom models check the real state machine.

#[cfg(gotime_loom)]
pub(crate) use loom::sync::atomic::{AtomicUsize, Ordering};
#[cfg(gotime_loom)]
pub(crate) use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
#[cfg(not(gotime_loom))]
pub(crate) use std::sync::atomic::{AtomicUsize, Ordering};
#[cfg(not(gotime_loom))]
pub(crate) use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// Locks `mutex`, ignoring poisoning: the state is only mutated by code that cannot panic halfway
/// (user callbacks run outside the lock), so a poisoned lock still guards consistent state.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits on `cond`, ignoring poisoning for the same reason as [`lock`].
pub(crate) fn wait<'a, T>(cond: &Condvar, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    cond.wait(guard).unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Parks the thread forever-or-until-unparked: a receive on Go's nil channel.
#[cfg(gotime_loom)]
pub(crate) use loom::thread::park;
#[cfg(not(gotime_loom))]
pub(crate) use std::thread::park;
