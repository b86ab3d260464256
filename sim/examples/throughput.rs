//! Throughput of the scenarios (docs/PERFORMANCE.md, "Scenarios throughput").
//!
//! ```text
//! cargo run --release -p timerlab-sim --example throughput -- bare [CONNS_PER_HOST] [TICK_MS] [SECS] [tokio|async|sync]
//! cargo run --release -p timerlab-sim --example throughput -- s1 [USERS] [VARIANT] [SEMANTICS] [key=value ...]
//! cargo run --release -p timerlab-sim --example throughput -- all
//! ```
//!
//! `bare` runs SCENARIOS.md's reference workload three times — the server's idle timeout as a
//! bare `tokio::time::sleep`, then as gotime's `After` in async and in sync mode — and prints
//! messages per wall-second for each and the ratio to bare turmoil. `s1` runs the S1 scenario
//! and prints virtual seconds per wall second (`engine=events` for the discrete-event engine);
//! `all` runs every default config of every scenario and prints the wall time of each.

use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

use gotime::{GoDuration, Runtime, Semantics};
use rand::{Rng, SeedableRng};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use turmoil::net::{TcpListener, TcpStream};

const HOSTS: u32 = 10;
const PORT: u16 = 7_000;

/// How the server writes the idle timeout of each iteration.
#[derive(Clone, Copy, Debug)]
enum Idle {
    /// `tokio::time::sleep(3s)`: bare turmoil + tokio.
    Tokio,
    /// gotime's `rt.after(3s).recv_async()`.
    Gotime(Semantics),
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bare") => {
            let conns: u32 = args.get(1).map_or(100, |a| a.parse().expect("connections per host"));
            let tick: u64 = args.get(2).map_or(10, |a| a.parse().expect("tick in ms"));
            let secs: u64 = args.get(3).map_or(60, |a| a.parse().expect("virtual seconds"));
            let all = [Idle::Tokio, Idle::Gotime(Semantics::Async), Idle::Gotime(Semantics::Sync)];
            let only = match args.get(4).map(String::as_str) {
                Some("tokio") => &all[..1],
                Some("async") => &all[1..2],
                Some("sync") => &all[2..],
                _ => &all[..],
            };
            let mut bare = None;
            for &idle in only {
                let (messages, wall) = reference_workload(conns, tick, secs, idle);
                let rate = messages as f64 / wall.as_secs_f64();
                let ratio = bare.map_or(String::new(), |b: f64| format!("  ({:.2}x bare)", rate / b));
                bare.get_or_insert(rate);
                println!(
                    "{:<14} {} conns, tick {tick}ms, {secs}s virtual: {messages} messages in {:.2}s wall = {:.3} M msg/s, {:.1} virtual s/s{ratio}",
                    format!("{idle:?}"),
                    conns * HOSTS,
                    wall.as_secs_f64(),
                    rate / 1e6,
                    secs as f64 / wall.as_secs_f64()
                );
            }
        }
        Some("s1") => {
            let users: u32 = args.get(1).map_or(1_000, |a| a.parse().expect("users"));
            let variant = args.get(2).map_or("reset", String::as_str);
            let semantics: Semantics =
                args.get(3).map_or(Ok(Semantics::Sync), |a| a.parse()).expect("semantics");
            let mut config = timerlab_sim::RunConfig::new("s1", variant, semantics, 1);
            config.users = Some(users);
            for kv in args.iter().skip(4) {
                let (k, v) = kv.split_once('=').expect("key=value");
                config = config.with_param(k, v);
            }
            let start = Instant::now(); // allow-nondeterminism: measures wall time, never in a trace
            let report = timerlab_sim::run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
            let wall = start.elapsed().as_secs_f64();
            let virt = report.simulated.as_nanos() as f64 / 1e9;
            println!(
                "s1 {variant} {semantics} users={users}: {virt:.0}s virtual in {wall:.2}s wall = {:.1} virtual s/s; \
                 {} messages = {:.3} M msg/s; peak resident {}; verdict {}",
                virt / wall,
                report.messages,
                report.messages as f64 / wall / 1e6,
                peak_resident(),
                report.verdict
            );
        }
        Some("all") => {
            // Every default run: what `timerlab` with no arguments and the full comparison cost.
            let start = Instant::now(); // allow-nondeterminism: measures wall time, never in a trace
            for spec in timerlab_sim::scenarios() {
                for config in spec.all_configs(1, timerlab_sim::Preset::Default) {
                    let t = Instant::now(); // allow-nondeterminism: measures wall time, never in a trace
                    let report = timerlab_sim::run(&config, &mut |_, _| {}).expect("the defaults are valid");
                    println!(
                        "{:>3} {:<17} {:<15} {:>6.2}s wall  {}",
                        config.scenario,
                        config.variant,
                        report.semantics.name(),
                        t.elapsed().as_secs_f64(),
                        report.verdict
                    );
                }
            }
            println!("all default runs: {:.2}s wall", start.elapsed().as_secs_f64());
        }
        _ => eprintln!(
            "usage: throughput bare [CONNS_PER_HOST] [TICK_MS] [SECS] | s1 [USERS] [VARIANT] [SEMANTICS]"
        ),
    }
}

/// The process's peak resident memory (Linux's `VmHWM`), or `n/a` where /proc has none.
fn peak_resident() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().trim_end_matches(" kB"));
    match kib.and_then(|k| k.parse::<u64>().ok()) {
        Some(kib) => format!("{} MiB", kib / 1024),
        None => "n/a".to_owned(),
    }
}

/// SCENARIOS.md's workload: 10 client hosts × `conns` connections, one 5-byte message per
/// connection per second, a server task per connection selecting between the read and a 3 s
/// idle timeout. Returns (messages the server handled, wall time).
fn reference_workload(conns: u32, tick_ms: u64, secs: u64, idle: Idle) -> (u64, Duration) {
    let messages = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let mut sim = turmoil::Builder::new()
        .simulation_duration(Duration::from_secs(secs + 1))
        .tick_duration(Duration::from_millis(tick_ms))
        .tcp_capacity(65_536)
        .rng_seed(1)
        .build();
    let counter = messages.clone();
    sim.host("server", move || server(idle, counter.clone()));
    for h in 0..HOSTS {
        sim.client(format!("client-{h}"), clients(h, conns));
    }
    let start = Instant::now(); // allow-nondeterminism: measures wall time, never in a trace
    while sim.elapsed() < Duration::from_secs(secs) {
        sim.step().expect("the workload runs");
    }
    (messages.get(), start.elapsed())
}

async fn server(idle: Idle, messages: std::rc::Rc<std::cell::Cell<u64>>) -> turmoil::Result {
    let rt = match idle {
        Idle::Tokio => None,
        Idle::Gotime(semantics) => Some(Runtime::builder(semantics).build_tokio()?),
    };
    let listener = TcpListener::bind((Ipv4Addr::UNSPECIFIED, PORT)).await?;
    loop {
        let (mut stream, _) = listener.accept().await?;
        let (rt, messages) = (rt.clone(), messages.clone());
        tokio::task::spawn_local(async move {
            let mut buf = [0u8; 64];
            loop {
                let read = match &rt {
                    None => tokio::select! {
                        biased;
                        r = stream.read(&mut buf) => Some(r),
                        () = tokio::time::sleep(Duration::from_secs(3)) => None,
                    },
                    Some(rt) => {
                        let timeout = rt.after(GoDuration::from_secs(3));
                        tokio::select! {
                            biased;
                            r = stream.read(&mut buf) => Some(r),
                            _ = timeout.recv_async() => None,
                        }
                    }
                };
                match read {
                    Some(Ok(0)) | Some(Err(_)) => return,
                    Some(Ok(n)) => messages.set(messages.get() + (n as u64).div_ceil(5)),
                    None => {}
                }
            }
        });
    }
}

async fn clients(host: u32, conns: u32) -> turmoil::Result {
    for c in 0..conns {
        tokio::task::spawn_local(async move {
            let mut rng = rand::rngs::SmallRng::seed_from_u64(u64::from(host) << 32 | u64::from(c));
            tokio::time::sleep(Duration::from_millis(rng.gen_range(0..1_000))).await;
            let Ok(mut stream) = TcpStream::connect(("server", PORT)).await else { return };
            let mut every = tokio::time::interval(Duration::from_secs(1));
            loop {
                every.tick().await;
                if stream.write_all(b"hello").await.is_err() {
                    return;
                }
            }
        });
    }
    std::future::pending::<()>().await;
    Ok(())
}
