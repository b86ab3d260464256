//! Which files are worth parsing. Every rule needs package `time` imported and a call named
//! `After`, `NewTimer`, `Tick`, `Reset` or `Stop` (or `context.WithTimeout`/`WithDeadline`, whose
//! contexts arm a timer), or a `len(t.C)`-like `.C)`; a file whose bytes contain neither the import
//! path nor one of those names cannot hold a finding, so it is not parsed — most Go files, and
//! most of the parse time. The price: a syntax error in such a file is not reported unless
//! `--parse-all` asks for every file to be parsed. A file with a `//go:debug` line is always
//! parsed: its directive may decide the semantics of the other files of its package.

use std::sync::OnceLock;

use memchr::memmem::Finder;

struct Finders {
    imports: Vec<Finder<'static>>,
    names: Vec<Finder<'static>>,
    directive: Finder<'static>,
}

fn finders() -> &'static Finders {
    static FINDERS: OnceLock<Finders> = OnceLock::new();
    FINDERS.get_or_init(|| Finders {
        imports: [&b"\"time\""[..], b"`time`"].into_iter().map(Finder::new).collect(),
        // `.C)` keeps `len(t.C)` and `cap(t.C)` (timer-chan-len).
        names: [
            &b"After"[..],
            b"NewTimer",
            b"Tick",
            b"Reset",
            b"Stop",
            b".C)",
            b"WithTimeout",
            b"WithDeadline",
        ]
        .into_iter()
        .map(Finder::new)
        .collect(),
        directive: Finder::new(b"//go:debug"),
    })
}

/// Finders for the names of the calls the rules look at: a function that names none of them
/// cannot hold a finding (`chunks.rs`).
pub(crate) fn timer_call_names() -> &'static [Finder<'static>] {
    &finders().names
}

/// Whether `src` may hold a finding.
pub(crate) fn worth_parsing(src: &[u8]) -> bool {
    let f = finders();
    let found = |finders: &[Finder]| finders.iter().any(|x| x.find(src).is_some());
    (found(&f.imports) && found(&f.names)) || f.directive.find(src).is_some()
}

#[cfg(test)]
mod tests {
    use super::worth_parsing;

    #[test]
    fn only_files_importing_time_and_naming_a_timer_call_are_worth_parsing() {
        assert!(worth_parsing(b"import \"time\"\nfunc f() { <-time.After(1) }"));
        assert!(worth_parsing(b"import (\n\tt `time`\n)\nfunc f(x *t.Timer) { x.Reset(1) }"));
        assert!(!worth_parsing(b"import \"time\"\nfunc f() time.Duration { return time.Second }"));
        assert!(!worth_parsing(b"import \"fmt\"\nfunc f() { s.Stop() }"));
        assert!(worth_parsing(b"//go:debug asynctimerchan=1\npackage main\nfunc main() {}"));
    }
}
