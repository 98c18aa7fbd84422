//! The pinyin readings of Han characters, without tones: compiled by `build.rs` from the
//! `pinyin` crate into tables of integers (`build/pinyin.rs`), so that starting a process
//! relocates none of them.

include!(concat!(env!("OUT_DIR"), "/pinyin.rs"));

/// The reading with index `id` in `SPANS`.
fn reading(id: u16) -> &'static str {
    let (start, len) = SPANS[usize::from(id)];
    let start = usize::from(start);
    &TEXT[start..start + usize::from(len)]
}

fn entry(c: char) -> Option<&'static (u32, u16, u32, u8)> {
    let i = CHARS.binary_search_by_key(&(c as u32), |e| e.0).ok()?;
    Some(&CHARS[i])
}

/// The usual reading of `c`, if it has one.
pub(crate) fn usual(c: char) -> Option<&'static str> {
    entry(c).filter(|e| e.1 != u16::MAX).map(|e| reading(e.1))
}

/// The readings of `c` as numbers (each once, in the order of the `pinyin` crate's list):
/// two characters share a reading when they share a number.
pub(crate) fn ids(c: char) -> &'static [u16] {
    entry(c).map_or(&[], list)
}

/// The reading numbers of an entry of `CHARS`.
fn list(e: &(u32, u16, u32, u8)) -> &'static [u16] {
    let start = e.2 as usize;
    &LISTS[start..start + usize::from(e.3)]
}

/// How many readings there are: reading numbers are below it.
pub(crate) const READINGS: usize = SPANS.len();

/// Every reading of `c` (each once), in the order of the `pinyin` crate's list of them.
pub(crate) fn all(c: char) -> impl Iterator<Item = &'static str> {
    ids(c).iter().map(|&id| reading(id))
}

/// Every character in `range` that has readings, with their numbers (see [`ids`]).
pub(crate) fn chars_in(
    range: std::ops::RangeInclusive<char>,
) -> impl Iterator<Item = (char, &'static [u16])> {
    let from = CHARS.partition_point(|e| e.0 < *range.start() as u32);
    let to = CHARS.partition_point(|e| e.0 <= *range.end() as u32);
    CHARS[from..to]
        .iter()
        .filter_map(|e| Some((char::from_u32(e.0)?, list(e))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_readings_of_common_and_polyphonic_characters() {
        assert_eq!(usual('中'), Some("zhong"));
        assert_eq!(usual('行'), Some("xing"));
        let hang: Vec<&str> = all('行').collect();
        assert!(hang.contains(&"xing") && hang.contains(&"hang"), "{hang:?}");
        assert_eq!(
            all('宁').filter(|r| *r == "ning").count(),
            1,
            "each reading once"
        );
        assert_eq!(usual('a'), None);
        assert_eq!(all('a').count(), 0);
        let block: Vec<char> = chars_in('\u{4E00}'..='\u{4E0F}').map(|(c, _)| c).collect();
        assert!(block.contains(&'一') && block.contains(&'丁'), "{block:?}");
        assert!(block.windows(2).all(|w| w[0] < w[1]));
        let shared = |a: char, b: char| ids(a).iter().any(|i| ids(b).contains(i));
        assert!(shared('将', '疆') && shared('行', '航') && !shared('行', '中'));
    }
}
