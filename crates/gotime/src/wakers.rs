//! The tasks waiting on one timer's channel. Nearly always one — the timeout branch of the
//! select that armed the timer — so the first waker is held inline and only a second allocates.

use std::task::Waker;

#[derive(Debug, Default)]
pub(crate) struct Wakers {
    /// Filled before `rest`: no waker at all when this is `None`.
    first: Option<Waker>,
    rest: Vec<Waker>,
}

impl Wakers {
    /// Adds `waker` unless one that wakes the same task is already here.
    pub(crate) fn register(&mut self, waker: &Waker) {
        match &self.first {
            None => self.first = Some(waker.clone()),
            Some(first) if first.will_wake(waker) => {}
            Some(_) if self.rest.iter().any(|w| w.will_wake(waker)) => {}
            Some(_) => self.rest.push(waker.clone()),
        }
    }

    /// Adds `other`'s wakers, each task at most once.
    pub(crate) fn append(&mut self, other: Wakers) {
        for waker in other.first.iter().chain(&other.rest) {
            self.register(waker);
        }
    }

    /// Takes every waker out, leaving none.
    pub(crate) fn take(&mut self) -> Wakers {
        std::mem::take(self)
    }

    /// Wakes every task. Never under the runtime's lock: a woken task may run at once.
    pub(crate) fn wake_all(self) {
        for waker in self.first.into_iter().chain(self.rest) {
            waker.wake();
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::task::Wake;

    use super::*;

    struct Counter(AtomicUsize);

    impl Wake for Counter {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    fn task() -> (Arc<Counter>, Waker) {
        let counter = Arc::new(Counter(AtomicUsize::new(0)));
        (Arc::clone(&counter), Waker::from(counter))
    }

    #[test]
    fn each_task_is_registered_once_and_woken_once() {
        let (a, wa) = task();
        let (b, wb) = task();
        let (c, wc) = task();
        let mut wakers = Wakers::default();
        for waker in [&wa, &wb, &wa, &wc, &wb, &wc] {
            wakers.register(waker);
        }
        assert_eq!(wakers.len(), 3);
        assert!(!wakers.is_empty());
        wakers.take().wake_all();
        assert!(wakers.is_empty(), "taking leaves none behind");
        let woken: Vec<usize> = [a, b, c].iter().map(|t| t.0.load(Ordering::SeqCst)).collect();
        assert_eq!(woken, [1, 1, 1]);
    }
}
