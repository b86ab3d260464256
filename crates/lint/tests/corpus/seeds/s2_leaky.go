// S2, variant leaky: an endless producer and a consumer with a 3-minute timeout per select.
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
	for {
		select {
		case <-ch:
		case <-time.After(3 * time.Minute): // want after-in-loop async=error async-collected=note sync=note
			fmt.Println("timeout")
		}
	}
}
