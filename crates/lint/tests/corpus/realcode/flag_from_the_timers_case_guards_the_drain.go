// A flag declared false at the top of each iteration and set only by the timer's case decides
// the drain: `if expired { back off } else { if !t.Stop() { <-t.C } }`, then a Reset. After the
// timer's case the drain is skipped (the value was received); after any other case it runs.
// Neither a blocking drain nor a Reset without drain: before Go 1.23 this is right, since then
// the drain is dead code (a note), as in dnstt's send loop.
// Shape of XTLS/Xray-core@2323273e373f06b829b8c1cc0b4da149153e7358
// transport/internet/finalmask/xdns/client.go:231 (a select in another's `default:`).
package realcode

import "time"

func sendLoop(queue <-chan []byte, poll <-chan struct{}, send func([]byte)) {
	delay := time.Second
	t := time.NewTimer(delay)
	for {
		var p []byte
		expired := false
		select {
		case p = <-queue:
		default:
			select {
			case p = <-queue:
			case <-poll:
			case <-t.C:
				expired = true
			}
		}
		if expired {
			delay *= 2
		} else {
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
			delay = time.Second
		}
		t.Reset(delay)
		send(p)
	}
}

// The same flag tested as `if !expired`, declared with `var`.
func sendLoopVar(queue <-chan []byte, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		var p []byte
		var expired bool
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if !expired {
			if !t.Stop() {
				<-t.C // want sync-drain sync=note
			}
		}
		t.Reset(time.Second)
		send(p)
	}
}

// The drain in an `else if`, in a branch that stops first and drains without blocking, and
// nested under conditions the path does not decide.
func sendLoopElseIf(queue <-chan []byte, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		var p []byte
		expired := false
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if expired {
			println("idle")
		} else if !t.Stop() {
			<-t.C // want sync-drain sync=note
		}
		t.Reset(time.Second)
		send(p)
	}
}

func sendLoopStopThenSelect(queue <-chan []byte, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		var p []byte
		expired := false
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if !expired {
			t.Stop()
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(time.Second)
		send(p)
	}
}

func sendLoopNested(queue <-chan []byte, ready func() bool, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		var p []byte
		expired := false
		select {
		case p = <-queue:
		case <-t.C:
			expired = true
		}
		if ready() {
			if !expired {
				if !t.Stop() {
					<-t.C // want sync-drain sync=note
				}
			}
		} else {
			if !expired {
				if !t.Stop() {
					<-t.C // want sync-drain sync=note
				}
			}
		}
		t.Reset(time.Second)
		send(p)
	}
}

// Both branches of an `if` nobody decides drain, in the message case itself.
func drainEitherWay(queue <-chan []byte, urgent func() bool, send func([]byte)) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case p := <-queue:
			if urgent() {
				if !t.Stop() {
					<-t.C // want sync-drain sync=note
				}
			} else {
				t.Stop()
				select {
				case <-t.C:
				default:
				}
			}
			t.Reset(time.Second)
			send(p)
		case <-t.C:
			t.Reset(time.Second)
		}
	}
}
