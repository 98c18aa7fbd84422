//! Near-duplicate fingerprints of passages: which passages say the same thing word for word, or
//! nearly (the same boilerplate answer on two dates, the same briefing published twice).
//!
//! A passage is cut into tokens, language-aware: Latin-script and digit runs are words (folded
//! and lower-cased as the analyzer does), each Han character is a token. Its **shingles** are
//! the runs of 3 consecutive words, or of 5 consecutive Han characters when Han characters are
//! the majority (a 5-character run carries about what 3 English words do). Two passages are
//! **near-duplicates** when their shingle sets have a Jaccard similarity of at least
//! [`NEAR_DUPLICATE`]: one changed word in a 30-word answer passes, two answers built from the
//! same formula with different substance do not. The ends of a passage are padded, so that a
//! change at the very end ("over to Dr. Fauci" / "over to Dr. Murthy") counts as much as one
//! in the middle.
//!
//! Short passages ([`MIN_WORDS`]) get no fingerprint and are never near-duplicates: "Thank
//! you." and "谢谢。" recur by the thousand and say nothing of their context.
//!
//! The index stores a 128-bit [`Fingerprint`] per passage: four MinHash bands of two rows, each
//! band cut to 32 bits (16 bits made four chance candidates per band among 250,000 passages).
//! Passages that share a band are candidates; pairs at the threshold share a band with
//! probability 0.93 (0.99 at 0.8). Many candidates still share a band through a formula common
//! to thousands of passages, not by their substance, so each passage also has a [`Sketch`]: 32 more
//! MinHash values of 8 bits. Two passages at similarity J agree on each value with probability
//! J (plus 1/256), so near-duplicates agree on at least [`SKETCH_AGREE`] of the 32 but for a
//! chance of 2·10⁻⁸ at the threshold, while a pair at 0.1 does so 1.4% of the time. Candidates
//! that pass the sketch are checked by computing their similarity from their text. Changing
//! any rule here changes the index: bump `SCHEMA_VERSION`.

use crate::script::{fold, is_han, is_word_char};

/// Similarity (Jaccard of the shingle sets) from which two passages are near-duplicates.
pub(crate) const NEAR_DUPLICATE: f64 = 0.7;

/// Passages shorter than this many words (a Han character counting half) get no fingerprint.
pub(crate) const MIN_WORDS: usize = 8;

/// Shingle lengths, in tokens.
const WORD_SHINGLE: usize = 3;
const HAN_SHINGLE: usize = 5;

/// MinHash bands and rows per band.
const BANDS: usize = 4;
const ROWS: usize = 2;

/// Seeds of the MinHash functions (odd multipliers, xor masks), fixed forever for an index.
const MULTIPLIERS: [u64; BANDS * ROWS] = [
    0x9E37_79B9_7F4A_7C15,
    0xC2B2_AE3D_27D4_EB4F,
    0x1656_67B1_9E37_79F9,
    0xD6E8_FEB8_6659_FD93,
    0xA076_1D64_78BD_642F,
    0xE703_7ED1_A0B4_28DB,
    0x8EBC_6AF0_9C88_C6E3,
    0x5899_65CC_7537_4CC3,
];
const MASKS: [u64; BANDS * ROWS] = [
    0x2545_F491_4F6C_DD1D,
    0x27BB_2EE6_87B0_B0FD,
    0x3C6E_F372_FE94_F82B,
    0x5851_F42D_4C95_7F2D,
    0x1405_7B7E_F767_814F,
    0x7A64_6E4D_0C1B_9F35,
    0x6C8E_9CF5_7094_1A3B,
    0x0F1E_2D3C_4B5A_6978,
];

/// MinHash values of a [`Sketch`], and how many of them near-duplicates agree on at least.
const SKETCH: usize = 32;
pub(crate) const SKETCH_AGREE: u32 = 8;

/// The sketch's MinHash functions (xor mask, odd multiplier), drawn from a fixed SplitMix64
/// sequence: fixed forever for an index, like [`MULTIPLIERS`].
const SKETCH_SEEDS: [(u64, u64); SKETCH] = {
    let mut out = [(0, 0); SKETCH];
    let mut state: u64 = 0x6272_6965_6673_6B74;
    let mut i = 0;
    while i < SKETCH {
        let mut draw = [0u64; 2];
        let mut j = 0;
        while j < 2 {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            draw[j] = z ^ (z >> 31);
            j += 1;
        }
        out[i] = (draw[0], draw[1] | 1);
        i += 1;
    }
    out
};

/// A passage's sketch: 32 MinHash values of 8 bits, packed eight to a word (the index stores
/// the four words in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Sketch(pub [u64; SKETCH / 8]);

impl Sketch {
    /// On how many of the 32 values the two agree.
    pub(crate) fn agreements(self, other: Sketch) -> u32 {
        const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        self.0
            .iter()
            .zip(other.0)
            .map(|(a, b)| {
                let x = a ^ b;
                // The high bit of each byte that is zero in `x`, and only those.
                (!(((x & LOW7) + LOW7) | x | LOW7)).count_ones()
            })
            .sum()
    }

    /// Whether the two may be near-duplicates: they agree on at least [`SKETCH_AGREE`] values.
    pub(crate) fn may_match(self, other: Sketch) -> bool {
        self.agreements(other) >= SKETCH_AGREE
    }
}

/// What the index stores of a passage to find its near-duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Prints {
    pub fingerprint: Fingerprint,
    pub sketch: Sketch,
}

/// A passage's fingerprint: four 32-bit MinHash bands, two to a word (the index stores the
/// two words in two fields). Zero means none (a short passage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Fingerprint(pub [u64; 2]);

impl Fingerprint {
    fn band(self, b: usize) -> u64 {
        (self.0[b / 2] >> (32 * (b % 2))) & 0xFFFF_FFFF
    }

    fn is_none(self) -> bool {
        self.0 == [0, 0]
    }

    /// The band values, each tagged with its band number so that values of different bands
    /// never meet: the terms under which the index finds a passage's candidates.
    pub(crate) fn band_keys(self) -> Option<[u64; BANDS]> {
        if self.is_none() {
            return None;
        }
        Some(std::array::from_fn(|b| ((b as u64) << 32) | self.band(b)))
    }

    /// Whether the two may be near-duplicates: both have a fingerprint and share a band.
    pub(crate) fn may_match(self, other: Fingerprint) -> bool {
        if self.is_none() || other.is_none() {
            return false;
        }
        (0..BANDS).any(|b| self.band(b) == other.band(b))
    }
}

/// The shingles of a passage, as sorted distinct hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shingles(Vec<u64>);

impl Shingles {
    /// The shingles of `text`, or `None` when it is too short to have any.
    pub(crate) fn of(text: &str) -> Option<Shingles> {
        let mut hashes = Vec::new();
        each_shingle(text, |h| hashes.push(h))?;
        hashes.sort_unstable();
        hashes.dedup();
        Some(Shingles(hashes))
    }

    /// Jaccard similarity of the two sets, in [0, 1].
    pub(crate) fn similarity(&self, other: &Shingles) -> f64 {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let union = a.len() + b.len() - shared;
        if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        }
    }

    /// Whether the two passages are near-duplicates.
    pub(crate) fn near_duplicate(&self, other: &Shingles) -> bool {
        self.similarity(other) >= NEAR_DUPLICATE
    }
}

/// The fingerprint and sketch of `text` (zero when it is too short). Computed while indexing,
/// so it streams the shingles without keeping them.
pub(crate) fn prints(text: &str) -> Prints {
    let mut mins = [u64::MAX; BANDS * ROWS];
    let mut sketch_mins = [u64::MAX; SKETCH];
    if each_shingle(text, |h| {
        for (i, min) in mins.iter_mut().enumerate() {
            *min = (*min).min(permute(h, i));
        }
        for (min, &(mask, multiplier)) in sketch_mins.iter_mut().zip(&SKETCH_SEEDS) {
            let x = (h ^ mask).wrapping_mul(multiplier);
            *min = (*min).min(x ^ (x >> 29));
        }
    })
    .is_none()
    {
        return Prints::default();
    }
    let mut value = [0u64; 2];
    for b in 0..BANDS {
        let band = mix(mins[b * ROWS] ^ mix(mins[b * ROWS + 1]));
        value[b / 2] |= (band >> 32) << (32 * (b % 2));
    }
    // Zero is "no fingerprint"; a real one landing on it (1 in 2^128) moves next door.
    if value == [0, 0] {
        value[0] = 1;
    }
    let mut sketch = Sketch::default();
    for (i, &min) in sketch_mins.iter().enumerate() {
        sketch.0[i / 8] |= (mix(min) >> 56) << (8 * (i % 8));
    }
    Prints {
        fingerprint: Fingerprint(value),
        sketch,
    }
}

/// One of the MinHash functions applied to a shingle hash.
/// The shingle hashes are already well mixed, so one multiplication (a bijection) and a shift
/// that brings the high bits down are enough to order them differently for each function.
fn permute(h: u64, i: usize) -> u64 {
    let x = (h ^ MASKS[i]).wrapping_mul(MULTIPLIERS[i]);
    x ^ (x >> 29)
}

/// A 64-bit finaliser (xorshift-multiply), so that every output bit depends on every input bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

/// Calls `each` with the hash of every shingle of `text`; `None` (and no call) when the text
/// is shorter than [`MIN_WORDS`].
fn each_shingle(text: &str, mut each: impl FnMut(u64)) -> Option<()> {
    let tokens = tokens(text);
    let han = tokens.iter().filter(|t| t.han).count();
    let words = tokens.len() - han;
    if words * 2 + han < MIN_WORDS * 2 {
        return None;
    }
    let k = if han > words {
        HAN_SHINGLE
    } else {
        WORD_SHINGLE
    };
    // k-1 markers at each end: a change in the first or last token touches k shingles, as
    // anywhere else.
    const START: u64 = 0x5354_4152_5400_0001;
    const END: u64 = 0x454E_4400_0000_0002;
    let padded: Vec<u64> = std::iter::repeat_n(START, k - 1)
        .chain(tokens.iter().map(|t| t.hash))
        .chain(std::iter::repeat_n(END, k - 1))
        .collect();
    for window in padded.windows(k) {
        each(mix(window.iter().fold(0u64, |acc, &t| {
            (acc.rotate_left(17) ^ t).wrapping_mul(MULTIPLIERS[0])
        })));
    }
    Some(())
}

struct Token {
    hash: u64,
    han: bool,
}

/// The tokens of `text`: folded, lower-cased words and single Han characters; punctuation and
/// spacing are never tokens, so they never make two passages differ. A word is hashed as it is
/// read (this runs on every passage indexed).
fn tokens(text: &str) -> Vec<Token> {
    /// Han characters' hashes apart from words'.
    const HAN_TAG: u64 = 1 << 40;
    fn add(word: Option<u64>, c: char) -> u64 {
        (word.unwrap_or(WORD_SEED).rotate_left(5) ^ u64::from(c)).wrapping_mul(MULTIPLIERS[1])
    }
    const WORD_SEED: u64 = 0x776F_7264;
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut word: Option<u64> = None;
    let flush = |word: &mut Option<u64>, out: &mut Vec<Token>| {
        if let Some(h) = word.take() {
            out.push(Token {
                hash: mix(h),
                han: false,
            });
        }
    };
    for c in text.chars().map(fold) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                word = Some(add(word, c.to_ascii_lowercase()));
            } else {
                flush(&mut word, &mut out);
            }
        } else if is_han(c) {
            flush(&mut word, &mut out);
            out.push(Token {
                hash: mix(u64::from(c) | HAN_TAG),
                han: true,
            });
        } else if is_word_char(c) {
            for lower in c.to_lowercase() {
                word = Some(add(word, lower));
            }
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests;
