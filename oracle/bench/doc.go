// Package bench measures Go's own timer operations, the counterparts of timerlab's criterion
// benchmarks (crates/gotime/benches/timers): the same operations, the same durations, and the same
// numbers of other live timers already in the timer heap. `cargo xtask bench` runs both and prints
// them side by side (docs/PERFORMANCE.md), each Go benchmark under GODEBUG=asynctimerchan=1 and =0.
//
//	go test -run '^$' -bench . -cpu 1 ./        # everything, in one process (see Leaks below)
//
// Leaks. In async mode (Go <= 1.22, asynctimerchan=1) time.After's timer stays in the heap until it
// fires, 3 minutes later: BenchmarkAfterDropped and BenchmarkSeed2Loop leave their timers behind
// for the benchmarks that run after them in the same process. The xtask therefore runs each of
// them in a process of its own with a fixed iteration count (-benchtime 10000x), the same bound the
// Rust side puts on its own leak.
package bench
