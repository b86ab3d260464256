// In `package main` a `time.Tick` runs for the process's life (staticcheck's SA1015 exemption),
// but a `NewTicker` dropped unstopped by a function that returns leaks there as anywhere: a
// goroutine started per configuration reload (aws/amazon-cloudwatch-agent@552274f6791d
// cmd/amazon-cloudwatch-agent/amazon-cloudwatch-agent.go:127, PR #61). `main` itself returning
// ends the process.
package main

import (
	"context"
	"time"
)

func reloadLoop(ctx context.Context, reloads <-chan struct{}, report func()) {
	for range reloads {
		go func(ctx context.Context) {
			profilerTicker := time.NewTicker(60 * time.Second) // want tick-leak async=error
			for {
				select {
				case <-profilerTicker.C:
					report()
				case <-ctx.Done():
					return
				}
			}
		}(ctx)
	}
}

func main() {
	ticker := time.NewTicker(time.Second)
	for range 3 {
		<-ticker.C
	}
	reloadLoop(context.Background(), nil, func() {})
}
