package broken

import "time"

func f() {
	for {
		select {
		case <-time.After(time.Second:
		}
	}
}
