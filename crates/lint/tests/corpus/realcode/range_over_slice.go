// A wait per element of a slice: a range with two variables is never over a channel, so the
// loop ends after len(exits) rounds and leaves at most that many timers.
// Shape of containerd/containerd@301026e58c619e63d09c0ec411012e54c0124b03 pkg/sys/reaper/reaper_unix.go:77.
package realcode

import "time"

type exit struct{ pid int }

func notify(exits []exit, subscribers []chan exit, done <-chan struct{}) {
	for _, e := range exits {
		for _, s := range subscribers {
			select {
			case s <- e:
			case <-done:
				return
			case <-time.After(time.Second):
			}
		}
	}
}
