// A test's deadline case fails through testify's require.Fail, which stops the test
// (t.FailNow): the loop does not go on selecting on a fired deadline.
// Shape of hashicorp/nomad@aa026cc99cfb74a77e519a1c1f0c78ba1b452705 nomad/client_agent_endpoint_test.go:306.
package realcode

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLogs(t *testing.T) {
	lines := make(chan string)
	timeout := time.After(2 * time.Second)
	received := ""
	for {
		select {
		case <-timeout:
			require.Fail(t, "timeout waiting for logs")
		case l := <-lines:
			received += l
			if len(received) > 10 {
				return
			}
		}
	}
}
