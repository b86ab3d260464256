// A deadline made once before the loop whose case, in some state, only sets a flag that the loop
// reads after its select to return: the deadline is put off, not forgotten (buildkite/agent's
// disconnect-after-uptime, kept at the next action once the agent is not paused).
package nearmiss

import "time"

type action struct{ pause bool }

func actionLoop(actions <-chan action, maxUptime time.Duration, handle func(action)) {
	disconnect := time.After(maxUptime)
	exitWhenNotPaused := false
	paused := false
	for {
		var a action
		select {
		case a = <-actions:
		case <-disconnect:
			if paused {
				exitWhenNotPaused = true
				continue
			}
			return
		}
		if a.pause {
			paused = true
			continue
		}
		if exitWhenNotPaused {
			return
		}
		paused = false
		handle(a)
	}
}

// The flag read in the message case: the next message after the deadline ends the loop.
func replyUntilDeadline(reqs <-chan action, d time.Duration, handle func(action)) {
	deadline := time.After(d)
	late := false
	for {
		select {
		case a := <-reqs:
			if late {
				return
			}
			handle(a)
		case <-deadline:
			late = true
		}
	}
}
