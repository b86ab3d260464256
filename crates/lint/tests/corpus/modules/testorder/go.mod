// oracle/RELEASES.md, "A test binary's //go:debug lines": the external test package's line is
// applied last (recorded on go1.23.1 to go1.26.6 with oracle/releases/testorder).
module example.com/testorder

go 1.23

toolchain go1.26.6
