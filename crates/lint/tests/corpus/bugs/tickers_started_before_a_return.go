// `time.Tick` where the function can still return after the ticker started: each call leaks one
// before Go 1.23. The near misses (realcode/tick_started_after_the_last_return.go,
// realcode/goto_back_into_the_loop.go) return only before the ticker starts, or jump back into
// their endless loop.
package bugs

import (
	"log"
	"time"
)

// The return is after the ticker, inside its loop.
func reportUntilQuiet(verbose func() bool) {
	if !verbose() {
		return
	}
	ticker := time.Tick(time.Second) // want tick-leak async=error
	for range ticker {
		if !verbose() {
			return
		}
		log.Print("tick")
	}
}

// The goto's label is after the loop: the goto leaves it, and the function returns.
func sendUntilNobody(updates chan []int, subs []chan []int) {
	ticker := time.Tick(time.Second) // want tick-leak async=error
	for {
		var update []int
		select {
		case update = <-updates:
		case <-ticker:
			if len(subs) == 0 {
				goto done
			}
		}
		for _, s := range subs {
			s <- update
		}
	}
done:
	log.Print("no subscribers left")
}

// Another label inside the loop is not the goto's: `goto done` still leaves it.
func sendBesideALabel(updates chan []int, subs []chan []int) {
	ticker := time.Tick(time.Second) // want tick-leak async=error
	for {
	next:
		var update []int
		select {
		case update = <-updates:
			if update == nil {
				goto next
			}
		case <-ticker:
			if len(subs) == 0 {
				goto done
			}
		}
		for _, s := range subs {
			s <- update
		}
	}
done:
	log.Print("no subscribers left")
}

// The label is before the loop: the goto leaves the loop (to start over), and a later round can
// return.
func sendWithRestart(updates chan []int, subs func() []chan []int) {
restart:
	ticker := time.Tick(time.Second) // want tick-leak async=error
	for {
		select {
		case update, ok := <-updates:
			if !ok {
				return
			}
			for _, s := range subs() {
				s <- update
			}
		case <-ticker:
			if len(subs()) == 0 {
				goto restart
			}
		}
	}
}

// A goto back into the loop beside a return in it: the loop still ends.
func sendOrGiveUp(updates chan []int, subs []chan []int, give func() bool) {
	ticker := time.Tick(time.Second) // want tick-leak async=error
	for {
	get:
		var update []int
		select {
		case update = <-updates:
		case <-ticker:
			if give() {
				return
			}
			goto get
		}
		for _, s := range subs {
			s <- update
		}
	}
}
