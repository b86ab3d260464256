// time.Tick in a test file.
package near

import (
	"testing"
	"time"
)

func TestPolls(t *testing.T) {
	for range time.Tick(time.Millisecond) {
		return
	}
}
