//go:debug asynctimerchan=1

package a

import "testing"

func TestInternal(t *testing.T) { t.Logf("internal test file asynctimerchan=1, external 0: cap %d", Cap()) }
