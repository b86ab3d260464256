//! S1's discrete-event engine (`engine=events`): the same scenario as the turmoil engine — users
//! ramping up, a Poisson message stream per user over a network with turmoil's latencies, the
//! server's for-select loop per connection on gotime's timers, the monitor, the OOM killer and
//! the supervisor — driven by one event queue instead of turmoil hosts and tokio tasks.
//!
//! Why a second engine: turmoil's cost per message (its network, a tokio task wake-up per read)
//! caps S1 near 0.4 M messages per wall second, so an hour at 10,000 users takes minutes; this
//! engine runs it in seconds (docs/PERFORMANCE.md). The turmoil engine stays the reference: the
//! scenario tests run every variant on both and check that they agree (docs/SCENARIOS.md,
//! "Engines").
//!
//! | module | what |
//! |---|---|
//! | `calendar` | the event queue: one bucket per network tick |
//! | `chunks` | the buckets' storage: lists of fixed-size chunks from one pool |
//! | `users` | the load generator and the network's latencies |
//! | `server` | the server process: lives, connections, the variants' loops |
//!
//! What it models as turmoil does: messages and connection set-up travel with a latency of
//! 1–50 ms and are delivered at the next tick boundary; timers fire at their exact deadlines;
//! the monitor checks at every tick boundary; a kill closes every connection (the clients read
//! the end of the stream one latency later); a connect to a dead server gets no answer and
//! times out after 1 s. What it leaves out: TCP's byte stream (a message arrives whole) and a
//! SYN held by turmoil until the host restarts (here it is lost; its client has long given up).

mod calendar;
mod chunks;
mod server;
mod users;

use gotime::GoDuration;

use self::calendar::{Calendar, Lane};
use self::server::{CheckAt, ConnId, Server};
use self::users::{Network, User, CONNECT_TIMEOUT};
use super::config::S1Config;
use crate::prefetch::prefetch;
use crate::scenarios::harness::{HarnessConfig, Observations, Record};
use crate::scenarios::process::{Bound, MonitorConfig, SharedGauge};

/// Something that happens at one instant.
#[derive(Clone, Copy, Debug)]
enum Ev {
    /// The user connects: its ramp start, or the end of a back-off.
    Connect { user: u32 },
    /// The SYN of connect attempt `attempt` reaches the server.
    Syn { user: u32, attempt: u32 },
    /// The server's answer to `attempt` reaches the user: connected to `conn`.
    Accepted { user: u32, attempt: u32, conn: ConnId },
    /// Attempt `attempt` got no answer in time.
    ConnectTimeout { user: u32, attempt: u32 },
    /// Message `sent` by `user` reaches the server on `conn`; at its arrival the user's next
    /// message is drawn (its send time is past or future: the client only schedules).
    Receive { user: u32, conn: ConnId, sent: GoDuration },
    /// The engine looks at `conn`'s timeout case.
    Deadline { conn: ConnId },
    /// The end of `conn`'s stream (the server died) reaches the user.
    Closed { user: u32, conn: ConnId },
}

/// Runs S1 with `cfg` to its end (or the simulator cap), the harness's [`Record`] playing the
/// supervisor and the sampler as it does on turmoil.
pub(super) fn drive(
    cfg: &S1Config,
    gauge: &SharedGauge,
    harness: &HarnessConfig<'_>,
    progress: &mut dyn FnMut(GoDuration, GoDuration),
) -> Observations {
    let mut world = World {
        cfg,
        calendar: Calendar::new(cfg.tick),
        users: (0..cfg.users).map(|i| User::new(cfg.seed, i)).collect(),
        network: Network::new(cfg.seed, cfg.max_latency.as_millis() as u64),
        server: Server::new(cfg, gauge.clone()),
    };
    for i in 0..cfg.users {
        world.calendar.push(cfg.start_of(i), Lane::Timed, Ev::Connect { user: i as u32 });
    }
    let checks = MonitorConfig {
        every: cfg.tick.to_std().unwrap_or_default(),
        model: cfg.model,
        bound: Bound::PerConnection,
        cap: cfg.cap,
    };
    world.server.start(GoDuration::ZERO);
    let mut record = Record::new(harness);
    loop {
        let mut handled = 0usize;
        while let Some((now, ev)) = world.calendar.pop() {
            if handled % BATCH == 0 {
                world.warm();
            }
            handled += 1;
            world.handle(now, ev);
        }
        // At the tick boundary: the monitor, then the supervisor, then the sampler — the order
        // of the turmoil harness after each step. Its first step ends one tick in, so the events
        // at time zero are only the start.
        let now = world.calendar.boundary();
        if now == GoDuration::ZERO {
            world.calendar.next_bucket();
            continue;
        }
        let oom = if world.server.monitor(now, &checks) { gauge.borrow_mut().oom.take() } else { None };
        if let Some(kill) = oom {
            for (user, conn) in world.server.kill() {
                let at = world.delivered(now);
                world.calendar.push(at, Lane::Delivery, Ev::Closed { user, conn });
            }
            record.killed(now, kill);
        }
        if record.restart_due(now) {
            world.server.start(now);
        }
        if let Some(observed) = record.after_step(gauge, now, progress) {
            return observed;
        }
        world.calendar.next_bucket();
    }
}

/// The run's moving parts: the event queue, the users, the network and the server.
struct World<'a> {
    cfg: &'a S1Config,
    calendar: Calendar<Ev>,
    users: Vec<User>,
    network: Network,
    server: Server,
}

/// Events handled between two calls of [`World::warm`].
const BATCH: usize = 8;

impl World<'_> {
    /// Prefetches, in two stages, what the events ahead will touch: the user and connection
    /// records of the events two to three batches ahead, and gotime's records of the timers of
    /// the events one to two batches ahead (read from the connection records the previous call
    /// prefetched). At a million connections each record is a cache miss; met one event at a
    /// time the misses come one after the other (the runtime's lock waits for every load before
    /// it), prefetched a batch or two ahead they overlap each other and the work in between.
    fn warm(&self) {
        // `ahead` starts after the event being handled, the batch's first.
        let mut ahead = [None; 3 * BATCH - 1];
        for (slot, ev) in ahead.iter_mut().zip(self.calendar.ahead(3 * BATCH - 1)) {
            *slot = Some(ev);
        }
        for ev in ahead[2 * BATCH - 1..].iter().flatten() {
            match **ev {
                Ev::Receive { user, conn, .. } => {
                    prefetch(&self.users[user as usize]);
                    self.server.prefetch(conn);
                }
                Ev::Deadline { conn } => self.server.prefetch(conn),
                _ => {}
            }
        }
        let timers = ahead[BATCH - 1..2 * BATCH - 1].iter().flatten().filter_map(|ev| match **ev {
            Ev::Receive { conn, .. } | Ev::Deadline { conn } => Some(conn),
            _ => None,
        });
        self.server.warm_timers(timers);
    }

    /// When something sent at `now` reaches the other side: one latency later, at the next
    /// tick boundary (when turmoil's network delivers).
    fn delivered(&mut self, now: GoDuration) -> GoDuration {
        let latency = self.network.latency();
        self.calendar.boundary_at_or_after(now.saturating_add(latency))
    }

    fn check(&mut self, check: CheckAt) {
        if let Some((conn, at)) = check {
            self.calendar.push(at, Lane::Timed, Ev::Deadline { conn });
        }
    }

    fn handle(&mut self, now: GoDuration, ev: Ev) {
        match ev {
            Ev::Connect { user } => {
                let attempt = self.users[user as usize].connect();
                let at = self.delivered(now);
                self.calendar.push(at, Lane::Delivery, Ev::Syn { user, attempt });
                self.calendar.push(
                    now.saturating_add(CONNECT_TIMEOUT),
                    Lane::Timed,
                    Ev::ConnectTimeout { user, attempt },
                );
            }
            Ev::Syn { user, attempt } => {
                // A dead server answers nothing: the client's connect times out.
                if let Some((conn, check)) = self.server.accept(now, user) {
                    self.check(check);
                    let at = self.delivered(now);
                    self.calendar.push(at, Lane::Delivery, Ev::Accepted { user, attempt, conn });
                }
            }
            Ev::Accepted { user, attempt, conn } => {
                if !self.users[user as usize].is_connecting(attempt) {
                    return;
                }
                if self.server.is_open(conn) {
                    self.users[user as usize].connected(conn, now);
                    self.send_next(user, conn, now);
                } else {
                    // The server died in between: the stream ends at once.
                    self.reconnect_later(now, user);
                }
            }
            Ev::ConnectTimeout { user, attempt } => {
                if self.users[user as usize].is_connecting(attempt) {
                    self.reconnect_later(now, user);
                }
            }
            Ev::Receive { user, conn, sent } => {
                // The user's next message first: the server needs no look at a deadline that
                // message will move. (Drawing it first changes no draw: the server's selects
                // and the users draw from streams of their own.)
                let next = self.users[user as usize].is_on(conn).then(|| self.send_next(user, conn, sent));
                let check = self.server.receive(now, conn, next);
                self.check(check);
            }
            Ev::Deadline { conn } => {
                let check = self.server.deadline(now, conn);
                self.check(check);
            }
            Ev::Closed { user, conn } => {
                if self.users[user as usize].is_on(conn) {
                    self.reconnect_later(now, user);
                }
            }
        }
    }

    /// The user's next message after one sent (or a session opened) at `after`, at the rate of
    /// then: it reaches the server one latency after it is sent, at a tick boundary, and never
    /// before the message sent ahead of it (TCP delivers a stream in order). Returns when.
    ///
    /// Why one event per message: a send only schedules its delivery and the next send, so both
    /// are drawn when the previous message arrives. A message still to be sent at that point
    /// goes out on a connection that may break first; the server then drops it, as it drops
    /// the turmoil client's writes into a dead connection.
    fn send_next(&mut self, user: u32, conn: ConnId, after: GoDuration) -> GoDuration {
        let u = &mut self.users[user as usize];
        let sent = after.saturating_add(u.interval(self.cfg.rate_at(after)));
        let latency = self.network.latency();
        let arrives = self.calendar.boundary_at_or_after(sent.saturating_add(latency));
        let arrives = u.in_order(arrives);
        self.calendar.push(arrives, Lane::Delivery, Ev::Receive { user, conn, sent });
        arrives
    }

    /// The attempt failed or the session broke: connect again after the back-off.
    fn reconnect_later(&mut self, now: GoDuration, user: u32) {
        let backoff = self.users[user as usize].fail(self.cfg);
        self.calendar.push(now.saturating_add(backoff), Lane::Timed, Ev::Connect { user });
    }
}
