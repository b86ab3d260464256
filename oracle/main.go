// Command oracle runs timerlab op scripts (SCRIPT.md) on real Go timers, in real time, and prints
// the same observation lines as timerlab's interpreter. See README.md.
//
//	oracle [-mode async|sync | -asynctimerchan 0|1|2|default] [-quantum 25ms] [-unit DUR] [-jobs N] SCRIPT...
//	oracle [-asynctimerchan 0|1|2|default] -behaviour
//
// With one script it prints that script's observations; with several it runs them -jobs at a time
// and prints, in argument order, a line "== SCRIPT" before each script's observations.
//
// -mode makes the process run with the timer channels it names, whatever that takes;
// -asynctimerchan runs it with exactly that GODEBUG setting ("default": none, so the go line the
// oracle was built with decides) and leaves the outcome to the Go release, which is what
// `cargo xtask oracle` records per release. -behaviour prints the behaviour the process got
// (sync, async or async-collected; RELEASES.md) and exits.
//
// Exit status: 0; 1 when a script cannot run (its error is printed); 2 for bad arguments or a
// script that does not parse; 3 when the wall clock got away from a script's grid (a busy
// machine): the run vouches for nothing and may be retried.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

func main() {
	mode := flag.String("mode", "", "timer channel semantics: async (GODEBUG=asynctimerchan=1) or sync (=0); "+
		"default: the script's mode line, else async")
	real := flag.Duration("quantum", 25*time.Millisecond, "wall time of one script quantum")
	unit := flag.Duration("unit", 0, "the script quantum; 0: the GCD of each script's durations")
	jobs := flag.Int("jobs", 1, "scripts run at the same time")
	maxQuanta := flag.Int64("max-quanta", 2400, "refuse scripts whose advances or durations exceed this many quanta")
	setting := flag.String("asynctimerchan", "", "run with exactly GODEBUG=asynctimerchan=VALUE (0, 1, 2), or "+
		"without the setting (default); the Go release decides what it means")
	report := flag.Bool("behaviour", false, "print the timer-channel behaviour this process gets and exit")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: oracle [-mode async|sync | -asynctimerchan 0|1|2|default] [-quantum 25ms] "+
			"[-unit DUR] [-jobs N] SCRIPT...\n       oracle [-asynctimerchan 0|1|2|default] -behaviour")
		flag.PrintDefaults()
	}
	flag.Parse()
	files := flag.Args()
	if (len(files) == 0 && !*report) || *jobs < 1 || *real <= 0 || *unit < 0 {
		flag.Usage()
		os.Exit(2)
	}
	switch *setting {
	case "", "default", "0", "1", "2":
	default:
		fmt.Fprintf(os.Stderr, "oracle: unknown -asynctimerchan %q: expected 0, 1, 2 or default\n", *setting)
		os.Exit(2)
	}
	if *setting != "" && *mode != "" {
		fmt.Fprintln(os.Stderr, "oracle: -mode and -asynctimerchan exclude each other")
		os.Exit(2)
	}
	if *setting != "" {
		ensureSetting(*setting)
	}
	if *mode != "" && *mode != "async" && *mode != "sync" {
		fmt.Fprintf(os.Stderr, "oracle: unknown mode %q: expected async or sync\n", *mode)
		os.Exit(2)
	}
	if *report {
		if *mode != "" {
			ensureMode(*mode)
		}
		fmt.Println(behaviour())
		return
	}

	scripts := make([]*script, len(files))
	for i, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: cannot read: %v\n", f, err)
			os.Exit(2)
		}
		if scripts[i], err = parseScript(f, string(src)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	want := *mode
	if want == "" && *setting == "" {
		want = scripts[0].mode
		for _, s := range scripts[1:] {
			if s.mode != want {
				fmt.Fprintln(os.Stderr, "oracle: the scripts ask for different modes: pass -mode")
				os.Exit(2)
			}
		}
		if want == "" {
			want = "async"
		}
	}
	if *setting == "" {
		if want != "async" && want != "sync" {
			fmt.Fprintf(os.Stderr, "oracle: unknown mode %q: expected async or sync\n", want)
			os.Exit(2)
		}
		ensureMode(want)
	}

	cfg := config{real: *real, unit: *unit, maxQuanta: *maxQuanta}
	outs := make([]string, len(scripts))
	errs := make([]error, len(scripts))
	sem := make(chan struct{}, *jobs)
	var wg sync.WaitGroup
	for i, s := range scripts {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			outs[i], errs[i] = runScript(s, cfg)
		}()
	}
	wg.Wait()

	var b strings.Builder
	status := 0
	for i, f := range files {
		if errs[i] != nil {
			fmt.Fprintln(os.Stderr, errs[i])
			if _, ok := errs[i].(unreliable); !ok {
				status = 1
			} else if status == 0 {
				status = 3
			}
			continue
		}
		if len(files) > 1 {
			fmt.Fprintf(&b, "== %s\n", f)
		}
		b.WriteString(outs[i])
	}
	os.Stdout.WriteString(b.String())
	os.Exit(status)
}
