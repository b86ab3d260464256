// No toolchain line: go1.22.0 is assumed from the go line. oracle/RELEASES.md, step 3: Go 1.21
// and 1.22 refuse a go.mod godebug line and a //go:debug asynctimerchan; step 5: they are async
// whatever is set.
module example.com/go122

go 1.22

godebug asynctimerchan=0
