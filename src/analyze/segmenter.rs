//! The jieba dictionary, loaded once per process and only when Han text is met.
//!
//! `Jieba::new()` costs about 100 ms and 35 MB, and cloning one costs nearly as much; tantivy
//! clones analyzers freely. So every tokenizer holds an `Arc<Segmenter>`, and the dictionary
//! is built on first use: an English-only query never pays for it.

use std::sync::OnceLock;

use jieba_rs::Jieba;

#[derive(Default)]
pub struct Segmenter {
    jieba: OnceLock<Jieba>,
}

impl Segmenter {
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// Calls `word(start, end)` with the byte range of each word of `han`, a run of Han
    /// characters, in order.
    pub fn cut(&self, han: &str, mut word: impl FnMut(usize, usize)) {
        let jieba = self.jieba.get_or_init(Jieba::new);
        for token in jieba.cut(han, true) {
            word(token.byte_start, token.byte_end);
        }
    }

    /// Whether the dictionary has been loaded in this process (for tests and diagnostics).
    pub fn is_loaded(&self) -> bool {
        self.jieba.get().is_some()
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("loaded", &self.is_loaded())
            .finish()
    }
}
