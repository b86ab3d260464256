// Built into the test binary, which gets lib.go's asynctimerchan=0: sync, where a Reset without
// drain is no bug.
package lib

import (
	"testing"
	"time"
)

func TestConsume(t *testing.T) {
	in := make(chan int)
	timer := time.NewTimer(time.Second)
	for i := 0; ; i++ {
		timer.Reset(time.Second)
		select {
		case <-in:
		case <-timer.C:
			if i > 3 {
				return
			}
		}
	}
}
