// Command costs measures the heap Go keeps per timer the program leaks: for each kind of timer it
// creates N of them (1h, so none fires), drops every reference, collects, and divides the heap
// that remains by N. Each kind is measured in a fresh process per mode (GODEBUG=asynctimerchan=1
// and =0), and the result is printed as the Markdown table of oracle/README.md.
//
//	go run ./costs [-n 100000] [-rounds 3]
package main

import (
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

// kinds: how each timer is made, and what the program keeps of it while it holds it.
var kinds = []struct {
	name string
	make func() any
}{
	{"time.After", func() any { return time.After(time.Hour) }},
	{"time.NewTimer (dropped)", func() any { return time.NewTimer(time.Hour) }},
	{"time.AfterFunc", func() any { return time.AfterFunc(time.Hour, noop) }},
	{"time.NewTicker (dropped)", func() any { return time.NewTicker(time.Hour) }},
	{"time.Tick", func() any { return time.Tick(time.Hour) }},
}

// noop is AfterFunc's f: a function without captures, so no closure is allocated for it.
func noop() {}

func heap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// measure runs in the child: bytes per timer while held, and retained after the drop.
func measure(kind, n int) (held, retained float64) {
	before := heap()
	keep := make([]any, n)
	base := heap()
	for i := range keep {
		keep[i] = kinds[kind].make()
	}
	withTimers := heap()
	runtime.KeepAlive(keep)
	keep = nil
	after := heap()
	return float64(withTimers-base) / float64(n), float64(after-before) / float64(n)
}

func main() {
	n := flag.Int("n", 100000, "timers per measurement")
	rounds := flag.Int("rounds", 3, "measurements per kind and mode; the table shows the median")
	child := flag.Int("kind", -1, "internal: measure one kind in this process")
	flag.Parse()
	if *child >= 0 {
		held, retained := measure(*child, *n)
		fmt.Printf("%f %f\n", held, retained)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "costs:", err)
		os.Exit(1)
	}
	fmt.Printf("%s %s/%s, %d timers per measurement, median of %d\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, *n, *rounds)
	fmt.Println("| kind | async: held | async: retained after drop | sync: held | sync: retained after drop |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for k, kind := range kinds {
		cells := []string{kind.name}
		for _, godebug := range []string{"asynctimerchan=1", "asynctimerchan=0"} {
			var helds, kept []float64
			for r := 0; r < *rounds; r++ {
				cmd := exec.Command(exe, "-kind", strconv.Itoa(k), "-n", strconv.Itoa(*n))
				cmd.Env = append(os.Environ(), "GODEBUG="+godebug)
				cmd.Stderr = os.Stderr
				out, err := cmd.Output()
				if err != nil {
					fmt.Fprintf(os.Stderr, "costs: %s with %s: %v\n", kind.name, godebug, err)
					os.Exit(1)
				}
				var h, re float64
				if _, err := fmt.Sscan(strings.TrimSpace(string(out)), &h, &re); err != nil {
					fmt.Fprintf(os.Stderr, "costs: unexpected child output %q\n", out)
					os.Exit(1)
				}
				helds, kept = append(helds, h), append(kept, re)
			}
			cells = append(cells, fmt.Sprintf("%.0f B", median(helds)), fmt.Sprintf("%.0f B", median(kept)))
		}
		fmt.Printf("| %s |\n", strings.Join(cells, " | "))
	}
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}
