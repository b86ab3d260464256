// A package with its own After, NewTimer, Tick and Timer: without a dot import of time, a bare
// call names the package's function, and a bare Timer the package's type, not time's.
package backoff

import "time"

type Timer struct{ C <-chan struct{} }

func After(n int) <-chan struct{} { return make(chan struct{}) }

func NewTimer(n int) *Timer { return &Timer{C: make(chan struct{})} }

func (t *Timer) Reset(n int) bool { return true }

func Tick(n int) <-chan struct{} { return make(chan struct{}) }

func retry(in <-chan int, d time.Duration) {
	for {
		select {
		case <-in:
		case <-After(3):
		case <-Tick(1):
		}
	}
}

func wait(in <-chan int) {
	for {
		t := NewTimer(3)
		select {
		case <-in:
		case <-t.C:
		}
	}
}

type conn struct{ idle *Timer }

func (c *conn) serve(in <-chan int) {
	for {
		c.idle.Reset(3)
		select {
		case <-in:
		case <-c.idle.C:
		}
	}
}
