//go:debug asynctimerchan=2

// oracle/RELEASES.md, "Refusals, verbatim": Go 1.27 refuses //go:debug asynctimerchan=2
// ("./main.go:1:1: invalid //go:debug: removed GODEBUG "asynctimerchan" set to old value "2" …").
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
