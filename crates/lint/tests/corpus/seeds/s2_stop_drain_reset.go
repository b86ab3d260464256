// S2, variant stop-drain-reset: Stop, drain without blocking, Reset each iteration. Correct in
// both semantics.
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
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(3 * time.Minute)
		select {
		case <-ch:
		case <-t.C:
			fmt.Println("timeout")
		}
	}
}
