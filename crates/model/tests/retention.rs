//! What op scripts cannot observe directly: whether the Go runtime still holds a timer the
//! program dropped (SEMANTICS.md, "Runtime bookkeeping"), and `cap` of a timer channel.

use timerlab_model::{Duration, Model, Semantics};

const SEC: Duration = Duration::SECOND;

#[test]
fn a_dropped_after_is_held_until_it_fires_in_async_mode() {
    let mut m = Model::new(Semantics::Async);
    let a = m.after(Duration::from_secs(3));
    m.drop_ref(a);
    assert!(!m.is_collected(a), "golang/go#8898: the heap holds it");
    assert_eq!(m.live(), 1);
    m.advance(Duration::from_secs(3));
    assert!(m.is_collected(a));
    assert_eq!(m.live(), 0);
}

#[test]
fn a_dropped_after_is_collected_at_once_in_async_collected_and_sync_modes() {
    // Go 1.23's runtime channel timers (golang/go#61542), which asynctimerchan=2 keeps.
    for semantics in [Semantics::AsyncCollected, Semantics::Sync] {
        let mut m = Model::new(semantics);
        let a = m.after(Duration::from_secs(3));
        m.drop_ref(a);
        assert!(m.is_collected(a), "{semantics}");
        assert_eq!(m.live(), 0, "{semantics}");
    }
}

#[test]
fn a_held_expired_timer_is_live_only_where_stop_would_still_stop_it() {
    // Sync: the value is made by the receive, so Stop returns true; the buffered modes fired it.
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let t = m.new_timer(SEC);
        m.advance(Duration::from_secs(2));
        let live = m.live();
        assert_eq!(live, usize::from(!semantics.buffered_channels()), "{semantics}");
        assert_eq!(m.timer_stop(t), live == 1, "{semantics}: live iff Stop stops it");
    }
}

#[test]
fn a_dropped_pending_after_func_is_held_in_every_mode_until_it_runs() {
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let f = m.after_func(SEC);
        m.drop_ref(f);
        assert!(!m.is_collected(f), "{semantics}: the runtime still has to call f");
        m.advance(SEC);
        assert_eq!(m.take_fired(), vec![(f, m.now())]);
        assert!(m.is_collected(f), "{semantics}");
    }
}

#[test]
fn a_dropped_unstopped_ticker_is_never_collected_in_async_mode_but_is_in_the_others() {
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let k = m.tick(SEC).expect("a positive interval gives a channel");
        m.drop_ref(k);
        m.advance(Duration::from_secs(100));
        let collected = semantics != Semantics::Async;
        assert_eq!(m.is_collected(k), collected, "golang/go#17757, #61542, {semantics}");
    }
}

#[test]
fn a_dropped_stopped_timer_is_collected_in_every_mode() {
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let t = m.new_timer(SEC);
        assert!(m.timer_stop(t));
        m.drop_ref(t);
        assert!(m.is_collected(t), "{semantics}");
    }
}

#[test]
fn timer_channels_have_capacity_one_in_async_modes_and_zero_in_sync_mode() {
    for semantics in Semantics::ALL {
        let mut m = Model::new(semantics);
        let t = m.new_timer(SEC);
        let f = m.after_func(SEC);
        assert_eq!(m.cap(t), usize::from(semantics != Semantics::Sync), "{semantics}");
        assert_eq!(m.cap(f), 0, "an AfterFunc's channel is nil");
    }
}

#[test]
fn tick_with_a_non_positive_interval_is_the_nil_channel() {
    let mut m = Model::new(Semantics::Async);
    assert_eq!(m.tick(Duration::ZERO), None);
    assert_eq!(m.tick(Duration::from_secs(-1)), None);
    assert_eq!(m.live(), 0);
}
