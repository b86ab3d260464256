//! S1 on several Ps (`procs`, Go's GOMAXPROCS): the events engine spreads the connections over
//! the Ps, each with its own timer runtime, as Go keeps a timer heap per P. Which heap a timer
//! is in changes nothing a program can see, so a run on four Ps must tell the same story as on
//! one: the same verdict, the same messages within the spread of other random draws, one timer
//! per connection for the fixes — and the same trace on every run with the same seed, whatever
//! threads did the work.

use gotime::Semantics;
use timerlab_sim::{find, render_trace, run, ConfigError, Preset, RunConfig, RunReport};

fn on_procs(variant: &str, semantics: Semantics, seed: u64, procs: u32) -> RunReport {
    let config = RunConfig::new("s1", variant, semantics, seed)
        .with_preset(Preset::Quick)
        .with_param("engine", "events")
        .with_param("procs", &procs.to_string());
    eprintln!(
        "s1/{variant}/{semantics} seed={seed} repro: cargo run --release -p timerlab -- run s1 {variant} \
         --semantics {semantics} --seed {seed} --preset quick --set engine=events --set procs={procs}"
    );
    run(&config, &mut |_, _| {}).unwrap_or_else(|e| panic!("procs={procs}: {e}"))
}

#[test]
fn every_variant_gets_the_same_verdict_on_four_ps_as_on_one() {
    for variant in find("s1").unwrap().variants.iter().map(|v| v.name) {
        for semantics in Semantics::ALL {
            let (one, four) = (on_procs(variant, semantics, 11, 1), on_procs(variant, semantics, 11, 4));
            let run = format!("{variant}/{semantics}: {} / {}", one.repro(), four.repro());
            assert_eq!(one.verdict.kind(), four.verdict.kind(), "{run}");
            // The users draw the same message times on any number of Ps; the network's latencies
            // and the selects' choices come from other streams: well under 2 % apart without
            // kills, which cut sessions at other times.
            let percent = if one.restarts + four.restarts > 0 { 10 } else { 2 };
            let tolerance = one.messages * percent / 100;
            assert!(
                one.messages.abs_diff(four.messages) <= tolerance,
                "{run}: messages {} / {}",
                one.messages,
                four.messages
            );
            if one.restarts == 0 && four.restarts == 0 && one.verdict.kind() == four.verdict.kind() {
                let leaks = variant == "leaky" && semantics == Semantics::Async;
                if !leaks {
                    assert_eq!(one.peak_live, four.peak_live, "{run}: one timer per connection");
                }
            }
        }
    }
}

#[test]
fn a_run_on_several_ps_is_the_same_on_every_run_and_lists_its_ps() {
    let a = on_procs("leaky", Semantics::Async, 42, 3);
    let b = on_procs("leaky", Semantics::Async, 42, 3);
    assert_eq!(render_trace(&a), render_trace(&b), "threads do not change the trace");
    assert!(render_trace(&a).contains("procs=3"), "the header says how many Ps");
    let one = on_procs("leaky", Semantics::Async, 42, 1);
    assert!(!render_trace(&one).contains("procs="), "one P is the default, not listed");
    assert_ne!(a.messages, on_procs("leaky", Semantics::Async, 43, 3).messages, "the seed matters");
}

#[test]
fn ps_need_the_events_engine_and_a_count_in_range() {
    let config = |engine: &str, procs: &str| {
        RunConfig::new("s1", "reset", Semantics::Sync, 1)
            .with_preset(Preset::Quick)
            .with_param("engine", engine)
            .with_param("procs", procs)
    };
    for (engine, procs, expected) in [
        ("turmoil", "2", "1 with engine=turmoil"),
        ("events", "0", "1..=64"),
        ("events", "65", "1..=64"),
        ("events", "two", "1..=64"),
    ] {
        let err = run(&config(engine, procs), &mut |_, _| {}).map(|_| ()).unwrap_err();
        let line = err.to_string();
        assert!(matches!(err, ConfigError::Invalid { .. }), "{engine} procs={procs}: {line}");
        assert!(line.contains(expected) && !line.contains('\n'), "{engine} procs={procs}: {line}");
    }
    assert!(run(&config("turmoil", "1"), &mut |_, _| {}).is_ok(), "one P is the turmoil engine's");
}

#[test]
fn the_per_site_profile_on_several_ps_adds_up_the_ps_and_tells_the_one_p_story() {
    // `reset`: one timer per connection, made when the connection is accepted and re-armed
    // ever after. The quick preset's 100 users connect once (no kill in sync mode), so at the
    // peak the site holds 100 live timers, 100 made — each P's share added up.
    let one = on_procs("reset", Semantics::Sync, 11, 1);
    let four = on_procs("reset", Semantics::Sync, 11, 4);
    assert_eq!((one.restarts, four.restarts), (0, 0));
    for r in [&one, &four] {
        let [site] = r.sites.as_slice() else { panic!("one call site: {:?}", r.sites) };
        assert_eq!((site.live, site.peak, site.created), (100, 100, 100), "{}", r.repro());
        assert_eq!(site.bytes, 100 * site.bytes_per_timer, "{}", r.repro());
    }
    assert_eq!(one.sites, four.sites, "{} / {}", one.repro(), four.repro());
}
