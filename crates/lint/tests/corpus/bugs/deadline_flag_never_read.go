// A deadline made once before the loop whose case sets a flag that nothing after the select reads
// to return, or that the loop reads only to log: the loop goes on past the deadline, which never
// fires again.
package bugs

import "time"

type request struct{ id int }

func serveUntilDeadline(reqs <-chan request, d time.Duration, handle func(request)) {
	deadline := time.After(d) // want hoisted-after async=note async-collected=note sync=note
	late := false
	for {
		select {
		case r := <-reqs:
			handle(r)
		case <-deadline:
			late = true
		}
		if late {
			println("past the deadline")
		}
	}
}

func serveWithAnotherFlag(reqs <-chan request, d time.Duration, handle func(request)) {
	deadline := time.After(d) // want hoisted-after async=note async-collected=note sync=note
	late, stop := false, false
	for {
		select {
		case r := <-reqs:
			handle(r)
			if r.id < 0 {
				stop = true
			}
		case <-deadline:
			late = true
		}
		if stop {
			return
		}
		_ = late
	}
}

func serveClearingAFlag(reqs <-chan request, d time.Duration, handle func(request)) {
	deadline := time.After(d) // want hoisted-after async=note async-collected=note sync=note
	draining := true
	for {
		select {
		case r := <-reqs:
			handle(r)
		case <-deadline:
			draining = false
		}
		if draining {
			return
		}
	}
}

// The flag is read in a goroutine the loop starts: its return ends that goroutine, not the loop.
func serveReadingTheFlagElsewhere(reqs <-chan request, d time.Duration, handle func(request)) {
	deadline := time.After(d) // want hoisted-after async=note async-collected=note sync=note
	late := false
	for {
		select {
		case r := <-reqs:
			go func() {
				if late {
					return
				}
				handle(r)
			}()
		case <-deadline:
			late = true
		}
	}
}
