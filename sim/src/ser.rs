//! serde helpers for the gotime types, which do not implement `Serialize`: semantics as their
//! name, durations in Go syntax (`1m30s`).

use gotime::{GoDuration, Semantics};
use serde::Serializer;

pub(crate) fn semantics<S: Serializer>(s: &Semantics, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s.name())
}

pub(crate) fn duration<S: Serializer>(d: &GoDuration, ser: S) -> Result<S::Ok, S::Error> {
    ser.collect_str(d)
}

pub(crate) fn opt_duration<S: Serializer>(d: &Option<GoDuration>, ser: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser.collect_str(d),
        None => ser.serialize_none(),
    }
}
