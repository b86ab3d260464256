// The shape of ExampleTick: time.Tick ranged over in an example (a test file).
package clock_test

import (
	"fmt"
	"time"
)

func report() string { return "" }

func ExampleTick() {
	ticks := time.Tick(5 * time.Second)
	for now := range ticks {
		fmt.Println(now, report())
	}
}
