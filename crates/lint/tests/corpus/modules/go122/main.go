//go:debug asynctimerchan=0

// oracle/RELEASES.md, "Refusals, verbatim": "./main.go:1:1: invalid //go:debug: unknown
// //go:debug setting "asynctimerchan"" on Go 1.21 and 1.22.
package main

import "time"

func serve(in <-chan []byte, handle func([]byte)) {
	for {
		select {
		case b := <-in:
			handle(b)
		case <-time.After(3 * time.Second):
			println("idle")
		}
	}
}

func consume(in <-chan int, d time.Duration) {
	t := time.NewTimer(d)
	for {
		t.Reset(d)
		select {
		case <-in:
		case <-t.C:
			println("timeout")
		}
	}
}
func main() {}
