//! The small parts of the public API a report or an error message is made of: names, `Display`
//! and `Debug` text, parsing, the nil channel, `len`. Each says what a user reads.

#![cfg(not(gotime_loom))]

use gotime::{BuildError, Chan, GoDuration, Runtime, Semantics, Timer, TimerKind, TryRecvError, WaitError};

#[test]
fn each_kind_is_named_by_the_go_call_that_makes_it() {
    let names: Vec<String> = TimerKind::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(names, ["time.NewTimer", "time.After", "time.AfterFunc", "time.NewTicker", "time.Tick"]);
    for kind in TimerKind::ALL {
        assert_eq!(kind.go_name(), kind.to_string());
    }
}

#[test]
fn semantics_parse_from_their_names_and_nothing_else() {
    assert_eq!("async".parse::<Semantics>(), Ok(Semantics::Async));
    assert_eq!("async-collected".parse::<Semantics>(), Ok(Semantics::AsyncCollected));
    assert_eq!("sync".parse::<Semantics>(), Ok(Semantics::Sync));
    for name in Semantics::ALL.map(|s| s.to_string()) {
        assert_eq!(name.parse::<Semantics>().map(|s| s.to_string()), Ok(name));
    }
    assert!("Async".parse::<Semantics>().is_err());
}

#[test]
fn a_timer_channel_is_not_nil_and_holds_a_value_only_in_async_modes() {
    assert!(Chan::nil().is_nil());
    assert!(Chan::nil().is_empty());
    for semantics in Semantics::ALL {
        let rt = Runtime::new(semantics);
        let t = rt.new_timer(GoDuration::SECOND);
        assert!(!t.c().is_nil(), "{semantics}");
        assert!(t.c().is_empty(), "{semantics}: nothing before the deadline");
        rt.advance(GoDuration::SECOND);
        // Go ≤ 1.22 and asynctimerchan=1 or 2 buffer the fired value (len 1); Go ≥ 1.23's
        // sync channel is unbuffered (len 0).
        assert_eq!(t.c().is_empty(), !semantics.buffered_channels(), "{semantics}");
    }
}

#[test]
fn debug_text_tells_timers_apart() {
    let rt = Runtime::new(Semantics::Sync);
    let t = rt.new_timer(GoDuration::SECOND);
    let f = rt.after_func(GoDuration::SECOND, || {});
    assert!(format!("{t:?}").starts_with("Timer(Chan("), "{t:?}");
    assert!(format!("{f:?}").starts_with("Timer(func "), "{f:?}");
    assert_eq!(format!("{:?}", Timer::default()), "Timer(uninitialized)");
    assert_eq!(format!("{:?}", Chan::nil()), "Chan(nil)");
    assert!(format!("{:?}", rt.after(GoDuration::SECOND)).starts_with("Chan(TimerId"));
    let runtime = format!("{rt:?}");
    assert!(runtime.starts_with("Runtime { semantics: Sync, now: Instant(@0s), stats: "), "{runtime}");
    // The timer and the func; the dropped After was collected at once (sync mode).
    assert!(runtime.contains("live: 2, peak: 3"), "{runtime}");
}

#[test]
fn a_site_displays_as_file_line_column() {
    let rt = Runtime::new(Semantics::Async);
    let (line, _t) = (line!(), rt.new_timer(GoDuration::SECOND));
    let sites = rt.sites();
    let column = 35; // a method call is located at its name: `new_timer` starts in column 35
    assert_eq!(sites[0].site.to_string(), format!("{}:{line}:{column}", file!()));
}

#[test]
fn error_messages_say_what_went_wrong_and_what_to_do() {
    assert_eq!(TryRecvError::Empty.to_string(), "no value ready on the timer channel");
    assert_eq!(
        WaitError::Deadlock.to_string(),
        "no value can ever arrive on this channel: the receive would block forever"
    );
    assert_eq!(
        WaitError::NotManual.to_string(),
        "wait needs the manual clock; on a tokio-driven runtime use recv_async"
    );
    assert_eq!(
        BuildError::NoTokioRuntime.to_string(),
        "the tokio clock needs a tokio runtime: build it from inside one (e.g. a turmoil host)"
    );
}
