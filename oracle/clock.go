package main

// Script time on real time. A script's durations are multiples of its quantum (by default the GCD
// of every duration it writes); one quantum becomes `real` of wall time. Script time T is the real
// instant start + T/quantum*real, and a value read back is rounded to the nearest quantum, so
// scheduling noise below half a real quantum cannot change an observation.

import (
	"fmt"
	"math"
	"time"
)

// infinite is the length from which a script duration counts as "never within this script": it
// is not used for the quantum and is handed to Go as ±MaxInt64, where Go clamps the deadline to
// the end of time exactly as it would the script's own overflowing deadline (TestOverflowSleep).
const infinite = time.Duration(1) << 62

type clock struct {
	start   time.Time     // script time 0
	quantum time.Duration // script time per quantum
	real    time.Duration // wall time per quantum
}

// quantumOf is the GCD of the script's finite, non-zero durations; 1s when it has none.
func quantumOf(s *script) time.Duration {
	var g time.Duration
	for _, o := range s.ops {
		if o.kind != opCreate && o.kind != opReset && o.kind != opAdvance {
			continue
		}
		d := o.d
		if d < 0 {
			d = -d
		}
		if d == 0 || d >= infinite || d < 0 { // d < 0 again: -MinInt64
			continue
		}
		g = gcd(g, d)
	}
	if g == 0 {
		return time.Second
	}
	return g
}

func gcd(a, b time.Duration) time.Duration {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// checkUnit verifies that every finite duration of s is a multiple of unit and that the script's
// advances fit in maxQuanta quanta of wall time.
func checkUnit(s *script, unit time.Duration, maxQuanta int64) error {
	var total int64
	for _, o := range s.ops {
		if o.kind != opCreate && o.kind != opReset && o.kind != opAdvance {
			continue
		}
		if o.d >= infinite || o.d <= -infinite {
			continue
		}
		if o.d%unit != 0 {
			return fmt.Errorf("%s:%d: %v is not a multiple of the script quantum %v", s.file, o.line, o.d, unit)
		}
		if n := int64(o.d / unit); n > maxQuanta {
			return fmt.Errorf("%s:%d: %v is %d quanta of %v (max %d): use coarser durations or -max-quanta",
				s.file, o.line, o.d, n, unit, maxQuanta)
		}
		if o.kind == opAdvance && o.d > 0 {
			total += int64(o.d / unit)
		}
	}
	if total > maxQuanta {
		return fmt.Errorf("%s: its advances take %d quanta of %v (max %d): use coarser durations or -max-quanta",
			s.file, total, unit, maxQuanta)
	}
	return nil
}

// at is the wall-clock instant of script time t (a multiple of the quantum).
func (c *clock) at(t time.Duration) time.Time {
	return c.start.Add(time.Duration(t/c.quantum) * c.real)
}

// scale maps a script duration to wall time; infinite ones become ±MaxInt64.
func (c *clock) scale(d time.Duration) time.Duration {
	switch {
	case d >= infinite:
		return math.MaxInt64
	case d <= -infinite:
		return math.MinInt64
	}
	return d / c.quantum * c.real
}

// scriptTime rounds wall-clock instant v, read on an object whose grid is offset by phase from
// the script's grid, to script time.
func (c *clock) scriptTime(v time.Time, phase time.Duration) time.Duration {
	n := math.Round(float64(v.Sub(c.start)-phase) / float64(c.real))
	return time.Duration(n) * c.quantum
}
