//! Ports of Go's own timer tests (Go 1.23 `src/time/*_test.go`), one module per Go file, each
//! test citing the Go source it ports. They run on the virtual clock, in both of Go's channel
//! semantics unless a port says otherwise; see README.md for the list and every difference.
//!
//! Source: <https://github.com/golang/go/tree/go1.23.5/src/time>.
//! Copyright (c) 2009 The Go Authors; used under the BSD-style license of the Go project,
//! <https://go.dev/LICENSE>.

mod sleep_test;
mod support;
mod tick_test;
mod time_test;
