//! Threads contending for one runtime's lock (docs/PERFORMANCE.md, "the state's lock a spin
//! lock"): each of THREADS threads creates and stops a 3-minute timer ITERS times on the same
//! sync-mode runtime, and the wall time per operation, over all threads' operations, is printed.
//!
//! ```text
//! cargo run --release -p gotime --example contention -- [THREADS] [ITERS]
//! ```
//!
//! With one thread it is NewTimer+Stop alone; with more threads than cores a thread holding the
//! lock can be descheduled, which is where a lock that spins before it yields would lose.

use std::process::ExitCode;
use std::time::Instant as Wall;

use gotime::{GoDuration, Runtime, Semantics};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (threads, iters) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("contention: {message}");
            return ExitCode::from(2);
        }
    };
    let rt = Runtime::new(Semantics::Sync);
    let start = Wall::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let rt = rt.clone();
            scope.spawn(move || {
                for _ in 0..iters {
                    rt.new_timer(GoDuration::from_mins(3)).stop();
                }
            });
        }
    });
    let ops = threads as f64 * iters as f64;
    let ns = start.elapsed().as_nanos() as f64 / ops;
    println!("threads={threads} iters={iters}: {ns:.1} ns per NewTimer+Stop (wall time over all threads' operations)");
    ExitCode::SUCCESS
}

/// `[THREADS] [ITERS]`: 2 threads and 2,000,000 iterations each unless given.
fn parse(args: &[String]) -> Result<(u64, u64), String> {
    let number = |at: usize, what: &str, default: u64| -> Result<u64, String> {
        args.get(at).map_or(Ok(default), |arg| match arg.parse::<u64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "{what} must be a whole number above 0, got {arg:?} (usage: contention [THREADS] [ITERS])"
            )),
        })
    };
    if args.len() > 2 {
        return Err(format!(
            "at most two arguments, got {} (usage: contention [THREADS] [ITERS])",
            args.len()
        ));
    }
    Ok((number(0, "THREADS", 2)?, number(1, "ITERS", 2_000_000)?))
}
