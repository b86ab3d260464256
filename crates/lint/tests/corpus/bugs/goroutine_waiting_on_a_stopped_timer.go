// A goroutine waiting on a timer's channel while the function that started it — or another
// method — stops the timer: Stop does not close the channel, so when it runs before the timer
// fires no value ever comes, and the goroutine waits forever, holding what it captured, in every
// Go release. Shapes of go-health's checker and moby's events endpoint (a watchdog goroutine
// per call, its timer stopped by `defer` when the call returns in time).
package bugs

import (
	"context"
	"log"
	"os"
	"sync"
	"time"
)

func handle(req string, work func(string) error) error {
	slow := time.NewTimer(5 * time.Second)
	defer slow.Stop()
	go func() {
		<-slow.C // want blocking-drain async=error async-collected=error sync=error
		log.Printf("%s is slow", req)
	}()
	return work(req)
}

// A select of the timer's case alone waits the same way.
func watch(done func(), d time.Duration) {
	t := time.NewTimer(d)
	go func() {
		select {
		case <-t.C: // want blocking-drain async=error async-collected=error sync=error
			done()
		}
	}()
	t.Stop()
}

// A ticker received in a loop: once its owner stops it, no tick comes.
type poller struct {
	mu     sync.Mutex
	ticker *time.Ticker
	poll   func()
}

func (p *poller) start(d time.Duration) {
	p.ticker = time.NewTicker(d)
	go p.loop()
}

func (p *poller) loop() {
	for {
		<-p.ticker.C // want blocking-drain async=error async-collected=error sync=error
		p.poll()
	}
}

func (p *poller) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ticker.Stop()
}

// The goroutine signals a channel, but the function stops the timer before it waits for it.
func stopThenWait(d time.Duration) {
	t := time.NewTimer(d)
	fired := make(chan struct{})
	go func() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
		close(fired)
	}()
	t.Stop()
	<-fired
}

// The function receives from the channel the goroutine closes, but a reply can fill it first:
// then the Stop comes before the timer fired.
func request(send func(reply func(int))) (int, bool) {
	replies := make(chan int)
	send(func(v int) { replies <- v })
	t := time.NewTimer(5 * time.Second)
	go func() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
		close(replies)
	}()
	v, ok := <-replies
	t.Stop()
	return v, ok
}

// The Stop in the case the goroutine's cancel opens comes after the value; the one on the
// success path strands it (the finding names that one).
func retryUntil(d time.Duration, try func() bool) bool {
	ctx, cancel := context.WithCancel(context.Background())
	timeout := time.NewTimer(d)
	go func() {
		<-timeout.C // want blocking-drain async=error async-collected=error sync=error
		cancel()
	}()
	for {
		select {
		case <-ctx.Done():
			timeout.Stop()
			return false
		default:
			if try() {
				timeout.Stop()
				return true
			}
		}
	}
}

// A plain function started with `go`, waiting on a field; a method of the owner stops it.
type session struct {
	idle *time.Timer
}

func open(d time.Duration, expire func()) *session {
	s := &session{idle: time.NewTimer(d)}
	go watchIdle(s, expire)
	return s
}

func watchIdle(s *session, expire func()) {
	<-s.idle.C // want blocking-drain async=error async-collected=error sync=error
	expire()
}

func (sess *session) close() {
	sess.idle.Stop()
}

// Outside package main, a function named main is an ordinary function: it can run many times.
func main() {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	go func() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
		log.Print("late")
	}()
}

// Started by a method that names no timer call, waiting on a field that another method stops.
type lease struct {
	expiry *time.Timer
}

func (l *lease) keep() {
	go l.waitExpiry()
}

func (l *lease) waitExpiry() {
	<-l.expiry.C // want blocking-drain async=error async-collected=error sync=error
	l.release()
}

func (l *lease) release() {}

func (l *lease) renew() {
	l.expiry.Stop()
}

// A watchdog that kills the process if it runs too long: when the process exits in time, Wait
// returns and the Stop strands the watchdog (the process's Wait is not the goroutine's).
func supervise(proc *os.Process, d time.Duration) error {
	t := time.NewTimer(d)
	go func() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
		proc.Kill()
	}()
	_, err := proc.Wait()
	t.Stop()
	return err
}

// Workers that run until their jobs end, not until the timer's goroutine closes `stop`: waiting
// for them is not waiting for it.
func drainJobs(jobs <-chan int, d time.Duration, handle func(int)) {
	stop := make(chan struct{})
	t := time.NewTimer(d)
	defer t.Stop()
	go func() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
		close(stop)
	}()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j, ok := <-jobs
				if !ok {
					return
				}
				handle(j)
			}
		}()
	}
	wg.Wait()
}

// A heartbeat per connection: each heartbeat Resets the timer, but the Resets are the
// function's own code and the deferred Stop runs after all of them, when the connection ends —
// from then on no value comes (dakong-yi/im-go-server's handleConnection).
func serveConn(lines <-chan string, idle time.Duration, closeConn func()) {
	timer := time.NewTimer(idle)
	defer timer.Stop()
	go func() {
		<-timer.C // want blocking-drain async=error async-collected=error sync=error
		closeConn()
	}()
	for line := range lines {
		if line == "ping" {
			timer.Reset(idle)
		}
	}
}
