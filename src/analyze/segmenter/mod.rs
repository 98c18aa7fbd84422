//! Chinese word segmentation: jieba, loaded once per process and only when needed, with the
//! words of [`WordList`]s added to its dictionary.
//!
//! Indexing segments megabytes of text, so it loads jieba's dictionary in full (about 100 ms
//! and 35 MB, once). A query segments a few characters, and a process is started per query by
//! scripts; so at query time ([`Mode::Query`]) each Han run is segmented by a jieba built on
//! the spot from only the dictionary words that occur in that run, with their frequencies and
//! the dictionary's total, read from a transducer of jieba's dictionary compiled into the
//! binary (`data/jieba/dict.fst`, written by `scripts/jieba-dict.sh`, checked by a test), and
//! from the added words. jieba's choice of words depends on nothing else (the words found in
//! the run, their frequencies, the total, and the fixed HMM model), so the result is exactly
//! jieba's with the full dictionary and the same added words; tests check this.
//!
//! Every tokenizer holds an `Arc<Segmenter>`: tantivy clones analyzers freely, and cloning a
//! loaded `Jieba` costs about 15 ms and 25 MB.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, OnceLock};

use fst::raw::{Fst, Output};
use jieba_rs::Jieba;

use super::jieba_dict::TOTAL_FREQ;
use super::wordlist::{DEFAULT_FREQ, WordList};

/// jieba's dictionary as word → frequency. Should it not decode, queries load jieba in full:
/// slower, same words.
static DICTIONARY: LazyLock<Option<Fst<&'static [u8]>>> = LazyLock::new(|| {
    Fst::new(&include_bytes!("../../../data/jieba/dict.fst")[..])
        .ok()
        .filter(|fst| !fst.is_empty())
});

/// Longest dictionary word, in characters (jieba's default dictionary has 16).
const MAX_WORD_CHARS: usize = 24;

/// A word no text can contain, carrying the rest of the dictionary's total frequency.
const TOTAL_CARRIER: &str = "\u{F8FF}\u{F8FE}\u{F8FD}";

/// How a segmenter gets its dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Load jieba's dictionary in full on first use: for indexing.
    Full,
    /// Build a small jieba per run from the embedded dictionary: for queries.
    Query,
    /// No words from Han text, only a placeholder per run: for finding English words only.
    Skip,
}

#[derive(Debug)]
pub(crate) struct Segmenter {
    mode: Mode,
    /// Told apart in the cache of recent cuts.
    id: u64,
    /// The user's words, added with the shipped briefing words.
    user: WordList,
    added: OnceLock<Added>,
    jieba: OnceLock<Jieba>,
    /// In query mode: one jieba holding the dictionary words of every run segmented so far
    /// (an empty jieba alone allocates half a megabyte, and snippets segment hundreds of runs).
    small: Mutex<Option<Small>>,
}

/// The shipped words with the frequencies jieba gets for them, compiled by `build/words.rs`.
static SHIPPED_WORDS: LazyLock<Option<fst::Map<&'static [u8]>>> = LazyLock::new(|| {
    fst::Map::new(&include_bytes!(concat!(env!("OUT_DIR"), "/briefing_words.fst"))[..]).ok()
});
include!(concat!(env!("OUT_DIR"), "/briefing_words.rs"));

/// A shipped word's frequency.
fn shipped_freq(word: &str) -> Option<u64> {
    SHIPPED_WORDS.as_ref().and_then(|m| m.get(word))
}

/// The added words with the frequencies they get, and the total frequency of the dictionary
/// with them: the shipped words as compiled, then the user's (whose frequency wins for a word
/// in both).
#[derive(Debug)]
struct Added {
    user: HashMap<String, u64>,
    max_chars: usize,
    total: u64,
}

impl Added {
    fn resolve(user: &WordList) -> Added {
        let mut freqs = HashMap::new();
        // jieba's total after adding them: a word it had changes the total by the difference.
        let mut total = i128::from(TOTAL_FREQ) + i128::from(SHIPPED_TOTAL_CHANGE);
        let mut max_chars = SHIPPED_MAX_CHARS;
        for (word, freq) in user.iter() {
            let known = dictionary_freq(word).unwrap_or(0);
            let freq = freq.unwrap_or_else(|| known.max(DEFAULT_FREQ));
            let before = freqs
                .insert(word.to_string(), freq)
                .or_else(|| shipped_freq(word))
                .unwrap_or(known);
            total += i128::from(freq) - i128::from(before);
            max_chars = max_chars.max(word.chars().count());
        }
        Added {
            user: freqs,
            max_chars,
            total: u64::try_from(total.max(0)).unwrap_or(u64::MAX),
        }
    }

    /// Every added word with its frequency, in word order.
    fn all(&self) -> Vec<(String, u64)> {
        let mut all: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
        if let Some(map) = SHIPPED_WORDS.as_ref() {
            let mut stream = map.stream();
            while let Some((word, freq)) = fst::Streamer::next(&mut stream) {
                if let Ok(word) = std::str::from_utf8(word) {
                    all.insert(word.to_string(), freq);
                }
            }
        }
        all.extend(self.user.iter().map(|(w, &f)| (w.clone(), f)));
        all.into_iter().collect()
    }
}

/// A word's frequency in jieba's dictionary.
fn dictionary_freq(word: &str) -> Option<u64> {
    DICTIONARY
        .as_ref()
        .and_then(|d| d.get(word.as_bytes()))
        .map(|o| o.value())
}

/// A jieba with part of the dictionary, and the sum of the frequencies of its words.
#[derive(Debug)]
struct Small {
    jieba: Jieba,
    sum: u64,
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter::new(Mode::Full, WordList::default())
    }
}

/// Runs recently cut in this thread, by segmenter: the bigram tokenizer needs the words of the
/// text the word tokenizer has just cut (tantivy analyses a passage's fields one after another
/// on one thread), and cutting twice would double the cost of indexing Chinese.
type RecentCuts = HashMap<(u64, Box<str>), Box<[(u32, u32)]>>;
thread_local! {
    static RECENT: RefCell<RecentCuts> = RefCell::new(HashMap::new());
}
/// Runs kept in a thread's cache before it is emptied.
const RECENT_RUNS: usize = 2048;

impl Segmenter {
    pub(crate) fn new(mode: Mode, user: WordList) -> Segmenter {
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        Segmenter {
            mode,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            user,
            added: OnceLock::new(),
            jieba: OnceLock::new(),
            small: Mutex::new(None),
        }
    }

    fn added(&self) -> &Added {
        self.added.get_or_init(|| Added::resolve(&self.user))
    }

    /// Calls `word(start, end, stacked)` with the byte range of each word of `han`, a run of
    /// (folded) Han characters, in order. With `subwords`, each word of three or more
    /// characters is followed by the dictionary words of two and three characters inside it,
    /// `stacked` (they share its position), as jieba's search mode finds them.
    pub(crate) fn cut(&self, han: &str, subwords: bool, mut word: impl FnMut(usize, usize, bool)) {
        if self.mode == Mode::Skip {
            // One token for the run (its first character), so that English words on either
            // side of Chinese text are not taken for neighbours.
            if let Some(c) = han.chars().next() {
                word(0, c.len_utf8(), false);
            }
            return;
        }
        let mut words: Vec<(u32, u32)> = Vec::new();
        self.with_jieba(han, |jieba| {
            cut_with(jieba, han, subwords, |s, e, stacked| {
                if !stacked {
                    words.push((s as u32, e as u32));
                }
                word(s, e, stacked)
            })
        });
        remember(self.id, han, words.into_boxed_slice());
    }

    /// The byte ranges of the words of `han` (as [`Segmenter::cut`] gives them, without
    /// sub-words), from the cache of recent cuts when it was just cut.
    pub(crate) fn words(&self, han: &str) -> Box<[(u32, u32)]> {
        let key = (self.id, Box::<str>::from(han));
        if let Some(words) = RECENT.with(|r| r.borrow().get(&key).cloned()) {
            return words;
        }
        let mut words = Vec::new();
        self.cut(han, false, |s, e, _| words.push((s as u32, e as u32)));
        words.into_boxed_slice()
    }

    /// Runs `f` with a jieba that segments `han` as the full dictionary with the added words.
    fn with_jieba(&self, han: &str, f: impl FnOnce(&Jieba)) {
        match (self.mode, DICTIONARY.as_ref()) {
            (Mode::Query, Some(dictionary)) => {
                let mut small = self.small.lock().unwrap_or_else(|e| e.into_inner());
                let small = small.get_or_insert_with(|| Small {
                    jieba: Jieba::empty(),
                    sum: 0,
                });
                add_words_of(han, dictionary, self.added(), small);
                f(&small.jieba)
            }
            _ => f(self.jieba.get_or_init(|| {
                let mut jieba = Jieba::new();
                for (word, freq) in self.added().all() {
                    jieba.add_word(&word, Some(freq as usize), None);
                }
                jieba
            })),
        }
    }

    /// Whether the full dictionary has been loaded in this process (for tests and diagnostics).
    #[cfg(test)]
    pub(crate) fn is_loaded(&self) -> bool {
        self.jieba.get().is_some()
    }
}

fn remember(id: u64, han: &str, words: Box<[(u32, u32)]>) {
    RECENT.with(|r| {
        let mut recent = r.borrow_mut();
        if recent.len() >= RECENT_RUNS {
            recent.clear();
        }
        recent.insert((id, Box::from(han)), words);
    });
}

fn cut_with(jieba: &Jieba, han: &str, subwords: bool, mut word: impl FnMut(usize, usize, bool)) {
    for token in jieba.cut(han, true) {
        word(token.byte_start, token.byte_end, false);
        if !subwords {
            continue;
        }
        let starts: Vec<usize> = token
            .word
            .char_indices()
            .map(|(i, _)| i)
            .chain([token.word.len()])
            .collect();
        let chars = starts.len() - 1;
        for n in [2usize, 3] {
            if chars <= n {
                continue;
            }
            for k in 0..=chars - n {
                let inner = &token.word[starts[k]..starts[k + n]];
                if jieba.has_word(inner) {
                    word(
                        token.byte_start + starts[k],
                        token.byte_start + starts[k + n],
                        true,
                    );
                }
            }
        }
    }
}

/// Whether the embedded dictionary is available (it is unless the build could not find it).
#[cfg(test)]
fn has_embedded_dictionary() -> bool {
    DICTIONARY.is_some()
}

/// A walk down a transducer from its root, a character at a time: the node reached and the
/// output gathered on the way (a word's value is that output with the node's final output).
struct Walk<'f> {
    fst: &'f Fst<&'static [u8]>,
    node: fst::raw::Node<'f>,
    output: Output,
}

impl<'f> Walk<'f> {
    fn start(fst: &'f Fst<&'static [u8]>) -> Walk<'f> {
        Walk {
            fst,
            node: fst.root(),
            output: Output::zero(),
        }
    }

    /// Follows `bytes`; false when the transducer holds no word that goes on so.
    fn step(&mut self, bytes: &[u8]) -> bool {
        for &b in bytes {
            let Some(i) = self.node.find_input(b) else {
                return false;
            };
            let t = self.node.transition(i);
            self.output = self.output.cat(t.out);
            self.node = self.fst.node(t.addr);
        }
        true
    }

    /// The value of the word walked so far, if it is one.
    fn value(&self) -> Option<u64> {
        self.node
            .is_final()
            .then(|| self.output.cat(self.node.final_output()).value())
    }
}

/// Follows `bytes` on a live walk, ending it when no word goes on so.
fn step(walk: &mut Option<Walk>, bytes: &[u8]) {
    if walk.as_mut().is_some_and(|w| !w.step(bytes)) {
        *walk = None;
    }
}

/// Adds to `small` the dictionary words and the added words that occur in `text`, with their
/// frequencies, and keeps its total frequency the full dictionary's: it then segments `text`
/// as the full dictionary does (jieba looks up only the substrings of the text it cuts, so
/// other words it holds do not matter). From each character, the dictionary and the shipped
/// words are walked side by side, a character at a time, until neither holds a longer word
/// (the user's words, a hash map, are looked up up to the longest of them).
fn add_words_of(text: &str, dictionary: &Fst<&'static [u8]>, added: &Added, small: &mut Small) {
    let Small { jieba, sum } = small;
    let bytes = text.as_bytes();
    let mut add = |word: &str, freq: u64| {
        if !jieba.has_word(word) {
            jieba.add_word(word, Some(freq as usize), None);
            *sum += freq;
        }
    };
    let shipped = SHIPPED_WORDS.as_ref().map(|m| m.as_fst());
    let user_chars = if added.user.is_empty() {
        0
    } else {
        added.max_chars
    };
    for (start, _) in text.char_indices() {
        let mut in_dictionary = Some(Walk::start(dictionary));
        let mut in_shipped = shipped.map(Walk::start);
        let mut chars = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if in_dictionary.is_none() && in_shipped.is_none() && chars >= user_chars {
                break;
            }
            let end = at + c.len_utf8();
            chars += 1;
            if chars > MAX_WORD_CHARS {
                in_dictionary = None;
            }
            step(&mut in_dictionary, &bytes[at..end]);
            step(&mut in_shipped, &bytes[at..end]);
            at = end;
            let word = &text[start..end];
            let own = match user_chars {
                0 => None,
                _ => added.user.get(word).copied(),
            };
            let own = own.or_else(|| in_shipped.as_ref().and_then(Walk::value));
            match in_dictionary.as_ref().and_then(Walk::value) {
                Some(freq) => add(word, own.unwrap_or(freq)),
                // Added words of one character count only as dictionary words.
                None if chars >= 2 => {
                    if let Some(freq) = own {
                        add(word, freq)
                    }
                }
                None => {}
            }
        }
    }
    jieba.add_word(
        TOTAL_CARRIER,
        Some(added.total.saturating_sub(*sum) as usize),
        None,
    );
}

#[cfg(test)]
mod tests;
