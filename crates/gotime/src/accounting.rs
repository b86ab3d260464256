//! Live-timer accounting: the assertable counterpart of a pprof heap profile.
//!
//! A timer is **live** while it is armed: it could still fire and it costs memory in Go's runtime.
//! That covers the pending timers the program holds, every pending AfterFunc (the runtime holds `f`
//! in every semantics), and in async mode every started, unstopped, unfired timer the program dropped
//! (Go ≤ 1.22 keeps it in the heap until it fires) and every dropped ticker (never collected).
//! In sync mode a channel timer that fired but was not received is still armed — Stop would return
//! true — so it stays live while the program holds it. For a timer the program holds, "live" is
//! exactly "Stop would return true". In async-collected, as in sync, a dropped channel timer is
//! collected, so it is not live.
//!
//! Bytes are estimated with a [`CostModel`], one figure per [`TimerKind`]: by default measured on
//! Go 1.23.5 (see `oracle/README.md`), or the figures of a given release
//! ([`crate::release::cost_model`]).

use std::collections::BTreeMap;
use std::fmt;
use std::panic::Location;

use crate::TimerKind;

/// Bytes of Go heap one live timer of each kind costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostModel {
    /// `time.NewTimer` and `time.After`: the `Timer`, its runtime timer and its channel with a
    /// one-value buffer.
    pub channel_timer: u64,
    /// `time.AfterFunc`: the `Timer`, its runtime timer and the closure; no channel.
    pub func_timer: u64,
    /// `time.NewTicker` and `time.Tick`: like a channel timer.
    pub ticker: u64,
}

impl CostModel {
    /// Go 1.23.5 on amd64: heap bytes per timer, measured by `oracle/costs` (100,000 timers of
    /// each kind, two GCs, median of 5 processes; table in `oracle/README.md`). After 265 B,
    /// NewTimer 266 B, NewTicker 267 B, Tick 265 B, AfterFunc 129–131 B.
    pub const GO_1_23: CostModel = CostModel { channel_timer: 266, func_timer: 130, ticker: 266 };

    /// The cost of one live timer of `kind`.
    pub const fn bytes(&self, kind: TimerKind) -> u64 {
        match kind {
            TimerKind::Timer | TimerKind::After => self.channel_timer,
            TimerKind::AfterFunc => self.func_timer,
            TimerKind::Ticker | TimerKind::Tick => self.ticker,
        }
    }
}

impl Default for CostModel {
    fn default() -> CostModel {
        CostModel::GO_1_23
    }
}

/// Totals over a runtime's life. Read with [`crate::Runtime::stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Live timers now.
    pub live: u64,
    /// The most live timers at any instant so far.
    pub peak: u64,
    /// Estimated bytes of the live timers now.
    pub bytes: u64,
    /// The most estimated bytes at any instant so far.
    pub peak_bytes: u64,
    /// Timers created so far.
    pub created: u64,
    /// Firings so far: channel timers and tickers reaching a deadline, AfterFuncs starting.
    pub fired: u64,
}

/// A source location where timers are created: the `#[track_caller]` location of the constructor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Site {
    /// Source file, as the compiler names it.
    pub file: &'static str,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl From<&'static Location<'static>> for Site {
    fn from(loc: &'static Location<'static>) -> Site {
        Site { file: loc.file(), line: loc.line(), column: loc.column() }
    }
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One row of the per-call-site profile. Read with [`crate::Runtime::sites`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SiteStats {
    /// Where the timers were created.
    pub site: Site,
    /// What made them.
    pub kind: TimerKind,
    /// Live timers from this site now.
    pub live: u64,
    /// The most live timers from this site at any instant.
    pub peak: u64,
    /// Estimated bytes of this site's live timers now.
    pub bytes: u64,
    /// Timers this site created so far.
    pub created: u64,
    /// Estimated bytes of one timer of this site's kind, from the runtime's [`CostModel`]:
    /// `bytes` is `live` times this, and the `created` timers cost `created` times this.
    pub bytes_per_timer: u64,
}

pub(crate) type SiteId = u32;

/// Slots of [`Accounting`]'s cache of site ids by `Location` address.
const RECENT_SITES: usize = 32;

/// The accounting tables, updated by the runtime state on every arm and disarm.
#[derive(Debug, Default)]
pub(crate) struct Accounting {
    costs: CostModel,
    totals: Stats,
    sites: Vec<SiteStats>,
    by_site: BTreeMap<Site, SiteId>,
    /// Site ids by the address of their `Location`, direct-mapped: a call site's `Location` is a
    /// static, so a loop creating timers at a few sites skips the map's string comparisons. A miss
    /// — a collision, or one site's `Location` emitted twice — falls back to the map, so the cache
    /// never changes an answer. Address 0 is no `Location`'s, so the empty slots never match.
    recent: [(usize, SiteId); RECENT_SITES],
}

impl Accounting {
    pub(crate) fn new(costs: CostModel) -> Accounting {
        Accounting { costs, ..Accounting::default() }
    }

    pub(crate) fn created(&mut self, location: &'static Location<'static>, kind: TimerKind) -> SiteId {
        self.totals.created += 1;
        let address = std::ptr::from_ref(location) as usize;
        // Locations are at least 8-byte aligned and 24 bytes long: mix in the higher bits.
        let recent = &mut self.recent[((address >> 3) ^ (address >> 9)) % RECENT_SITES];
        let id = if recent.0 == address {
            recent.1
        } else {
            let site = Site::from(location);
            let next = self.sites.len() as SiteId;
            let id = *self.by_site.entry(site).or_insert(next);
            if id == next {
                let bytes_per_timer = self.costs.bytes(kind);
                self.sites.push(SiteStats {
                    site,
                    kind,
                    live: 0,
                    peak: 0,
                    bytes: 0,
                    created: 0,
                    bytes_per_timer,
                });
            }
            *recent = (address, id);
            id
        };
        self.sites[id as usize].created += 1;
        id
    }

    pub(crate) fn armed(&mut self, site: SiteId, kind: TimerKind) {
        let bytes = self.costs.bytes(kind);
        let t = &mut self.totals;
        t.live += 1;
        t.bytes += bytes;
        t.peak = t.peak.max(t.live);
        t.peak_bytes = t.peak_bytes.max(t.bytes);
        let s = &mut self.sites[site as usize];
        s.live += 1;
        s.bytes += bytes;
        s.peak = s.peak.max(s.live);
    }

    pub(crate) fn disarmed(&mut self, site: SiteId, kind: TimerKind) {
        let bytes = self.costs.bytes(kind);
        let t = &mut self.totals;
        t.live -= 1;
        t.bytes -= bytes;
        let s = &mut self.sites[site as usize];
        s.live -= 1;
        s.bytes -= bytes;
    }

    /// The call site of `site`.
    pub(crate) fn site(&self, site: SiteId) -> Site {
        self.sites[site as usize].site
    }

    pub(crate) fn fired(&mut self, firings: u64) {
        self.totals.fired += firings;
    }

    pub(crate) fn stats(&self) -> Stats {
        self.totals
    }

    /// Sites sorted by live timers (most first), then bytes, then location: a stable order.
    pub(crate) fn sites(&self) -> Vec<SiteStats> {
        let mut rows = self.sites.clone();
        rows.sort_by(|a, b| b.live.cmp(&a.live).then(b.bytes.cmp(&a.bytes)).then(a.site.cmp(&b.site)));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn here() -> &'static Location<'static> {
        Location::caller()
    }

    #[test]
    fn disarming_gives_back_what_arming_took_per_site_and_in_total() {
        let mut accounting = Accounting::new(CostModel::GO_1_23);
        let timers = accounting.created(here(), TimerKind::Timer);
        let funcs = accounting.created(here(), TimerKind::AfterFunc);
        for _ in 0..3 {
            accounting.armed(timers, TimerKind::Timer);
        }
        accounting.armed(funcs, TimerKind::AfterFunc);
        accounting.disarmed(timers, TimerKind::Timer);
        let stats = accounting.stats();
        assert_eq!((stats.live, stats.bytes), (3, 2 * 266 + 130));
        assert_eq!((stats.peak, stats.peak_bytes), (4, 3 * 266 + 130));
        let rows = accounting.sites();
        let row = |kind| rows.iter().find(|row| row.kind == kind).expect("a row per site");
        let timer_row = row(TimerKind::Timer);
        assert_eq!((timer_row.live, timer_row.bytes, timer_row.peak), (2, 2 * 266, 3));
        let func_row = row(TimerKind::AfterFunc);
        assert_eq!((func_row.live, func_row.bytes, func_row.peak), (1, 130, 1));
    }

    #[test]
    fn each_call_site_keeps_its_own_row_whatever_the_cache_holds() {
        // 40 call sites (one per column) for a 32-slot cache: some share a slot and evict each other.
        #[rustfmt::skip]
        let sites = [
            here(), here(), here(), here(), here(), here(), here(), here(), here(), here(),
            here(), here(), here(), here(), here(), here(), here(), here(), here(), here(),
            here(), here(), here(), here(), here(), here(), here(), here(), here(), here(),
            here(), here(), here(), here(), here(), here(), here(), here(), here(), here(),
        ];
        let mut accounting = Accounting::new(CostModel::GO_1_23);
        let mut ids = Vec::new();
        // Site i creates i + 1 timers, interleaved with every other site.
        for round in 0..sites.len() {
            for (i, &site) in sites.iter().enumerate().filter(|&(i, _)| i >= round) {
                let id = accounting.created(site, TimerKind::Timer);
                if round == 0 {
                    ids.push(id);
                }
                assert_eq!(id, ids[i], "site {i} changed id in round {round}");
            }
        }
        let mut rows = accounting.sites();
        rows.sort_by_key(|row| (row.site.line, row.site.column));
        let created: Vec<u64> = rows.iter().map(|row| row.created).collect();
        assert_eq!(created, (1..=40).collect::<Vec<u64>>());
        assert_eq!(accounting.stats().created, (1..=40).sum::<u64>());
    }
}
