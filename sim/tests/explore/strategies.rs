//! The strategies: S1 and S2 configurations drawn around their presets' shapes, so that the
//! documented arithmetic applies to each (docs/SCENARIOS.md), with seeded fault schedules.
//! Every drawn value is within the parameter's documented range.

use gotime::{GoDuration, Semantics};
use proptest::prelude::*;
use timerlab_sim::{Preset, RunConfig};

use crate::case::{Case, S1Params, S2Params};

const S1_VARIANTS: [&str; 4] = ["leaky", "stop", "reset", "context"];
const S2_VARIANTS: [&str; 4] = ["leaky", "hoisted", "reset-no-drain", "stop-drain-reset"];

fn secs(n: i64) -> GoDuration {
    GoDuration::from_secs(n)
}

fn semantics() -> impl Strategy<Value = Semantics> {
    prop::sample::select(Semantics::ALL.to_vec())
}

/// One S1 fault of the grammar, beginning at a second in `at` and lasting 1–10 s.
fn s1_fault(at: std::ops::RangeInclusive<i64>) -> impl Strategy<Value = (i64, String)> {
    let kind = prop_oneof![
        (1i64..=10).prop_map(|d| format!("hold:{d}s")),
        (1i64..=10).prop_map(|d| format!("partition:{d}s")),
        ((1u64..=40), (1i64..=10)).prop_map(|(l, d)| format!("latency:{}ms:{d}s", l * 100)),
        (prop::sample::select(vec!["0.01", "0.02", "0.05"]), (1i64..=10))
            .prop_map(|(p, d)| format!("loss:{p}:{d}s")),
        Just("crash".to_owned()),
    ];
    (kind, at).prop_map(|(kind, at)| (at, format!("{kind}@{at}s")))
}

/// S1's fault schedules over a run of `duration` seconds: none (most often), one, or two that
/// cannot overlap (one in each half, each at most 10 s long).
fn s1_faults(duration: i64) -> impl Strategy<Value = Vec<(i64, String)>> {
    let half = duration / 2;
    prop_oneof![
        2 => Just(vec![]),
        1 => s1_fault(2..=duration - 11).prop_map(|f| vec![f]),
        1 => (s1_fault(2..=half - 11), s1_fault(half..=duration - 11)).prop_map(|(a, b)| vec![a, b]),
    ]
}

/// The budget's headroom over the fixed costs, in hundredths of a 266 B timer per user, from
/// a quarter (one timer each does not fit) to forty (the leak fits at the highest rates),
/// each regime about as often.
fn headroom() -> impl Strategy<Value = u64> {
    prop_oneof![25u64..=100, 100u64..=400, 400u64..=4_000]
}

/// An S1 run on `engine` (`turmoil` draws faults too; the events engine has none).
///
/// The budget is drawn as headroom over the fixed costs ([`headroom`]): every regime of the
/// arithmetic (one timer each not fitting, the leak fitting or not) is drawn.
pub fn s1(engine: &'static str) -> impl Strategy<Value = Case<S1Params>> {
    let sizes = (
        20u32..=120, // users
        30i64..=50,  // duration, s
        prop_oneof![Just("linear".to_owned()), (1u32..=4).prop_map(|k| format!("steps:{k}"))],
        5i64..=15,   // ramp-time, s
        (5u32..=30), // rate, tenths per second
        (0u32..=50), // rate-peak above rate, tenths
        (2i64..=5),  // idle timeout, s
        headroom(),
        prop::sample::select(vec![5i64, 10, 20]), // tick, ms
        2u64..=200,                               // max-latency, ms
    );
    (sizes, prop::sample::select(S1_VARIANTS.to_vec()), semantics(), any::<u64>()).prop_flat_map(
        move |(sizes, variant, semantics, seed)| {
            let duration = sizes.1;
            let faults = if engine == "turmoil" { s1_faults(duration).boxed() } else { Just(vec![]).boxed() };
            faults.prop_map(move |faults| s1_case(engine, sizes.clone(), variant, semantics, seed, faults))
        },
    )
}

type S1Sizes = (u32, i64, String, i64, u32, u32, i64, u64, i64, u64);

fn s1_case(
    engine: &str,
    (users, duration, ramp, ramp_time, rate, above, idle, headroom, tick, max_latency): S1Sizes,
    variant: &str,
    semantics: Semantics,
    seed: u64,
    faults: Vec<(i64, String)>,
) -> Case<S1Params> {
    let (baseline, per_connection) = (512 * 1024, 8 * 1024);
    let budget = baseline + u64::from(users) * per_connection + u64::from(users) * 266 * headroom / 100;
    let params = S1Params {
        users,
        duration: secs(duration),
        ramp_time: secs(ramp_time),
        rate: f64::from(rate) / 10.0,
        rate_peak: f64::from(rate + above) / 10.0,
        idle: secs(idle),
        baseline,
        per_connection,
        budget,
    };
    let mut config = RunConfig::new("s1", variant, semantics, seed).with_preset(Preset::Quick);
    config.users = Some(users);
    config.duration = Some(params.duration);
    config = config
        .with_param("engine", engine)
        .with_param("ramp", &ramp)
        .with_param("ramp-time", &format!("{ramp_time}s"))
        .with_param("rate", &params.rate.to_string())
        .with_param("rate-peak", &params.rate_peak.to_string())
        .with_param("idle-timeout", &format!("{idle}s"))
        .with_param("baseline", "512KiB")
        .with_param("per-connection", "8KiB")
        .with_param("budget", &format!("{budget}B"))
        .with_param("tick", &format!("{tick}ms"))
        .with_param("max-latency", &format!("{max_latency}ms"));
    let first_fault = faults.iter().map(|(at, _)| secs(*at)).min();
    if !faults.is_empty() {
        let list: Vec<&str> = faults.iter().map(|(_, f)| f.as_str()).collect();
        config = config.with_param("faults", &list.join(","));
    }
    Case { config, params, semantics, first_fault }
}

/// An S2 run in the documented shape, scaled to a drawn timeout T (the preset's is 3m): the
/// fast phase outlasts T (so `hoisted`'s deadline fires in it), the stall outlasts T (one real
/// timeout), a slow batch comes every T + Δ and keeps the consumer busy longer than Δ but
/// shorter than the batch interval (the select waits less than T, the timer armed at its start
/// expires while the consumer is busy), and the run holds three slow batches. Faults: none,
/// a hold, or a crash.
pub fn s2() -> impl Strategy<Value = Case<S2Params>> {
    let shape = (
        10u64..=200,                                 // rate, messages per second
        60i64..=180,                                 // timeout T, s
        30i64..=120,                                 // fast phase beyond T, s
        30i64..=60,                                  // stall beyond T, s
        15i64..=45,                                  // Δ: slow-every beyond T, s
        10i64..=40,                                  // slow-work beyond Δ, s
        prop::sample::select(vec![50i64, 100, 200]), // tick, ms
    );
    (shape, prop::sample::select(S2_VARIANTS.to_vec()), semantics(), any::<u64>()).prop_flat_map(
        |(shape, variant, semantics, seed)| {
            let (_, timeout, fast, stall, delta, work, _) = shape;
            let duration = (timeout + fast) + (timeout + stall) + 3 * (timeout + delta) + delta + work;
            let faults = prop_oneof![
                2 => Just(None),
                1 => (10i64..=timeout + 60, 10i64..=duration / 2).prop_map(|(d, at)| Some(format!("hold:{d}s@{at}s"))),
                1 => (10i64..=duration - 10).prop_map(|at| Some(format!("crash@{at}s"))),
            ];
            faults.prop_map(move |fault| s2_case(shape, duration, variant, semantics, seed, fault))
        },
    )
}

fn s2_case(
    (rate, timeout, fast, stall, delta, work, tick): (u64, i64, i64, i64, i64, i64, i64),
    duration: i64,
    variant: &str,
    semantics: Semantics,
    seed: u64,
    fault: Option<String>,
) -> Case<S2Params> {
    let params = S2Params { rate, timeout: secs(timeout), fast_time: secs(timeout + fast) };
    let mut config = RunConfig::new("s2", variant, semantics, seed).with_preset(Preset::Quick);
    config.duration = Some(secs(duration));
    config = config
        .with_param("rate", &rate.to_string())
        .with_param("timeout", &format!("{timeout}s"))
        .with_param("fast-time", &format!("{}s", timeout + fast))
        .with_param("stall-time", &format!("{}s", timeout + stall))
        .with_param("slow-every", &format!("{}s", timeout + delta))
        .with_param("slow-work", &format!("{}s", delta + work))
        .with_param("tick", &format!("{tick}ms"));
    let first_fault = fault.as_ref().map(|f| {
        let at = f.rsplit_once('@').and_then(|(_, at)| at.parse().ok());
        at.unwrap_or_else(|| panic!("a drawn fault has a time: {f}"))
    });
    if let Some(fault) = &fault {
        config = config.with_param("faults", fault);
    }
    Case { config, params, semantics, first_fault }
}
