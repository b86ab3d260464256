package broken

import "time"

func g(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second):
		}
	}
}
