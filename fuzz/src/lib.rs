//! The properties the fuzz targets check, shared with the stable replay test
//! `sim/tests/hardening_fuzz_corpus.rs` (which includes `check.rs` by path), so that a crash
//! found on nightly stays a regression test on stable.

pub mod check;
