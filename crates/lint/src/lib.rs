//! `timerlab lint`: finds the Go timer bugs that timerlab's scenarios simulate — `time.After` in a
//! select loop, `time.Tick` that leaks, `Reset` without drain, the blocking drain idiom, a hoisted
//! `time.After`, the drain that hangs under Go 1.23's synchronous channels, `len(t.C)` — in Go
//! source parsed with tree-sitter, judges each under the timer behaviour its file gets from the
//! toolchain, its module and its GODEBUG settings (async, async-collected or sync, decided by
//! `gotime::release`, as the simulator decides it), and names the `timerlab` command whose
//! simulation shows why it matters. docs/LINT.md describes the rules, the decision, the formats,
//! the limits and the precision on real code.
//!
//! | module | concept |
//! |---|---|
//! | [`cli`] (`cli.rs`) | `LintArgs` (a clap subcommand) and [`cli::run`]: what `timerlab lint` calls |
//! | `engine.rs` | [`lint_paths`], [`lint_source`]: files → threads → findings, deterministically |
//! | `walk.rs` | which files: sorted recursive walk, `vendor/` and `testdata/` skipped, `--exclude`, `--tests=false` |
//! | `prefilter.rs`, `chunks.rs` | what is worth parsing: files with `time` and timer calls, and in them the functions naming a timer call |
//! | `semantics.rs` | which behaviour applies to a file: its program, toolchain and settings |
//! | `gomod.rs`, [`Toolchain`] (`toolchain.rs`) | what a `go.mod` / `go.work` says; the toolchain assumed or named |
//! | `resolve.rs` | one program through `gotime::release`; Go's refusals as [`Diagnostic`]s |
//! | [`Choice`], [`Reason`] (`choice.rs`) | the behaviour, the toolchain and what decided it |
//! | `syntax.rs` | tree-sitter: parsing, parse errors, positions, node helpers |
//! | `recover.rs` | a parse error costs one declaration (a warning), not the file; Go 1.26's `new(expr)` |
//! | `gofile.rs`, `timers.rs` | one file as the rules see it: `time` imports, calls, receives; timers and aliases of their channels |
//! | `flow.rs`, `known.rs` | control flow: which loops can iterate again after a statement, on a path that knows what its select case did |
//! | [`Rule`] (`rules/`) | the rules, one module each, their registry, and what they share |
//! | `report.rs` | [`Report`], [`Finding`], [`Diagnostic`], [`Status`] (the exit code) |
//! | `render/` | text, JSON and SARIF 2.1.0 |
//!
//! ```
//! use gotime::Semantics;
//! use timerlab_lint::lint_source;
//!
//! let go = br#"package p
//! import "time"
//! func serve(msgs <-chan string) {
//!     for {
//!         select {
//!         case m := <-msgs:
//!             println(m)
//!         case <-time.After(3 * time.Second):
//!             println("idle")
//!         }
//!     }
//! }
//! "#;
//! let findings = lint_source("serve.go", go, Semantics::Async).expect("valid Go");
//! assert_eq!(findings[0].rule.id(), "after-in-loop");
//! assert_eq!(findings[0].demo(), "timerlab run s1 leaky --semantics async");
//! ```

mod choice;
mod chunks;
pub mod cli;
mod duration;
mod engine;
mod flow;
mod gofile;
mod gomod;
mod known;
mod prefilter;
mod recover;
mod render;
mod report;
mod resolve;
mod rules;
mod semantics;
mod syntax;
mod timers;
mod toolchain;
mod walk;

pub use choice::{Choice, Reason};
pub use engine::{lint_paths, lint_source, Options};
pub use render::{render_json, render_sarif, render_text, render_text_summary, JSON_FORMAT_VERSION};
pub use report::{Diagnostic, Finding, Problem, Related, Report, SemanticsUse, Silenced, Status};
pub use rules::registry::{Level, Rule};
pub use syntax::Position;
pub use toolchain::{Toolchain, ToolchainFrom};
