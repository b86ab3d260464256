//! The rules: their registry, the detectors (one module per rule) and what they share. A
//! detector reports what it sees in the code, the same whatever the semantics; its facts judge
//! themselves per semantics (`detection.rs`).
//!
//! | module | what |
//! |---|---|
//! | `registry` | [`Rule`](registry::Rule), [`Level`](registry::Level): ids, texts, simulations, levels |
//! | `detection`, `context`, `all` | a detection and its judgement; what detectors see; running them all |
//! | `chans` | receives, selects, the paths out of a select case, and those that skip a re-arm |
//! | `after_in_loop` | `after-in-loop`: `time.After` / unstopped `NewTimer` per iteration of a loop with a select |
//! | `tick_leak` | `tick-leak`: `time.Tick` in a function that returns, outside `main` and tests |
//! | `reset_without_drain` | `reset-without-drain`: `Reset` reachable from a select that left `t.C` unreceived |
//! | `blocking_drain` | `blocking-drain`: `if !t.Stop() { <-t.C }` after `t.C` may have been received |
//! | `handed` | where a timer handed to a function as a parameter is also kept (fields its callers store it in) |
//! | `stranded` | `blocking-drain` without a drain: a goroutine waiting on `t.C` while another function stops `t` |
//! | `hoisted_after` | `hoisted-after`: one `time.After` before a loop whose select keeps looping after it fires |
//! | `sync_drain` | `sync-drain`: the blocking drain under Go 1.23's synchronous channels |
//! | `timer_chan_len` | `timer-chan-len`: `len(t.C)` / `cap(t.C)` deciding a drain or a firing |
//! | `skipped_rearm` | `skipped-rearm`: a loop's `case <-t.C:` that re-arms `t` on some ways out only |

pub(crate) mod after_in_loop;
pub(crate) mod all;
pub(crate) mod blocking_drain;
pub(crate) mod chans;
pub(crate) mod context;
pub(crate) mod detection;
pub(crate) mod handed;
pub(crate) mod hoisted_after;
pub mod registry;
pub(crate) mod reset_without_drain;
pub(crate) mod skipped_rearm;
pub(crate) mod stranded;
pub(crate) mod sync_drain;
pub(crate) mod tick_leak;
pub(crate) mod timer_chan_len;
