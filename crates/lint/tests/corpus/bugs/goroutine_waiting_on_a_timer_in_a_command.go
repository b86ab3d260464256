// In package main, a function other than `main` may run many times: each call that returns
// before the timer fires strands a goroutine.
package main

import (
	"log"
	"time"
)

func handle(work func()) {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	go func() {
		<-t.C // want blocking-drain async=error async-collected=error sync=error
		log.Print("slow")
	}()
	work()
}

func main() {
	for i := 0; i < 3; i++ {
		handle(func() {})
	}
}
