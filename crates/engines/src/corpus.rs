//! [`Corpus`]: every op script of the repository with what it must print in each of Go's
//! behaviours — the hand-derived `NAME.async.out` / `NAME.async-collected.out` / `NAME.sync.out`
//! next to it, and real Go's golden trace of it recorded by the oracle
//! (`oracle/golden/go1.23.5/asynctimerchan={1,2,0}/DIR__NAME.out`: the release that has all three).
//!
//! Async-collected shares async's channel, so where a script cannot tell the two apart its async
//! expectations stand for async-collected too (`Script::prints_the_same_in_async_and_async_collected`):
//! the derived output unless the script counts `live` after a drop or arms a channel timer
//! already due, Go's trace (whose `live` lines are `live = ?`) unless it arms one.

use std::fmt;
use std::path::Path;

use gotime::Semantics;
use timerlab_script::{parse, Script, ScriptError};

use crate::behaviours::Behaviours;
use crate::origin::Origin;
use crate::rows::Row;

/// Where an expected output comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// `scripts/DIR/NAME.MODE.out`: derived by hand from SEMANTICS.md; counts `live` timers.
    Derived,
    /// `oracle/golden/go1.23.5/asynctimerchan=N/DIR__NAME.out`: what real Go printed; its `live = ?` lines match any
    /// count.
    Go,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::Derived => "derived",
            Source::Go => "go",
        })
    }
}

/// One expected output of a script in one semantics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// Which kind of expectation it is.
    pub source: Source,
    /// Its file, relative to the repository root.
    pub file: String,
    /// Its text, one observation per line.
    pub text: String,
}

/// A script of the corpus and everything it must print.
#[derive(Clone, Debug)]
pub struct CorpusScript {
    /// The path below `scripts/`, with `/` separators: `semantics/timer_len.tl`.
    pub path: String,
    /// The parsed script.
    pub script: Script,
    /// Expected outputs in each of [`Semantics::ALL`], in that order; derived first in each.
    pub expected: [Vec<Expected>; 3],
}

impl CorpusScript {
    /// The expected outputs in `semantics`, derived first.
    pub fn expected(&self, semantics: Semantics) -> &[Expected] {
        let index = Semantics::ALL.iter().position(|&s| s == semantics).expect("in Semantics::ALL");
        &self.expected[index]
    }
}

/// Every `.tl` below `scripts/`, sorted by path, with its expected outputs.
#[derive(Clone, Debug)]
pub struct Corpus {
    origin: Origin,
    scripts: Vec<CorpusScript>,
}

impl Corpus {
    /// The corpus embedded in this crate when it was built: the repository's `scripts/` and Go
    /// 1.23.5's golden traces. Nothing is read from disk.
    ///
    /// ```
    /// let corpus = timerlab_engines::Corpus::embedded().expect("the embedded corpus parses");
    /// assert!(corpus.scripts().iter().any(|s| s.path == "semantics/timer_len.tl"));
    /// ```
    ///
    /// # Errors
    ///
    /// [`ScriptError::Syntax`] if an embedded script does not parse (a build from a broken
    /// checkout).
    pub fn embedded() -> Result<Corpus, ScriptError> {
        Corpus::read(Origin::Embedded)
    }

    /// Loads every script below `root/scripts` and its expected outputs, from `root/scripts` and
    /// `root/oracle/golden/go1.23.5`: a checkout of timerlab, or a corpus of one's own laid out
    /// the same way.
    ///
    /// # Errors
    ///
    /// [`ScriptError::Read`] when a directory or file cannot be read, or when `root/scripts` holds
    /// no script; [`ScriptError::Syntax`] when a script does not parse.
    pub fn load(root: &Path) -> Result<Corpus, ScriptError> {
        Corpus::read(Origin::Dir(root.to_owned()))
    }

    fn read(origin: Origin) -> Result<Corpus, ScriptError> {
        let paths = origin.script_paths()?;
        let mut scripts = Vec::with_capacity(paths.len());
        for path in paths {
            let file = format!("scripts/{path}");
            let src = origin.read(&file)?.unwrap_or_default();
            let script = parse(&file, src.as_bytes())?;
            let [a, ac, s] =
                Semantics::ALL.map(|semantics| expected_outputs(&origin, &path, &script, semantics));
            scripts.push(CorpusScript { path, script, expected: [a?, ac?, s?] });
        }
        Ok(Corpus { origin, scripts })
    }

    /// Where the corpus was read from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The scripts, sorted by path.
    pub fn scripts(&self) -> &[CorpusScript] {
        &self.scripts
    }

    /// Do some of Go's behaviours print differently on some script of `row`? `None` when no
    /// script of the corpus checks the row. Read from the expected outputs, so it follows the
    /// corpus.
    pub fn modes_differ(&self, row: &Row) -> Option<bool> {
        let scripts = self.scripts_of(row);
        if scripts.is_empty() {
            return None;
        }
        Some(Semantics::ALL.into_iter().any(|s| self.agreeing_with(row, s) != Behaviours::ALL))
    }

    /// The behaviours whose expected outputs on every script of `row` are those of `semantics`
    /// (`semantics` itself included). Outputs are compared source by source (derived with
    /// derived, Go's with Go's); a source one of the two lacks proves nothing either way.
    pub fn agreeing_with(&self, row: &Row, semantics: Semantics) -> Behaviours {
        let scripts = self.scripts_of(row);
        let agree = |other: Semantics| {
            scripts.iter().all(|s| {
                s.expected(semantics).iter().all(|mine| {
                    s.expected(other)
                        .iter()
                        .filter(|theirs| theirs.source == mine.source)
                        .all(|t| t.text == mine.text)
                })
            })
        };
        Semantics::ALL.into_iter().filter(|&other| agree(other)).fold(Behaviours::NONE, Behaviours::with)
    }

    fn scripts_of(&self, row: &Row) -> Vec<&CorpusScript> {
        self.scripts.iter().filter(|s| row.scripts().contains(&s.path.as_str())).collect()
    }
}

/// The recordings the conformance suite holds an implementation to: Go 1.23.5, a release that has
/// all three behaviours (`asynctimerchan=1`, `2` and `0`). Every release's traces agree with its
/// behaviour's (docs/SEMANTICS.md, "Releases"), so one release stands for them all here; the
/// oracle tests (`tests/oracle`) replay every release.
pub const GOLDEN_RELEASE: &str = "oracle/golden/go1.23.5";

/// The golden trace's name for a script below `scripts/`: `semantics/timer_len.tl` is
/// `semantics__timer_len.out` (the oracle's naming, `oracle/README.md`).
pub fn golden_name(path: &str) -> String {
    format!("{}.out", path.trim_end_matches(".tl").replace('/', "__"))
}

fn expected_outputs(
    origin: &Origin,
    path: &str,
    script: &Script,
    semantics: Semantics,
) -> Result<Vec<Expected>, ScriptError> {
    let derived = |semantics: Semantics| format!("scripts/{}.{semantics}.out", path.trim_end_matches(".tl"));
    let go = |semantics: Semantics| {
        format!("{GOLDEN_RELEASE}/asynctimerchan={}/{}", semantics.asynctimerchan(), golden_name(path))
    };
    let mut found = Vec::new();
    for (source, file, live_counted) in
        [(Source::Derived, derived(semantics), true), (Source::Go, go(semantics), false)]
    {
        let mut text = origin.read(&file)?.map(|text| (file, text));
        if text.is_none()
            && semantics == Semantics::AsyncCollected
            && script.prints_the_same_in_async_and_async_collected(live_counted)
        {
            let file =
                if source == Source::Derived { derived(Semantics::Async) } else { go(Semantics::Async) };
            text = origin.read(&file)?.map(|text| (file, text));
        }
        if let Some((file, text)) = text {
            found.push(Expected { source, file, text });
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn golden_names_follow_the_oracle() {
        assert_eq!(golden_name("semantics/timer_len.tl"), "semantics__timer_len.out");
        assert_eq!(golden_name("oracle/a/b.tl"), "oracle__a__b.out");
    }

    #[test]
    fn the_embedded_corpus_is_the_repository_s() {
        let embedded = Corpus::embedded().expect("the embedded corpus parses");
        let checkout = Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")).expect("it loads");
        assert_eq!(embedded.origin(), &Origin::Embedded);
        let files = |c: &Corpus| -> Vec<(String, Vec<Expected>)> {
            c.scripts().iter().map(|s| (s.path.clone(), s.expected.concat())).collect()
        };
        assert_eq!(files(&embedded), files(&checkout));
        assert!(embedded.scripts().len() > 50, "{} scripts", embedded.scripts().len());
    }

    #[test]
    fn a_missing_scripts_directory_is_a_one_line_read_error() {
        let err = Corpus::load(Path::new("/nonexistent/timerlab")).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/nonexistent/timerlab/scripts: cannot read: "), "{text}");
        assert!(!text.contains('\n'));
    }
}
