// The quit case receives into the variable the loop condition tests (the quit-channel idiom):
// the loop ends there.
// Shape of ethereum/go-ethereum@02b73d4ea7181464175e0a6cbecc0a3a2655a562
// accounts/usbwallet/wallet.go:196 and accounts/scwallet/wallet.go:558.
package realcode

import "time"

func heartbeat(quit chan chan error, d time.Duration, ping func() error) {
	var errc chan error
	var err error
	for errc == nil && err == nil {
		select {
		case errc = <-quit:
			continue
		case <-time.After(d):
		}
		err = ping()
	}
	if errc != nil {
		errc <- err
	}
}
