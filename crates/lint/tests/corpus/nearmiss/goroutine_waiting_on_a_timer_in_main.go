// In package main, `main` runs once and its return ends the process: a goroutine its deferred
// Stop strands is left only until the exit.
package main

import (
	"log"
	"time"
)

func main() {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	go func() {
		<-t.C
		log.Print("still running")
	}()
	serve()
}

func serve() {}
