//! Seeds: every random choice of a run flows from its one `u64` seed, through independent streams
//! derived here, so adding a user or a host does not shift another's random numbers.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

/// The random number generator of every simulated actor.
pub type SimRng = SmallRng;

/// The seed of stream `stream` of a run with seed `seed` (SplitMix64 of the pair): distinct
/// streams are independent, the same pair always gives the same seed.
pub fn derive(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A generator for stream `stream` of the run seeded with `seed`.
pub fn rng(seed: u64, stream: u64) -> SimRng {
    SimRng::seed_from_u64(derive(seed, stream))
}

/// Go's `select` picks uniformly among the ready cases; `tokio::select!` with `biased;` polls in
/// the written order. Each select in the scenarios asks this for its order, so the choice is
/// Go's (uniform) and reproducible (seeded) — never tokio's unseeded one.
pub fn first_case_first(rng: &mut SimRng) -> bool {
    rng.gen_bool(0.5)
}

/// Well-known stream numbers, so that each actor's stream is documented in one place.
pub mod streams {
    /// The turmoil network (latency draws): turmoil's own `rng_seed`.
    pub const NETWORK: u64 = 0;
    /// The server's selects (S1), the consumer's (S2) or the batcher's (S3).
    pub const SERVER: u64 = 1;
    /// The producer (S2).
    pub const PRODUCER: u64 = 2;
    /// The scheduler's interleavings: whether a task runs inside a timer's firing (S3's `race`).
    pub const SCHEDULER: u64 = 3;
    /// A random fault schedule (`faults=random:RATE`).
    pub const FAULTS: u64 = 4;
    /// User `i` of S1 uses stream `USER_BASE + i`.
    pub const USER_BASE: u64 = 1_000;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_seeds_differ_by_stream_and_by_seed() {
        assert_ne!(derive(1, 0), derive(1, 1));
        assert_ne!(derive(1, 0), derive(2, 0));
        assert_eq!(derive(42, 7), derive(42, 7));
    }

    #[test]
    fn the_same_stream_draws_the_same_numbers() {
        let draw = |seed| rng(seed, 3).gen::<u64>();
        assert_eq!(draw(9), draw(9));
        assert_ne!(draw(9), draw(10));
    }
}
