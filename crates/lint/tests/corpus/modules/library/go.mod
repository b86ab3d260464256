module example.com/library

go 1.22

toolchain go1.26.6
