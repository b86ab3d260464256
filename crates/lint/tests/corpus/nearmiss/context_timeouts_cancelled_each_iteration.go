// Contexts with a timeout made in a loop and cancelled within the iteration: a cancel at the end
// of the body, a `defer` in a function literal called each iteration, a loop over a known list,
// or a context without a timer.
package nearmiss

import (
	"context"
	"time"
)

func cancelEachRound(parent context.Context, jobs <-chan func(context.Context)) {
	for job := range jobs {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		job(ctx)
		cancel()
	}
}

func deferInALiteral(parent context.Context, jobs <-chan func(context.Context)) {
	for job := range jobs {
		func() {
			ctx, cancel := context.WithTimeout(parent, time.Second)
			defer cancel()
			job(ctx)
		}()
	}
}

func knownList(parent context.Context, hosts []string, ping func(context.Context, string)) {
	for _, h := range hosts {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		ping(ctx, h)
	}
}

func noTimer(parent context.Context, jobs <-chan func(context.Context)) {
	for job := range jobs {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		job(ctx)
	}
}

type limiter struct{}

func (limiter) WithTimeout(p context.Context, d time.Duration) (context.Context, func()) {
	return p, func() {}
}

// Another package's WithTimeout: what it arms is not known.
func ownWithTimeout(parent context.Context, lim limiter, jobs <-chan func(context.Context)) {
	for job := range jobs {
		ctx, cancel := lim.WithTimeout(parent, time.Second)
		defer cancel()
		job(ctx)
	}
}
