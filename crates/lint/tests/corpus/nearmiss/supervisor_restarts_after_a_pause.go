// A supervisor that restarts its task a retry pause after it failed: the timer is made in the
// case that receives the task's result, and only the timer's own case starts the next task. So
// between two new timers the last one fired and was received: none is left pending
// (bluenviron/mediamtx's static source handler).
package nearmiss

import (
	"context"
	"time"
)

func superviseWithAClosure(ctx context.Context, run func(context.Context) error, pause time.Duration) {
	runErr := make(chan error)
	var cancel func()
	restart := func() {
		var runCtx context.Context
		runCtx, cancel = context.WithCancel(ctx)
		go func() {
			runErr <- run(runCtx)
		}()
	}
	restart()
	retry := time.NewTimer(0)
	<-retry.C
	for {
		select {
		case err := <-runErr:
			cancel()
			println(err.Error())
			retry = time.NewTimer(pause)
		case <-retry.C:
			restart()
		case <-ctx.Done():
			cancel()
			<-runErr
			return
		}
	}
}

func superviseDirectly(ctx context.Context, run func() error, pause time.Duration) {
	done := make(chan error)
	go func() { done <- run() }()
	retry := time.NewTimer(pause)
	retry.Stop()
	for {
		select {
		case <-done:
			retry = time.NewTimer(pause)
		case <-retry.C:
			go func() { done <- run() }()
		case <-ctx.Done():
			return
		}
	}
}
