// A helper that stops and drains a timer handed to it. Since Go 1.23 Stop returns false only
// when the caller already received from t.C (or stopped it), and then the drain blocks forever.
// Shape of Icinga/icingadb@7c068d4adf169181b4d68dcd6222a18b6990b583 pkg/retry/retry.go:128
// (Icinga DB #990, the HA loop hung).
package realcode

import "time"

func resetTimeout(t *time.Timer, d time.Duration) {
	if !t.Stop() {
		<-t.C // want sync-drain sync=error
	}
	t.Reset(d)
}
