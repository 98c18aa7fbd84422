//! Analyse: the one bilingual analyzer used to index and to query.
//!
//! Two tokenizers, registered together by [`Analyzer::register`], which every code path that
//! opens an index calls (see `index::open`):
//!
//! - [`WORDS`] ([`words`]): Han runs segmented by jieba (with the briefing vocabulary and the
//!   user's words of [`wordlist`]), other runs lower-cased and English-stemmed, a few acronyms
//!   kept apart ([`acronyms`]). Used for the passage text, the title and the question context,
//!   with positions, so phrases work in both scripts.
//! - [`BIGRAMS`] ([`bigrams`]): overlapping Han character pairs, for the `text_cjk` field; the
//!   pairs inside one word are indexed a second time, marked, for sub-word matches.
//! - [`FORMS`]: the Latin-script words of [`WORDS`] as written, lower-cased but not stemmed
//!   (`stabilizing`, `china's`), for the `text_forms` field: the vocabulary that prefixes,
//!   fuzzy words and spelling suggestions look words up in. Han text gives no token (the
//!   word field's Chinese terms are already the words as written).
//!
//! Both fold the text first ([`crate::script::fold`]: full-width forms to ASCII, traditional
//! characters to simplified), character for character, so offsets point into the original.
//!
//! Why two fields rather than jieba's search mode: a bigram field finds *any* Chinese string of
//! two or more characters inside longer words (产权 in 知识产权, 海警 in 中国海警局), even when
//! jieba's dictionary has no entry for the sub-word; and because the word field is searched
//! beside it, an exact word match still scores above a sub-word match, so precision is kept.
//! Search-mode sub-words would only cover dictionary sub-words and blur the two. Sub-word
//! matches use the marked pairs, which never span two words of the text, so 美元 (dollar) is
//! not found in 中美|元首 (the Chinese and US heads of state).

pub(crate) mod acronyms;
pub(crate) mod bigrams;
pub(crate) mod fingerprint;
mod forms;
mod jieba_dict;
pub(crate) mod segmenter;
pub(crate) mod wordlist;
pub(crate) mod words;

use std::sync::{Arc, LazyLock};

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

pub(crate) use segmenter::{Mode, Segmenter};
pub(crate) use wordlist::WordList;

/// Name under which the word tokenizer is registered (and recorded in the index schema).
pub(crate) const WORDS: &str = "briefsearch_words";
/// Name under which the bigram tokenizer is registered.
pub(crate) const BIGRAMS: &str = "briefsearch_bigrams";
/// Name under which the word-form tokenizer is registered.
pub(crate) const FORMS: &str = "briefsearch_forms";

/// Version of the analysis rules; stored in the index so that a change forces a re-index.
/// 2: briefing vocabulary, marked bigrams inside words, traditional → simplified, acronyms.
pub(crate) const ANALYZER_VERSION: u32 = 2;

/// Variants of the analysis, for measuring them against each other (see `TUNING.md`). The
/// defaults are what briefsearch uses; an index records the options it was built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AnalyzerOptions {
    /// Stem English words ("rates" → "rate").
    pub stem: bool,
    /// Drop common English words ("the", "of").
    pub stop_words: bool,
    /// Index jieba's search-mode sub-words at their word's position (知识 and 产权 with 知识产权).
    pub subwords: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> AnalyzerOptions {
        AnalyzerOptions {
            stem: true,
            stop_words: false,
            subwords: false,
        }
    }
}

/// One word of a text as the analyzer cut it: as written, and the token it is searched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutWord {
    pub written: String,
    pub token: String,
}

/// The bilingual analyzer. Cheap to clone: the jieba dictionary is shared and loaded lazily.
#[derive(Clone, Debug, Default)]
pub struct Analyzer {
    segmenter: Arc<Segmenter>,
    options: AnalyzerOptions,
}

impl Analyzer {
    /// The analyzer for indexing: jieba's full dictionary, loaded on first use.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// The analyzer for queries: the same tokens, without loading the full dictionary (see
    /// [`segmenter`]).
    pub fn for_queries() -> Analyzer {
        Analyzer::for_queries_with(WordList::default())
    }

    /// The analyzer for indexing, with the user's words added to jieba's.
    pub(crate) fn with_words(words: WordList) -> Analyzer {
        Analyzer {
            segmenter: Arc::new(Segmenter::new(Mode::Full, words)),
            options: AnalyzerOptions::default(),
        }
    }

    /// The analyzer for queries, with the user's words added to jieba's.
    pub(crate) fn for_queries_with(words: WordList) -> Analyzer {
        Analyzer {
            segmenter: Arc::new(Segmenter::new(Mode::Query, words)),
            options: AnalyzerOptions::default(),
        }
    }

    /// This analyzer with other options.
    pub(crate) fn with_options(mut self, options: AnalyzerOptions) -> Analyzer {
        self.options = options;
        self
    }

    /// Word tokens of `text`, as a query or a snippet sees them (never sub-words: a query
    /// word matches the sub-words indexed beside longer words by itself).
    pub fn words(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let options = AnalyzerOptions {
            subwords: false,
            ..self.options
        };
        words::tokenize(text, &self.segmenter, &options, &mut out);
        out
    }

    /// How `text` is cut into words: each word as written and as searched (`臺灣` → `台湾`,
    /// `U.S.` → `US`, `rates` → `rate`), in order. For showing how a query was understood.
    pub fn cut(&self, text: &str) -> Vec<CutWord> {
        self.words(text)
            .into_iter()
            .map(|t| CutWord {
                written: text[t.offset_from..t.offset_to].to_string(),
                token: t.text,
            })
            .collect()
    }

    /// Like [`Analyzer::words`], without the words of Chinese text (which need segmenting):
    /// enough to find English words.
    pub(crate) fn words_outside_han(&self, text: &str) -> Vec<Token> {
        static SKIP: LazyLock<Segmenter> =
            LazyLock::new(|| Segmenter::new(Mode::Skip, WordList::default()));
        let mut out = Vec::new();
        let options = AnalyzerOptions {
            subwords: false,
            ..self.options
        };
        words::tokenize(text, &SKIP, &options, &mut out);
        out
    }

    /// Bigram tokens of `text`, as indexed (plain pairs, and marked pairs inside words).
    pub fn bigrams(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        bigrams::tokenize(text, &self.segmenter, &mut out);
        out
    }

    /// The word ranges (byte offsets) of a run of folded Han characters.
    pub(crate) fn han_words(&self, han: &str) -> Box<[(u32, u32)]> {
        self.segmenter.words(han)
    }

    /// Whether jieba's dictionary has been loaded by this analyzer.
    #[cfg(test)]
    pub(crate) fn segmenter_loaded(&self) -> bool {
        self.segmenter.is_loaded()
    }

    /// Registers the tokenizers. The only place where briefsearch's tokenizers are registered.
    pub(crate) fn register(&self, manager: &TokenizerManager) {
        let segmenter = &self.segmenter;
        manager.register(
            WORDS,
            Streaming::new(WordTokens {
                segmenter: Arc::clone(segmenter),
                options: self.options,
            }),
        );
        let bigrams = BigramTokens {
            segmenter: Arc::clone(segmenter),
        };
        manager.register(BIGRAMS, Streaming::new(bigrams));
        manager.register(FORMS, Streaming::new(FormTokens));
    }
}

/// What one of briefsearch's tokenizers makes of a text, pushed into a reused stream.
trait Emit: Clone + Send + Sync + 'static {
    fn emit(&self, text: &str, stream: &mut CompactTokenStream);
}

/// A tantivy tokenizer over an [`Emit`]: one stream buffer, reset for each text.
#[derive(Clone)]
struct Streaming<E> {
    emit: E,
    stream: CompactTokenStream,
}

impl<E: Emit> Streaming<E> {
    fn new(emit: E) -> Self {
        Streaming {
            emit,
            stream: CompactTokenStream::default(),
        }
    }
}

impl<E: Emit> Tokenizer for Streaming<E> {
    type TokenStream<'a> = &'a mut CompactTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> &'a mut CompactTokenStream {
        self.stream.reset();
        self.emit.emit(text, &mut self.stream);
        &mut self.stream
    }
}

#[derive(Clone)]
struct WordTokens {
    segmenter: Arc<Segmenter>,
    options: AnalyzerOptions,
}

impl Emit for WordTokens {
    fn emit(&self, text: &str, stream: &mut CompactTokenStream) {
        let push = |from, to, word: &str, increment| stream.push(from, to, word, increment);
        words::each_word(text, &self.segmenter, &self.options, push);
    }
}

#[derive(Clone)]
struct BigramTokens {
    segmenter: Arc<Segmenter>,
}

impl Emit for BigramTokens {
    fn emit(&self, text: &str, stream: &mut CompactTokenStream) {
        let push = |from, to, bigram: &str, increment| stream.push(from, to, bigram, increment);
        bigrams::each_bigram(text, &self.segmenter, push);
    }
}

#[derive(Clone)]
struct FormTokens;

impl Emit for FormTokens {
    fn emit(&self, text: &str, stream: &mut CompactTokenStream) {
        forms::each_form(text, |from, to, form| stream.push(from, to, form, 1));
    }
}

/// Tokens of one text, kept in one string buffer and handed out through one reused `Token`:
/// indexing makes millions of tokens, and a string allocated for each would dominate.
#[derive(Clone, Default)]
pub struct CompactTokenStream {
    texts: String,
    /// (end of the token's text in `texts`, offset_from, offset_to, position)
    spans: Vec<(usize, usize, usize, usize)>,
    next: usize,
    token: Token,
}

impl CompactTokenStream {
    fn reset(&mut self) {
        self.texts.clear();
        self.spans.clear();
        self.next = 0;
        self.token.reset();
    }

    /// Adds a token `increment` positions after the previous one (the first at
    /// `increment - 1`; 0 stacks it on the previous token).
    fn push(&mut self, from: usize, to: usize, text: &str, increment: usize) {
        self.texts.push_str(text);
        let position = match self.spans.last() {
            Some(&(_, _, _, previous)) => previous + increment,
            None => increment.saturating_sub(1),
        };
        self.spans.push((self.texts.len(), from, to, position));
    }
}

impl TokenStream for &mut CompactTokenStream {
    fn advance(&mut self) -> bool {
        let Some(&(end, from, to, position)) = self.spans.get(self.next) else {
            return false;
        };
        let start = if self.next == 0 {
            0
        } else {
            self.spans[self.next - 1].0
        };
        self.token.text.clear();
        self.token.text.push_str(&self.texts[start..end]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
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
        let text = "跨境电商出口 rose 59.8% in ＲＣＥＰ markets, 臺灣 U.S.";
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
    fn test_query_analyzer_gives_the_index_analyzers_tokens_on_the_corpus() {
        let index = Analyzer::new();
        let query = Analyzer::for_queries();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut compared = 0;
        for lang in ["zh", "en"] {
            for entry in std::fs::read_dir(corpus.join(lang)).expect("corpus") {
                let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
                assert_eq!(query.words(&text), index.words(&text));
                assert_eq!(query.bigrams(&text), index.bigrams(&text));
                compared += 1;
            }
        }
        assert!(compared >= 14);
        assert!(
            !query.segmenter_loaded(),
            "the query analyzer never loads the full dictionary"
        );
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

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text mixing the scripts and characters transcripts hold: Latin, digits, Han, full-width
    /// forms, CJK and ASCII punctuation, whitespace, and some exotic code points.
    fn transcript_text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            4 => "[a-zA-Z]{1,12}",
            2 => "[0-9]{1,4}([.,][0-9]{1,3})?%?",
            4 => "[\u{4E00}-\u{9FA5}]{1,8}",
            1 => "[\u{FF01}-\u{FF5E}]{1,4}",
            2 => "[ \t\n,.;:!?'\"()\\-]{1,3}",
            2 => "[，。、：；？！“”（）《》]{1,2}",
            1 => "[A-Z]\\.[A-Z]\\.",
            1 => "[\u{0300}-\u{036F}\u{200B}\u{202E}\u{1F600}-\u{1F64F}\u{3400}-\u{3410}]{1,2}",
            1 => any::<char>().prop_map(|c| c.to_string()),
        ];
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    /// Chinese made of the briefing vocabulary and the characters around it, in both scripts.
    fn briefing_text() -> impl Strategy<Value = String> {
        let words: Vec<String> = WordList::shipped()
            .iter()
            .map(|(w, _)| w.to_string())
            .collect();
        let pieces = prop_oneof![
            3 => prop::sample::select(words),
            3 => "[中美元首两国家台湾南海东盟北约定外长部方日非洲其的是和在]{1,4}",
            1 => "[臺灣關於國務院發展經濟兩岸]{1,4}",
            1 => "[，。 ]",
        ];
        prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
    }

    /// Checks tokens' text, offsets and positions; with `stacked`, a token may share its
    /// position with the one before (the marked bigrams).
    fn check(text: &str, tokens: &[Token], stacked: bool) -> Result<(), TestCaseError> {
        let mut last = None;
        for t in tokens {
            prop_assert!(!t.text.is_empty(), "empty token in {text:?}");
            prop_assert!(
                t.offset_from < t.offset_to && t.offset_to <= text.len(),
                "offsets {t:?} in {text:?}"
            );
            prop_assert!(
                text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to),
                "boundaries {t:?}"
            );
            if let Some(previous) = last {
                prop_assert!(
                    t.position > previous || (stacked && t.position == previous),
                    "positions must increase: {t:?} after {previous}"
                );
            }
            last = Some(t.position);
        }
        Ok(())
    }

    // Two analyzers, each with its own dictionary (loading one costs about 0.1 s): the same
    // text must give the same tokens from either, and from one twice.
    static ONE: std::sync::LazyLock<Analyzer> = std::sync::LazyLock::new(Analyzer::new);
    static OTHER: std::sync::LazyLock<Analyzer> = std::sync::LazyLock::new(Analyzer::new);
    static QUERY: std::sync::LazyLock<Analyzer> = std::sync::LazyLock::new(Analyzer::for_queries);

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn word_tokens_are_well_formed_and_deterministic(text in transcript_text()) {
            let tokens = ONE.words(&text);
            check(&text, &tokens, false)?;
            prop_assert_eq!(&tokens, &ONE.words(&text));
            prop_assert_eq!(&tokens, &OTHER.words(&text));
        }

        #[test]
        fn bigram_tokens_are_well_formed_and_deterministic(text in transcript_text()) {
            let tokens = ONE.bigrams(&text);
            check(&text, &tokens, true)?;
            prop_assert_eq!(tokens, OTHER.bigrams(&text));
        }

        #[test]
        fn query_analyzer_gives_the_index_analyzers_tokens(text in transcript_text()) {
            prop_assert_eq!(QUERY.words(&text), ONE.words(&text));
        }

        #[test]
        fn query_analyzer_agrees_on_dense_chinese(text in "[的是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质]{1,60}") {
            prop_assert_eq!(QUERY.words(&text), ONE.words(&text));
        }

        #[test]
        fn query_analyzer_agrees_on_briefing_vocabulary(text in briefing_text()) {
            prop_assert_eq!(QUERY.words(&text), ONE.words(&text));
            prop_assert_eq!(QUERY.bigrams(&text), ONE.bigrams(&text));
        }

        #[test]
        fn any_string_analyses_without_panicking(text in any::<String>()) {
            check(&text, &ONE.words(&text), false)?;
            check(&text, &ONE.bigrams(&text), true)?;
        }
    }
}
