// A loop that ends through its condition when the timer's case sets the error it tests: `for err
// == nil` after `err = errors.New(...)` is over, so the loop does not select on the fired timer
// again. Shape of twmb/franz-go's waitUnknownTopic.
package nearmiss

import (
	"errors"
	"fmt"
	"time"
)

func waitTopic(wait <-chan error, timeout time.Duration) error {
	var err error
	var after <-chan time.Time
	if timeout > 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		after = timer.C
	}
	for err == nil {
		select {
		case <-after:
			err = errors.New("record timeout")
		case e, ok := <-wait:
			if !ok {
				return nil
			}
			err = e
		}
	}
	return err
}

var ErrRecordTimeout = errors.New("record timeout")

// Both branches set an error that is never nil: a wrapped one, or a sentinel `ErrX`.
func waitTopicWrapped(wait <-chan error, timeout time.Duration, last func() error) error {
	var err error
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for err == nil {
		select {
		case <-timer.C:
			if l := last(); l != nil {
				err = fmt.Errorf("%w, last err: %w", ErrRecordTimeout, l)
			} else {
				err = ErrRecordTimeout
			}
		case e := <-wait:
			err = e
		}
	}
	return err
}
