//go:debug asynctimerchan=0

// oracle/RELEASES.md, step 5.1: a //go:debug in a package other than main "is validated but
// never applied" to programs (go vet, and go test's vet step: "only valid in package main or
// test"). It applies to this package's test binary (cmd/go/internal/load/test.go:
// defaultGODEBUG(pmain, pb.Directives, pb.TestDirectives, pb.XTestDirectives); go test -vet=off
// on go1.26.6 shows it). So this file keeps go 1.22's async; its test is sync.
package lib

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
