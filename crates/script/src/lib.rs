//! The op-script language of timerlab (SCRIPT.md, docs/MODEL.md): a parser, an interpreter, and
//! the [`Engine`]s it drives — the reference model and the gotime runtime. The Go oracle runs the
//! same scripts on real Go; comparing outputs line by line is the differential test.
//!
//! | module | concept |
//! |---|---|
//! | [`Script`], [`Op`] (`ast.rs`) | the parsed script; `Display` renders it back to text |
//! | [`parse`] (`parse.rs`) | text to a validated script, or `FILE:LINE:COL: message` |
//! | [`Engine`] (`engine.rs`) | what a script needs from a timer implementation |
//! | [`EngineKind`] (`engine_kind.rs`) | the engines below, by name: `model` or `runtime` |
//! | [`GoPanic`] (from `timerlab-vocab`) | what an engine answers where Go panics, with Go's message |
//! | [`ModelEngine`] (`model_engine.rs`) | the reference model as an engine |
//! | [`RuntimeEngine`] (`runtime_engine.rs`) | the gotime runtime (manual clock) as an engine |
//! | [`run`] (`interp.rs`) | executes a script, printing observations |
//! | [`replay`] (`replay.rs`) | reads a file and runs it: what `timerlab replay` calls |
//! | [`ScriptError`] (`error.rs`) | unreadable file, or a syntax error at a line and column |
//!
//! ```
//! use gotime::Semantics;
//! use timerlab_script::{parse_str, run, EngineKind};
//!
//! let script = parse_str("doc.tl", "timer t 1s\nadvance 2s\nstop t\nrecv t\n").unwrap();
//! let mut async_engine = EngineKind::Runtime.build(Semantics::Async);
//! assert_eq!(run(&script, &mut *async_engine), "stop t = false\nrecv t = @1s\n");
//! let mut sync_engine = EngineKind::Model.build(Semantics::Sync);
//! assert_eq!(run(&script, &mut *sync_engine), "stop t = true\nrecv t = empty\n");
//! ```

mod ast;
mod engine;
mod engine_kind;
mod error;
mod interp;
mod model_engine;
mod parse;
mod replay;
mod runtime_engine;

pub use ast::{Ctor, Op, Script, Step};
pub use engine::{Engine, ObjId};
pub use engine_kind::{EngineKind, ParseEngineKindError};
pub use error::{ScriptError, SyntaxError};
pub use interp::run;
pub use model_engine::ModelEngine;
pub use parse::{parse, parse_str};
pub use replay::{replay, replay_source};
pub use runtime_engine::RuntimeEngine;
pub use timerlab_vocab::GoPanic;
