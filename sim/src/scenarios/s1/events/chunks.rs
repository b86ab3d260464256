//! First-in first-out lists of events in fixed-size chunks drawn from one pool: the storage of
//! the calendar's bucket lanes.
//!
//! Why chunks: a bucket's events are written long before they are read (a message is scheduled
//! about a second before it arrives), and a buffer per bucket kept the capacity of the largest
//! burst it ever held — 390 bytes per user at 100,000 users, most of the engine's memory. A chunk
//! goes back to the pool as soon as its last event is read, so the lists hold the pending events
//! and at most one partly filled chunk each; and a push that needs a chunk takes the one read
//! most recently, still in cache, so filling the buckets ahead costs no cache miss.

/// Events per chunk: small enough that a sparse bucket wastes little, large enough that
/// changing chunks is rare.
const CHUNK: usize = 64;

/// No chunk: the end of a list.
const NONE: u32 = u32::MAX;

/// A list of events: its chunks, linked from the oldest to the newest. Empty lists hold no chunk.
#[derive(Clone, Copy, Debug)]
pub(super) struct List {
    head: u32,
    tail: u32,
    /// Events of the head chunk already taken.
    read: u32,
    /// Events in the tail chunk (the others are full).
    written: u32,
}

impl Default for List {
    fn default() -> List {
        List { head: NONE, tail: NONE, read: 0, written: 0 }
    }
}

/// The chunks of every list of one event type, and the free ones.
pub(super) struct Pool<T> {
    /// The chunks' events, each chunk allocated once (a vector of chunks would copy them all
    /// whenever it grows). A chunk is created filled with copies of its first event; only the
    /// events its list wrote since it was taken are ever read.
    chunks: Vec<Box<[T; CHUNK]>>,
    /// `next[c]`: the chunk after `c` in its list.
    next: Vec<u32>,
    /// Free chunks, the most recently freed last.
    free: Vec<u32>,
}

impl<T: Copy> Pool<T> {
    pub(super) fn new() -> Pool<T> {
        Pool { chunks: Vec::new(), next: Vec::new(), free: Vec::new() }
    }

    /// Appends `item` to `list`.
    #[inline]
    pub(super) fn push(&mut self, list: &mut List, item: T) {
        if list.tail != NONE && (list.written as usize) < CHUNK {
            self.chunks[list.tail as usize][list.written as usize] = item;
            list.written += 1;
            return;
        }
        let chunk = self.take_free(item);
        self.chunks[chunk as usize][0] = item;
        if list.tail == NONE {
            list.head = chunk;
        } else {
            self.next[list.tail as usize] = chunk;
        }
        list.tail = chunk;
        list.written = 1;
    }

    /// Takes the oldest event of `list`.
    #[inline]
    pub(super) fn pop_front(&mut self, list: &mut List) -> Option<T> {
        if list.head == NONE {
            return None;
        }
        let end = if list.head == list.tail { list.written } else { CHUNK as u32 };
        if list.read == end {
            return None; // the tail chunk, read up to what was written so far
        }
        let item = self.chunks[list.head as usize][list.read as usize];
        list.read += 1;
        if list.read == end {
            // Read to its end (a list read to its end holds nothing; its next push takes a
            // chunk again): the chunk goes back to the pool at once.
            let (done, next) = (list.head, self.next[list.head as usize]);
            self.release(done);
            if next == NONE {
                *list = List::default();
            } else {
                list.head = next;
                list.read = 0;
            }
        }
        Some(item)
    }

    /// The events of `list` from the oldest, without taking them.
    pub(super) fn iter<'a>(&'a self, list: &List) -> impl Iterator<Item = &'a T> + 'a {
        let List { head, tail, read, written } = *list;
        let mut chunk = head;
        let mut from = read as usize;
        std::iter::from_fn(move || {
            (chunk != NONE).then(|| {
                let to = if chunk == tail { written as usize } else { CHUNK };
                let items = &self.chunks[chunk as usize][from..to];
                chunk = if chunk == tail { NONE } else { self.next[chunk as usize] };
                from = 0;
                items.iter()
            })
        })
        .flatten()
    }

    /// Moves every event of `list` to the end of `out`, oldest first, leaving `list` empty.
    pub(super) fn drain_into(&mut self, list: &mut List, out: &mut Vec<T>) {
        out.extend(self.iter(list));
        let mut chunk = list.head;
        while chunk != NONE {
            let next = if chunk == list.tail { NONE } else { self.next[chunk as usize] };
            self.release(chunk);
            chunk = next;
        }
        *list = List::default();
    }

    /// Chunks holding events.
    #[cfg(test)]
    fn chunks_in_use(&self) -> usize {
        self.chunks.len() - self.free.len()
    }

    /// A free chunk; a new one (filled with copies of `item`) when none is.
    fn take_free(&mut self, item: T) -> u32 {
        self.free.pop().unwrap_or_else(|| {
            self.chunks.push(Box::new([item; CHUNK]));
            self.next.push(NONE);
            (self.chunks.len() - 1) as u32
        })
    }

    fn release(&mut self, chunk: u32) {
        self.next[chunk as usize] = NONE;
        self.free.push(chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_gives_back_its_events_in_order_across_chunks() {
        let mut pool = Pool::new();
        let mut list = List::default();
        for i in 0..200u32 {
            pool.push(&mut list, i);
        }
        assert_eq!(pool.iter(&list).copied().collect::<Vec<_>>(), (0..200).collect::<Vec<_>>());
        let taken: Vec<u32> = std::iter::from_fn(|| pool.pop_front(&mut list)).collect();
        assert_eq!(taken, (0..200).collect::<Vec<_>>());
    }

    #[test]
    fn a_list_read_while_it_is_written_keeps_its_order() {
        let mut pool = Pool::new();
        let mut list = List::default();
        let (mut next, mut out) = (0u32, Vec::new());
        for round in 0..50 {
            for _ in 0..round % 7 + 60 {
                pool.push(&mut list, next);
                next += 1;
            }
            for _ in 0..round % 5 + 55 {
                out.extend(pool.pop_front(&mut list));
            }
        }
        out.extend(std::iter::from_fn(|| pool.pop_front(&mut list)));
        assert_eq!(out, (0..next).collect::<Vec<_>>());
    }

    #[test]
    fn read_chunks_go_back_to_the_pool_and_are_reused() {
        let mut pool = Pool::new();
        let mut lists = [List::default(); 3];
        for round in 0..100u32 {
            let list = &mut lists[round as usize % 3];
            for i in 0..150 {
                pool.push(list, i);
            }
            while pool.pop_front(list).is_some() {}
            assert_eq!(pool.chunks_in_use(), 0, "a list read to its end holds nothing");
        }
        assert_eq!(pool.chunks.len(), 3, "150 events need 3 chunks, reused every round");
    }

    #[test]
    fn draining_moves_the_unread_events_and_frees_every_chunk() {
        let mut pool = Pool::new();
        let mut list = List::default();
        for i in 0..130u32 {
            pool.push(&mut list, i);
        }
        for _ in 0..10 {
            pool.pop_front(&mut list);
        }
        let mut out = vec![999];
        pool.drain_into(&mut list, &mut out);
        assert_eq!(out[0], 999);
        assert_eq!(out[1..], (10..130).collect::<Vec<_>>());
        assert_eq!(pool.chunks_in_use(), 0);
        assert_eq!(pool.pop_front(&mut list), None);
        pool.push(&mut list, 7);
        assert_eq!(pool.pop_front(&mut list), Some(7));
    }
}
