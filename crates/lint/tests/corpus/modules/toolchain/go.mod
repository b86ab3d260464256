// oracle/RELEASES.md, step 5: Go 1.27 is sync "whatever GODEBUG says … Any go line, including
// 1.22 and none". The toolchain line names go1.27.3, so the go 1.22 line keeps nothing async.
module example.com/toolchain

go 1.22

toolchain go1.27.3
