//! The loom facade: production code names `crate::sync::*`, which is `std` normally and `loom`
//! when built with `RUSTFLAGS="--cfg gotime_loom"`, so the loom models check the real state machine.
//!
//! The state's lock ([`StateLock`]) is the one exception: a spin lock that yields, whose unlock is
//! a plain store. Every timer operation takes it once or twice and never holds it while user code
//! runs or a thread waits, and each locked instruction on x86 waits for the loads and stores
//! before it; std's futex mutex spends two (its unlock swaps, to see a parked waiter), this one
//! one. Under loom it is loom's mutex, which has the same contract: mutual exclusion, the unlock
//! releasing what the critical section wrote to the next lock. Threads that wait for a value
//! park on [`Parked`], a mutex of their own beside a condition variable.

#[cfg(gotime_loom)]
pub(crate) use loom::sync::atomic::{AtomicUsize, Ordering};
#[cfg(gotime_loom)]
pub(crate) use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
#[cfg(not(gotime_loom))]
pub(crate) use std::sync::atomic::{AtomicUsize, Ordering};
#[cfg(not(gotime_loom))]
pub(crate) use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// The lock of a runtime's state.
#[cfg(not(gotime_loom))]
pub(crate) type StateLock<T> = spin::mutex::SpinMutex<T, spin::relax::Yield>;
#[cfg(not(gotime_loom))]
pub(crate) type StateGuard<'a, T> = spin::mutex::SpinMutexGuard<'a, T, spin::relax::Yield>;
#[cfg(gotime_loom)]
pub(crate) type StateLock<T> = Mutex<T>;
#[cfg(gotime_loom)]
pub(crate) type StateGuard<'a, T> = MutexGuard<'a, T>;

/// Locks a runtime's state.
#[cfg(not(gotime_loom))]
#[inline]
pub(crate) fn lock_state<T>(lock: &StateLock<T>) -> StateGuard<'_, T> {
    lock.lock()
}

/// Locks a runtime's state.
#[cfg(gotime_loom)]
pub(crate) fn lock_state<T>(lock: &StateLock<T>) -> StateGuard<'_, T> {
    self::lock(lock)
}

/// What receivers blocked on a thread wait on: the condition variable and its mutex.
pub(crate) type Parked = Mutex<()>;

/// Locks `mutex`, ignoring poisoning: what it guards (the receivers' `()`, or the state under
/// loom) is only mutated by code that cannot panic halfway (user callbacks run outside the
/// lock), so a poisoned lock still guards consistent state.
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
