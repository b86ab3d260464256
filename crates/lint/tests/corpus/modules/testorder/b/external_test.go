//go:debug asynctimerchan=1

package b_test

import (
	"testing"
	"time"
)

func TestExternal(t *testing.T) {
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
