// oracle/RELEASES.md, step 2: "//go:debug default=go1.22 in package main … replaces the go line
// for all defaults" (Go 1.23 and later), so go 1.26 gets go 1.22's asynctimerchan=1: async.
module example.com/default122

go 1.26

toolchain go1.26.6
