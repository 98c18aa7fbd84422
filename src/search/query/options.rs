//! Ranking options: how many of the typed words must match, and the weights of the fields and
//! boosts. The defaults were chosen by measurement (`tests/relevance/TUNING.md`).

/// How queries are matched and scored. The defaults are the ones chosen by measurement on the
/// judged query set (`tests/relevance/`, `TUNING.md`); the others exist to compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankOptions {
    /// Match Chinese through the word field (jieba words).
    pub words: bool,
    /// Match Chinese through the bigram field (sub-words).
    pub bigrams: bool,
    /// Weight of a bigram (sub-word) match relative to a word match.
    pub bigram_boost: f32,
    /// Weight of a match in the briefing's title (0: none).
    pub title_boost: f32,
    /// Weight of a match in the question that an answer replies to (0: none).
    pub context_boost: f32,
    /// Weight of the query's words appearing close together (0: none).
    pub proximity_boost: f32,
    /// How far apart (in positions) words may be for the proximity boost.
    pub proximity_slop: u32,
    /// Discount passages of a few words.
    pub length_prior: bool,
    /// How many of the words typed one after another must match.
    pub matching: Matching,
    /// After the passages that match by `matching`, rank those that match by this looser rule
    /// (`None`: only the former).
    pub fill: Option<Matching>,
    /// Rank the passages of `fill` in levels, more of the words first: all but one, half, then
    /// `fill`'s rule.
    pub fill_levels: bool,
    /// What the scores of each level of passages with fewer words are multiplied by,
    /// relative to the level above (1: no levels, 0: strictly more words first).
    pub level_discount: f32,
    /// After the passages that match in their own text, rank the answers that match with the
    /// words of the question they reply to (before those of `fill`).
    pub through_question: bool,
    /// A query with words in both scripts (and no `--lang`) ranks each language on its own and
    /// interleaves them by score relative to each language's best.
    pub balance_languages: bool,
}

impl Default for RankOptions {
    fn default() -> RankOptions {
        RankOptions {
            words: true,
            bigrams: true,
            bigram_boost: 0.5,
            title_boost: 0.3,
            context_boost: 1.0,
            proximity_boost: 0.0,
            proximity_slop: 4,
            length_prior: true,
            matching: Matching::All,
            fill: Some(Matching::Any),
            fill_levels: true,
            level_discount: 0.9,
            through_question: true,
            balance_languages: true,
        }
    }
}

/// How many of the words typed one after another a passage must contain. Explicit `AND`, `+`
/// and quoted phrases are always required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// Every word.
    All,
    /// Every word of one or two; all but one of three or more.
    AllButOne,
    /// About two thirds of them (at least one).
    TwoThirds,
    /// Half of them, rounded up.
    Half,
    /// At least one (none if something else is required).
    Any,
}

impl Matching {
    /// How many of `n` optional clauses must match.
    pub fn minimum(self, n: usize, has_required: bool) -> usize {
        match self {
            Matching::All => n,
            Matching::AllButOne if n >= 3 => n - 1,
            Matching::AllButOne => n,
            Matching::TwoThirds => (n * 2).div_ceil(3).max(1).min(n),
            Matching::Half => n.div_ceil(2).max(1).min(n),
            Matching::Any if has_required => 0,
            Matching::Any => n.min(1),
        }
    }
}
