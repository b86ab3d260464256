#!/usr/bin/env python3
"""The resolver of RELEASES.md as code, checked against every row run.sh recorded.

    oracle/releases/rules.py [oracle/releases/RESULTS.tsv]

For each row it derives, from the rules alone, the behaviour (sync, async, async-collected) or the
refusal (stage, exit status, Go's message) and prints the rows where Go did something else.
Exit status 1 if any. Rows that are go vet / gofmt runs are checked against the rules of the
"go vet and gofmt" section.
"""

import csv
import re
import sys

# Go's messages, verbatim (RELEASES.md, "Refusals"). {..} are filled in.
NEWER_GO_LINE = "go: go.mod requires go >= {line} (running go {toolchain}; GOTOOLCHAIN=local)"
UNKNOWN_DIRECTIVE = "go: errors parsing go.mod: | go.mod:{n}: unknown directive: godebug"
UNKNOWN_BLOCK = "go: errors parsing go.mod: | go.mod:{n}: unknown block type: godebug"
UNKNOWN_SETTING = 'invalid //go:debug: unknown //go:debug setting "{key}"'
REMOVED_BUILD = 'invalid //go:debug: removed GODEBUG "asynctimerchan" set to old value "{v}" (https://go.dev/doc/godebug#go-127)'
REMOVED_GOMOD = 'go: error loading go.mod: | go.mod:{n}: removed GODEBUG "asynctimerchan" set to old value "{v}" (https://go.dev/doc/godebug#go-127)'
REMOVED_GOWORK = 'go: error loading go.work: | go.work:{n}: removed GODEBUG "asynctimerchan" set to old value "{v}" (https://go.dev/doc/godebug#go-127)'
REMOVED_START = 'fatal error: removed GODEBUG "asynctimerchan" set to old value "{v}" in environment (https://go.dev/doc/godebug#go-127)'
REPEATED = "repeated //go:debug for asynctimerchan"
VET_NOT_MAIN = "//go:debug directive only valid in package main or test"
VET_MISPLACED = "//go:debug directive only valid before package declaration"


def version(text):
    """'1.23' or '1.23.1' -> (1, 23, 1); patch 0 when absent."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def parse_int(text):
    """The runtime's strconv.ParseInt(value, 10, 32): None when it fails."""
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    n = int(text)
    return n if -(2**31) <= n < 2**31 else None


def env_entries(env):
    """GODEBUG's asynctimerchan values, left to right (None: the variable is unset)."""
    if env is None:
        return []
    out = []
    for field in env.split(","):
        key, eq, value = field.partition("=")
        if eq and key == "asynctimerchan":
            out.append(value)
    return out


def resolve(toolchain, layout, goline, gomod_godebug, gowork_godebug, directive, env, go_env):
    """What Go does with a program: ('runs', behaviour) or ('refused', stage, status, message).

    toolchain: (1, minor, patch). layout: module | nomod | gopath | work | dep | misplaced |
    repeated. goline: (1, minor, patch) of go.mod (go.work in a workspace), or None for a
    go.mod without a go line. gomod_godebug / gowork_godebug: (form, key, value, line number)
    or None. directive: (key, value) of the //go:debug line, or None. env: GODEBUG of the
    program, or None. go_env: GODEBUG of the go command, or None.
    """
    minor = toolchain[1]
    tc = "%d.%d.%d" % toolchain

    # 1. The go command itself is a Go program: Go 1.27's refuses to start with an old value,
    #    so the build fails with the runtime's exit status.
    if minor >= 27:
        for v in env_entries(go_env):
            if v in ("1", "2"):
                return ("refused", "build", 2, REMOVED_START.format(v=v))

    # 2. The module's go line: with GOTOOLCHAIN=local a newer one is refused.
    if layout == "nomod":
        line = toolchain  # outside a module: the toolchain's own version
    elif layout == "gopath":
        line = (1, 20, 0)  # GOPATH mode
    elif goline is None:
        line = (1, 16, 0)  # go.mod without a go line
    else:
        line = goline
    if layout not in ("nomod", "gopath") and goline is not None and goline > toolchain:
        shown = "%d.%d" % goline[:2] + (".%d" % goline[2] if goline[2] else "")
        return ("refused", "build", 1, NEWER_GO_LINE.format(line=shown, toolchain=tc))

    # 3. go.mod (or, in a workspace, go.work) godebug lines.
    file_godebug = gowork_godebug if layout == "work" else gomod_godebug
    for godebug, name in ((gowork_godebug, "go.work"), (gomod_godebug, "go.mod")):
        if godebug is None:
            continue
        form, key, value, n = godebug
        if minor <= 22:
            # Parsing fails: a block is reported at its `godebug (` line, the one above its entry.
            msg = UNKNOWN_DIRECTIVE if form == "line" else UNKNOWN_BLOCK
            return ("refused", "build", 1, msg.replace("go.mod", name).format(n=n if form == "line" else n - 1))
        if minor >= 27 and key == "asynctimerchan" and value in ("1", "2"):
            if name == "go.mod" and layout == "work":
                continue  # a module's godebug lines are not read in workspace mode
            msg = REMOVED_GOWORK if name == "go.work" else REMOVED_GOMOD
            return ("refused", "build", 1, msg.format(n=n, v=value))

    # 4. //go:debug lines, in whatever package of the build they are.
    if directive is not None:
        key, value = directive
        if minor <= 22 and layout != "misplaced":
            return ("refused", "build", 1, UNKNOWN_SETTING.format(key=key))
        if layout == "repeated":
            return ("refused", "build", 1, REPEATED)
        if minor >= 27 and key == "asynctimerchan" and value in ("1", "2") and layout != "misplaced":
            return ("refused", "build", 1, REMOVED_BUILD.format(v=value))

    # 5. Program start: Go 1.27 refuses an old value anywhere in GODEBUG.
    if minor >= 27:
        for v in env_entries(env):
            if v in ("1", "2"):
                return ("refused", "start", 2, REMOVED_START.format(v=v))
        return ("runs", "sync")  # Go 1.27 has one behaviour
    if minor <= 22:
        return ("runs", "async")  # no such setting: GODEBUG and everything else are ignored

    # 6. Go 1.23-1.26. The default compiled in: the go line's (asynctimerchan=1 below go 1.23,
    #    moved by a default=goX directive), then the godebug lines, then //go:debug in package main.
    base = line
    compiled = {}
    if file_godebug is not None:
        compiled[file_godebug[1]] = file_godebug[2]
    if directive is not None and layout not in ("dep", "misplaced"):
        compiled[directive[0]] = directive[1]
    if "default" in compiled:
        base = version(compiled.pop("default")[2:])
    if base[:2] < (1, 23) and "asynctimerchan" not in compiled:
        compiled["asynctimerchan"] = "1"
    default = compiled.get("asynctimerchan")

    # The time package reads the last GODEBUG entry, else the compiled default; only "1" keeps
    # the pre-1.23 heap timers. The runtime parses the compiled default, then GODEBUG, left to
    # right, keeping the last value that parses as an integer (0 if none).
    entries = env_entries(env)
    time_value = entries[-1] if entries else default
    runtime_value = 0
    for v in ([default] if default is not None else []) + entries:
        if parse_int(v) is not None:
            runtime_value = parse_int(v)
    if time_value == "1":
        return ("runs", "async")
    return ("runs", "async-collected" if runtime_value != 0 else "sync")


def vet(toolchain, layout, gomod_godebug, directive):
    """go vet: ('clean',) or ('fails', message). The same refusals as the build, plus the
    directive checks."""
    minor = toolchain[1]
    r = resolve(toolchain, layout, version("1.%d" % minor), gomod_godebug, None, directive, None, None)
    if r[0] == "refused":
        return ("fails", r[3])
    if layout == "dep":
        return ("fails", VET_NOT_MAIN)
    if layout == "misplaced":
        return ("fails", VET_MISPLACED)
    return ("clean",)


def parse_row(row):
    tc, mod, directive, env, result = row
    toolchain = version(tc[2:])
    layout, goline, gomod_godebug, gowork_godebug = "module", None, None, None
    tool = None
    m = re.fullmatch(r"(.*) \((dep|misplaced|repeated)\)", directive)
    if m:
        directive, layout = m.group(1), m.group(2)
    directive = None if directive == "-" else tuple(directive.split("=", 1))
    if mod.startswith("no go.mod"):
        layout = "nomod"
    elif mod == "GO111MODULE=off":
        layout = "gopath"
    elif mod.startswith("go.work: "):
        m = re.fullmatch(r"go\.work: go (\S+?)(?:; godebug (\S+) in (go\.work|go\.mod))?; go\.mod: go 1\.22", mod)
        goline = version(m.group(1))
        if m.group(2):
            key, value = m.group(2).split("=", 1)
            if m.group(3) == "go.work":
                layout, gowork_godebug = "work", ("line", key, value, 5)
            else:
                layout, gomod_godebug = "work", ("line", key, value, 5)
        else:
            layout = "work"
    else:
        m = re.fullmatch(r"(no go line|go (\S+?))(?:; godebug (\(?)([^()]+)\)?)?", mod)
        goline = None if m.group(1) == "no go line" else version(m.group(2))
        if m.group(4):
            key, value = m.group(4).split("=", 1)
            n = (3 if goline is None else 5) + (1 if m.group(3) else 0)
            gomod_godebug = ("block" if m.group(3) else "line", key, value, n)
    go_env = None
    if env.endswith(" (also for go build)"):
        env = env[: -len(" (also for go build)")]
        go_env = env[len("GODEBUG="):]
    env = None if env == "GODEBUG=unset" else env[len("GODEBUG="):]
    if result.startswith("go vet"):
        tool = "vet"
    elif result.startswith("gofmt"):
        tool = "gofmt"
    return toolchain, layout, goline, gomod_godebug, gowork_godebug, directive, env, go_env, tool


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "oracle/releases/RESULTS.tsv"
    rows = list(csv.reader(open(path), delimiter="\t"))[1:]
    wrong = 0
    for row in rows:
        toolchain, layout, goline, gomod_godebug, gowork_godebug, directive, env, go_env, tool = parse_row(row)
        result = row[4]
        if tool == "gofmt":
            ok = result == "gofmt -l: nothing to reformat"
            want = "gofmt -l: nothing to reformat"
        elif tool == "vet":
            v = vet(toolchain, layout, gomod_godebug, directive)
            want = "go vet: clean" if v == ("clean",) else "go vet (exit 1): ..." + v[1]
            ok = result == "go vet: clean" if v == ("clean",) else (result.startswith("go vet (exit 1)") and v[1] in result)
        else:
            r = resolve(toolchain, layout, goline, gomod_godebug, gowork_godebug, directive, env, go_env)
            if r[0] == "runs":
                want = "behaviour=" + r[1]
                ok = result.startswith(want + " ")
            else:
                stage = r[1]
                want = "refused at %s (exit %d): ...%s" % (stage, r[2], r[3])
                ok = result.startswith("refused at %s (exit %d): " % (stage, r[2])) and r[3] in result
        if not ok:
            wrong += 1
            print("\t".join(row))
            print("\texpected: " + want)
    print("%d rows, %d differ from the rules" % (len(rows), wrong))
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
