package main

// The timer-channel behaviour of this process. Go 1.23-1.26 read GODEBUG=asynctimerchan once, at
// start-up, so a process that runs with the wrong setting starts itself again with the right one.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

const childEnv = "TIMERLAB_ORACLE_MODE"

// runtimeMode asks the runtime rather than the environment: a timer channel has capacity 1 in
// async mode and presents itself as unbuffered (cap 0) in sync mode.
func runtimeMode() string {
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	if cap(t.C) == 0 {
		return "sync"
	}
	return "async"
}

// ensureMode returns when this process runs in mode want; otherwise it runs itself again with
// GODEBUG=asynctimerchan set and exits with the child's status.
func ensureMode(want string) {
	if runtimeMode() == want {
		return
	}
	if os.Getenv(childEnv) != "" {
		fmt.Fprintf(os.Stderr, "oracle: GODEBUG=%s did not give %s timer channels (needs Go 1.23-1.26)\n",
			os.Getenv("GODEBUG"), want)
		os.Exit(2)
	}
	value := "0"
	if want == "async" {
		value = "1"
	}
	reexec(withSetting(os.Getenv("GODEBUG"), value), want)
}

// ensureSetting returns when GODEBUG holds asynctimerchan=value as its only asynctimerchan
// setting (value "default": none at all, so the go line of the oracle's go.mod decides);
// otherwise it runs itself again with that GODEBUG. It does not check what the runtime made of
// the setting: a release that does not know it ignores it, Go 1.27 refuses 1 and 2 at start-up.
// behaviour reports what the process got.
func ensureSetting(value string) {
	godebug := os.Getenv("GODEBUG")
	want := withSetting(godebug, value)
	if want == godebug {
		return
	}
	if os.Getenv(childEnv) != "" {
		fmt.Fprintf(os.Stderr, "oracle: started with GODEBUG=%s, not %s\n", godebug, want)
		os.Exit(2)
	}
	reexec(want, "asynctimerchan="+value)
}

// withSetting is godebug with every asynctimerchan setting removed and, unless value is
// "default", asynctimerchan=value appended. (A single setting, because Go 1.27 refuses a
// GODEBUG that holds asynctimerchan=1 anywhere, even when a later setting overrides it.)
func withSetting(godebug, value string) string {
	var kept []string
	for _, kv := range strings.Split(godebug, ",") {
		if kv != "" && !strings.HasPrefix(kv, "asynctimerchan=") {
			kept = append(kept, kv)
		}
	}
	if value != "default" {
		kept = append(kept, "asynctimerchan="+value)
	}
	return strings.Join(kept, ",")
}

// reexec runs this program again with GODEBUG=godebug and exits with its status.
func reexec(godebug, what string) {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "oracle: cannot find its own executable to switch to %s: %v\n", what, err)
		os.Exit(2)
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GODEBUG=") {
			env = append(env, kv)
		}
	}
	if godebug != "" {
		env = append(env, "GODEBUG="+godebug)
	}
	cmd.Env = append(env, childEnv+"="+what)
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		os.Exit(0)
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	default:
		fmt.Fprintf(os.Stderr, "oracle: cannot run itself with %s: %v\n", what, strings.TrimSpace(err.Error()))
		os.Exit(2)
	}
}

// behaviour names the timer-channel behaviour of this process from what the runtime does, as
// oracle/releases/probe does: sync (cap 0, unreferenced timers collected), async (cap 1, kept
// until they fire: Go <= 1.22, asynctimerchan=1) or async-collected (cap 1, collected:
// asynctimerchan=2). It leaves 20,000 armed timers behind: call it last.
func behaviour() string {
	capacity := cap(time.NewTimer(time.Hour).C)

	t := time.NewTimer(time.Millisecond)
	time.Sleep(50 * time.Millisecond)
	t.Stop()
	stale := false
	select {
	case <-t.C:
		stale = true
	default:
	}

	// Heap still in use per dropped, never-stopped 1 h timer: over 200 B when the runtime keeps
	// them, 0 when they are collected. (A finalizer cannot tell: a channel timer and its channel
	// point at each other, and Go never runs a finalizer on such a cycle.)
	const n = 20000
	before := heapInUse()
	for i := 0; i < n; i++ {
		time.NewTimer(time.Hour)
	}
	retained := (heapInUse() - before) / n
	collected := retained < 64

	name := "unknown"
	switch {
	case capacity == 0 && collected && !stale:
		name = "sync"
	case capacity == 1 && !collected && stale:
		name = "async"
	case capacity == 1 && collected && stale:
		name = "async-collected"
	}
	return fmt.Sprintf("%s cap=%d stale=%t collected=%t retained=%dB", name, capacity, stale, collected, retained)
}

func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
