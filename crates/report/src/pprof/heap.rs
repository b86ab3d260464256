//! [`heap_profile`]: a run's timers at one [`Moment`] as the heap profile Go's
//! `pprof.WriteHeapProfile` writes — the same sample types, period and object-size label, the
//! same frames above the call site — so `go tool pprof` reads it as it read the incident's.

use gotime::TimerKind;
use timerlab_sim::{RunReport, SiteProfile};

use super::frames::{GoFrame, GoRelease};
use super::proto::{Label, Profile, Sample, ValueType};
use super::tables::{LineKey, Tables};
use crate::site::SiteLocation;

/// The moment of a run a heap profile shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Moment {
    /// The check with the most live timers (of the process life with the most): the profile
    /// the text report's table shows ([`RunReport::sites`]).
    Peak,
    /// The run's last check, of its last process life ([`RunReport::end_sites`]).
    End,
}

impl Moment {
    /// Both moments, in the order their files are written.
    pub const ALL: [Moment; 2] = [Moment::Peak, Moment::End];

    /// `peak` or `end`, as file names spell it.
    pub const fn name(self) -> &'static str {
        match self {
            Moment::Peak => "peak",
            Moment::End => "end",
        }
    }

    /// The per-call-site profile `report` took at this moment.
    pub fn sites(self, report: &RunReport) -> &[SiteProfile] {
        match self {
            Moment::Peak => &report.sites,
            Moment::End => &report.end_sites,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Moment::Peak => "at its peak of live timers",
            Moment::End => "at its end",
        }
    }
}

/// The sample types of a Go heap profile, in Go's order (`runtime/pprof`'s `writeHeapProto`):
/// timers created and their bytes, then live timers and their bytes. pprof shows the last by
/// default, as for Go's own heap profiles.
pub const SAMPLE_TYPES: [(&str, &str); 4] = [
    ("alloc_objects", "count"),
    ("alloc_space", "bytes"),
    ("inuse_objects", "count"),
    ("inuse_space", "bytes"),
];

/// The heap profile of `report`'s timers at `moment`.
///
/// One sample per call site that created timers, in the report's order, with the values of
/// [`SAMPLE_TYPES`]: `created`, `created × bytes_per_timer`, `live`, `bytes` — every timer
/// counted, as Go counts every allocation with `runtime.MemProfileRate = 1` (so the period is
/// 1 byte). Each sample carries Go's numeric label `bytes`, the size of one object (a timer).
///
/// The stack is the call site's location with the Go frames of [`GoRelease::for_run`] the run's
/// toolchain (or semantics) above it: `time.NewTimer` / `time.After (inline)` on Go 1.22, `time.newTimer` /
/// `time.NewTimer` / `time.After (inline)` on Go 1.23. The call site is a function named as the
/// report names the site (`file:line:column`), in its file, at its line and column.
///
/// `time_nanos` is 0 — virtual time has no date — so the bytes depend on the run alone; the
/// comments name the run, the moment and the replay command.
pub fn heap_profile(report: &RunReport, moment: Moment) -> Profile {
    let release = GoRelease::for_run(report.semantics, report.behaviour.toolchain);
    let program = format!("{}-{}-{}", report.scenario, report.variant, report.semantics.name());
    let mut tables = Tables::new(&program);
    let sample_type: Vec<ValueType> = SAMPLE_TYPES
        .iter()
        .map(|(kind, unit)| ValueType { r#type: tables.string(kind), unit: tables.string(unit) })
        .collect();
    let period_type = ValueType { r#type: tables.string("space"), unit: tables.string("bytes") };
    let comment = [
        format!(
            "timerlab: {}/{}/{} seed={}, {}",
            report.scenario,
            report.variant,
            report.semantics.name(),
            report.seed,
            moment.describe()
        ),
        format!("frames as {} shows them; bytes from timerlab's cost model", release.version),
        format!("replay: {}", report.config.repro_command()),
    ]
    .iter()
    .map(|c| tables.string(c))
    .collect();
    let bytes_key = tables.string("bytes");
    let sample = moment
        .sites(report)
        .iter()
        .filter(|s| s.created > 0)
        .map(|site| Sample {
            location_id: stack(&mut tables, release, site),
            value: [site.created, site.created.saturating_mul(site.bytes_per_timer), site.live, site.bytes]
                .map(saturating_i64)
                .to_vec(),
            label: vec![Label {
                key: bytes_key,
                num: saturating_i64(site.bytes_per_timer),
                ..Label::default()
            }],
        })
        .collect();
    let profile = tables.profile();
    profile.sample_type = sample_type;
    profile.sample = sample;
    profile.period_type = Some(period_type);
    profile.period = 1;
    profile.comment = comment;
    tables.finish()
}

/// The locations of `site`'s stack, the allocation first: the release's frames for its kind,
/// then the call site, with the constructor the compiler inlines there (`time.After`) as the
/// first line of the call site's location.
fn stack(tables: &mut Tables, release: &GoRelease, site: &SiteProfile) -> Vec<u64> {
    let kind = TimerKind::ALL.into_iter().find(|k| k.go_name() == site.kind);
    // Every kind the runtime has is in TimerKind::ALL; a name from elsewhere gets no Go frames.
    let go = kind.map(|k| release.stack(k));
    let mut locations: Vec<u64> = go
        .map_or(&[][..], |s| s.calls)
        .iter()
        .map(|f| {
            let line = go_line(tables, f);
            tables.location(&[line])
        })
        .collect();
    let mut lines: Vec<LineKey> =
        go.and_then(|s| s.inlined).map(|f| go_line(tables, &f)).into_iter().collect();
    let at = SiteLocation::parse(&site.site);
    let (line, column) = (i64::from(at.line.unwrap_or(0)), i64::from(at.column.unwrap_or(0)));
    lines.push((tables.function(&site.site, &at.file, line), line, column));
    locations.push(tables.location(&lines));
    locations
}

fn go_line(tables: &mut Tables, frame: &GoFrame) -> LineKey {
    (tables.function(frame.func.name, frame.func.file, frame.func.start_line), frame.line, 0)
}

fn saturating_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
