// S2, variant reset-no-drain: one timer, Reset each iteration without Stop or drain
// (golang/go#11513, #14038). Before Go 1.23 a timer that fired during a slow message is received
// right after the Reset: a spurious timeout.
package main

import (
	"fmt"
	"math/rand"
	"time"
)

func main() {
	ch := make(chan int, 120)
	go func() {
		for {
			ch <- rand.Int()
		}
	}()
	t := time.NewTimer(3 * time.Minute)
	for {
		t.Reset(3 * time.Minute) // want reset-without-drain async=error async-collected=error
		select {
		case <-ch:
		case <-t.C:
			fmt.Println("timeout")
		}
	}
}
