// `toolchain go1.21` names a language version, not a release (go1.21.0 onwards): Go 1.26.6
// builds it (GOTOOLCHAIN=local) and switches to nothing older than the go line's go1.21.0;
// timerlab warns that it reads no release there and lets the go line decide, go1.21.0: async.
module example.com/toolchain121

go 1.21

toolchain go1.21
