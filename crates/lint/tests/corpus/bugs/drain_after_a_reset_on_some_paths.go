// A timer handed in, Reset only on some paths before the select: on the others the caller may
// have received its channel, and since Go 1.23 the drain then hangs.
package relay

import (
	"context"
	"time"
)

func waitFresh(ctx context.Context, t *time.Timer, d time.Duration, fresh bool) {
	if fresh {
		t.Reset(d)
	}
	select {
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C // want sync-drain sync=error
		}
	case <-t.C:
	}
}

// Reset, then a receive in a select before the drain's: the drain may follow the receive and
// block in every behaviour.
func waitTwice(ctx context.Context, t *time.Timer, d time.Duration, next <-chan int) {
	t.Reset(d)
	select {
	case <-t.C:
	case <-next:
	}
	select {
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C // want blocking-drain async=error async-collected=error sync=error
		}
	case <-next:
	}
}

// A goroutine started after the Reset receives the channel: the drain may follow its receive —
// a hang in every behaviour, which `blocking-drain` cannot see across functions.
func handOff(ctx context.Context, t *time.Timer, d time.Duration, fired chan<- struct{}) {
	t.Reset(d)
	go func() {
		<-t.C
		fired <- struct{}{}
	}()
	<-ctx.Done()
	if !t.Stop() {
		<-t.C // want sync-drain sync=error
	}
}

// Another timer's Reset arms nothing of t's.
func resetsTheOther(ctx context.Context, t, u *time.Timer, d time.Duration) {
	u.Reset(d)
	select {
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C // want sync-drain sync=error
		}
	case <-u.C:
	}
}

// Stopped after the Reset: Stop then returns false and the drain waits for ever.
func stopThenDrain(ctx context.Context, t *time.Timer, d time.Duration) {
	t.Reset(d)
	t.Stop()
	<-ctx.Done()
	if !t.Stop() {
		<-t.C // want sync-drain sync=error
	}
}

// Reset before the loop, stopped by another case of an earlier iteration.
func pauseThenCancel(ctx context.Context, t *time.Timer, d time.Duration, pause <-chan struct{}) {
	t.Reset(d)
	for {
		select {
		case <-ctx.Done():
			if !t.Stop() {
				<-t.C // want sync-drain sync=error
			}
			return
		case <-pause:
			t.Stop()
		}
	}
}
