//! The server process of the discrete-event engine, or its part on one P: one gotime runtime per
//! life on the manual clock (a P's timer heap), and one state machine per connection running the
//! variant's for-select loop — the variant's code in `s1/variants.rs`, which the turmoil
//! server's tasks run too. What the part counts ([`Tally`]) the engine adds to the process's
//! gauge at each tick boundary.
//!
//! A connection's loop is always waiting in its `select` between two events (handling a message
//! takes no virtual time), so its state is what the current iteration waits on: the message case
//! (an event from the network) and the timeout case (gotime's timer). The engine wakes the loop
//! at the timer's deadline; whether the timeout case is ready there is gotime's answer (a
//! receive on the channel, or the context's AfterFunc having run), never the engine's.

use gotime::{GoDuration, Instant, Runtime};

use crate::behaviour::ResolvedBehaviour;
use crate::scenarios::s1::config::{S1Config, Variant};
use crate::scenarios::s1::variants::{Case, Wait};
use crate::seed::{self, first_case_first, streams, SimRng};

/// A server connection: its slot and a number unique over the run, so an event addressed to a
/// connection of an earlier life (or a reused slot) is recognised as stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ConnId {
    slot: u32,
    id: u32,
}

impl ConnId {
    #[cfg(test)]
    pub(super) fn new(slot: u32, id: u32) -> ConnId {
        ConnId { slot, id }
    }
}

/// One connection's loop: one cache line (64 bytes, aligned), so that a message or a look at
/// its deadline costs one cache miss at a million connections, not two.
#[repr(align(64))]
struct Conn {
    id: u32,
    user: u32,
    wait: Wait,
    /// The current iteration's timeout deadline (virtual time since the run started).
    deadline: GoDuration,
    /// When the client's next message arrives, as far as the server's engine knows ([`NONE`]:
    /// no message is on its way). A message due before the deadline will move it, so the
    /// timeout case needs no look until then.
    next_message: GoDuration,
    /// A look at the timeout case is scheduled (at the deadline it was scheduled for, or
    /// earlier: the look reschedules itself to the current deadline).
    looking: bool,
}

/// No message on its way.
const NONE: GoDuration = GoDuration::MAX;

/// One life of the process: its timer runtime and its connections.
struct Life {
    rt: Runtime,
    started: GoDuration,
    /// Where the runtime's clock is (virtual time since the run started): deliveries come in
    /// batches at one tick boundary, and the clock moves once per batch.
    clock: GoDuration,
    /// The selects' random choices when both cases are ready (Go's uniform choice).
    rng: SimRng,
    /// By slot. Connections end only with their life (S1's clients never close first).
    conns: Vec<Conn>,
}

/// The server host (or its part on one P): up (a [`Life`]) or down between a kill and the
/// restart.
pub(super) struct Server {
    variant: Variant,
    behaviour: ResolvedBehaviour,
    idle: GoDuration,
    seed: u64,
    conn_seeds: u64,
    life: Option<Life>,
    next_id: u32,
    users: usize,
    tally: Tally,
}

/// What the server did since the engine last took the tally: the gauge's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Tally {
    pub messages: u64,
    pub timeouts: u64,
    /// Connections accepted (each with the task serving it).
    pub accepted: u64,
}

/// What the engine must schedule after the server handled an event: a look at a connection's
/// timeout case at a given time.
pub(super) type CheckAt = Option<(ConnId, GoDuration)>;

impl Server {
    /// The server's part on P `p` of a run: it serves `users` users. P 0 draws the streams a
    /// run on one P draws.
    pub(super) fn new(cfg: &S1Config, p: u64, users: usize) -> Server {
        let conn_seeds = seed::derive(cfg.seed, streams::SERVER);
        Server {
            variant: cfg.variant,
            behaviour: cfg.behaviour.clone(),
            idle: cfg.idle,
            seed: cfg.seed,
            conn_seeds: if p == 0 { conn_seeds } else { seed::derive(conn_seeds, p) },
            life: None,
            next_id: 1,
            users,
            tally: Tally::default(),
        }
    }

    /// Life `life` starts at `now`: a fresh runtime, no connection (the supervisor's restart).
    pub(super) fn start(&mut self, now: GoDuration, life: u32) {
        let rt = self.behaviour.builder().build();
        let rng = seed::rng(self.conn_seeds, u64::from(life));
        // Room for every user: a life rarely holds fewer, and growing the table copies it.
        let conns = Vec::with_capacity(self.users);
        self.life = Some(Life { rt, started: now, clock: now, rng, conns });
    }

    /// What the server did since the last call.
    pub(super) fn take_tally(&mut self) -> Tally {
        std::mem::take(&mut self.tally)
    }

    /// The OOM killer: the life ends with every timer and connection it held. Returns the
    /// connections, whose clients will read the end of their streams.
    pub(super) fn kill(&mut self) -> Vec<(u32, ConnId)> {
        let Some(life) = self.life.take() else { return Vec::new() };
        let open = life
            .conns
            .iter()
            .enumerate()
            .map(|(slot, c)| (c.user, ConnId { slot: slot as u32, id: c.id }))
            .collect();
        drop(life); // the runtime and its timers go with the process
        open
    }

    /// Moves the life's clock to `now` (a tick boundary, where the monitor reads it), firing
    /// what is due.
    pub(super) fn settle(&mut self, now: GoDuration) {
        if let Some(life) = &mut self.life {
            life.advance(now);
        }
    }

    /// The current life's runtime, if the server is up.
    pub(super) fn runtime(&self) -> Option<&Runtime> {
        self.life.as_ref().map(|life| &life.rt)
    }

    /// Prefetches `conn`'s record ([`super::World::warm`]).
    pub(super) fn prefetch(&self, conn: ConnId) {
        if let Some(c) = self.life.as_ref().and_then(|life| life.conns.get(conn.slot as usize)) {
            crate::prefetch::prefetch(c);
        }
    }

    /// Prefetches gotime's records of the timers of `conns` ([`super::shard::Shard::warm`]).
    pub(super) fn warm_timers(&self, conns: impl Iterator<Item = ConnId>) {
        let Some(life) = &self.life else { return };
        let timers = conns.filter_map(|conn| life.conns.get(conn.slot as usize)).map(|c| c.wait.timer());
        // A leaky loop only lets go of its `time.After` channel (or receives from it at the
        // deadline): its heap item is touched only where the runtime collects it.
        if self.variant == Variant::Leaky {
            life.rt.warm_to_drop(timers);
        } else {
            life.rt.warm(timers);
        }
    }

    /// The next step for the timers [`Server::warm_timers`] warmed a batch ago: what gotime and
    /// the variant keep beside each (an AfterFunc's body, a context's Done signal).
    pub(super) fn warm_bodies(&self, conns: impl Iterator<Item = ConnId>) {
        let Some(life) = &self.life else { return };
        let timers = conns.filter_map(|conn| life.conns.get(conn.slot as usize)).map(|c| {
            c.wait.prefetch_own();
            c.wait.timer()
        });
        life.rt.warm_bodies(timers);
    }

    /// `true` while `conn` is open.
    pub(super) fn is_open(&self, conn: ConnId) -> bool {
        self.life
            .as_ref()
            .is_some_and(|life| life.conns.get(conn.slot as usize).is_some_and(|c| c.id == conn.id))
    }

    /// The accept loop takes a connection from `user` at `now` and starts its loop; `None` when
    /// the server is down (the SYN is lost; the client's connect times out).
    pub(super) fn accept(&mut self, now: GoDuration, user: u32) -> Option<(ConnId, CheckAt)> {
        let life = self.life.as_mut()?;
        life.advance(now);
        let id = self.next_id;
        self.next_id += 1;
        let wait = Wait::first(self.variant, &life.rt, self.idle);
        let deadline = now.saturating_add(self.idle);
        let conn = Conn { id, user, wait, deadline, next_message: NONE, looking: true };
        let slot = life.conns.len() as u32;
        life.conns.push(conn);
        self.tally.accepted += 1;
        let conn = ConnId { slot, id };
        Some((conn, Some((conn, deadline))))
    }

    /// A message reaches `conn` at `now`: its select takes the message case (or, when the timeout
    /// case is ready too, Go's uniform choice between them), and the loop goes on. `next` is when
    /// the client's next message on `conn` arrives, if one is on its way.
    pub(super) fn receive(&mut self, now: GoDuration, conn: ConnId, next: Option<GoDuration>) -> CheckAt {
        let idle = self.idle;
        let life = self.life.as_mut()?;
        life.conns.get(conn.slot as usize).filter(|c| c.id == conn.id)?;
        life.advance(now);
        let c = &mut life.conns[conn.slot as usize];
        c.next_message = next.unwrap_or(NONE);
        if c.deadline <= now && first_case_first(&mut life.rng) && c.wait.try_timeout() {
            // Both cases ready and the select picked the timeout: one idle iteration first.
            self.tally.timeouts += 1;
            c.next_iteration(&life.rt, idle, now, Case::Timeout);
        }
        self.tally.messages += 1;
        c.next_iteration(&life.rt, idle, now, Case::Message);
        c.look().map(|at| (conn, at))
    }

    /// The engine's look at `conn`'s timeout case at `now`: the case is ready at the deadline
    /// (the select takes it, pings the client and loops); earlier, the look is rescheduled to
    /// the deadline, unless a message on its way will move the deadline first.
    ///
    /// # Panics
    ///
    /// When gotime's timer is not ready at its deadline: that would be a bug in the runtime or
    /// in this engine; the message names the seed.
    pub(super) fn deadline(&mut self, now: GoDuration, conn: ConnId) -> CheckAt {
        let (variant, idle) = (self.variant, self.idle);
        let life = self.life.as_mut()?;
        let c = life.conns.get_mut(conn.slot as usize).filter(|c| c.id == conn.id)?;
        c.looking = false;
        if now < c.deadline {
            return c.look().map(|at| (conn, at));
        }
        life.advance(now);
        let c = &mut life.conns[conn.slot as usize];
        assert!(
            c.wait.try_timeout(),
            "s1 events engine: connection {} timer not ready at its deadline {} ({:?} {}, seed={})",
            conn.id,
            c.deadline,
            variant,
            self.behaviour.semantics,
            self.seed
        );
        // c.ping(): the client is there (S1's clients never close first).
        self.tally.timeouts += 1;
        c.next_iteration(&life.rt, idle, now, Case::Timeout);
        c.look().map(|at| (conn, at))
    }
}

impl Conn {
    /// The iteration ended with `case`; the loop runs on to its next `select`.
    fn next_iteration(&mut self, rt: &Runtime, idle: GoDuration, now: GoDuration, case: Case) {
        self.wait.next(rt, idle, case);
        self.deadline = now.saturating_add(idle);
    }

    /// When the engine must look at the timeout case: at the deadline, unless a look is already
    /// scheduled (it reschedules itself) or a message arrives first (its iteration moves the
    /// deadline; a message arriving at the deadline itself meets a ready timeout, so the look
    /// stays).
    fn look(&mut self) -> Option<GoDuration> {
        if self.looking || self.next_message < self.deadline {
            return None;
        }
        self.looking = true;
        Some(self.deadline)
    }
}

impl Life {
    /// Moves the clock to `now`, firing what is due (the runtime's clock started with the life).
    fn advance(&mut self, now: GoDuration) {
        if now > self.clock {
            self.clock = now;
            let since = GoDuration::from_nanos(now.as_nanos() - self.started.as_nanos());
            self.rt.advance_to(Instant::from_start(since));
        }
    }
}

#[cfg(test)]
mod tests {
    use gotime::Semantics;

    use super::*;
    use crate::scenarios::s1::config::tests::config;

    fn secs(n: i64) -> GoDuration {
        GoDuration::from_secs(n)
    }

    /// A server of `variant` in `semantics`, up since time zero, with one connection.
    fn serving(variant: &str, semantics: Semantics) -> (Server, ConnId) {
        let mut cfg = config(&[("idle-timeout", "3s")]);
        cfg.variant = match variant {
            "leaky" => Variant::Leaky,
            "stop" => Variant::Stop,
            "reset" => Variant::Reset,
            _ => Variant::Context,
        };
        cfg.behaviour = ResolvedBehaviour::of(semantics);
        let mut server = Server::new(&cfg, 0, 1);
        server.start(GoDuration::ZERO, 1);
        let (conn, check) = server.accept(GoDuration::ZERO, 0).expect("up");
        assert_eq!(check, Some((conn, secs(3))), "the first look is at the first deadline");
        (server, conn)
    }

    /// Live timers at the tick boundary `now`, as the monitor reads them.
    fn live(server: &mut Server, now: GoDuration) -> u64 {
        server.settle(now);
        server.runtime().map_or(0, |rt| rt.stats().live)
    }

    const VARIANTS: [&str; 4] = ["leaky", "stop", "reset", "context"];

    #[test]
    fn a_connection_is_one_cache_line() {
        assert_eq!((std::mem::size_of::<Conn>(), std::mem::align_of::<Conn>()), (64, 64));
    }

    #[test]
    fn an_idle_connection_times_out_at_its_deadline_and_loops_in_both_modes() {
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let (mut server, conn) = serving(variant, semantics);
                assert_eq!(server.deadline(secs(3), conn), Some((conn, secs(6))), "{variant}/{semantics}");
                assert_eq!(server.tally.timeouts, 1, "{variant}/{semantics}: one ping");
                assert_eq!(server.deadline(secs(6), conn), Some((conn, secs(9))), "{variant}/{semantics}");
                assert_eq!(server.tally.timeouts, 2, "{variant}/{semantics}");
            }
        }
    }

    #[test]
    fn a_message_postpones_the_timeout_and_the_early_look_moves_to_the_new_deadline() {
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let (mut server, conn) = serving(variant, semantics);
                assert_eq!(
                    server.receive(secs(1), conn, None),
                    None,
                    "{variant}/{semantics}: a look is pending"
                );
                assert_eq!(server.deadline(secs(3), conn), Some((conn, secs(4))), "{variant}/{semantics}");
                assert_eq!(server.tally.timeouts, 0, "{variant}/{semantics}: no ping before 4 s");
                assert_eq!(server.tally.messages, 1);
                assert_eq!(server.deadline(secs(4), conn), Some((conn, secs(7))), "{variant}/{semantics}");
                assert_eq!(server.tally.timeouts, 1, "{variant}/{semantics}");
            }
        }
    }

    #[test]
    fn no_look_is_scheduled_at_a_deadline_that_a_message_on_its_way_will_move() {
        let ms = GoDuration::from_millis;
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let (mut server, conn) = serving(variant, semantics);
                let run = format!("{variant}/{semantics}");
                assert_eq!(server.receive(secs(1), conn, Some(ms(3_500))), None, "{run}: a look is pending");
                // The pending look, early: the next message (3.5 s) comes before the deadline (4 s).
                assert_eq!(server.deadline(secs(3), conn), None, "{run}");
                // Its successor comes after the new deadline (6.5 s): look then.
                assert_eq!(server.receive(ms(3_500), conn, Some(secs(7))), Some((conn, ms(6_500))), "{run}");
                // Idle until 6.5 s: the timeout case. The message due at 7 s moves the next deadline.
                assert_eq!(server.deadline(ms(6_500), conn), None, "{run}");
                assert_eq!(server.tally.timeouts, 1, "{run}");
                // A message due exactly at the deadline meets a ready timeout: the look stays.
                assert_eq!(server.receive(secs(7), conn, Some(secs(10))), Some((conn, secs(10))), "{run}");
                assert_eq!(server.tally.messages, 3, "{run}");
            }
        }
    }

    #[test]
    fn only_the_leaky_loop_in_async_mode_keeps_each_iterations_timer() {
        for variant in VARIANTS {
            for semantics in Semantics::BOTH {
                let (mut server, conn) = serving(variant, semantics);
                for ms in [100, 200, 300, 400] {
                    server.receive(GoDuration::from_millis(ms), conn, None);
                }
                let leaks = variant == "leaky" && semantics == Semantics::Async;
                let expected = if leaks { 5 } else { 1 };
                let at = GoDuration::from_millis(500);
                assert_eq!(live(&mut server, at), expected, "{variant}/{semantics}");
                // Each leaked timer lives until its own deadline, 3 s after its iteration began.
                let later = if leaks { 3 } else { 1 };
                assert_eq!(live(&mut server, GoDuration::from_millis(3_150)), later, "{variant}/{semantics}");
            }
        }
    }

    #[test]
    fn a_killed_life_ignores_its_connections_events_and_a_new_life_starts_empty() {
        for semantics in Semantics::BOTH {
            let (mut server, conn) = serving("reset", semantics);
            assert_eq!(server.kill(), [(0, conn)], "the connection's user reads the end of the stream");
            assert!(!server.is_open(conn));
            assert_eq!(server.receive(secs(1), conn, None), None);
            assert_eq!(server.deadline(secs(3), conn), None);
            assert!(server.accept(secs(1), 0).is_none(), "a dead server accepts nothing");
            assert_eq!(server.tally.messages, 0);
            server.start(secs(5), 2);
            let (again, check) = server.accept(secs(5), 0).unwrap();
            assert_ne!(again, conn, "a new connection, never confused with the old one");
            assert_eq!(check, Some((again, secs(8))), "timers run on the new life's clock");
            // The old connection's slot is the new one's: its late events still miss it (a
            // restart without back-off lets a message or a look of the killed life arrive now).
            assert!(!server.is_open(conn) && server.is_open(again));
            assert_eq!(server.receive(secs(6), conn, None), None);
            assert_eq!(server.deadline(secs(8), conn), None);
            assert_eq!(server.take_tally(), Tally { messages: 0, timeouts: 0, accepted: 2 });
            assert_eq!(server.tally, Tally::default(), "taken");
        }
    }

    /// A new life's runtime starts at zero when the life starts: a connection accepted at that
    /// instant, before anything moved its clock, keeps its timers for one idle timeout — the
    /// leaky loop in async mode holds the first iteration's timer until 3 s after the accept.
    #[test]
    fn a_connection_accepted_as_a_new_life_starts_keeps_its_timers_a_whole_timeout() {
        let ms = GoDuration::from_millis;
        for variant in VARIANTS {
            for semantics in Semantics::ALL {
                let run = format!("{variant}/{semantics}");
                let (mut server, _) = serving(variant, semantics);
                server.kill();
                server.start(secs(10), 2);
                let (conn, check) = server.accept(secs(10), 0).expect("up");
                assert_eq!(check, Some((conn, secs(13))), "{run}");
                assert_eq!(server.receive(ms(10_500), conn, None), None, "{run}: a look is pending");
                let leaks = variant == "leaky" && semantics == Semantics::Async;
                assert_eq!(live(&mut server, secs(11)), if leaks { 2 } else { 1 }, "{run}");
                assert_eq!(live(&mut server, ms(13_100)), 1, "{run}: the first timer fired at 13 s");
                assert_eq!(server.deadline(ms(13_500), conn), Some((conn, ms(16_500))), "{run}");
                assert_eq!(server.tally.timeouts, 1, "{run}: idle from 10.5 s to 13.5 s");
            }
        }
    }

    #[test]
    fn a_message_at_the_deadline_meets_a_ready_timeout_and_the_select_picks_either() {
        // Go's select picks uniformly among ready cases: over many connections, both orders.
        for semantics in Semantics::BOTH {
            let (mut server, _) = serving("reset", semantics);
            let conns: Vec<ConnId> =
                (1..=64).map(|u| server.accept(GoDuration::ZERO, u).unwrap().0).collect();
            for &conn in &conns {
                server.receive(secs(3), conn, None);
            }
            let g = server.take_tally();
            assert_eq!(g.messages, 64, "{semantics}: every message handled");
            assert!(
                (10..=54).contains(&g.timeouts),
                "{semantics}: {} of 64 took the timeout first",
                g.timeouts
            );
        }
    }
}
