//! Ports of Go's own timer tests (Go 1.23 `src/time/*_test.go`), one module per Go file.
