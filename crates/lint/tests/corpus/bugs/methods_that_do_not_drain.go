// Resets after a method call that does not empty the channel: a method that only stops, one of
// another type with the same name, and one the call reaches through another receiver name.
package relay

import "time"

type pacer struct {
	timer *time.Timer
	in    chan int
	done  chan struct{}
}

// Stop alone leaves a fired value in the channel: "Stop without drain".
func (p *pacer) halt() {
	p.timer.Stop()
}

func (p *pacer) run(d time.Duration) {
	for {
		select {
		case <-p.in:
			p.halt()
			p.timer.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-p.timer.C:
		case <-p.done:
			return
		}
	}
}

type drainer struct{ timer *time.Timer }

// A method of another type that drains its own timer.
func (p *drainer) settle() {
	if !p.timer.Stop() {
		<-p.timer.C // want sync-drain sync=error
	}
}

type idler struct {
	timer *time.Timer
	in    chan int
}

// No method `settle` on idler: the drainer's does not run here.
func (p *idler) settle() {}

func (p *idler) run(d time.Duration) {
	for {
		select {
		case <-p.in:
			p.settle()
			p.timer.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-p.timer.C:
		}
	}
}

// Two methods that call each other are followed only so far.
func (p *pacer) ping(n int) {
	p.pong(n)
}

func (p *pacer) pong(n int) {
	if n == 0 {
		return
	}
	p.ping(n - 1)
}

func (p *pacer) loop(d time.Duration) {
	for {
		select {
		case <-p.in:
			p.ping(3)
			p.timer.Reset(d) // want reset-without-drain async=error async-collected=error
		case <-p.timer.C:
		}
	}
}
