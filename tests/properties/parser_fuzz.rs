//! The parser never panics and every error points at a line and column inside the input:
//! arbitrary bytes, and corpus scripts mutated byte- and token-wise. Mutants that still parse are
//! run on both engines in every mode, which must agree (a free extra differential test).

use std::path::Path;

use gotime::Semantics;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use timerlab_script::{parse, run, EngineKind};

use crate::config::config;
use crate::report::diff;

/// The corpus scripts' texts, sorted by path.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts");
    let mut paths = Vec::new();
    for dir in ["semantics", "seeds"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the corpus directory exists") {
            let path = entry.expect("a readable entry").path();
            if path.extension().is_some_and(|e| e == "tl") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("a readable script")).collect()
}

/// Words that get mutants past the first token: ops, names, good and bad durations, separators.
const TOKENS: &[&str] = &[
    "mode",
    "async",
    "sync",
    "timer",
    "after",
    "afterfunc",
    "ticker",
    "tick",
    "stop",
    "reset",
    "advance",
    "recv",
    "wait",
    "len",
    "drop",
    "live",
    "t",
    "k",
    "f",
    "x9",
    "T",
    "_a",
    "0",
    "1s",
    "-5s",
    "250ms",
    "1m30s",
    "1.5µs",
    ".5s",
    "2562047h",
    "2562047h47m16.854775807s",
    "-2562047h47m16.854775808s",
    "9223372036854775808ns",
    "1x",
    "5",
    "-",
    "s",
    "#",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\u{feff}",
    "µ",
];

#[derive(Clone, Debug)]
enum Mutation {
    DeleteRange(Index, usize),
    InsertBytes(Index, Vec<u8>),
    InsertToken(Index, &'static str),
    ReplaceByte(Index, u8),
    DuplicateLine(Index),
    SwapLines(Index, Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<(Index, usize)>().prop_map(|(i, n)| Mutation::DeleteRange(i, n % 12)),
        1 => (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..6)).prop_map(|(i, b)| Mutation::InsertBytes(i, b)),
        3 => (any::<Index>(), proptest::sample::select(TOKENS)).prop_map(|(i, t)| Mutation::InsertToken(i, t)),
        1 => any::<(Index, u8)>().prop_map(|(i, b)| Mutation::ReplaceByte(i, b)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => any::<(Index, Index)>().prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match m {
            Mutation::DeleteRange(i, n) => {
                let from = at(i, bytes.len());
                let to = (from + n).min(bytes.len());
                bytes.drain(from..to);
            }
            Mutation::InsertBytes(i, b) => {
                let pos = at(i, bytes.len());
                bytes.splice(pos..pos, b.iter().copied());
            }
            Mutation::InsertToken(i, t) => {
                let pos = at(i, bytes.len());
                bytes.splice(pos..pos, t.bytes());
            }
            Mutation::ReplaceByte(i, b) if !bytes.is_empty() => {
                let pos = i.index(bytes.len());
                bytes[pos] = *b;
            }
            Mutation::ReplaceByte(..) => {}
            Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) => {
                let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let a = i.index(lines.len());
                match m {
                    Mutation::SwapLines(_, j) => {
                        let b = j.index(lines.len());
                        lines.swap(a, b);
                    }
                    _ => lines.insert(a, lines[a].clone()),
                }
                bytes = lines.join(&b'\n');
            }
        }
    }
    bytes
}

/// Parses `bytes`: an error must name `fuzz.tl`, a line of the input and a column within that
/// line (at most one past its end plus one, where a missing argument is reported), in one line of
/// text. A script that parses must run on both engines in every mode with equal observations.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let shown = String::from_utf8_lossy(bytes);
    match parse("fuzz.tl", bytes) {
        Err(e) => {
            let lines: Vec<String> = String::from_utf8_lossy(bytes).split('\n').map(str::to_owned).collect();
            prop_assert!(
                e.line >= 1 && e.line <= lines.len(),
                "line {} of {}: {}\n{:?}",
                e.line,
                lines.len(),
                e,
                shown
            );
            let width = lines[e.line - 1].chars().count();
            prop_assert!(
                e.column >= 1 && e.column <= width + 2,
                "column {} of {}: {}\n{:?}",
                e.column,
                width,
                e,
                shown
            );
            let text = e.to_string();
            prop_assert!(text.starts_with(&format!("fuzz.tl:{}:{}: ", e.line, e.column)), "{}", text);
            prop_assert!(!e.message.is_empty() && !e.message.contains('\n'), "{:?}", text);
        }
        Ok(script) => {
            for semantics in Semantics::ALL {
                let model = run(&script, &mut *EngineKind::Model.build(semantics));
                let runtime = run(&script, &mut *EngineKind::Runtime.build(semantics));
                prop_assert!(
                    model == runtime,
                    "model and runtime differ in {} mode on\n{}\n{}",
                    semantics,
                    script,
                    diff(&model, &runtime)
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config("parser_fuzz", concat!(env!("CARGO_MANIFEST_DIR"), "/properties/proptest-regressions/parser_fuzz.txt")))]

    #[test]
    fn arbitrary_bytes_never_panic_the_parser_and_every_error_has_a_position(
        bytes in proptest::collection::vec(any::<u8>(), 0..300)
    ) {
        check(&bytes)?;
    }

    #[test]
    fn mutated_corpus_scripts_never_panic_the_parser_and_every_error_has_a_position(
        base in proptest::sample::select(corpus()),
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        check(&mutate(&base, &mutations))?;
    }
}
