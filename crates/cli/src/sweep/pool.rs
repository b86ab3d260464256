//! `--jobs N`: the runs of a sweep on N threads. Each run is single-threaded and deterministic;
//! threads only decide which run finishes first, and the results come back in the order of
//! their indices, so nothing printed depends on N.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

/// A worker's stack: the main thread's on Linux, which `timerlab run` runs its runs on.
const STACK_BYTES: usize = 8 << 20;

/// `work(i)` for every `i` in `0..count`, on up to `jobs` threads (this one included), in the
/// order of `i`. After an error no new work starts, and the error of the lowest index is
/// returned: the one a single thread would have stopped at, since every index below an index
/// already started has been started too.
///
/// # Errors
///
/// The error of the lowest failing index.
pub(crate) fn map<T: Send, E: Send>(
    count: usize,
    jobs: usize,
    work: impl Fn(usize) -> Result<T, E> + Sync,
) -> Result<Vec<T>, E> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let done: Mutex<Vec<(usize, Result<T, E>)>> = Mutex::new(Vec::with_capacity(count));
    let worker = || loop {
        if failed.load(Ordering::Relaxed) {
            break;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= count {
            break;
        }
        let result = work(i);
        if result.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        done.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((i, result));
    };
    thread::scope(|scope| {
        for _ in 1..jobs.min(count) {
            // A thread the system refuses is one worker fewer; this thread always works.
            if thread::Builder::new().stack_size(STACK_BYTES).spawn_scoped(scope, worker).is_err() {
                break;
            }
        }
        worker();
    });
    let mut done = done.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_index_order_whatever_the_threads() {
        for jobs in [1, 2, 7] {
            let out: Result<Vec<usize>, ()> = map(50, jobs, |i| {
                // Later indices finish first on more than one thread.
                thread::sleep(std::time::Duration::from_micros((50 - i as u64) * 20));
                Ok(i * i)
            });
            assert_eq!(out, Ok((0..50).map(|i| i * i).collect::<Vec<_>>()), "{jobs} jobs");
        }
    }

    #[test]
    fn the_error_of_the_lowest_index_wins() {
        for jobs in [1, 4] {
            let out: Result<Vec<usize>, usize> = map(40, jobs, |i| if i % 10 == 7 { Err(i) } else { Ok(i) });
            assert_eq!(out, Err(7), "{jobs} jobs");
        }
    }

    #[test]
    fn a_worker_has_the_stack_of_a_main_thread() {
        // Two runs that wait for each other: one of them is on a worker. Each needs 768 KiB of
        // stack: more than a thread gets by default on macOS (512 KiB), less than a test's 2 MiB.
        let both = std::sync::Barrier::new(2);
        let out: Result<Vec<u8>, ()> = map(2, 2, |i| {
            both.wait();
            let frame = std::hint::black_box([i as u8; 3 << 18]);
            Ok(frame[frame.len() - 1])
        });
        assert_eq!(out, Ok(vec![0, 1]));
    }

    #[test]
    fn nothing_to_do_is_an_empty_list() {
        assert_eq!(map(0, 3, Ok::<_, ()>), Ok(Vec::new()));
    }
}
