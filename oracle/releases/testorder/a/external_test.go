//go:debug asynctimerchan=0

package a_test

import (
	"testing"

	"example.com/testorder/a"
)

func TestExternal(t *testing.T) { t.Logf("external test file asynctimerchan=0, internal 1: cap %d", a.Cap()) }
