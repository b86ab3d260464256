//! The resolver, table-driven: every row a program, what Go does with it, and where that is
//! written down.

use super::*;

/// A program and what Go gives it.
struct Case {
    toolchain: &'static str,
    go_mod: Option<&'static str>,
    go_mod_godebug: &'static [&'static str],
    go_debug: &'static [&'static str],
    godebug: Option<&'static str>,
    expected: Result<(Semantics, bool), &'static str>,
    source: &'static str,
}

const fn case(toolchain: &'static str, go_mod: Option<&'static str>, godebug: Option<&'static str>) -> Case {
    Case {
        toolchain,
        go_mod,
        go_mod_godebug: &[],
        go_debug: &[],
        godebug,
        expected: Err("set by each row"),
        source: "",
    }
}

impl Case {
    const fn gives(self, semantics: Semantics, stop_race_69312: bool, source: &'static str) -> Case {
        Case { expected: Ok((semantics, stop_race_69312)), source, ..self }
    }

    const fn refused(self, message: &'static str, source: &'static str) -> Case {
        Case { expected: Err(message), source, ..self }
    }

    const fn go_mod_godebug(self, lines: &'static [&'static str]) -> Case {
        Case { go_mod_godebug: lines, ..self }
    }

    const fn go_debug(self, lines: &'static [&'static str]) -> Case {
        Case { go_debug: lines, ..self }
    }

    fn program(&self) -> GoProgram {
        let mut program = GoProgram::built_with(self.toolchain);
        if let Some(line) = self.go_mod {
            program = program.go_mod(line);
        }
        for line in self.go_mod_godebug {
            program = program.go_mod_godebug(*line);
        }
        for line in self.go_debug {
            program = program.go_debug(*line);
        }
        if let Some(env) = self.godebug {
            program = program.godebug(env);
        }
        program
    }
}

use Semantics::{Async, AsyncCollected, Sync};

const TABLE_GO_1_23: &str =
    "internal/godebugs/table.go (Go 1.23-1.26): asynctimerchan Changed: 23, Old: \"1\"";
const SYNC_TIMER: &str = "src/time/sleep.go, syncTimer (Go 1.23-1.26)";
const PRECEDENCE: &str = "runtime/runtime1.go parsedebugvars: compile-time GODEBUG, then the environment";
const DEFAULT_GODEBUG: &str =
    "cmd/go/internal/load/godebug.go defaultGODEBUG: go.mod godebug, then //go:debug";
const REMOVED_27: &str = "internal/godebugs/table.go (Go 1.27): Removed: 27, Old: \"1\" or \"2\"";

const CASES: &[Case] = &[
    // Before the setting existed: every program is async, the environment is ignored.
    case("1.22.10", Some("1.22"), None).gives(Async, false, "Go 1.22 src/time/sleep.go: a buffered channel, a heap timer"),
    case("go1.22.10", None, Some("asynctimerchan=0")).gives(Async, false, "Go 1.22's runtime ignores an unknown GODEBUG key"),
    case("1.9", Some("1.9"), None).gives(Async, false, "every Go before 1.23"),
    case("1.22.10", Some("1.22"), None)
        .go_debug(&["//go:debug asynctimerchan=0"])
        .refused("invalid //go:debug: unknown //go:debug setting \"asynctimerchan\"", "cmd/go CheckGodebug: a key not in Go 1.22's table"),
    case("1.22.10", Some("1.22"), None).go_mod_godebug(&["asynctimerchan=1"]).refused(
        "go: errors parsing go.mod: go.mod: unknown directive: godebug",
        "oracle/RELEASES.md: go1.21.13 and go1.22.10 refuse any godebug line (go.mod:5)",
    ),
    case("1.21.13", Some("1.21"), None).go_mod_godebug(&["default=go1.20"]).refused(
        "go: errors parsing go.mod: go.mod: unknown directive: godebug",
        "oracle/RELEASES.md: go1.21.13 and go1.22.10 refuse any godebug line (go.mod:5)",
    ),
    case("1.22.10", Some("1.22"), None).go_debug(&["default=go1.21"]).refused(
        "invalid //go:debug: unknown //go:debug setting \"default\"",
        "oracle/RELEASES.md: go1.21.13 and go1.22.10 name \"default\" for //go:debug default=",
    ),
    // Go 1.23.0-1.23.1: sync with golang/go#69312, unless the module or GODEBUG says otherwise.
    case("1.23.0", Some("1.23"), None).gives(Sync, true, "golang/go#69312, fixed in go1.23.2"),
    case("1.23.1", None, None).gives(Sync, true, "outside a module the language is the toolchain's: go1.23.1"),
    case("1.23.1", Some("1.22"), None).gives(Async, false, TABLE_GO_1_23),
    case("1.23.1", Some("1.23"), Some("asynctimerchan=2")).gives(AsyncCollected, false, SYNC_TIMER),
    case("1.23.2", Some("1.23"), None).gives(Sync, false, "golang/go#69312 fixed in go1.23.2"),
    // Go 1.23.2-1.26.x: the go line picks the default, every source may override it.
    case("1.26.6", Some("1.22"), None).gives(Async, false, TABLE_GO_1_23),
    case("1.26.6", Some("1.22.0"), None).gives(Async, false, "godebugForGoVersion drops the patch"),
    case("1.26.6", Some("1.23"), None).gives(Sync, false, TABLE_GO_1_23),
    case("1.26.6", Some("1.26.6"), None).gives(Sync, false, TABLE_GO_1_23),
    case("1.26.6", None, None).gives(Sync, false, "outside a module the language is the toolchain's"),
    case("1.26.6", Some("1.22"), Some("asynctimerchan=2")).gives(AsyncCollected, false, SYNC_TIMER),
    case("1.26.6", Some("1.26"), Some("asynctimerchan=1")).gives(Async, false, SYNC_TIMER),
    case("1.26.6", Some("1.22"), Some("asynctimerchan=0")).gives(Sync, false, PRECEDENCE),
    case("1.26.6", Some("1.22"), Some("asynctimerchan=2,asynctimerchan=0")).gives(Sync, false, "parsegodebug: the last setting wins"),
    case("1.26.6", Some("1.22"), Some("panicnil=1")).gives(Async, false, "other keys leave timers alone"),
    case("1.26.6", Some("1.26"), None).go_mod_godebug(&["godebug asynctimerchan=1"]).gives(Async, false, DEFAULT_GODEBUG),
    case("1.26.6", Some("1.26"), None)
        .go_mod_godebug(&["asynctimerchan=1"])
        .go_debug(&["//go:debug asynctimerchan=2"])
        .gives(AsyncCollected, false, DEFAULT_GODEBUG),
    case("1.26.6", Some("1.26"), Some("asynctimerchan=0"))
        .go_debug(&["//go:debug asynctimerchan=1"])
        .gives(Sync, false, PRECEDENCE),
    case("1.26.6", Some("1.26"), None).go_mod_godebug(&["default=go1.21"]).gives(Async, false, "defaultGODEBUG: default=goX.Y sets the base version"),
    case("1.26.6", Some("1.22"), None).go_debug(&["default=go1.23"]).gives(Sync, false, "defaultGODEBUG: default=goX.Y sets the base version"),
    // Go 1.27: the setting is gone; 0 is accepted, the old values are refused from every source.
    case("1.27.3", Some("1.22"), None).gives(Sync, false, "Go 1.27 release notes: always unbuffered"),
    case("1.27.3", None, Some("asynctimerchan=0")).gives(Sync, false, REMOVED_27),
    case("1.27.3", Some("1.22"), Some("asynctimerchan=1")).refused(
        "fatal error: removed GODEBUG \"asynctimerchan\" set to old value \"1\" in environment (https://go.dev/doc/godebug#go-127)",
        "runtime/proc.go main: a removed GODEBUG in the environment is fatal",
    ),
    case("1.27.3", Some("1.27"), Some("asynctimerchan=2")).refused(
        "fatal error: removed GODEBUG \"asynctimerchan\" set to old value \"2\" in environment (https://go.dev/doc/godebug#go-127)",
        REMOVED_27,
    ),
    case("1.27.3", Some("1.27"), None).go_mod_godebug(&["godebug asynctimerchan=1"]).refused(
        "go: error loading go.mod: go.mod: removed GODEBUG \"asynctimerchan\" set to old value \"1\" (https://go.dev/doc/godebug#go-127)",
        REMOVED_27,
    ),
    case("1.27.3", Some("1.27"), None).go_debug(&["//go:debug asynctimerchan=2"]).refused(
        "invalid //go:debug: removed GODEBUG \"asynctimerchan\" set to old value \"2\" (https://go.dev/doc/godebug#go-127)",
        REMOVED_27,
    ),
    // Bad input.
    case("1.27.3", Some("1.28"), None).refused(
        "go: go.mod requires go >= 1.28 (running go 1.27.3; GOTOOLCHAIN=local)",
        "the go command under GOTOOLCHAIN=local",
    ),
    case("1.23.1", Some("1.23.2"), None).refused(
        "go: go.mod requires go >= 1.23.2 (running go 1.23.1; GOTOOLCHAIN=local)",
        "the go command under GOTOOLCHAIN=local",
    ),
    case("1.28.0", None, None).refused("unknown Go release go1.28.0: timerlab knows go1.0 to go1.27.x", "no rule yet"),
    case("1.23", None, None).refused(
        "toolchain go1.23 is a language version, not a release: name one such as go1.23.0",
        "Go's releases since 1.21 are 1.N.P",
    ),
    case("1.x", None, None).refused(
        "toolchain: malformed Go version \"1.x\": expected 1.N or 1.N.P, with or without a go prefix (1.22, 1.22.10, go1.23.1)",
        "bad input",
    ),
    case("1.26.6", Some("go1.22rc1"), None).refused(
        "go.mod go line: malformed Go version \"go1.22rc1\": expected 1.N or 1.N.P, with or without a go prefix (1.22, 1.22.10, go1.23.1)",
        "release candidates are not read",
    ),
    case("1.26.6", Some("1.22"), Some("asynctimerchan=3")).refused(
        "asynctimerchan=3 (GODEBUG environment) is not a value Go gives it: expected asynctimerchan=0, 1 or 2",
        "doc/godebug.md documents 0, 1 and 2",
    ),
    case("1.26.6", Some("1.22"), None).go_mod_godebug(&["asynctimerchan=01"]).refused(
        "asynctimerchan=01 (go.mod godebug) is not a value Go gives it: expected asynctimerchan=0, 1 or 2",
        "bad input",
    ),
    case("1.26.6", Some("1.22"), Some("asynctimerchan")).refused(
        "malformed GODEBUG environment setting \"asynctimerchan\": expected key=value, such as asynctimerchan=1",
        "bad input",
    ),
    case("1.26.6", Some("1.22"), None).go_mod_godebug(&["default=1.21"]).refused(
        "go: error loading go.mod: go.mod: value for default= must be goVERSION",
        "cmd/go/internal/modload CheckGodebug",
    ),
];

#[test]
fn every_program_of_the_table_gets_what_go_gives_it() {
    let mut failures = String::new();
    for (i, c) in CASES.iter().enumerate() {
        let got = c.program().resolve().map(|r| (r.semantics, r.stop_race_69312)).map_err(|e| e.to_string());
        let expected = c.expected.map_err(str::to_owned);
        if got != expected {
            failures.push_str(&format!("row {i} ({}): expected {expected:?}, got {got:?}\n", c.source));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn every_error_is_one_line() {
    for c in CASES {
        if let Err(e) = c.program().resolve() {
            assert!(!e.to_string().contains('\n'), "{e}");
        }
    }
}

#[test]
fn the_reason_names_the_toolchain_the_module_the_setting_and_the_behaviour() {
    let reason = |program: GoProgram| program.resolve().unwrap().reason;
    assert_eq!(
        reason(GoProgram::built_with("go1.26.6").go_mod("1.22")),
        "go1.26.6, go.mod go 1.22 → asynctimerchan=1 (default for go < 1.23) → async"
    );
    assert_eq!(
        reason(GoProgram::built_with("1.26.6").go_mod("1.22").godebug("asynctimerchan=2")),
        "go1.26.6, go.mod go 1.22 → asynctimerchan=2 (GODEBUG environment) → async-collected"
    );
    assert_eq!(
        reason(GoProgram::built_with("1.26.6").go_mod("1.26").go_debug("asynctimerchan=1")),
        "go1.26.6, go.mod go 1.26 → asynctimerchan=1 (//go:debug) → async"
    );
    assert_eq!(
        reason(GoProgram::built_with("1.26.6").go_mod("1.26").go_mod_godebug("default=go1.20")),
        "go1.26.6, go.mod go 1.26 → asynctimerchan=1 (default for go.mod godebug default=go1.20) → async"
    );
    assert_eq!(
        reason(GoProgram::built_with("1.23.1")),
        "go1.23.1, no go.mod → asynctimerchan=0 (default for go >= 1.23) → sync, with golang/go#69312 \
         (Stop or Reset racing a firing returns false and the value never comes)"
    );
    assert_eq!(
        reason(GoProgram::built_with("1.22.10").go_mod("1.21")),
        "go1.22.10, go.mod go 1.21 → no asynctimerchan before go1.23 → async"
    );
    assert_eq!(
        reason(GoProgram::built_with("1.27.3").go_mod("1.22")),
        "go1.27.3, go.mod go 1.22 → asynctimerchan removed in go1.27 (timer channels are always sync) → sync"
    );
}

#[test]
fn the_cost_model_is_the_release_s_in_the_behaviour_it_resolved_to() {
    let costs = |program: GoProgram| program.resolve().unwrap().costs;
    assert_eq!(costs(GoProgram::built_with("1.22.10")).channel_timer, 210, "go1.22.10's After");
    assert_eq!(costs(GoProgram::built_with("1.23.1").go_mod("1.22")).channel_timer, 251, "go1.23.1's After");
    let sync = costs(GoProgram::built_with("1.26.6"));
    assert_eq!(sync, cost_model(GoVersion::release(26, 6), Sync));
    assert_eq!(costs(GoProgram::built_with("1.26.6").godebug("asynctimerchan=2")), sync, "priced as sync");
}
