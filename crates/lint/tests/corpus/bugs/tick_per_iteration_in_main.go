// `case <-time.Tick(d):` in a select loop starts a new ticker every iteration; before Go 1.23 none
// of them is ever collected, and each fires forever. `package main`'s exemption (one ticker for
// the process's life) does not cover it, nor does a goroutine that never returns. Shape of
// kaspanet/kaspad PR #1476 (cmd/kaspaminer/mineloop.go).
package main

import "time"

func refresh() {}

func templatesLoop(stop, notify chan struct{}) {
	refresh()
	for {
		select {
		case <-stop:
			return
		case <-notify:
			refresh()
		case <-time.Tick(500 * time.Millisecond): // want tick-leak async=error
			refresh()
		}
	}
}

// Never returns: the function's one ticker would be fine, a ticker per round is not.
func forever(work chan int) {
	for {
		select {
		case w := <-work:
			_ = w
		case <-time.Tick(time.Second): // want tick-leak async=error
		}
	}
}

func main() {
	stop := make(chan struct{})
	go templatesLoop(stop, make(chan struct{}))
	go forever(make(chan int))
	time.Sleep(time.Second)
	close(stop)
}
