//! What an AfterFunc runs when it fires.

/// The body of an AfterFunc that timers share ([`crate::Runtime::after_func_shared`]): any
/// `Fn()`, or a type of the program's own whose [`AfterFuncBody::run`] is the body — then the
/// state the body acts on and the body are one allocation, where a closure over shared state is
/// two.
///
/// ```
/// use std::sync::atomic::{AtomicBool, Ordering};
/// use std::sync::Arc;
///
/// use gotime::{AfterFuncBody, GoDuration, Runtime, Semantics};
///
/// /// A context's Done signal, closed by its deadline's AfterFunc.
/// #[derive(Default)]
/// struct Done(AtomicBool);
///
/// impl AfterFuncBody for Done {
///     fn run(&self) {
///         self.0.store(true, Ordering::Relaxed);
///     }
/// }
///
/// let rt = Runtime::new(Semantics::Sync);
/// let done = Arc::new(Done::default());
/// let _deadline = rt.after_func_shared(GoDuration::from_secs(1), done.clone());
/// rt.advance(GoDuration::from_secs(1));
/// assert!(done.0.load(Ordering::Relaxed));
/// ```
pub trait AfterFuncBody: Send + Sync {
    /// Runs the body: once per timer that fires, possibly while an earlier run is still going
    /// (a Reset re-arms the timer as soon as it has fired, as Go's does).
    fn run(&self);
}

impl<F: Fn() + Send + Sync> AfterFuncBody for F {
    fn run(&self) {
        self();
    }
}
