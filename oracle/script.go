package main

// The op-script language (SCRIPT.md): a parser that mirrors crates/script's validation, so that a
// script the Rust interpreter accepts runs here unchanged and a broken one fails with
// FILE:LINE:COL: message.

import (
	"fmt"
	"strings"
	"time"
)

// ctor is the Go constructor behind a create op.
type ctor int

const (
	ctorTimer ctor = iota
	ctorAfter
	ctorAfterFunc
	ctorTicker
	ctorTick
)

var ctorKeywords = map[string]ctor{
	"timer": ctorTimer, "after": ctorAfter, "afterfunc": ctorAfterFunc, "ticker": ctorTicker, "tick": ctorTick,
}

// hasHandle: the object has Stop and Reset (After and Tick give only a channel).
func (c ctor) hasHandle() bool { return c == ctorTimer || c == ctorAfterFunc || c == ctorTicker }

type opKind int

const (
	opCreate opKind = iota
	opStop
	opReset
	opAdvance
	opRecv
	opWait
	opLen
	opDrop
	opLive
)

// op is one line of a script.
type op struct {
	line int
	kind opKind
	ctor ctor          // opCreate
	name string        // every op but advance and live
	d    time.Duration // opCreate, opReset, opAdvance: in script time
}

// script is a parsed, validated op script.
type script struct {
	file string
	mode string // "", "async" or "sync"
	ops  []op
}

type syntaxError struct {
	file         string
	line, column int
	msg          string
}

func (e *syntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.file, e.line, e.column, e.msg)
}

type token struct {
	text   string
	column int // 1-based, in characters
}

func tokenize(code string) []token {
	var toks []token
	col, start, startCol := 0, -1, 0
	for i, r := range code {
		col++
		space := r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f'
		switch {
		case space && start >= 0:
			toks = append(toks, token{code[start:i], startCol})
			start = -1
		case !space && start < 0:
			start, startCol = i, col
		}
	}
	if start >= 0 {
		toks = append(toks, token{code[start:], startCol})
	}
	return toks
}

type binding int

const (
	bound binding = iota + 1
	dropped
	panicked
)

type nameState struct {
	state binding
	ctor  ctor
	line  int
}

// parseScript parses and validates src.
func parseScript(file, src string) (*script, error) {
	s := &script{file: file}
	names := map[string]nameState{}
	for i, raw := range strings.Split(src, "\n") {
		line := i + 1
		code, _, _ := strings.Cut(raw, "#")
		toks := tokenize(code)
		if len(toks) == 0 {
			continue
		}
		end := len([]rune(strings.TrimRight(code, " \t\r"))) + 2
		fail := func(col int, format string, args ...any) error {
			return &syntaxError{file, line, col, fmt.Sprintf(format, args...)}
		}
		args := func(n int, usage string) ([]token, error) {
			if len(toks)-1 > n {
				return nil, fail(toks[n+1].column, "unexpected %q: the op is `%s`", toks[n+1].text, usage)
			}
			if len(toks)-1 < n {
				return nil, fail(end, "missing argument: the op is `%s`", usage)
			}
			return toks[1:], nil
		}
		duration := func(t token) (time.Duration, error) {
			d, err := time.ParseDuration(t.text)
			if err != nil {
				return 0, fail(t.column, "invalid duration %q", t.text)
			}
			return d, nil
		}
		use := func(t token, needsHandle string) (string, error) {
			if !validName(t.text) {
				return "", fail(t.column, "invalid name %q: names are [a-z][a-z0-9_]*", t.text)
			}
			st, ok := names[t.text]
			switch {
			case !ok:
				return "", fail(t.column, "unknown name %q", t.text)
			case st.state == dropped:
				return "", fail(t.column, "%s was dropped at line %d", t.text, st.line)
			case st.state == panicked:
				return "", fail(t.column, "%s was never bound: its constructor at line %d panicked", t.text, st.line)
			case needsHandle != "" && !st.ctor.hasHandle():
				return "", fail(t.column, "`%s` needs a timer, afterfunc or ticker", needsHandle)
			}
			return t.text, nil
		}
		o := op{line: line}
		word := toks[0].text
		switch {
		case word == "mode":
			a, err := args(1, "mode async|sync")
			if err != nil {
				return nil, err
			}
			if len(s.ops) > 0 || s.mode != "" {
				return nil, fail(toks[0].column, "`mode` must be the first op, and appear once")
			}
			if a[0].text != "async" && a[0].text != "sync" {
				return nil, fail(a[0].column, "unknown semantics %q: expected async or sync", a[0].text)
			}
			s.mode = a[0].text
			continue
		case ctorKeywords[word] != 0 || word == "timer":
			c := ctorKeywords[word]
			a, err := args(2, word+" NAME DUR")
			if err != nil {
				return nil, err
			}
			d, err := duration(a[1])
			if err != nil {
				return nil, err
			}
			if !validName(a[0].text) {
				return nil, fail(a[0].column, "invalid name %q: names are [a-z][a-z0-9_]*", a[0].text)
			}
			if st, ok := names[a[0].text]; ok && st.state == bound {
				return nil, fail(a[0].column, "%s is already bound (line %d)", a[0].text, st.line)
			}
			st := nameState{bound, c, line}
			if c == ctorTicker && d <= 0 {
				st.state = panicked
			}
			names[a[0].text] = st
			o.kind, o.ctor, o.name, o.d = opCreate, c, a[0].text, d
		case word == "stop" || word == "recv" || word == "wait" || word == "len" || word == "drop":
			a, err := args(1, word+" NAME")
			if err != nil {
				return nil, err
			}
			needs := ""
			if word == "stop" {
				needs = word
			}
			if o.name, err = use(a[0], needs); err != nil {
				return nil, err
			}
			o.kind = map[string]opKind{"stop": opStop, "recv": opRecv, "wait": opWait, "len": opLen, "drop": opDrop}[word]
			if word == "drop" {
				names[o.name] = nameState{dropped, 0, line}
			}
		case word == "reset":
			a, err := args(2, "reset NAME DUR")
			if err != nil {
				return nil, err
			}
			if o.d, err = duration(a[1]); err != nil {
				return nil, err
			}
			if o.name, err = use(a[0], "reset"); err != nil {
				return nil, err
			}
			o.kind = opReset
		case word == "advance":
			a, err := args(1, "advance DUR")
			if err != nil {
				return nil, err
			}
			if o.d, err = duration(a[0]); err != nil {
				return nil, err
			}
			o.kind = opAdvance
		case word == "live":
			if _, err := args(0, "live"); err != nil {
				return nil, err
			}
			o.kind = opLive
		default:
			return nil, fail(toks[0].column, "unknown op %q", word)
		}
		s.ops = append(s.ops, o)
	}
	return s, nil
}

func validName(n string) bool {
	if n == "" || n[0] < 'a' || n[0] > 'z' {
		return false
	}
	for _, c := range n[1:] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
