//! A tiny, frozen pseudo-random number generator.
//!
//! The demo data must be the same for a given seed forever: on every platform,
//! with every version of every dependency. A general-purpose crate such as
//! `rand` does not promise that its algorithms or its sampling methods never
//! change, so this crate carries its own generator, SplitMix64 (Guy L. Steele,
//! Doug Lea, Christine H. Flood, "Fast splittable pseudorandom number
//! generators", OOPSLA 2014; constants as in Sebastiano Vigna's reference
//! implementation `splitmix64.c`), and its own integer-only sampling. Nothing
//! here may change without changing every snapshot of the demo data.

/// The SplitMix64 generator: a 64-bit counter stepped by the golden-ratio
/// constant, and a mixing function of that counter as output. Small, fast,
/// passes BigCrush, and good enough for synthetic data (not for secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose first output is the mix of `seed + 0x9E3779B97F4A7C15`,
    /// exactly as the reference implementation seeded with `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// An independent generator for one purpose (`stream`), derived from
    /// `seed`: the tree and the members draw from different streams, so that
    /// changing how one is generated does not shift the other.
    pub fn stream(seed: u64, stream: u64) -> SplitMix64 {
        let mut mixer = SplitMix64::new(seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        SplitMix64::new(mixer.next_u64())
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by the multiply-high method
    /// (Lemire): the bias, below n / 2^64, does not matter for demo data.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `low..=high` (`low` when `high < low`).
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high.saturating_sub(low).saturating_add(1))
    }

    /// A number in `low..=high` that is more often near the middle: the mean
    /// of two uniform draws, a triangular distribution.
    pub fn triangular(&mut self, low: u64, high: u64) -> u64 {
        (self.between(low, high) + self.between(low, high)) / 2
    }

    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// A table of values with integer weights, sampled by a binary search over the
/// cumulative weights.
#[derive(Debug, Clone)]
pub(crate) struct Weighted<T: Copy> {
    items: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Copy> Weighted<T> {
    /// Builds the table; entries of weight 0 are never picked.
    pub(crate) fn new(entries: &[(T, u32)]) -> Weighted<T> {
        let mut total = 0u64;
        let mut items = Vec::with_capacity(entries.len());
        let mut cumulative = Vec::with_capacity(entries.len());
        for &(item, weight) in entries {
            total += u64::from(weight);
            items.push(item);
            cumulative.push(total);
        }
        Weighted { items, cumulative }
    }

    /// One value, with probability proportional to its weight. The table must
    /// not be empty (every table of this crate is a non-empty constant).
    pub(crate) fn pick(&self, rng: &mut SplitMix64) -> T {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let x = rng.below(total);
        let i = self.cumulative.partition_point(|&c| c <= x);
        self.items[i.min(self.items.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference outputs of SplitMix64 (Vigna's `splitmix64.c`): these
    /// must never change.
    #[test]
    fn reference_outputs() {
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
        let mut r = SplitMix64::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn bounded_draws_stay_in_range() {
        let mut r = SplitMix64::new(42);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let b = r.between(15, 60);
            assert!((15..=60).contains(&b));
            let t = r.triangular(3, 5);
            assert!((3..=5).contains(&t));
        }
        assert_eq!(r.below(0), 0);
        assert_eq!(r.between(5, 5), 5);
    }

    #[test]
    fn weighted_follows_weights() {
        let w = Weighted::new(&[('a', 1), ('z', 0), ('b', 3)]);
        let mut r = SplitMix64::new(7);
        let mut counts = [0usize; 2];
        for _ in 0..40_000 {
            match w.pick(&mut r) {
                'a' => counts[0] += 1,
                'b' => counts[1] += 1,
                other => panic!("picked {other}"),
            }
        }
        assert!((9_000..11_000).contains(&counts[0]), "{counts:?}");
    }

    #[test]
    fn streams_differ() {
        let a = SplitMix64::stream(1, 1).next_u64();
        let b = SplitMix64::stream(1, 2).next_u64();
        let c = SplitMix64::stream(2, 1).next_u64();
        assert!(a != b && a != c && b != c);
    }
}
