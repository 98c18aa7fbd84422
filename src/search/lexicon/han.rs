//! Chinese words spelled otherwise: the characters that read the same in pinyin, and an
//! automaton over the term dictionary for words whose characters are each allowed by position.

use tantivy_fst::Automaton;

use crate::script::{fold, is_han, pinyin};

/// For each of `chars`, the other simplified characters that share a reading with it (its own
/// folded form excluded), sorted: one pass over the CJK block for all of them, each reading
/// marked with the characters of `chars` that have it.
pub(super) fn same_sounds(chars: &[char]) -> Vec<Vec<char>> {
    let folded: Vec<char> = chars.iter().map(|&c| fold(c)).collect();
    let mut out: Vec<Vec<char>> = vec![Vec::new(); chars.len()];
    // Sixty-four characters at a time (a query's word is far shorter).
    for (block, wanted) in folded.chunks(64).enumerate() {
        let mut has = vec![0u64; pinyin::READINGS];
        for (k, &c) in wanted.iter().enumerate() {
            for &id in pinyin::ids(c) {
                has[usize::from(id)] |= 1 << k;
            }
        }
        for (other, readings) in pinyin::chars_in('\u{4E00}'..='\u{9FFF}') {
            let mut mask = readings
                .iter()
                .fold(0u64, |m, &id| m | has[usize::from(id)]);
            while mask != 0 {
                let k = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                if other != wanted[k] {
                    out[block * 64 + k].push(other);
                }
            }
        }
    }
    // Traditional characters are never words of the index (it folds them).
    for chars in &mut out {
        chars.retain(|&o| fold(o) == o);
    }
    out
}

/// The other characters that share a reading with `c` (its own folded form excluded).
#[cfg(test)]
pub(super) fn same_sound(c: char) -> Vec<char> {
    same_sounds(&[c]).pop().unwrap_or_default()
}

/// What one character of a [`HanPattern`] may be.
#[derive(Debug, Clone)]
pub(super) enum Allowed {
    /// One of these characters, as sorted UTF-8.
    OneOf(Vec<Vec<u8>>),
    /// Any Han character.
    AnyHan,
}

impl Allowed {
    pub(super) fn of(chars: Vec<char>) -> Allowed {
        let mut encoded: Vec<Vec<u8>> = chars
            .into_iter()
            .map(|c| c.to_string().into_bytes())
            .collect();
        encoded.sort_unstable();
        encoded.dedup();
        Allowed::OneOf(encoded)
    }
}

/// Terms of exactly as many characters as the pattern, each allowed by its position.
pub(super) struct HanPattern<'p>(pub(super) &'p [Allowed]);

/// Where a [`HanPattern`] stands: the character it is at, the bytes of that character read so
/// far; `None` once a byte fits no term of the pattern.
#[derive(Debug, Clone, Copy)]
pub(super) struct HanState(Option<(usize, [u8; 4], usize)>);

impl Automaton for HanPattern<'_> {
    type State = HanState;

    fn start(&self) -> HanState {
        HanState(Some((0, [0; 4], 0)))
    }

    fn is_match(&self, state: &HanState) -> bool {
        matches!(state.0, Some((at, _, 0)) if at == self.0.len())
    }

    fn can_match(&self, state: &HanState) -> bool {
        state.0.is_some()
    }

    fn accept(&self, state: &HanState, byte: u8) -> HanState {
        let Some((at, mut bytes, len)) = state.0 else {
            return HanState(None);
        };
        let Some(allowed) = self.0.get(at) else {
            return HanState(None);
        };
        if len == 4 {
            return HanState(None);
        }
        bytes[len] = byte;
        let read = &bytes[..=len];
        let width = match read[0] {
            0x00..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => return HanState(None),
        };
        let fits = match allowed {
            Allowed::OneOf(set) => {
                let i = set.partition_point(|c| c.as_slice() < read);
                set.get(i).is_some_and(|c| c.starts_with(read))
            }
            Allowed::AnyHan => true,
        };
        if !fits {
            return HanState(None);
        }
        if len + 1 < width {
            return HanState(Some((at, bytes, len + 1)));
        }
        let complete = match allowed {
            Allowed::OneOf(set) => set.binary_search_by(|c| c.as_slice().cmp(read)).is_ok(),
            Allowed::AnyHan => std::str::from_utf8(read)
                .ok()
                .and_then(|s| s.chars().next())
                .is_some_and(is_han),
        };
        if complete {
            HanState(Some((at + 1, [0; 4], 0)))
        } else {
            HanState(None)
        }
    }
}
