//go:debug asynctimerchan=1

// The test binary gets external_test.go's asynctimerchan=0: the external test package's lines
// come after the package's own tests'.
package a

import (
	"testing"
	"time"
)

func TestInternal(t *testing.T) {
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
