//! [`TraceHash`]: one number for everything a run produced, so two runs of the same config can
//! be compared (`--check-determinism`) and a report names the exact trace it came from.

use std::fmt;

use timerlab_sim::{render_trace, RunReport};

/// FNV-1a (64 bit) over the rendered trace and the JSON serialization of the whole
/// [`RunReport`] (samples, events, verdict, per-site profile): a different byte anywhere is a
/// different hash. FNV needs no seed, so the hash is the same on every machine and build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TraceHash(pub u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl TraceHash {
    /// The hash of `report`.
    pub fn of(report: &RunReport) -> TraceHash {
        // Serializing plain structs, strings and numbers into memory cannot fail.
        let json = serde_json::to_vec(report).expect("a RunReport serializes to JSON");
        let mut h = fnv1a(FNV_OFFSET, render_trace(report).as_bytes());
        h = fnv1a(h, &[0]);
        TraceHash(fnv1a(h, &json))
    }
}

fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

impl fmt::Display for TraceHash {
    /// Sixteen lower-case hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv, FNV-1a 64).
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn hashes_print_as_sixteen_hex_digits() {
        assert_eq!(TraceHash(0xab).to_string(), "00000000000000ab");
    }
}
