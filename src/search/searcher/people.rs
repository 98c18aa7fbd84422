//! Speakers and outlets as the user names them: aliases, pinyin and Chinese forms of one
//! person, spellings of one outlet.

use super::*;

impl Searcher {
    /// The outlet a name stands for: the same for every spelling of one outlet.
    pub(crate) fn outlet(&self, name: &str) -> String {
        self.outlets()
            .canonical(name)
            .map_or_else(|| without_reporter(name).trim().to_string(), str::to_string)
    }

    /// The outlet table, extended by the alias list (made on first use).
    pub(super) fn outlets(&self) -> &Outlets {
        self.outlets.get_or_init(|| {
            let mut outlets = Outlets::builtin().clone();
            for group in self.aliases.groups() {
                outlets.add_group(group);
            }
            outlets
        })
    }

    /// The outlets the index holds (`outlet_id` values) that `name` stands for.
    pub(crate) fn outlet_ids(&self, name: &str) -> Result<Vec<String>> {
        let wanted = name_key(&self.outlet(name));
        Ok(
            vocabulary::values(&self.searcher, self.opened.fields.outlet_id)?
                .into_iter()
                .filter(|id| name_key(&self.outlet(id)) == wanted)
                .collect(),
        )
    }

    /// The name a speaker is counted under: the first name of their alias group, else as is.
    pub(crate) fn speaker(&self, name: &str) -> String {
        self.aliases
            .first_of(name)
            .unwrap_or_else(|| name.to_string())
    }

    /// The index's speaker aliases (`aliases.txt`), with each Chinese speaker linked to the
    /// Latin-script forms of their name (see [`Aliases::link`]).
    pub(crate) fn aliases(&self) -> Result<&Aliases> {
        if let Some(names) = self.names.get() {
            return Ok(names);
        }
        let linked = self.link_scripts()?;
        Ok(self.names.get_or_init(|| linked))
    }

    /// The names that a speaker name given in a query or `--speaker` stands for among the
    /// passages that `scope` lets through: the names of its speaker in the alias list; and,
    /// only when those passages hold no speaker of these names, the speaker's names in the
    /// other script (毛宁 for `Mao Ning`, `Lin Jian` for 林剑). A name the passages hold names
    /// that speaker alone: linked names are not aliases.
    pub(super) fn speaker_names(&self, name: &str, scope: &Filters) -> Result<Vec<String>> {
        let own = self.aliases.names(name);
        let linked = self.aliases()?.names(name);
        if linked.len() == own.len() {
            return Ok(own);
        }
        let with_own = Filters {
            speakers: own.clone(),
            ..scope.clone()
        };
        let clauses = with_own
            .clauses(&self.opened.fields)
            .into_iter()
            .map(|q| (Occur::Must, q))
            .collect();
        let held = self.searcher.search(&BooleanQuery::new(clauses), &Count)?;
        Ok(if held > 0 { own } else { linked })
    }

    /// Links each Chinese speaker of the index to their name in Latin script (the lexicon's
    /// rendering or pinyin) and to the Latin-script speakers of the index who are written so;
    /// and each Latin-script speaker the lexicon knows to their Chinese name.
    pub(super) fn link_scripts(&self) -> Result<Aliases> {
        let mut aliases = self.aliases.clone();
        let speakers = vocabulary::values(&self.searcher, self.opened.fields.speaker)?;
        let (chinese, latin): (Vec<&String>, Vec<&String>) =
            speakers.iter().partition(|s| names::is_chinese(s));
        let mut latin_by_key: HashMap<String, Vec<&String>> = HashMap::new();
        for name in &latin {
            latin_by_key.entry(names::key(name)).or_default().push(name);
        }
        for han in chinese {
            let Some(romanised) = names::romanise(han) else {
                continue;
            };
            aliases.link(han, &romanised.display, &romanised.keys);
            for key in &romanised.keys {
                for name in latin_by_key.get(key).into_iter().flatten() {
                    aliases.link(han, name, &[]);
                }
            }
        }
        for name in latin {
            for han in names::lexicon_chinese(name) {
                aliases.link(han, name, &[]);
            }
        }
        Ok(aliases)
    }
}
