// oracle/RELEASES.md, step 2: "godebug default=go1.22 in go.mod … replaces the go line for all
// defaults" (Go 1.23 and later; Go 1.26.6 on this module: cap(t.C) 1, Stop false on an expired
// timer), so go 1.26 gets go 1.22's asynctimerchan=1: async.
module example.com/godebugdefault

go 1.26

toolchain go1.26.6

godebug default=go1.22
