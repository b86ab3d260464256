package main

// Running a script on real Go timers in real time. Every op happens at a known script time T;
// the wall clock is kept on the script's grid (see clock.go) so that each observation can be
// read back as script time. The lines printed are those of crates/script's interpreter.

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// object is what a create op made: the program's references, and what the oracle knows from the
// calls it made (only to bound how long `wait` waits, never to decide an observation).
type object struct {
	id     int
	name   string
	ctor   ctor
	timer  *time.Timer  // Timer and AfterFunc
	ticker *time.Ticker // Ticker
	ch     <-chan time.Time
	// phase: wall-clock offset of the object's firing grid from the script's grid. Timers are
	// armed so that they fire on the script's grid (phase 0); a ticker's grid starts when it is
	// created or reset, so it carries the offset of that moment.
	phase time.Duration
	// armed: started and neither stopped nor (as far as the calls tell) unable to fire again.
	armed    bool
	deadline time.Duration // script time of the last arming of a Timer; past ones deliver now or never
	never    bool          // the deadline is beyond the end of time
	period   time.Duration // script time; > 0 for tickers
}

type firing struct {
	id int
	at time.Time
}

// afterFuncLog collects the AfterFunc bodies that ran, in the order they ran.
type afterFuncLog struct {
	mu   sync.Mutex
	runs []firing
}

func (l *afterFuncLog) record(id int, at time.Time) {
	l.mu.Lock()
	l.runs = append(l.runs, firing{id, at})
	l.mu.Unlock()
}

func (l *afterFuncLog) take() []firing {
	l.mu.Lock()
	defer l.mu.Unlock()
	runs := l.runs
	l.runs = nil
	return runs
}

// config is how script time maps to wall time.
type config struct {
	real      time.Duration // wall time of one script quantum
	unit      time.Duration // script quantum; 0: the GCD of the script's durations
	maxQuanta int64
}

type runner struct {
	s      *script
	clk    clock
	margin time.Duration // an advance to T ends this long after T's instant, past the timers due at T
	settle time.Duration // `wait` listens until this long past the instant a value could come
	grace  time.Duration // and at least this long
	now    time.Duration // script time
	objs   []*object
	bound  map[string]*object
	log    afterFuncLog
	out    strings.Builder
}

// fatal is a run that cannot vouch for its observations: the wall clock got away from the grid.
type fatal struct{ msg string }

// unreliable is the error of such a run: the script is fine, running it again may succeed.
type unreliable struct{ msg string }

func (e unreliable) Error() string { return e.msg }

// runScript runs s on real Go timers and returns its observations.
func runScript(s *script, cfg config) (out string, err error) {
	unit := cfg.unit
	if unit == 0 {
		unit = quantumOf(s)
	}
	if err := checkUnit(s, unit, cfg.maxQuanta); err != nil {
		return "", err
	}
	r := &runner{
		s:      s,
		clk:    clock{quantum: unit, real: cfg.real},
		margin: cfg.real / 4,
		settle: cfg.real * 3 / 5,
		grace:  cfg.real / 25,
		bound:  map[string]*object{},
	}
	defer func() {
		if p := recover(); p != nil {
			f, ok := p.(fatal)
			if !ok {
				panic(p)
			}
			err = unreliable{fmt.Sprintf("%s: %s", s.file, f.msg)}
		}
		r.release()
	}()
	// Start as if an advance had just ended: every op runs `margin` after its instant.
	r.clk.start = time.Now().Add(-r.margin)
	for _, o := range s.ops {
		r.step(o)
	}
	return r.out.String(), nil
}

// release stops what the script left running, so that a long script cannot disturb the next one
// sharing this process.
func (r *runner) release() {
	for _, o := range r.objs {
		if o.timer != nil {
			o.timer.Stop()
		}
		if o.ticker != nil {
			o.ticker.Stop()
		}
	}
}

func (r *runner) line(format string, args ...any) {
	fmt.Fprintf(&r.out, format, args...)
	r.out.WriteByte('\n')
}

func (r *runner) step(o op) {
	switch o.kind {
	case opCreate:
		r.create(o)
	case opStop:
		obj := r.bound[o.name]
		obj.armed = false
		if obj.ticker != nil {
			obj.ticker.Stop()
			r.line("stop %s", o.name)
		} else {
			r.line("stop %s = %t", o.name, obj.timer.Stop())
		}
	case opReset:
		r.reset(r.bound[o.name], o)
	case opAdvance:
		r.advance(o)
	case opRecv:
		obj := r.bound[o.name]
		select {
		case v := <-obj.ch:
			r.line("recv %s = @%v", o.name, r.clk.scriptTime(v, obj.phase))
		default:
			r.line("recv %s = empty", o.name)
		}
	case opWait:
		r.wait(r.bound[o.name])
	case opLen:
		r.line("len %s = %d", o.name, len(r.bound[o.name].ch))
	case opDrop:
		obj := r.bound[o.name]
		delete(r.bound, o.name)
		// The program's last reference goes: an AfterFunc's body still runs, and in sync mode the
		// collector may take the rest. Keep only what `release` needs.
		obj.ch = nil
		if obj.ctor != ctorAfterFunc {
			obj.timer = nil
		}
		obj.ticker = nil
	case opLive:
		// Go has no count of live timers.
		r.line("live = ?")
	}
}

func (r *runner) create(o op) {
	obj := &object{id: len(r.objs), name: o.name, ctor: o.ctor}
	r.objs = append(r.objs, obj)
	switch o.ctor {
	case ctorTimer, ctorAfter, ctorAfterFunc:
		d := r.armTimer(obj, o)
		switch o.ctor {
		case ctorTimer:
			obj.timer = time.NewTimer(d)
			obj.ch = obj.timer.C
		case ctorAfter:
			obj.ch = time.After(d)
		case ctorAfterFunc:
			id, log := obj.id, &r.log
			obj.timer = time.AfterFunc(d, func() { log.record(id, time.Now()) })
		}
	case ctorTicker:
		start := time.Now()
		t, msg := newTicker(r.clk.scale(o.d))
		if msg != "" {
			r.line("panic %s: %s", o.name, msg)
			return
		}
		obj.ticker, obj.ch = t, t.C
		r.armTicker(obj, o.d, start)
	case ctorTick:
		start := time.Now()
		obj.ch = time.Tick(r.clk.scale(o.d))
		if obj.ch != nil {
			r.armTicker(obj, o.d, start)
		}
	}
	r.bound[o.name] = obj
}

func newTicker(d time.Duration) (t *time.Ticker, msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprint(p)
		}
	}()
	return time.NewTicker(d), ""
}

func resetTicker(t *time.Ticker, d time.Duration) (msg string) {
	defer func() {
		if p := recover(); p != nil {
			msg = fmt.Sprint(p)
		}
	}()
	t.Reset(d)
	return ""
}

// armTimer records a Timer's (re)arming at script time now for d, and returns the wall-clock
// duration to hand to Go: the time left until the instant of now+d, so the timer fires on the
// script's grid whatever the op's own lateness. d <= 0 and infinite d are passed as they are.
func (r *runner) armTimer(obj *object, o op) time.Duration {
	obj.armed, obj.never, obj.phase = true, false, 0
	switch {
	case o.d <= 0:
		// Go fires it at once and its value is the creation time: the current phase.
		obj.deadline = r.now
		obj.phase = time.Since(r.clk.at(r.now))
		return r.clk.scale(o.d)
	case o.d >= infinite:
		obj.never = true
		return r.clk.scale(o.d)
	}
	obj.deadline = r.now + o.d
	d := time.Until(r.clk.at(obj.deadline))
	if d <= 0 {
		panic(fatal{fmt.Sprintf("line %d: the oracle fell behind the wall clock by %v; use a larger -quantum",
			o.line, -d)})
	}
	return d
}

func (r *runner) armTicker(obj *object, period time.Duration, start time.Time) {
	obj.armed, obj.period, obj.never = true, period, period >= infinite
	obj.phase = start.Sub(r.clk.at(r.now))
}

func (r *runner) reset(obj *object, o op) {
	if obj.ticker != nil {
		start := time.Now()
		if msg := resetTicker(obj.ticker, r.clk.scale(o.d)); msg != "" {
			r.line("panic %s: %s", o.name, msg)
			return
		}
		r.armTicker(obj, o.d, start)
		r.line("reset %s", o.name)
		return
	}
	d := r.armTimer(obj, o)
	r.line("reset %s = %t", o.name, obj.timer.Reset(d))
}

func (r *runner) advance(o op) {
	if o.d > 0 {
		r.now += o.d
	}
	target := r.clk.at(r.now).Add(r.margin)
	if o.d <= 0 {
		// No time passes, but the runtime gets its check: due timers run (Go's "at the next
		// runtime check"), as on the model's `advance 0`.
		time.Sleep(r.clk.real / 100)
		runtime.Gosched()
	}
	time.Sleep(time.Until(target))
	if late := time.Since(target); o.d > 0 && late > r.clk.real*2/5 {
		panic(fatal{fmt.Sprintf("line %d: the oracle woke %v late; use a larger -quantum", o.line, late)})
	}
	r.printFired()
}

// wait is a blocking receive. Go would block forever when no value can come; the oracle listens
// until the latest instant a value could come from what it armed (now, for a stopped or drained
// timer; the deadline of an armed Timer; one period ahead for a Ticker), plus `settle` — within
// the same quantum, so before anything due at the next one — and calls the rest a deadlock.
// Script time then does not move, as in the model.
func (r *runner) wait(obj *object) {
	if obj.ch == nil {
		// A nil channel (AfterFunc's C, Tick(d <= 0)): receiving blocks forever, by the spec.
		r.printFired()
		r.line("wait %s = deadlock", obj.name)
		return
	}
	limit := later(time.Now().Add(r.grace), r.clk.at(r.now).Add(r.settle))
	if obj.armed && !obj.never {
		latest := max(r.now, obj.deadline)
		if obj.period > 0 {
			latest = r.now + obj.period
		}
		limit = later(limit, r.clk.at(latest).Add(obj.phase+r.settle))
	}
	watchdog := time.NewTimer(time.Until(limit))
	defer watchdog.Stop()
	select {
	case v := <-obj.ch:
		at := r.clk.scriptTime(v, obj.phase)
		// Time passed until the value came; a value from the past was there already.
		r.now = max(r.now, at)
		r.printFired()
		r.line("wait %s = @%v", obj.name, at)
	case <-watchdog.C:
		r.printFired()
		r.line("wait %s = deadlock", obj.name)
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// printFired prints the AfterFunc bodies that ran, each read on its own grid (an AfterFunc with
// d <= 0 runs at once, at the phase of its creation). Go runs each body in its own goroutine, so
// two due in the same quantum have no defined order: the oracle orders by time, then creation.
func (r *runner) printFired() {
	runs := r.log.take()
	type line struct {
		at time.Duration
		id int
	}
	lines := make([]line, len(runs))
	for i, f := range runs {
		lines[i] = line{r.clk.scriptTime(f.at, r.objs[f.id].phase), f.id}
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if lines[i].at != lines[j].at {
			return lines[i].at < lines[j].at
		}
		return lines[i].id < lines[j].id
	})
	for _, l := range lines {
		r.line("fired %s @%v", r.objs[l.id].name, l.at)
	}
}
