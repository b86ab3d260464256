// S2, variant hoisted: time.After moved out of the loop. One timer, but an overall deadline:
// it fires once, 3 minutes in, while messages still flow.
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
	timeout := time.After(3 * time.Minute) // want hoisted-after async=note async-collected=note sync=note
	for {
		select {
		case <-ch:
		case <-timeout:
			fmt.Println("timeout")
		}
	}
}
