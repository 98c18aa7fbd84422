//! Analyse: the one bilingual analyzer used to index and to query.
//!
//! Two tokenizers, registered together by [`Analyzer::register`], which every code path that
//! opens an index calls (see `index::open`):
//!
//! - [`WORDS`] ([`words`]): Han runs segmented by jieba, other runs folded (full-width to ASCII),
//!   lower-cased and English-stemmed. Used for the passage text, the title and the question
//!   context, with positions, so phrases work in both scripts.
//! - [`BIGRAMS`] ([`bigrams`]): overlapping Han character pairs, for the `text_cjk` field.
//!
//! Why two fields rather than jieba's search mode: a bigram field finds *any* Chinese string of
//! two or more characters inside longer words (产权 in 知识产权, 海警 in 中国海警局), even when
//! jieba's dictionary has no entry for the sub-word; and because the word field is searched
//! beside it, an exact word match still scores above a sub-word match, so precision is kept.
//! Search-mode sub-words would only cover dictionary sub-words and blur the two.

pub mod bigrams;
pub mod script;
pub mod segmenter;
pub mod words;

use std::sync::Arc;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

pub use segmenter::Segmenter;

/// Name under which the word tokenizer is registered (and recorded in the index schema).
pub const WORDS: &str = "briefsearch_words";
/// Name under which the bigram tokenizer is registered.
pub const BIGRAMS: &str = "briefsearch_bigrams";

/// Version of the analysis rules; stored in the index so that a change forces a re-index.
pub const ANALYZER_VERSION: u32 = 1;

/// The bilingual analyzer. Cheap to clone: the jieba dictionary is shared and loaded lazily.
#[derive(Clone, Debug, Default)]
pub struct Analyzer {
    segmenter: Arc<Segmenter>,
}

impl Analyzer {
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Word tokens of `text`.
    pub fn words(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        words::tokenize(text, &self.segmenter, &mut out);
        out
    }

    /// Bigram tokens of `text`.
    pub fn bigrams(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        bigrams::tokenize(text, &mut out);
        out
    }

    /// Whether jieba's dictionary has been loaded by this analyzer.
    pub fn segmenter_loaded(&self) -> bool {
        self.segmenter.is_loaded()
    }

    /// Registers both tokenizers. The only place where briefsearch's tokenizers are registered.
    pub fn register(&self, manager: &TokenizerManager) {
        manager.register(
            WORDS,
            WordTokenizer {
                segmenter: Arc::clone(&self.segmenter),
            },
        );
        manager.register(BIGRAMS, BigramTokenizer);
    }
}

#[derive(Clone)]
struct WordTokenizer {
    segmenter: Arc<Segmenter>,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut tokens = Vec::new();
        words::tokenize(text, &self.segmenter, &mut tokens);
        VecTokenStream::new(tokens)
    }
}

#[derive(Clone)]
struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut tokens = Vec::new();
        bigrams::tokenize(text, &mut tokens);
        VecTokenStream::new(tokens)
    }
}

/// Tokens computed up front and handed out one by one.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecTokenStream {
    fn new(tokens: Vec<Token>) -> VecTokenStream {
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_registered_tokenizers_match_the_direct_functions() {
        let analyzer = Analyzer::new();
        let manager = TokenizerManager::default();
        analyzer.register(&manager);
        let text = "跨境电商出口 rose 59.8% in ＲＣＥＰ markets";
        let mut via_tantivy = Vec::new();
        let mut words = manager.get(WORDS).expect("registered");
        words
            .token_stream(text)
            .process(&mut |t| via_tantivy.push(t.clone()));
        assert_eq!(via_tantivy, analyzer.words(text));
        let mut via_tantivy = Vec::new();
        let mut bigrams = manager.get(BIGRAMS).expect("registered");
        bigrams
            .token_stream(text)
            .process(&mut |t| via_tantivy.push(t.clone()));
        assert_eq!(via_tantivy, analyzer.bigrams(text));
    }

    #[test]
    fn test_english_text_never_loads_the_dictionary() {
        let analyzer = Analyzer::new();
        analyzer.words("bonded logistics park");
        assert!(!analyzer.segmenter_loaded());
        analyzer.words("海关");
        assert!(analyzer.segmenter_loaded());
    }
}
