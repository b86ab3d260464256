// A timer made once before a loop in which nothing but timers goes round: every other case
// returns (a delay before registering, cloudwego/kitex), or the only other case that repeats is
// a backoff timer (an "offline after d" beside the probe's backoff, go-libp2p-kad-dht). No
// message flows past the one-shot, so it cannot read as an idle timeout: no `hoisted-after`.
// Shapes of cloudwego/kitex@72ad8a8db57e53846c656e56dce4e3c873d86161 server/server.go:626 and
// libp2p/go-libp2p-kad-dht@2a10abdf121549741ce4f5c45476ede92c988426
// provider/internal/connectivity/connectivity.go:200; nsqio/go-nsq below.
package realcode

import "time"

func waitExit(exit <-chan error, errCh <-chan error, register func() error) error {
	delay := time.After(time.Second)
	for {
		select {
		case err := <-exit:
			return err
		case err := <-errCh:
			return err
		case <-delay:
			if err := register(); err != nil {
				return err
			}
		}
	}
}

func probeLoop(done <-chan struct{}, probe func() bool, offline func(), delay time.Duration) {
	offlineTimer := time.NewTimer(delay)
	defer offlineTimer.Stop()
	backoff := time.Second
	timer := time.NewTimer(backoff)
	defer timer.Stop()
	for {
		select {
		case <-done:
			return
		case <-timer.C:
			if probe() {
				return
			}
			backoff *= 2
			timer.Reset(backoff)
		case <-offlineTimer.C:
			offline()
		}
	}
}

// The other timers: a ticker, and a time.After made in its case (an after-in-loop of its own:
// restarted every round beside the ticker, which ticks sooner, it never fires).
func probeEvery(done <-chan struct{}, probe func(), offline func()) {
	offlineAfter := time.After(time.Minute)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			probe()
		case <-time.After(time.Hour): // want after-in-loop async=error async-collected=error sync=error
			probe()
		case <-offlineAfter:
			offline()
		}
	}
}

// The other timer made and received in place.
func probeInPlace(done <-chan struct{}, probe func(), offline func()) {
	offlineAfter := time.After(time.Minute)
	for {
		select {
		case <-done:
			return
		case <-time.NewTimer(time.Second).C: // want after-in-loop async=error async-collected=note sync=note
			probe()
		case <-offlineAfter:
			offline()
		}
	}
}

// Scheduled one-shot events beside a deadline: only stored `time.After` channels go round.
// Shape of nsqio/go-nsq@326de60b740b53003cbdc7c477f06f5bedaa521e mock_test.go:502.
func schedule(exit chan struct{}, change func(int)) {
	timeoutCh := time.After(500 * time.Millisecond)
	pauseCh := time.After(50 * time.Millisecond)
	unpauseCh := time.After(75 * time.Millisecond)
	for {
		select {
		case <-exit:
			return
		case <-timeoutCh:
			return
		case <-pauseCh:
			change(0)
		case <-unpauseCh:
			change(5)
		}
	}
}
