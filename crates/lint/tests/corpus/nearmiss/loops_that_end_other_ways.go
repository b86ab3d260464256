// Select loops whose other cases never come back to the select with the timer pending: they
// exit the process, leave through a label, end the loop through its flag, fire at once, or run in
// a goroutine of their own (not this rule's business).
package relay

import (
	"log"
	"os"
	"time"
)

func exits(in <-chan int) {
	for {
		select {
		case <-in:
			os.Exit(0)
		case <-time.After(time.Second):
		}
	}
}

func fatal(in <-chan int) {
	for {
		select {
		case m := <-in:
			log.Fatalf("unexpected %d", m)
		case <-time.After(time.Second):
		}
	}
}

func switchThenReturn(in <-chan int) {
	for {
		select {
		case m := <-in:
			switch m {
			case 0:
				break
			default:
				println(m)
			}
			return
		case <-time.After(time.Second):
		}
	}
}

func labeled(in <-chan int) {
outer:
	for {
		select {
		case <-in:
			break outer
		case <-time.After(time.Second):
		}
	}
}

func labeledContinueOfAnInnerLoop(in <-chan int, queues [][]int) {
	for {
		select {
		case <-in:
		inner:
			for _, q := range queues {
				for range q {
					continue inner
				}
			}
			return
		case <-time.After(time.Second):
		}
	}
}

func flag(in <-chan int) {
	running := true
	for running {
		select {
		case <-in:
			running = false
		case <-time.After(time.Second):
		}
	}
}

func atOnce(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(0 * time.Second):
		}
		select {
		case <-in:
		case <-time.After(time.Second * 0):
		}
	}
}

func perGoroutine(in <-chan int) {
	for {
		go func() {
			select {
			case <-in:
			case <-time.After(time.Second):
			}
		}()
		<-in
	}
}
