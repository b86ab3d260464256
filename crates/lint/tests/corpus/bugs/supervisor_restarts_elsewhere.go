// A timer made in the case that receives a task's result, where the task is started somewhere
// other than the timer's own case, sends more than once, or the channel is handed on: a result
// can come while the last timer is pending, and each one is left behind.
package bugs

import (
	"context"
	"time"
)

func restartedByAnotherCase(ctx context.Context, kick <-chan struct{}, run func() error, pause time.Duration) {
	runErr := make(chan error)
	retry := time.NewTimer(pause)
	for {
		select {
		case <-runErr:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-kick:
			go func() { runErr <- run() }()
		case <-retry.C:
		case <-ctx.Done():
			return
		}
	}
}

func aTaskThatReportsEveryRound(ctx context.Context, poll func() error, pause time.Duration) {
	errs := make(chan error)
	retry := time.NewTimer(pause)
	<-retry.C
	go func() {
		for {
			errs <- poll()
		}
	}()
	for {
		select {
		case <-errs:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-retry.C:
		case <-ctx.Done():
			return
		}
	}
}

func aChannelHandedOn(ctx context.Context, start func(chan<- error), pause time.Duration) {
	errs := make(chan error)
	start(errs)
	retry := time.NewTimer(pause)
	for {
		select {
		case <-errs:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-retry.C:
			go func() { errs <- nil }()
		case <-ctx.Done():
			return
		}
	}
}

func aClosureCalledInAnotherCase(ctx context.Context, kick <-chan struct{}, run func() error, pause time.Duration) {
	runErr := make(chan error)
	restart := func() {
		go func() { runErr <- run() }()
	}
	restart()
	retry := time.NewTimer(pause)
	for {
		select {
		case <-runErr:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-retry.C:
			restart()
		case <-kick:
			restart()
		case <-ctx.Done():
			return
		}
	}
}

func aClosureHandedOn(ctx context.Context, onKick func(func()), run func() error, pause time.Duration) {
	runErr := make(chan error)
	restart := func() {
		go func() { runErr <- run() }()
	}
	onKick(restart)
	retry := time.NewTimer(pause)
	for {
		select {
		case <-runErr:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-retry.C:
			restart()
		case <-ctx.Done():
			return
		}
	}
}

// The task started every round before the select (the select nested in an `if`), and the
// channel kept in a field a worker sends on: results come while a timer is pending.
func aTaskStartedEveryRound(ctx context.Context, ready func() bool, run func() error, pause time.Duration) {
	runErr := make(chan error)
	retry := time.NewTimer(pause)
	for {
		go func() { runErr <- run() }()
		if ready() {
			select {
			case <-runErr:
				retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
			case <-retry.C:
			case <-ctx.Done():
				return
			}
		}
	}
}

type pool struct{ results chan error }

func (p *pool) work(run func() error) {
	for {
		p.results <- run()
	}
}

func aChannelKeptInAField(ctx context.Context, p *pool, run func() error, pause time.Duration) {
	results := make(chan error)
	p.results = results
	go p.work(run)
	retry := time.NewTimer(pause)
	for {
		select {
		case <-results:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-retry.C:
			go func() { results <- run() }()
		case <-ctx.Done():
			return
		}
	}
}

// The channel handed to a worker over another channel.
func aChannelSentToAWorker(ctx context.Context, workers chan<- chan error, run func() error, pause time.Duration) {
	runErr := make(chan error)
	go func() { workers <- runErr }()
	retry := time.NewTimer(pause)
	for {
		select {
		case <-runErr:
			retry = time.NewTimer(pause) // want after-in-loop async=error async-collected=note sync=note
		case <-retry.C:
			go func() { runErr <- run() }()
		case <-ctx.Done():
			return
		}
	}
}
