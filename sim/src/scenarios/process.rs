//! The simulated process's instruments: the [`Gauge`] the program's tasks and the in-process
//! monitor write, and the harness reads between turmoil steps.
//!
//! Why a monitor task inside the host: gotime's tokio clock reads tokio's time, which is the
//! host's virtual time only inside the host's runtime. So `rt.stats()` is called there, every
//! check interval, and the numbers are published here for the harness.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use gotime::{GoDuration, SiteStats};

use crate::api::SiteProfile;
use crate::event::{Event, TraceEvent};
use crate::memory::{MemoryModel, Usage};

/// The gauge shared by one run's hosts and its harness (turmoil runs every host on one thread).
pub(crate) type SharedGauge = Rc<RefCell<Gauge>>;

/// Virtual time since the simulation started, read inside a host.
pub(crate) fn sim_now() -> GoDuration {
    GoDuration::from(turmoil::sim_elapsed().unwrap_or_default())
}

/// What the process is doing now, and what it did over the run.
#[derive(Debug, Default)]
pub(crate) struct Gauge {
    /// The current life: 0 before the first start, incremented by every start.
    pub life: u32,
    /// `true` while a life runs.
    pub up: bool,
    /// When the current life began.
    pub life_start: GoDuration,
    /// Open connections (S1).
    pub connections: u64,
    /// The program's tasks: its main task plus one per connection (S1) or producer and
    /// consumer (S2). The monitor and gotime's driver are instruments, not counted.
    pub tasks: u64,
    /// Message bytes received and not yet handled.
    pub buffered: u64,
    /// Live timers at the last check.
    pub live: u64,
    /// Modelled memory at the last check.
    pub memory: u64,
    /// Messages handled over the run.
    pub messages: u64,
    /// Timeout branches taken over the run.
    pub timeouts: u64,
    /// Spurious timeouts over the run.
    pub spurious: u64,
    /// Missed timeouts over the run.
    pub missed: u64,
    /// Over all checks of all lives.
    pub peak_live: u64,
    /// Over all checks of all lives.
    pub peak_memory: u64,
    /// The largest excess of live timers over what the program holds.
    pub peak_excess: u64,
    /// The largest excess in each virtual second with any: (second, excess).
    excess_by_second: Vec<(i64, u64)>,
    /// Checks with any excess.
    pub over_bound_checks: u64,
    /// The per-site profile at the check with the most live timers.
    pub sites: Vec<SiteProfile>,
    sites_live: u64,
    /// gotime's per-site table at the last check.
    pub last_sites: Vec<SiteStats>,
    /// Events the process itself reports (its start, S2's timeouts).
    pub events: Vec<TraceEvent>,
    /// Set by the monitor when the budget is exceeded; taken by the harness, which kills.
    pub oom: Option<Event>,
    /// Set by the monitor when the simulator's cap on live timers is reached.
    pub cap_hit: Option<(u64, u64)>,
}

impl Gauge {
    /// A new life starts now (inside a turmoil host): the process is up, with nothing open yet.
    pub(crate) fn begin_life(&mut self) -> u32 {
        self.begin_life_at(sim_now())
    }

    /// A new life starts at `at`: the process is up, with nothing open yet.
    pub(crate) fn begin_life_at(&mut self, at: GoDuration) -> u32 {
        self.life += 1;
        self.up = true;
        self.life_start = at;
        self.events.push(TraceEvent { at, event: Event::Up { life: self.life } });
        self.life
    }

    /// The life ended (killed): everything it held is gone.
    pub(crate) fn end_life(&mut self) {
        self.up = false;
        self.connections = 0;
        self.tasks = 0;
        self.buffered = 0;
        self.live = 0;
        self.memory = 0;
    }

    /// The largest rise of the excess of live timers within any one virtual minute (seconds
    /// without excess count as zero excess).
    pub(crate) fn rise_per_minute(&self) -> u64 {
        let h = &self.excess_by_second;
        let mut best = 0;
        for (i, &(t, e)) in h.iter().enumerate() {
            // The lowest excess in the minute before `t`: zero if some second in it had none.
            let window = h[..i].iter().rev().take_while(|(s, _)| t - s <= 60);
            let (count, low) = window.fold((0, u64::MAX), |(n, low), &(_, x)| (n + 1, low.min(x)));
            // Fewer than 60 seconds on record: one of them had no excess (or the run began).
            let low = if count >= 60 { low.min(e) } else { 0 };
            best = best.max(e - low.min(e));
        }
        best
    }

    /// Records an event at the current virtual time (inside a turmoil host).
    pub(crate) fn event(&mut self, event: Event) {
        self.event_at(sim_now(), event);
    }

    /// Records an event at `at`.
    pub(crate) fn event_at(&mut self, at: GoDuration, event: Event) {
        self.events.push(TraceEvent { at, event });
    }
}

/// A counted task or connection of the current life; uncounts itself when dropped, unless the
/// life it belongs to has already ended.
pub(crate) struct Counted {
    gauge: SharedGauge,
    life: u32,
    what: Counter,
}

/// What a [`Counted`] counts.
#[derive(Clone, Copy)]
pub(crate) enum Counter {
    /// A task (goroutine).
    Task,
    /// A connection and the task serving it.
    Connection,
}

impl Counted {
    pub(crate) fn new(gauge: &SharedGauge, what: Counter) -> Counted {
        let mut g = gauge.borrow_mut();
        g.tasks += 1;
        if let Counter::Connection = what {
            g.connections += 1;
        }
        Counted { gauge: gauge.clone(), life: g.life, what }
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut g = self.gauge.borrow_mut();
        if g.life != self.life || !g.up {
            return;
        }
        g.tasks = g.tasks.saturating_sub(1);
        if let Counter::Connection = self.what {
            g.connections = g.connections.saturating_sub(1);
        }
    }
}

/// What live timers a correct program holds at most.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Bound {
    /// One per open connection (S1).
    PerConnection,
    /// One in total (S2's consumer).
    One,
}

/// The monitor's settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonitorConfig {
    /// Time between two checks (the OOM killer's reaction time).
    pub every: Duration,
    /// The memory model, with its budget.
    pub model: MemoryModel,
    /// The live-timer bound a correct program keeps.
    pub bound: Bound,
    /// The simulator's own cap on live timers.
    pub cap: u64,
}

/// The in-process monitor: every `every`, reads gotime's stats, updates the gauge, and flags an
/// OOM or the simulator cap. Ends after flagging either (the process is about to die).
pub(crate) async fn monitor(rt: gotime::Runtime, gauge: SharedGauge, cfg: MonitorConfig) {
    let mut interval = tokio::time::interval(cfg.every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if check(&rt, &gauge, &cfg, sim_now()) {
            return;
        }
    }
}

/// One check at virtual time `now`; `true` when the process must stop.
pub(crate) fn check(rt: &gotime::Runtime, gauge: &SharedGauge, cfg: &MonitorConfig, now: GoDuration) -> bool {
    check_readings(rt.stats(), rt.sites(), gauge, cfg, now)
}

/// [`check`] of a process whose timers are in several runtimes (one per P): their readings
/// added up. A site's `peak` is then the sum of its peaks in each, at least its true peak.
pub(crate) fn check_all<'a>(
    runtimes: impl IntoIterator<Item = &'a gotime::Runtime>,
    gauge: &SharedGauge,
    cfg: &MonitorConfig,
    now: GoDuration,
) -> bool {
    let mut stats = gotime::Stats::default();
    let mut by_site: std::collections::BTreeMap<(gotime::Site, gotime::TimerKind), SiteStats> =
        std::collections::BTreeMap::new();
    for rt in runtimes {
        let s = rt.stats();
        // What a check reads: the live timers and their bytes (each reading's peak is the
        // gauge's, over the sums).
        stats.live += s.live;
        stats.bytes += s.bytes;
        for row in rt.sites() {
            by_site
                .entry((row.site, row.kind))
                .and_modify(|sum| {
                    sum.live += row.live;
                    sum.peak += row.peak;
                    sum.bytes += row.bytes;
                    sum.created += row.created;
                })
                .or_insert(row);
        }
    }
    let mut sites: Vec<SiteStats> = by_site.into_values().collect();
    // gotime's order (`Runtime::sites`): most live first, then most bytes, then by site.
    sites.sort_by(|a, b| b.live.cmp(&a.live).then(b.bytes.cmp(&a.bytes)).then(a.site.cmp(&b.site)));
    check_readings(stats, sites, gauge, cfg, now)
}

/// One check at `now` of what the runtimes read.
fn check_readings(
    stats: gotime::Stats,
    sites: Vec<SiteStats>,
    gauge: &SharedGauge,
    cfg: &MonitorConfig,
    now: GoDuration,
) -> bool {
    let mut g = gauge.borrow_mut();
    g.live = stats.live;
    let usage = Usage { connections: g.connections, timer_bytes: stats.bytes, buffered_bytes: g.buffered };
    g.memory = cfg.model.memory(&usage);
    g.peak_live = g.peak_live.max(stats.live);
    g.peak_memory = g.peak_memory.max(g.memory);
    let allowed = match cfg.bound {
        Bound::PerConnection => g.connections,
        Bound::One => 1,
    };
    if stats.live > allowed {
        g.over_bound_checks += 1;
        let excess = stats.live - allowed;
        g.peak_excess = g.peak_excess.max(excess);
        let second = now.as_nanos() / 1_000_000_000;
        match g.excess_by_second.last_mut() {
            Some((s, e)) if *s == second => *e = (*e).max(excess),
            _ => g.excess_by_second.push((second, excess)),
        }
    }
    if stats.live > g.sites_live {
        g.sites_live = stats.live;
        g.sites = sites.iter().map(SiteProfile::from).collect();
    }
    g.last_sites = sites;
    if stats.live >= cfg.cap {
        g.cap_hit = Some((stats.live, cfg.cap));
        g.event_at(now, Event::SimMemoryCap { live: stats.live, cap: cfg.cap });
        return true;
    }
    if cfg.model.over_budget(g.memory) && g.oom.is_none() {
        g.oom = Some(Event::OomKill { memory: g.memory, budget: cfg.model.budget, live: stats.live });
        return true;
    }
    false
}
