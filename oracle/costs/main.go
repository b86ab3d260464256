// Command costs measures the heap Go keeps per timer a program leaks: for each kind of leak it
// makes N timers (1 h or 1 min, so none fires during the measurement), drops every reference,
// collects twice, and divides the heap bytes and objects that remain by N. Each kind is measured
// in fresh processes (the median of -rounds), started with GODEBUG=asynctimerchan=VALUE or, for
// "default", without the setting, so that the go line the program was built with decides.
//
//	go run ./costs [-n 100000] [-rounds 5] [-asynctimerchan 0|1|2|default] [-goline 1.23]
//
// It prints tab-separated rows: release, go line (as given by -goline: the driver builds the
// program with that go line), asynctimerchan, kind, bytes per timer, objects per timer,
// iterations. A release that refuses to start with the setting (Go 1.27 with 1 or 2) gives one
// row per kind with "refused" in place of the figures. run.sh runs it per release and setting.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// kinds: how each leak is made; each call leaks n timers.
var kinds = []struct {
	name string
	leak func(n int)
}{
	// SCENARIOS.md S2 (golang/go#8898): a message is always ready, so every iteration's
	// time.After timer is dropped unfired.
	{"time.After in a select loop", func(n int) {
		msgs := make(chan int, 1)
		for i := 0; i < n; i++ {
			msgs <- i
			select {
			case <-msgs:
			case <-time.After(time.Minute):
			}
		}
	}},
	{"time.NewTimer, never stopped", func(n int) {
		for i := 0; i < n; i++ {
			time.NewTimer(time.Hour)
		}
	}},
	{"time.Tick", func(n int) {
		for i := 0; i < n; i++ {
			_ = time.Tick(time.Hour) //nolint:staticcheck // the leak is the point
		}
	}},
	{"time.NewTicker, never stopped", func(n int) {
		for i := 0; i < n; i++ {
			time.NewTicker(time.Hour)
		}
	}},
	{"time.AfterFunc, never stopped", func(n int) {
		for i := 0; i < n; i++ {
			time.AfterFunc(time.Hour, noop)
		}
	}},
}

// noop is AfterFunc's f: a function without captures, so no closure is allocated for it.
func noop() {}

func heap() (bytes, objects int64) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc), int64(m.HeapObjects)
}

// measure runs in the child: heap bytes and objects per timer left after the leak.
func measure(kind, n int) (perBytes, perObjects float64) {
	b0, o0 := heap()
	kinds[kind].leak(n)
	b1, o1 := heap()
	return float64(b1-b0) / float64(n), float64(o1-o0) / float64(n)
}

func main() {
	n := flag.Int("n", 100000, "timers leaked per measurement")
	rounds := flag.Int("rounds", 5, "measurements (fresh processes) per kind; the row shows the median")
	setting := flag.String("asynctimerchan", "default", "GODEBUG=asynctimerchan=VALUE for the measured "+
		"processes, or default: no such setting")
	goline := flag.String("goline", "?", "the go line this program was built with, for the rows")
	child := flag.Int("kind", -1, "internal: measure one kind in this process")
	flag.Parse()
	if *child >= 0 {
		b, o := measure(*child, *n)
		fmt.Printf("%f %f\n", b, o)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "costs:", err)
		os.Exit(1)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GODEBUG=") {
			env = append(env, kv)
		}
	}
	label := "unset"
	if *setting != "default" {
		env = append(env, "GODEBUG=asynctimerchan="+*setting)
		label = *setting
	}
	release := runtime.Version()
	for k, kind := range kinds {
		var perBytes, perObjects []float64
		refused := ""
		for r := 0; r < *rounds && refused == ""; r++ {
			cmd := exec.Command(exe, "-kind", strconv.Itoa(k), "-n", strconv.Itoa(*n))
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			var exit *exec.ExitError
			if errors.As(err, &exit) && strings.HasPrefix(stderr.String(), "fatal error: ") {
				refused = strings.SplitN(stderr.String(), "\n", 2)[0]
				break
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "costs: %s with asynctimerchan=%s: %v\n%s", kind.name, *setting, err, stderr.String())
				os.Exit(1)
			}
			var b, o float64
			if _, err := fmt.Sscan(strings.TrimSpace(string(out)), &b, &o); err != nil {
				fmt.Fprintf(os.Stderr, "costs: unexpected child output %q\n", out)
				os.Exit(1)
			}
			perBytes, perObjects = append(perBytes, b), append(perObjects, o)
		}
		if refused != "" {
			fmt.Printf("%s\t%s\t%s\t%s\trefused\trefused\t%d\n", release, *goline, label, kind.name, *n)
			fmt.Fprintf(os.Stderr, "costs: %s refuses asynctimerchan=%s: %s\n", release, *setting, refused)
			continue
		}
		fmt.Printf("%s\t%s\t%s\t%s\t%.0f\t%.2f\t%d\n", release, *goline, label, kind.name,
			median(perBytes), median(perObjects), *n)
	}
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}
