//! [`Shard`]: `--shard K/N`, the K-th of N contiguous blocks of a sweep's runs.
//!
//! Why blocks of the run order and not `index % N`: runs are numbered seed by seed, and within a
//! seed variant by variant and behaviour by behaviour, so a block walks through whole seeds in
//! that order and every block gets the same mix of cheap and expensive runs (a leak that grows
//! to an OOM loop costs many times a bounded run). `index % N` pins a run of the same variant
//! and behaviour to the same shard for every seed whenever N shares a factor with variants ×
//! behaviours (4 shards of S1's 12: shard 1 would get every leaky async run). Blocks also differ
//! in size by at most one run, whatever the number of seeds, and a shard's runs are one range,
//! which is what `--merge` checks the shards against.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The K-th (1-based) of N shards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shard {
    /// K, in `1..=count`.
    pub index: u64,
    /// N, at least 1.
    pub count: u64,
}

impl Shard {
    /// The whole sweep: shard 1 of 1.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// This shard's runs of a sweep of `total` runs: block K of N, `[(K-1)·total/N, K·total/N)`.
    /// The N blocks tile `0..total` and differ in length by at most one.
    pub fn runs(self, total: u64) -> Range<u64> {
        let bound = |k: u64| (u128::from(total) * u128::from(k) / u128::from(self.count)) as u64;
        bound(self.index - 1)..bound(self.index)
    }
}

/// Why `--shard` did not parse; the message names the valid range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardError {
    /// Not `K/N` with two integers.
    Malformed,
    /// N is 0.
    NoShards,
    /// K is 0 or above N.
    OutOfRange {
        /// K.
        index: u64,
        /// N.
        count: u64,
    },
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardError::Malformed => {
                f.write_str("expected K/N, the K-th of N shards with 1 <= K <= N (e.g. 2/4)")
            }
            ShardError::NoShards => {
                f.write_str("0 shards: N must be at least 1 (K/N with 1 <= K <= N, e.g. 2/4)")
            }
            ShardError::OutOfRange { index, count } => {
                write!(f, "there is no shard {index} of {count}: K must be in 1..={count}")
            }
        }
    }
}

impl std::error::Error for ShardError {}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let (k, n) = s.trim().split_once('/').ok_or(ShardError::Malformed)?;
        let integer = |t: &str| -> Result<u64, ShardError> {
            if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
                return Err(ShardError::Malformed);
            }
            t.parse().map_err(|_| ShardError::Malformed)
        };
        let (index, count) = (integer(k)?, integer(n)?);
        if count == 0 {
            return Err(ShardError::NoShards);
        }
        if index == 0 || index > count {
            return Err(ShardError::OutOfRange { index, count });
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    /// `K/N`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(k: u64, n: u64) -> Shard {
        Shard { index: k, count: n }
    }

    #[test]
    fn the_blocks_of_n_shards_tile_the_runs_and_differ_by_at_most_one() {
        for total in [0, 1, 5, 12, 13, 1000] {
            for n in 1..=7 {
                let blocks: Vec<Range<u64>> = (1..=n).map(|k| shard(k, n).runs(total)).collect();
                assert_eq!(blocks[0].start, 0);
                assert_eq!(blocks[n as usize - 1].end, total);
                assert!(blocks.windows(2).all(|w| w[0].end == w[1].start), "{blocks:?}");
                let lengths: Vec<u64> = blocks.iter().map(|b| b.end - b.start).collect();
                let (min, max) = (lengths.iter().min().unwrap(), lengths.iter().max().unwrap());
                assert!(max - min <= 1, "{total} runs in {n} shards: {lengths:?}");
            }
        }
    }

    #[test]
    fn the_whole_sweep_is_one_shard_and_huge_sweeps_do_not_overflow() {
        assert_eq!(Shard::WHOLE.runs(48), 0..48);
        assert_eq!(shard(2, 2).runs(u64::MAX), u64::MAX / 2..u64::MAX);
    }

    #[test]
    fn k_must_be_in_one_to_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(shard(2, 4)));
        assert_eq!("0/4".parse::<Shard>(), Err(ShardError::OutOfRange { index: 0, count: 4 }));
        assert_eq!("5/4".parse::<Shard>(), Err(ShardError::OutOfRange { index: 5, count: 4 }));
        assert_eq!("1/0".parse::<Shard>(), Err(ShardError::NoShards));
        assert_eq!(
            ShardError::OutOfRange { index: 5, count: 4 }.to_string(),
            "there is no shard 5 of 4: K must be in 1..=4"
        );
        // `+1` is a u64 to Rust's parser, not a shard number to a reader of the command line.
        for bad in ["", "2", "2/", "/4", "2-4", "a/b", "-1/4", "+1/4", "1/+4", "2/4/8"] {
            assert_eq!(bad.parse::<Shard>(), Err(ShardError::Malformed), "{bad:?}");
        }
    }
}
