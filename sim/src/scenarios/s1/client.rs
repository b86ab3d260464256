//! The client hosts: each runs its share of the users. A user starts at its ramp time, connects,
//! sends messages at the current rate (a Poisson process) and reads the server's pings; when the
//! connection breaks or a connect fails, it backs off (doubling, up to 16×, jittered) and
//! reconnects.

use std::rc::Rc;
use std::time::Duration;

use gotime::GoDuration;
use rand::Rng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use turmoil::net::TcpStream;

use super::config::{S1Config, PORT, SERVER};
use crate::scenarios::process::sim_now;
use crate::seed::{self, streams, SimRng};

/// A connect that gets no answer within this time has failed (the server is down: turmoil
/// holds the SYN until the host runs again, where a real kernel would answer with a reset).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// The software of client host `host`: users `host`, `host + hosts`, `host + 2·hosts`, ...
pub(super) async fn host(cfg: Rc<S1Config>, host: u64) -> turmoil::Result {
    let mut i = host;
    while i < cfg.users {
        tokio::task::spawn_local(user(cfg.clone(), i));
        i += cfg.client_hosts;
    }
    std::future::pending::<()>().await;
    Ok(())
}

async fn user(cfg: Rc<S1Config>, i: u64) {
    let mut rng = seed::rng(cfg.seed, streams::USER_BASE + i);
    sleep_until(cfg.start_of(i)).await;
    let message = vec![b'm'; cfg.message_size];
    let mut failures = 0u32;
    loop {
        if let Ok(Ok(stream)) =
            tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((SERVER, PORT))).await
        {
            failures = 0;
            session(&cfg, stream, &message, &mut rng).await;
        }
        failures += 1;
        let backoff = cfg.reconnect_backoff.saturating_mul(1 << (failures - 1).min(4));
        let jittered = backoff.as_nanos() as f64 * rng.gen_range(0.5..1.5);
        tokio::time::sleep(Duration::from_nanos(jittered as u64)).await;
    }
}

/// Sends until the connection breaks.
async fn session(cfg: &S1Config, stream: TcpStream, message: &[u8], rng: &mut SimRng) {
    let (mut rd, mut wr) = stream.into_split();
    let mut pings = [0u8; 64];
    let next = tokio::time::sleep(interval(cfg, rng));
    tokio::pin!(next);
    loop {
        // The load generator is not the Go program under test: a fixed order is fine here.
        tokio::select! {
            biased;
            r = rd.read(&mut pings) => match r {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            },
            () = &mut next => {
                if wr.write_all(message).await.is_err() {
                    return;
                }
                next.as_mut().reset(tokio::time::Instant::now() + interval(cfg, rng)); // allow-nondeterminism: turmoil's simulated clock
            }
        }
    }
}

/// Time to the next message: users send as a Poisson process at the current rate, so a slow
/// user is sometimes idle for longer than the server's timeout (and gets pinged).
fn interval(cfg: &S1Config, rng: &mut SimRng) -> Duration {
    let rate = cfg.rate_at(sim_now());
    let uniform: f64 = rng.gen();
    Duration::from_secs_f64(-(1.0 - uniform).ln() / rate)
}

async fn sleep_until(at: GoDuration) {
    let wait = GoDuration::from_nanos(at.as_nanos() - sim_now().as_nanos());
    if let Some(d) = wait.to_std() {
        tokio::time::sleep(d).await;
    }
}
