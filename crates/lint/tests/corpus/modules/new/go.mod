module example.com/new

go 1.23.4

toolchain go1.24.1
