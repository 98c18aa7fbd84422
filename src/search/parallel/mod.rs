//! Parallel briefings: the English and the Chinese version of one briefing, recognised among
//! the briefings of one date, their turns and passages aligned ([`align`]), so that each
//! passage has a `counterpart` in the other language.
//!
//! Two briefings are versions of one when they share a date, their presiding speakers (the
//! official with most to say) are one person across scripts (林剑 = Lin Jian: the briefing
//! lexicon, else pinyin; see `names`), they ask about as many questions, and most of their
//! turns align. Each briefing has at most one counterpart version: the best aligned.
//!
//! This is done when a command needs it: whichever version is indexed or re-indexed later,
//! from a file or from stdin, the pairing is that of the index as it is. A date is looked at
//! once per process, from fast fields alone unless it has briefings in both languages with one
//! presiding speaker; only then are the two versions read and aligned (a few milliseconds).
//! Indexing ends by recording which briefings some pair holds ([`record`]): a query skips the
//! dates of the others, which are most hits.

pub(crate) mod align;
pub(crate) mod record;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::{Context, Result};
use tantivy::columnar::Column;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, SegmentOrdinal, SegmentReader, Term};

use super::collect::{self, StrValues};
use super::filter::day;
use super::{Searcher, StoredPassage};
use crate::briefing::{Kind, Lang};
use crate::date::Date;
use crate::index::schema::name;
use crate::names;
use align::Alignment;

/// Of the turns of the shorter version, at least this share must align with turns of the
/// other for two briefings to be taken for versions of one.
const MIN_ALIGNED_SHARE: f64 = 0.5;
/// Two versions of one briefing ask about as many questions: the fewer at least this share
/// of the more (one version may have lost a question or two, or split one).
const MIN_QUESTION_RATIO: f64 = 0.5;
/// Of the words of aligned Chinese turns that the dictionary translates, at least this share
/// (on average) must have a translation in the English turn: the versions of a briefing do
/// (about 0.7 to 0.8 on the foreign ministry's), two briefings of one day on other matters
/// do not (about 0.4).
const MIN_SAID_ALIKE: f64 = 0.55;

/// The pairs found so far, by date (days since 1970-01-01), and the columns they are found
/// by, opened once per segment (a query may look at the dates of ten hits).
#[derive(Default)]
pub(crate) struct Cache {
    /// The briefings that have a version in the other language, as indexing recorded them
    /// (none if there is no record of the index as it is: see [`record`]).
    recorded: OnceLock<Option<HashSet<String>>>,
    days: Mutex<HashMap<i64, Arc<Vec<Arc<Pair>>>>>,
    columns: Mutex<HashMap<SegmentOrdinal, DayColumns>>,
}

/// The columns of a segment that describe the briefings of a date.
struct DayColumns {
    ids: StrValues,
    langs: StrValues,
    kinds: StrValues,
    speakers: StrValues,
    turns: Column<u64>,
    lengths: Column<u64>,
    /// Kinds by term ordinal, as they are met.
    kind_of: HashMap<u64, Option<Kind>>,
    /// Languages by term ordinal, as they are met.
    lang_of: HashMap<u64, Option<Lang>>,
}

impl DayColumns {
    fn open(reader: &SegmentReader) -> Result<DayColumns> {
        let fast = reader.fast_fields();
        Ok(DayColumns {
            ids: StrValues::open(reader, name::BRIEFING_ID)?,
            langs: StrValues::open(reader, name::LANG)?,
            kinds: StrValues::open(reader, name::KIND)?,
            speakers: StrValues::open(reader, name::SPEAKER)?,
            turns: fast
                .u64(name::TURN)
                .context("cannot read the turn column")?,
            lengths: fast
                .u64(name::LENGTH)
                .context("cannot read the length column")?,
            kind_of: HashMap::new(),
            lang_of: HashMap::new(),
        })
    }

    /// The language of the term ordinal `ord` of the language column.
    fn lang(&mut self, ord: u64) -> Option<Lang> {
        parsed(&mut self.langs, &mut self.lang_of, ord, Lang::parse)
    }

    /// The kind of passage `doc`.
    fn kind(&mut self, doc: DocId) -> Option<Kind> {
        let ord = self.kinds.ord(doc)?;
        parsed(&mut self.kinds, &mut self.kind_of, ord, Kind::parse)
    }
}

/// The value of term ordinal `ord` of `values`, parsed once per ordinal (`known`).
fn parsed<T: Copy>(
    values: &mut StrValues,
    known: &mut HashMap<u64, Option<T>>,
    ord: u64,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    *known
        .entry(ord)
        .or_insert_with(|| values.text_of(ord).as_deref().and_then(parse))
}

/// Two versions of one briefing, each in reading order, and their alignment.
#[derive(Debug)]
pub(crate) struct Pair {
    pub en: Vec<StoredPassage>,
    pub zh: Vec<StoredPassage>,
    pub alignment: Alignment,
}

impl Pair {
    fn holds(&self, briefing_id: &str) -> bool {
        [&self.en, &self.zh]
            .iter()
            .any(|side| side.first().is_some_and(|p| p.briefing_id == briefing_id))
    }

    /// The passages of the version in `lang`, then those of the other version, and for each
    /// passage of the first the index of its counterpart in the second.
    pub(crate) fn sides(
        &self,
        lang: Lang,
    ) -> (&[StoredPassage], &[StoredPassage], &[Option<usize>]) {
        match lang {
            Lang::En => (&self.en, &self.zh, &self.alignment.en_to_zh),
            Lang::Zh => (&self.zh, &self.en, &self.alignment.zh_to_en),
        }
    }

    /// The counterpart of passage `p` of either version.
    pub(crate) fn counterpart(&self, p: &StoredPassage) -> Option<&StoredPassage> {
        let (own, other, map) = self.sides(p.lang);
        let i = own.binary_search_by_key(&p.ordinal, |q| q.ordinal).ok()?;
        map.get(i).copied().flatten().map(|j| &other[j])
    }
}

/// The pair of versions that briefing `briefing_id` (of `date`) belongs to, if any.
pub(crate) fn pair_of(
    searcher: &Searcher,
    briefing_id: &str,
    date: Option<Date>,
) -> Result<Option<Arc<Pair>>> {
    let Some(date) = date else {
        return Ok(None);
    };
    let recorded = searcher
        .parallel
        .recorded
        .get_or_init(|| record::read(searcher.state_key(), searcher.dir()));
    if recorded
        .as_ref()
        .is_some_and(|briefings| !briefings.contains(briefing_id))
    {
        return Ok(None);
    }
    Ok(pairs_on(searcher, date)?
        .iter()
        .find(|p| p.holds(briefing_id))
        .cloned())
}

/// The same passage in the other language, if its briefing has a parallel version.
pub(crate) fn counterpart(searcher: &Searcher, p: &StoredPassage) -> Result<Option<StoredPassage>> {
    Ok(pair_of(searcher, &p.briefing_id, p.date)?.and_then(|pair| pair.counterpart(p).cloned()))
}

fn pairs_on(searcher: &Searcher, date: Date) -> Result<Arc<Vec<Arc<Pair>>>> {
    let key = date.days_since_epoch();
    let cached = searcher
        .parallel
        .days
        .lock()
        .ok()
        .and_then(|days| days.get(&key).cloned());
    if let Some(pairs) = cached {
        return Ok(pairs);
    }
    let pairs = Arc::new(find_pairs(searcher, date)?);
    if let Ok(mut days) = searcher.parallel.days.lock() {
        days.insert(key, Arc::clone(&pairs));
    }
    Ok(pairs)
}

/// A briefing of the date, as its fast fields describe it.
#[derive(Debug, Default)]
struct Version {
    id: String,
    lang: Option<Lang>,
    /// Bytes of answers and remarks, by speaker.
    spoken: HashMap<String, u64>,
    questions: HashSet<u64>,
}

impl Version {
    /// The official with most to say.
    fn presiding(&self) -> Option<&str> {
        self.spoken
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(name, _)| name.as_str())
    }
}

/// Whether two briefings of one date may be versions of one, before reading them: one
/// presiding speaker (when both name one), and about as many questions.
fn may_pair(en: &Version, zh: &Version) -> bool {
    if let (Some(a), Some(b)) = (en.presiding(), zh.presiding())
        && !names::same_person(a, b)
    {
        return false;
    }
    let (a, b) = (en.questions.len(), zh.questions.len());
    let (fewer, more) = (a.min(b), a.max(b));
    more <= 2 || fewer as f64 >= MIN_QUESTION_RATIO * more as f64
}

/// Whether an alignment shows two versions of one briefing: most turns align, and where their
/// words could be compared, they say the same.
fn alike(alignment: &Alignment) -> bool {
    let shorter = alignment.turns.0.min(alignment.turns.1);
    shorter > 0
        && alignment.matched as f64 >= MIN_ALIGNED_SHARE * shorter as f64
        && alignment.said_alike.is_none_or(|s| s >= MIN_SAID_ALIKE)
}

fn find_pairs(searcher: &Searcher, date: Date) -> Result<Vec<Arc<Pair>>> {
    let versions = versions_on(searcher, date)?;
    let of = |lang: Lang| versions.iter().filter(move |v| v.lang == Some(lang));
    // Most dates have no two versions that may pair: no dictionary, no alignment.
    if !of(Lang::En).any(|en| of(Lang::Zh).any(|zh| may_pair(en, zh))) {
        return Ok(Vec::new());
    }
    let dictionary = searcher.dictionary().ok();
    let analyzer = searcher.analyzer();
    let en_words = |text: &str| -> HashSet<String> {
        analyzer.words(text).into_iter().map(|t| t.text).collect()
    };
    let zh_glosses = |text: &str| -> Vec<Vec<String>> {
        let Some(dictionary) = dictionary else {
            return Vec::new();
        };
        let words: Vec<String> = analyzer
            .words(text)
            .into_iter()
            .map(|t| t.text)
            .filter(|w| w.chars().count() >= 2 && w.chars().all(crate::script::is_han))
            .collect();
        let tokens: Vec<&str> = words.iter().map(String::as_str).collect();
        (0..tokens.len())
            .filter_map(|i| dictionary.longest_phrase(Lang::Zh, &tokens, i))
            .map(|m| {
                m.translation
                    .candidates
                    .iter()
                    .flat_map(|c| analyzer.words(c))
                    .map(|t| t.text)
                    .collect::<Vec<String>>()
            })
            .filter(|g| !g.is_empty())
            .collect()
    };
    let lexical = Some(align::Lexical {
        en_words: &en_words,
        zh_glosses: &zh_glosses,
    });
    let mut candidates: Vec<Pair> = Vec::new();
    for english in of(Lang::En) {
        for chinese in of(Lang::Zh).filter(|zh| may_pair(english, zh)) {
            let en = searcher.briefing_passages(&english.id)?;
            let zh = searcher.briefing_passages(&chinese.id)?;
            let alignment = align::align_with(&en, &zh, lexical.as_ref());
            if alike(&alignment) {
                candidates.push(Pair { en, zh, alignment });
            }
        }
    }
    // Each briefing in one pair at most: the best aligned first.
    candidates.sort_by(|a, b| b.alignment.score.total_cmp(&a.alignment.score));
    let mut used: HashSet<String> = HashSet::new();
    let mut pairs = Vec::new();
    for pair in candidates {
        let ids = [&pair.en[0].briefing_id, &pair.zh[0].briefing_id];
        if ids.iter().any(|id| used.contains(*id)) {
            continue;
        }
        used.extend(ids.iter().map(|id| id.to_string()));
        pairs.push(Arc::new(pair));
    }
    Ok(pairs)
}

/// What the passages of one briefing of a segment say of it, by term ordinals: its language,
/// the bytes each speaker answers, and its questions (by turn). Small lists: a briefing has
/// a few speakers, and its passages are next to each other.
type Seen = (Option<u64>, Vec<(u64, u64)>, Vec<u64>);

/// The briefings of `date`, read from fast fields; empty unless both languages are there.
fn versions_on(searcher: &Searcher, date: Date) -> Result<Vec<Version>> {
    // The passages of the day, by the date's term (a look-up, not a scan of the column).
    let query = TermQuery::new(
        Term::from_field_date(searcher.fields().date, day(date)),
        IndexRecordOption::Basic,
    );
    let mut columns = searcher
        .parallel
        .columns
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let segments = collect::matches(searcher.tantivy(), &query)?;
    for segment in &segments {
        if let Entry::Vacant(e) = columns.entry(segment.segment) {
            e.insert(DayColumns::open(
                searcher.tantivy().segment_reader(segment.segment),
            )?);
        }
    }
    // Most dates have passages in one language only: nothing else is read for them.
    let mut langs: Vec<Lang> = Vec::new();
    for segment in &segments {
        let Some(c) = columns.get_mut(&segment.segment) else {
            continue;
        };
        let mut last = None;
        for &doc in &segment.docs {
            let ord = c.langs.ord(doc);
            if ord != last
                && let Some(lang) = ord.and_then(|o| c.lang(o))
                && !langs.contains(&lang)
            {
                langs.push(lang);
            }
            last = ord;
        }
    }
    if langs.len() < 2 {
        return Ok(Vec::new());
    }
    let mut versions: HashMap<String, Version> = HashMap::new();
    for segment in &segments {
        if let Some(c) = columns.get_mut(&segment.segment) {
            add_versions(c, &segment.docs, &mut versions);
        }
    }
    let versions: Vec<Version> = versions.into_values().collect();
    let both = [Lang::En, Lang::Zh]
        .iter()
        .all(|l| versions.iter().any(|v| v.lang == Some(*l)));
    Ok(if both { versions } else { Vec::new() })
}

/// Adds what the passages `docs` of a segment (`c`, its columns) say of their briefings.
fn add_versions(c: &mut DayColumns, docs: &[DocId], versions: &mut HashMap<String, Version>) {
    // By term ordinals first (a segment's briefings, kinds and speakers are few): the
    // strings are looked up once each, at the end.
    let mut by_id: Vec<(u64, Seen)> = Vec::new();
    for &doc in docs {
        let Some(id) = c.ids.ord(doc) else {
            continue;
        };
        let at = match by_id.iter().rposition(|(i, _)| *i == id) {
            Some(at) => at,
            None => {
                by_id.push((id, Seen::default()));
                by_id.len() - 1
            }
        };
        let (lang, spoken, questions) = &mut by_id[at].1;
        if lang.is_none() {
            *lang = c.langs.ord(doc);
        }
        match c.kind(doc) {
            Some(Kind::Question) => questions.extend(c.turns.first(doc)),
            Some(Kind::Answer | Kind::Remarks) => {
                if let Some(speaker) = c.speakers.ord(doc) {
                    let bytes = c.lengths.first(doc).unwrap_or(0);
                    match spoken.iter_mut().find(|(s, _)| *s == speaker) {
                        Some((_, total)) => *total += bytes,
                        None => spoken.push((speaker, bytes)),
                    }
                }
            }
            _ => {}
        }
    }
    for (id, (lang, spoken, questions)) in by_id {
        let Some(id) = c.ids.text_of(id) else {
            continue;
        };
        // A briefing's passages are one segment's, unless a merge is under way.
        let version = versions.entry(id.clone()).or_insert_with(|| Version {
            id,
            ..Version::default()
        });
        if version.lang.is_none() {
            version.lang = lang.and_then(|l| c.lang(l));
        }
        for (speaker, bytes) in spoken {
            if let Some(name) = c.speakers.text_of(speaker) {
                *version.spoken.entry(name).or_default() += bytes;
            }
        }
        version.questions.extend(questions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(presiding: &str, questions: u64) -> Version {
        Version {
            id: presiding.into(),
            lang: None,
            spoken: HashMap::from([(presiding.to_string(), 100), ("Moderator".to_string(), 10)]),
            questions: (1..=questions).collect(),
        }
    }

    #[test]
    fn test_versions_must_say_the_same_where_their_words_are_compared() {
        let alignment = |said_alike: Option<f64>| Alignment {
            rows: Vec::new(),
            en_to_zh: Vec::new(),
            zh_to_en: Vec::new(),
            turns: (10, 10),
            matched: 8,
            score: 20.0,
            said_alike,
        };
        assert!(alike(&alignment(Some(0.75))));
        assert!(alike(&alignment(None)), "no dictionary: by form alone");
        assert!(
            !alike(&alignment(Some(0.4))),
            "two briefings on other matters"
        );
    }

    #[test]
    fn test_versions_pair_only_under_one_presiding_speaker_with_as_many_questions() {
        assert!(may_pair(&version("Lin Jian", 10), &version("林剑", 9)));
        assert!(!may_pair(
            &version("Jean-Pierre", 10),
            &version("汪文斌", 10)
        ));
        assert!(!may_pair(&version("Lin Jian", 10), &version("林剑", 3)));
        assert!(may_pair(&version("Lin Jian", 1), &version("林剑", 2)));
    }
}
