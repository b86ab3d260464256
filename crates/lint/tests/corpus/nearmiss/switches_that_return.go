// A switch with a default whose every case leaves the function does not fall through to the
// select loop around it.
package relay

import (
	"log"
	"time"
)

func route(in <-chan int, handle func(int)) {
	for {
		select {
		case m := <-in:
			switch {
			case m < 0:
				log.Fatalf("bad message %d", m)
			default:
				handle(m)
				return
			}
		case <-time.After(time.Second):
		}
	}
}

// The same with a type switch.
func routeValue(in <-chan any, handle func(string)) {
	for {
		select {
		case v := <-in:
			switch v := v.(type) {
			case string:
				handle(v)
				return
			default:
				panic(v)
			}
		case <-time.After(time.Second):
		}
	}
}
