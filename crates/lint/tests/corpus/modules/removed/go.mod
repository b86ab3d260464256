// oracle/RELEASES.md, "Refusals, verbatim": Go 1.27 refuses go.mod godebug asynctimerchan=1
// ("go: error loading go.mod:" / "go.mod:N: removed GODEBUG "asynctimerchan" set to old value
// "1" (https://go.dev/doc/godebug#go-127)") and every file is sync (step 5).
module example.com/removed

go 1.23

toolchain go1.27.3

godebug asynctimerchan=1
