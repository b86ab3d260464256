//go:debug asynctimerchan=0

package b

import "testing"

func TestInternal(t *testing.T) { t.Logf("internal test file asynctimerchan=0, external 1: cap %d", Cap()) }
