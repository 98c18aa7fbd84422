//! Chinese words spelled otherwise: the characters that read the same in pinyin, and an
//! automaton over the term dictionary for words whose characters are each allowed by position.

use tantivy_fst::Automaton;

use crate::script::{fold, is_han, pinyin};

/// The readings of `c` in pinyin, without tones.
pub(super) fn readings(c: char) -> Vec<&'static str> {
    pinyin::all(c).collect()
}

/// For each of `chars`, the other simplified characters that share a reading with it (its own
/// folded form excluded), sorted: one pass over the CJK block for all of them.
pub(super) fn same_sounds(chars: &[char]) -> Vec<Vec<char>> {
    let wanted: Vec<(char, Vec<&'static str>)> = chars
        .iter()
        .map(|&c| {
            let c = fold(c);
            (c, readings(c))
        })
        .collect();
    let mut out: Vec<Vec<char>> = vec![Vec::new(); chars.len()];
    for (other, all) in pinyin::chars_in('\u{4E00}'..='\u{9FFF}') {
        for reading in all {
            for (k, (c, mine)) in wanted.iter().enumerate() {
                if mine.contains(&reading) && other != *c && out[k].last() != Some(&other) {
                    out[k].push(other);
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
