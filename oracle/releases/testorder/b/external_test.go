//go:debug asynctimerchan=1

package b_test

import (
	"testing"

	"example.com/testorder/b"
)

func TestExternal(t *testing.T) { t.Logf("external test file asynctimerchan=1, internal 0: cap %d", b.Cap()) }
