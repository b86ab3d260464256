//! What a script can observe: the queries `Script` answers about itself, which decide whether
//! async's expected output stands for async-collected (scripts/README.md).

use timerlab_script::{parse_str, Script};

fn script(text: &str) -> Script {
    parse_str("t.tl", text).expect("a valid script")
}

#[test]
fn only_a_live_after_a_drop_observes_retention() {
    assert!(script("after a 5s\ndrop a\nadvance 1s\nlive\n").observes_retention());
    assert!(!script("after a 5s\nlive\ndrop a\n").observes_retention());
    assert!(!script("after a 5s\ndrop a\n").observes_retention());
}

#[test]
fn only_a_channel_timer_armed_at_or_before_now_is_due_now() {
    for due in ["timer t 0\n", "after a -1s\n", "timer t 1s\nreset t 0\n"] {
        assert!(script(due).arms_a_channel_timer_due_now(), "{due}");
    }
    for not_due in
        ["timer t 1s\n", "afterfunc f 0\n", "afterfunc f 1s\nreset f -1s\n", "ticker k 1s\nreset k 0\n"]
    {
        assert!(!script(not_due).arms_a_channel_timer_due_now(), "{not_due}");
    }
    assert!(
        !script("timer t 1s\ndrop t\nafterfunc t 1s\nreset t 0\n").arms_a_channel_timer_due_now(),
        "rebound"
    );
}

#[test]
fn async_output_stands_for_async_collected_unless_the_script_can_tell_them_apart() {
    let leak = script("after a 5s\ndrop a\nlive\n");
    assert!(!leak.prints_the_same_in_async_and_async_collected(true), "a counted live sees the collection");
    assert!(leak.prints_the_same_in_async_and_async_collected(false), "Go's `live = ?` does not");
    let due = script("timer t 0\nrecv t\n");
    assert!(!due.prints_the_same_in_async_and_async_collected(false), "due now: first look vs next check");
    assert!(
        script("timer t 1s\nadvance 2s\nstop t\nrecv t\n").prints_the_same_in_async_and_async_collected(true)
    );
}
