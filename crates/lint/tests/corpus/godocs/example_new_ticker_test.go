// The shape of ExampleNewTicker: a ticker stopped by defer, a loop that returns when done.
package clock_test

import (
	"fmt"
	"time"
)

func ExampleNewTicker() {
	tk := time.NewTicker(time.Second)
	defer tk.Stop()
	finished := make(chan bool)
	go func() {
		time.Sleep(10 * time.Second)
		finished <- true
	}()
	for {
		select {
		case <-finished:
			fmt.Println("Done!")
			return
		case now := <-tk.C:
			fmt.Println("tick at", now)
		}
	}
}
