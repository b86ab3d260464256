package main

// The timer channel semantics of this process. Go 1.23 reads GODEBUG=asynctimerchan once, at
// start-up, so a process that runs in the wrong mode starts itself again with the setting added.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
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
		fmt.Fprintf(os.Stderr, "oracle: GODEBUG=%s did not give %s timer channels (needs Go >= 1.23)\n",
			os.Getenv("GODEBUG"), want)
		os.Exit(2)
	}
	setting := "asynctimerchan=0"
	if want == "async" {
		setting = "asynctimerchan=1"
	}
	godebug := setting
	if old := os.Getenv("GODEBUG"); old != "" {
		godebug = old + "," + setting // the last setting of a key wins
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "oracle: cannot find its own executable to switch to %s mode: %v\n", want, err)
		os.Exit(2)
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "GODEBUG="+godebug, childEnv+"="+want)
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		os.Exit(0)
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	default:
		fmt.Fprintf(os.Stderr, "oracle: cannot run itself in %s mode: %v\n", want, strings.TrimSpace(err.Error()))
		os.Exit(2)
	}
}
