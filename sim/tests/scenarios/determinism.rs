//! Every run is reproducible from its seed: the same seed renders the same bytes; another seed
//! changes the trace (the randomness is real).

use gotime::Semantics;
use timerlab_sim::render_trace;

use crate::fresh;

#[test]
fn the_same_seed_renders_byte_identical_traces_in_both_scenarios() {
    for (scenario, variant) in [("s1", "leaky"), ("s2", "reset-no-drain")] {
        let a = fresh(scenario, variant, Semantics::Async, 42);
        let b = fresh(scenario, variant, Semantics::Async, 42);
        assert_eq!(render_trace(&a), render_trace(&b), "{scenario}/{variant}");
        assert_eq!(a.samples, b.samples, "{scenario}/{variant}: every sample");
        assert_eq!(a.events, b.events, "{scenario}/{variant}: every event");
        assert_eq!((a.messages, a.timeouts, a.peak_live), (b.messages, b.timeouts, b.peak_live));
    }
}

#[test]
fn the_trace_starts_with_the_seed() {
    let r = fresh("s2", "stop-drain-reset", Semantics::Sync, 1234);
    assert!(render_trace(&r).starts_with("seed=1234 "), "{}", render_trace(&r));
}

#[test]
fn another_seed_changes_the_trace_but_not_the_verdict() {
    let a = fresh("s1", "leaky", Semantics::Async, 1);
    let b = fresh("s1", "leaky", Semantics::Async, 2);
    let body = |t: String| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_ne!(body(render_trace(&a)), body(render_trace(&b)), "latencies and message times differ");
    assert_ne!(a.messages, b.messages);
    assert_eq!(a.verdict.kind(), b.verdict.kind());
}

#[test]
fn the_same_seed_and_faults_render_byte_identical_traces() {
    let runs = [
        ("s1", "leaky", "random:6"),
        ("s1", "reset", "hold:5s@15s,loss:0.05:5s@25s,latency:2s:5s@35s,crash@45s"),
        ("s2", "reset-no-drain", "hold:4m@30s,crash@10m"),
    ];
    for (scenario, variant, faults) in runs {
        let run = || crate::fresh_with(scenario, variant, Semantics::Async, 42, &[("faults", faults)]);
        let (a, b) = (run(), run());
        assert!(a.events.iter().any(|e| matches!(e.event, timerlab_sim::Event::Fault { .. })), "{faults}");
        assert_eq!(render_trace(&a), render_trace(&b), "{scenario}/{variant} faults={faults}");
        assert_eq!((&a.samples, &a.events), (&b.samples, &b.events), "{scenario}/{variant} faults={faults}");
    }
}
