//! The bounded queue between the reporter and the batcher — otel-go's `bsp.queue`, whose
//! `OnEnd` drops a span when the queue is full rather than block the caller. Spans carry
//! nothing the scenario needs, so the queue is a count.

/// Spans waiting for the batcher.
#[derive(Debug)]
pub(super) struct Queue {
    len: u64,
    capacity: u64,
    dropped: u64,
}

impl Queue {
    pub(super) fn new(capacity: u64) -> Queue {
        Queue { len: 0, capacity, dropped: 0 }
    }

    /// Queues `spans`; those that find the queue full are dropped.
    pub(super) fn offer(&mut self, spans: u64) {
        let taken = spans.min(self.capacity - self.len);
        self.len += taken;
        self.dropped += spans - taken;
    }

    /// Takes one span, if any.
    pub(super) fn take(&mut self) -> bool {
        let any = self.len > 0;
        self.len -= u64::from(any);
        any
    }

    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// Spans dropped so far.
    pub(super) fn dropped(&self) -> u64 {
        self.dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_queue_drops_what_does_not_fit() {
        let mut q = Queue::new(3);
        q.offer(2);
        q.offer(2);
        assert_eq!((q.len(), q.dropped()), (3, 1));
        assert!(q.take() && q.take() && q.take() && !q.take());
    }
}
