//! [`SeedRange`]: the seeds of a sweep, `A..B` — seed A up to but not including B.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The seeds `start..end` (half-open, as Rust writes ranges): never empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeedRange {
    /// The first seed.
    pub start: u64,
    /// One past the last seed.
    pub end: u64,
}

impl SeedRange {
    /// How many seeds: at least 1.
    pub const fn len(self) -> u64 {
        self.end - self.start
    }

    /// Always `false`: parsing refuses an empty range. (Clippy asks for it next to `len`.)
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// Why `--seeds` did not parse; the message names the valid form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SeedRangeError {
    /// Not two integers around `..`.
    Malformed,
    /// `A..B` with `A >= B`.
    Empty {
        /// A.
        start: u64,
        /// B.
        end: u64,
    },
}

const FORM: &str = "expected A..B, seeds A up to but not including B, with A < B and both in \
                    0..=18446744073709551615 (e.g. 0..100)";

impl fmt::Display for SeedRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeedRangeError::Malformed => f.write_str(FORM),
            SeedRangeError::Empty { start, end } => {
                write!(f, "the seed range {start}..{end} is empty: {FORM}")
            }
        }
    }
}

impl std::error::Error for SeedRangeError {}

impl FromStr for SeedRange {
    type Err = SeedRangeError;

    /// `A..B`, two decimal integers; `A..=B`, `A-B` and open ends are refused, so that a range
    /// means one thing.
    fn from_str(s: &str) -> Result<SeedRange, SeedRangeError> {
        let (a, b) = s.trim().split_once("..").ok_or(SeedRangeError::Malformed)?;
        let integer = |t: &str| -> Result<u64, SeedRangeError> {
            if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
                return Err(SeedRangeError::Malformed);
            }
            t.parse().map_err(|_| SeedRangeError::Malformed)
        };
        let (start, end) = (integer(a)?, integer(b)?);
        if start >= end {
            return Err(SeedRangeError::Empty { start, end });
        }
        Ok(SeedRange { start, end })
    }
}

impl fmt::Display for SeedRange {
    /// `A..B`, as parsed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_half_open_and_prints_as_parsed() {
        let seeds: SeedRange = "3..7".parse().unwrap();
        assert_eq!((seeds.start, seeds.end, seeds.len()), (3, 7, 4));
        assert!(!seeds.is_empty());
        assert!(SeedRange { start: 7, end: 7 }.is_empty(), "as a range built by hand can be");
        assert_eq!(seeds.to_string(), "3..7");
        assert_eq!("0..18446744073709551615".parse::<SeedRange>().unwrap().len(), u64::MAX);
    }

    #[test]
    fn an_empty_or_reversed_range_is_refused_with_its_bounds() {
        assert_eq!("5..5".parse::<SeedRange>(), Err(SeedRangeError::Empty { start: 5, end: 5 }));
        assert_eq!("9..3".parse::<SeedRange>(), Err(SeedRangeError::Empty { start: 9, end: 3 }));
        let message = SeedRangeError::Empty { start: 9, end: 3 }.to_string();
        assert!(message.starts_with("the seed range 9..3 is empty: expected A..B"), "{message}");
    }

    #[test]
    fn anything_but_two_integers_around_two_dots_is_malformed() {
        for bad in [
            "",
            "7",
            "1..",
            "..5",
            "1..=5",
            "1-5",
            "a..b",
            "-1..5",
            "1...5",
            "+1..5",
            "0..18446744073709551616",
        ] {
            assert_eq!(bad.parse::<SeedRange>(), Err(SeedRangeError::Malformed), "{bad:?}");
        }
    }
}
