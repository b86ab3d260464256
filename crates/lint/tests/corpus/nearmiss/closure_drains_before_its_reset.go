// A local closure that stops and drains the timer before its Reset: wherever it is called, the
// channel is empty after it. And a closure only handed to another function (a callback), which
// this file never calls: its Reset is not placed anywhere.
package nearmiss

import (
	"context"
	"time"
)

func dispatchDrained(ctx context.Context, reqs <-chan int, ready <-chan bool, fail func()) {
	t := time.NewTimer(3 * time.Second)
	resetTimeout := func() {
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(3 * time.Second)
	}
batches:
	for {
		select {
		case <-ctx.Done():
			return
		case <-reqs:
		}
		resetTimeout()
		for {
			select {
			case <-t.C:
				fail()
				continue batches
			case ok := <-ready:
				if !ok {
					continue
				}
			}
			break
		}
	}
}

func watch(ctx context.Context, onIdle func(func()), msgs <-chan int) {
	t := time.NewTimer(time.Minute)
	rearm := func() {
		t.Reset(time.Minute)
	}
	onIdle(rearm)
	for {
		select {
		case <-ctx.Done():
			return
		case <-msgs:
		case <-t.C:
			return
		}
	}
}
