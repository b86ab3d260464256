//! The interpreter: runs a [`Script`] on an [`Engine`] and writes one observation line per
//! observing op, in execution order. Deterministic: the same script on the same engine and
//! semantics always prints the same text.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::ast::{Ctor, Op, Script};
use crate::{Engine, ObjId};

/// Runs `script` on `engine` (whose semantics wins over the script's `mode` line) and returns the
/// observations, one per line, each ending in `\n`.
///
/// Lines, as SCRIPT.md and docs/MODEL.md define them:
/// `stop t = true`, `stop k` (ticker), `reset t = false`, `reset k` (ticker),
/// `panic k: non-positive interval for NewTicker`, `fired f @2s` (an AfterFunc ran, printed before
/// the line of the op during which it ran), `recv t = @3s`, `recv t = empty`, `wait t = @3s`,
/// `wait t = deadlock`, `len t = 1`, `live = 3` (or `live = ?` when the engine cannot tell).
pub fn run(script: &Script, engine: &mut dyn Engine) -> String {
    Interpreter::default().run(script, engine)
}

#[derive(Default)]
struct Interpreter {
    out: String,
    /// The object each name is bound to now.
    bound: BTreeMap<String, ObjId>,
    /// The name each object was created under, by id; kept after `drop` for AfterFunc lines.
    names: Vec<String>,
}

impl Interpreter {
    fn run(mut self, script: &Script, engine: &mut dyn Engine) -> String {
        for step in &script.steps {
            self.step(&step.op, engine);
        }
        self.out
    }

    fn id(&self, name: &str) -> ObjId {
        // The parser checked that every name an op uses is bound.
        self.bound[name]
    }

    fn step(&mut self, op: &Op, engine: &mut dyn Engine) {
        match op {
            Op::Create { ctor, name, d } => {
                let id = ObjId(self.names.len());
                self.names.push(name.clone());
                let created = match ctor {
                    Ctor::Ticker => engine.ticker(id, *d),
                    Ctor::Timer => {
                        engine.timer(id, *d);
                        Ok(())
                    }
                    Ctor::After => {
                        engine.after(id, *d);
                        Ok(())
                    }
                    Ctor::AfterFunc => {
                        engine.after_func(id, *d);
                        Ok(())
                    }
                    Ctor::Tick => {
                        engine.tick(id, *d);
                        Ok(())
                    }
                };
                match created {
                    Ok(()) => {
                        self.bound.insert(name.clone(), id);
                    }
                    Err(panic) => self.line(format_args!("panic {name}: {panic}")),
                }
            }
            Op::Stop(name) => match engine.stop(self.id(name)) {
                Some(stopped) => self.line(format_args!("stop {name} = {stopped}")),
                None => self.line(format_args!("stop {name}")),
            },
            Op::Reset(name, d) => match engine.reset(self.id(name), *d) {
                Ok(Some(was_armed)) => self.line(format_args!("reset {name} = {was_armed}")),
                Ok(None) => self.line(format_args!("reset {name}")),
                Err(panic) => self.line(format_args!("panic {name}: {panic}")),
            },
            Op::Advance(d) => {
                engine.advance(*d);
                self.fired(engine);
            }
            Op::Recv(name) => match engine.try_recv(self.id(name)) {
                Some(value) => self.line(format_args!("recv {name} = {value}")),
                None => self.line(format_args!("recv {name} = empty")),
            },
            Op::Wait(name) => {
                let value = engine.wait(self.id(name));
                self.fired(engine);
                match value {
                    Some(value) => self.line(format_args!("wait {name} = {value}")),
                    None => self.line(format_args!("wait {name} = deadlock")),
                }
            }
            Op::Len(name) => {
                let len = engine.len(self.id(name));
                self.line(format_args!("len {name} = {len}"));
            }
            Op::Drop(name) => {
                let id = self.id(name);
                self.bound.remove(name);
                engine.drop_ref(id);
            }
            Op::Live => match engine.live() {
                Some(live) => self.line(format_args!("live = {live}")),
                None => self.line(format_args!("live = ?")),
            },
        }
        // Only time passing runs AfterFuncs; anything else reporting one is an engine bug, and
        // printing it here keeps it visible in the diff.
        self.fired(engine);
    }

    fn fired(&mut self, engine: &mut dyn Engine) {
        for (id, at) in engine.take_fired() {
            let name = self.names.get(id.0).map_or("?", String::as_str).to_owned();
            self.line(format_args!("fired {name} {at}"));
        }
    }

    fn line(&mut self, args: std::fmt::Arguments<'_>) {
        // Writing to a String cannot fail.
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
    }
}
