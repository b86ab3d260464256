//! One P of the events engine: the connections whose goroutines run on it and their users,
//! with the P's event queue, network draws and server part (its own gotime runtime: Go keeps a
//! timer heap per P). Within a tick the Ps share nothing, so they drain their buckets at the
//! same time; the engine meets them at every tick boundary (`mod.rs`).

use gotime::GoDuration;

use super::calendar::{Calendar, Lane};
use super::event::Ev;
use super::server::{CheckAt, ConnId, Server};
use super::users::{Network, User, CONNECT_TIMEOUT};
use crate::prefetch::prefetch;
use crate::scenarios::s1::config::S1Config;

/// The moving parts of one P: its event queue, its users, its network and its server part.
pub(super) struct Shard<'a> {
    cfg: &'a S1Config,
    /// The run's Ps: user `u` is this P's user `u / procs`.
    procs: u32,
    pub(super) calendar: Calendar<Ev>,
    users: Vec<User>,
    network: Network,
    pub(super) server: Server,
}

impl<'a> Shard<'a> {
    /// P `p` of `cfg.procs`: users `p`, `p + procs`, `p + 2·procs`, …, each scheduled to connect
    /// at its ramp start.
    pub(super) fn new(cfg: &'a S1Config, p: u32) -> Shard<'a> {
        let procs = cfg.procs;
        let mine: Vec<u64> = (u64::from(p)..cfg.users).step_by(procs as usize).collect();
        let mut shard = Shard {
            cfg,
            procs,
            calendar: Calendar::new(cfg.tick),
            users: mine.iter().map(|&i| User::new(cfg.seed, i)).collect(),
            network: Network::new(cfg.seed, u64::from(p), cfg.max_latency.as_millis() as u64),
            server: Server::new(cfg, u64::from(p), mine.len()),
        };
        for i in mine {
            shard.calendar.push(cfg.start_of(i), Lane::Timed, Ev::Connect { user: i as u32 });
        }
        shard
    }

    /// Where user `user` (numbered over the run) is in this P's table.
    #[inline]
    fn local(&self, user: u32) -> usize {
        (user / self.procs) as usize
    }

    #[inline]
    fn user_mut(&mut self, user: u32) -> &mut User {
        let local = self.local(user);
        &mut self.users[local]
    }

    /// Handles the current bucket's events, then moves the server's clock to the bucket's end
    /// (where the monitor reads it).
    pub(super) fn drain(&mut self) {
        let mut handled = 0usize;
        while let Some((now, ev)) = self.calendar.pop() {
            if handled % BATCH == 0 {
                self.warm();
            }
            handled += 1;
            self.handle(now, ev);
        }
        self.server.settle(self.calendar.boundary());
    }

    /// The OOM killer ended the life at `now`: each connection's user reads the end of its
    /// stream one latency later.
    pub(super) fn kill(&mut self, now: GoDuration) {
        for (user, conn) in self.server.kill() {
            let at = self.delivered(now);
            self.calendar.push(at, Lane::Delivery, Ev::Closed { user, conn });
        }
    }
}

/// Events handled between two calls of [`Shard::warm`].
const BATCH: usize = 8;

impl Shard<'_> {
    /// Prefetches, in three stages, what the events ahead will touch: the user and connection
    /// records of the events two to three batches ahead; gotime's records of the timers of the
    /// events one to two batches ahead (read from the connection records the previous call
    /// prefetched); and for the rest of this batch, what those timers and the variant keep beside
    /// them (an AfterFunc's body, a context's Done signal: read from the entries the previous
    /// call prefetched). At a million connections each record is a cache miss; met one event at a
    /// time the misses come one after the other (the runtime's lock waits for every load before
    /// it), prefetched a batch or two ahead they overlap each other and the work in between.
    pub(super) fn warm(&self) {
        // `ahead` starts after the event being handled, the batch's first; each stage covers
        // the batch after the previous stage's, so an event meets all three, 8 events apart —
        // the next batch's first included.
        let mut ahead = [None; 3 * BATCH];
        for (slot, ev) in ahead.iter_mut().zip(self.calendar.ahead(3 * BATCH)) {
            *slot = Some(ev);
        }
        for ev in ahead[2 * BATCH..].iter().flatten() {
            match **ev {
                Ev::Receive { user, conn, .. } => {
                    prefetch(&self.users[self.local(user)]);
                    self.server.prefetch(conn);
                }
                Ev::Deadline { conn } => self.server.prefetch(conn),
                _ => {}
            }
        }
        let conns = |events: std::ops::Range<usize>| {
            ahead[events].iter().flatten().filter_map(|ev| match **ev {
                Ev::Receive { conn, .. } | Ev::Deadline { conn } => Some(conn),
                _ => None,
            })
        };
        self.server.warm_timers(conns(BATCH..2 * BATCH));
        // The rest of this batch and the next one's first: their entries came in with the
        // previous call.
        self.server.warm_bodies(conns(0..BATCH));
    }

    /// When something sent at `now` reaches the other side: one latency later, at the next
    /// tick boundary (when turmoil's network delivers).
    pub(super) fn delivered(&mut self, now: GoDuration) -> GoDuration {
        let latency = self.network.latency();
        self.calendar.boundary_at_or_after(now.saturating_add(latency))
    }

    fn check(&mut self, check: CheckAt) {
        if let Some((conn, at)) = check {
            self.calendar.push(at, Lane::Timed, Ev::Deadline { conn });
        }
    }

    pub(super) fn handle(&mut self, now: GoDuration, ev: Ev) {
        match ev {
            Ev::Connect { user } => {
                let attempt = self.user_mut(user).connect();
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
                if !self.users[self.local(user)].is_connecting(attempt) {
                    return;
                }
                if self.server.is_open(conn) {
                    self.user_mut(user).connected(conn, now);
                    self.send_next(user, conn, now);
                } else {
                    // The server died in between: the stream ends at once.
                    self.reconnect_later(now, user);
                }
            }
            Ev::ConnectTimeout { user, attempt } => {
                if self.users[self.local(user)].is_connecting(attempt) {
                    self.reconnect_later(now, user);
                }
            }
            Ev::Receive { user, conn, sent } => {
                // The user's next message first: the server needs no look at a deadline that
                // message will move. (Drawing it first changes no draw: the server's selects
                // and the users draw from streams of their own.)
                let next = self.users[self.local(user)].is_on(conn).then(|| self.send_next(user, conn, sent));
                let check = self.server.receive(now, conn, next);
                self.check(check);
            }
            Ev::Deadline { conn } => {
                let check = self.server.deadline(now, conn);
                self.check(check);
            }
            Ev::Closed { user, conn } => {
                if self.users[self.local(user)].is_on(conn) {
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
        let local = self.local(user);
        let u = &mut self.users[local];
        let sent = after.saturating_add(u.interval(self.cfg.rate_at(after)));
        let latency = self.network.latency();
        let arrives = self.calendar.boundary_at_or_after(sent.saturating_add(latency));
        let arrives = u.in_order(arrives);
        self.calendar.push(arrives, Lane::Delivery, Ev::Receive { user, conn, sent });
        arrives
    }

    /// The attempt failed or the session broke: connect again after the back-off.
    fn reconnect_later(&mut self, now: GoDuration, user: u32) {
        let backoff = {
            let cfg = self.cfg;
            self.user_mut(user).fail(cfg)
        };
        self.calendar.push(now.saturating_add(backoff), Lane::Timed, Ev::Connect { user });
    }
}
