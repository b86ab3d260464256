// The shape of ExampleAfter (Go's src/time/example_test.go): one select with a timeout, no loop.
package clock_test

import (
	"fmt"
	"time"
)

var in chan int

func use(int) {}

func ExampleAfter() {
	select {
	case v := <-in:
		use(v)
	case <-time.After(10 * time.Second):
		fmt.Println("timed out")
	}
}
