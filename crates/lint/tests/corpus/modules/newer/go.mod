// A go line newer than every release timerlab knows. With --go 1.27.3: oracle/RELEASES.md,
// step 1, "go: go.mod requires go >= 1.28 (running go 1.27.3; GOTOOLCHAIN=local)".
module example.com/newer

go 1.28
