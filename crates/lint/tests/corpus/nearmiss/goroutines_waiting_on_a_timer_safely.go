// Goroutines waiting on a timer's channel that no Stop strands: the wait has another way out,
// the function waits for the goroutine before it stops the timer, the timer is re-armed, or
// nothing stops it.
package nearmiss

import (
	"context"
	"log"
	"sync"
	"time"
)

// A done channel beside the timer: the goroutine ends either way.
func withDone(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	go func() {
		select {
		case <-t.C:
			log.Print("late")
		case <-ctx.Done():
		}
	}()
}

// The function waits for the goroutine before it stops the timer: by then it has received.
func waitsFirst(d time.Duration) {
	t := time.NewTimer(d)
	fired := make(chan struct{})
	go func() {
		<-t.C
		close(fired)
	}()
	<-fired
	t.Stop()
}

// A WaitGroup, with the Stop deferred: the function waits before it returns.
func waitGroup(d time.Duration) {
	var wg sync.WaitGroup
	t := time.NewTimer(d)
	defer t.Stop()
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-t.C
	}()
	wg.Wait()
}

// The timer is re-armed: the goroutine gets its value later.
func rearmed(d time.Duration, again func() bool) {
	t := time.NewTimer(d)
	go func() {
		<-t.C
		log.Print("fired")
	}()
	if again() {
		t.Stop()
		t.Reset(d)
	}
}

// A deferred Stop, but a Reset that can run after it: a callback the function hands out re-arms
// the timer, and the goroutine gets its value then.
func rearmedLater(d time.Duration, register func(func())) {
	t := time.NewTimer(d)
	defer t.Stop()
	go func() {
		<-t.C
		log.Print("fired")
	}()
	register(func() { t.Reset(d) })
}

// Deferred calls run last in, first out: the Reset deferred before the Stop runs after it.
func rearmedOnReturn(d time.Duration) {
	t := time.NewTimer(d)
	defer t.Reset(d)
	defer t.Stop()
	go func() {
		<-t.C
		log.Print("fired")
	}()
}

// The Stop is not deferred: the loop's next Reset re-arms the timer after it.
func pausedAndResumed(d time.Duration, events <-chan bool) {
	t := time.NewTimer(d)
	go func() {
		<-t.C
		log.Print("fired")
	}()
	for pause := range events {
		if pause {
			t.Stop()
		} else {
			t.Reset(d)
		}
	}
}

// Nothing stops the timer: it fires and the goroutine ends.
func neverStopped(d time.Duration) {
	t := time.NewTimer(d)
	go func() {
		<-t.C
		log.Print("fired")
	}()
}

// The goroutine stops the timer itself; the receive is on the caller's path, not a goroutine's.
func inline(d time.Duration) {
	t := time.NewTimer(d)
	<-t.C
	t.Stop()
}

// A Stop in `init` runs once per process: one goroutine left waiting, not a leak that grows.
func init() {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	go func() {
		<-t.C
		log.Print("still starting")
	}()
}

// Workers run until the timer's goroutine closes `stop`; the function waits for the workers,
// so by the deferred Stop the timer has fired.
func load(d time.Duration, workers int, work func()) {
	stop := make(chan struct{})
	t := time.NewTimer(d)
	defer t.Stop()
	go func() {
		<-t.C
		close(stop)
	}()
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					work()
				}
			}
		}()
	}
	wg.Wait()
}

// The goroutine cancels the context the function waits on: its Stop comes after the value.
func untilCancelled(d time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	t := time.NewTimer(d)
	go func() {
		<-t.C
		cancel()
	}()
	<-ctx.Done()
	t.Stop()
}

// The goroutine hands the channel's address on; it does not wait on it.
func address(d time.Duration, keep func(*<-chan time.Time)) {
	t := time.NewTimer(d)
	go func() {
		keep(&t.C)
	}()
	t.Stop()
}

// The function ranges over what the goroutine sends until it closes the channel: by the Stop,
// the timer has fired.
func collect(d time.Duration, results chan int) []int {
	t := time.NewTimer(d)
	go func() {
		<-t.C
		close(results)
	}()
	var all []int
	for r := range results {
		all = append(all, r)
	}
	t.Stop()
	return all
}

// The wait runs in the caller's goroutine, before the same goroutine stops the timer (Stop is
// false then, and nothing waits); only another method is started with `go`.
type job struct {
	deadline *time.Timer
}

func (j *job) run() {
	j.deadline = time.NewTimer(time.Minute)
	go j.heartbeat()
	j.waitDeadline()
	j.finish()
}

func (j *job) waitDeadline() {
	<-j.deadline.C
}

func (j *job) finish() {
	j.deadline.Stop()
}

func (j *job) heartbeat() {}

// The goroutine makes its own timer; the function's other goroutine stops another local of the
// same name (junegunn/fzf: an initial delay beside a preview's kill timer).
func delayThenActivate(delay time.Duration, activate func(), preview func(chan struct{})) {
	go func() {
		timer := time.NewTimer(delay)
		<-timer.C
		activate()
	}()
	go func() {
		finished := make(chan struct{})
		go preview(finished)
		timer := time.NewTimer(time.Second)
		select {
		case <-timer.C:
		case <-finished:
		}
		timer.Stop()
	}()
}
