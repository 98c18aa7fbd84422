//! `briefsearch index`: add files to the index, replacing changed ones.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::{Result, bail};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Outcome;
use crate::analyze::wordlist::WordList;
use crate::index::aliases::{Aliases, SYNONYMS_FILE};
use crate::index::{self, writer::Writer};
use crate::ingest::{self, Event, Options, Report};
use crate::output::plural;
use crate::search::Searcher;
use crate::translate::lexicon::Lexicon;

#[derive(Debug, Args)]
pub(crate) struct IndexArgs {
    /// Files or folders (walked recursively: .txt, .md, .html, .json, .jsonl and files without
    /// extension); `-` reads briefings as JSON Lines from stdin.
    #[arg(
        required_unless_present_any = ["aliases", "synonyms", "words", "lexicon"],
        value_name = "PATH"
    )]
    pub paths: Vec<PathBuf>,

    /// Speaker aliases, one speaker per line: `吴海平 = Wu Haiping`. The list is checked and
    /// kept in the index folder (aliases.txt, replacing the previous one); `--speaker` and
    /// `speaker:` then match every name of a speaker. Takes effect at once, no re-indexing.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,

    /// Synonyms, one group of equivalent names per line: `ROK = South Korea = Republic of
    /// Korea`. Checked and kept in the index folder (synonyms.txt, replacing the previous one);
    /// queries then also find every other name of a group, beside the list shipped with
    /// briefsearch. Takes effect at once, no re-indexing.
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,

    /// Translations for cross-lingual search (`query --cross`), one Chinese term per line with
    /// its English renderings, TAB-separated: `仁爱礁<TAB>Ren'ai Jiao<TAB>Second Thomas Shoal`.
    /// Checked and kept in the index folder (lexicon.tsv, replacing the previous one); its
    /// entries come before the shipped lexicon and dictionaries. Takes effect at once.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    /// Chinese words to keep whole when segmenting, one per line, optionally with a frequency
    /// (`仁爱礁 2000`), added to the briefing vocabulary built in. Kept in the index folder
    /// (words.txt); indexing and queries both use it. The words change how text is cut, so a
    /// list other than the one the index was built with needs --rebuild.
    #[arg(long, value_name = "FILE")]
    pub words: Option<PathBuf>,

    /// Remove briefings whose files no longer exist, and list them.
    #[arg(long)]
    pub prune: bool,

    /// Start from an empty index.
    #[arg(long)]
    pub rebuild: bool,

    /// Exit with status 2 if any file is skipped.
    #[arg(long)]
    pub strict: bool,

    /// If another briefsearch process is writing to the index, wait for it instead of failing.
    #[arg(long)]
    pub wait: bool,

    /// Commit after this many new or changed files (a crash or Ctrl-C loses at most those).
    #[arg(long, default_value_t = ingest::COMMIT_EVERY_FILES, value_name = "N")]
    pub commit_every: usize,

    /// Skip files larger than this many megabytes.
    #[arg(long, default_value_t = ingest::MAX_FILE_BYTES / 1_000_000, value_name = "MB")]
    pub max_file_size: u64,
}

pub(super) fn run(index_dir: &Path, args: IndexArgs) -> Result<Outcome> {
    let started = std::time::Instant::now();
    // Every argument is checked before anything is touched.
    if args.commit_every == 0 {
        bail!("--commit-every must be at least 1");
    }
    let missing: Vec<&PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .collect();
    if let Some(list) = &args.words {
        let words = install_words(list, index_dir, args.rebuild)?;
        eprintln!(
            "words from {}: {} word{} added to the segmentation of Chinese",
            list.display(),
            words.len(),
            if words.len() == 1 { "" } else { "s" }
        );
        if args.paths.is_empty() && args.aliases.is_none() && !args.rebuild {
            return Ok(Outcome::Found);
        }
    }
    // An index of another version (or of another word list) cannot be opened to be cleared:
    // its files are removed.
    if args.rebuild && index::open(index_dir).is_err() {
        index::remove(index_dir)?;
    }
    let mut writer = Writer::open(index_dir, args.wait, || {
        eprintln!(
            "waiting for another briefsearch process to finish writing to {}…",
            index_dir.display()
        )
    })?;
    install_lists(&args, index_dir)?;
    if args.paths.is_empty() {
        writer.finish_now()?;
        record_for_queries(index_dir);
        return Ok(Outcome::Found);
    }
    if args.rebuild {
        writer.clear()?;
    }
    let options = Options {
        prune: args.prune,
        commit_every_files: args.commit_every,
        max_file_bytes: args.max_file_size.saturating_mul(1_000_000),
        ..Options::default()
    };
    stop_on_ctrl_c(&options);
    let progress = progress_bar();
    let report = ingest::run(&mut writer, &args.paths, index_dir, &options, |event| {
        tell(&progress, event)
    })?;
    progress.finish_and_clear();
    finish(writer, index_dir, &report, &args, &missing, started)
}

/// Installs the speaker aliases, synonyms and lexicon that `args` name in the index folder.
fn install_lists(args: &IndexArgs, index_dir: &Path) -> Result<()> {
    if let Some(list) = &args.aliases {
        let aliases = Aliases::install(list, index_dir)?;
        let n = aliases.groups().len();
        eprintln!(
            "speaker aliases from {}: {n} speaker{} with several names",
            list.display(),
            if n == 1 { "" } else { "s" }
        );
    }
    if let Some(list) = &args.synonyms {
        let synonyms = Aliases::install_as(list, index_dir, SYNONYMS_FILE)?;
        let n = synonyms.groups().len();
        eprintln!(
            "synonyms from {}: {n} group{} of equivalent names",
            list.display(),
            if n == 1 { "" } else { "s" }
        );
    }
    if let Some(list) = &args.lexicon {
        let lexicon = Lexicon::install(list, index_dir)?;
        let n = lexicon.len();
        eprintln!(
            "lexicon from {}: {n} Chinese term{} with their English renderings",
            list.display(),
            if n == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// Commits what was indexed, reports it, and says how the run ended: interrupted, a path that
/// did not exist, or a skipped file under `--strict` are failures once the rest is committed.
fn finish(
    writer: Writer,
    index_dir: &Path,
    report: &Report,
    args: &IndexArgs,
    missing: &[&PathBuf],
    started: std::time::Instant,
) -> Result<Outcome> {
    if report.interrupted {
        writer.finish_now()?;
    } else {
        if let Some(note) = writer.finish()? {
            eprintln!("note: {note:#}");
        }
        record_for_queries(index_dir);
    }
    eprintln!("{}", summary(report, started.elapsed().as_secs_f64()));
    if report.interrupted {
        eprintln!(
            "interrupted: what was indexed before the stop is committed; run the same command again to continue"
        );
        return Ok(Outcome::Interrupted);
    }
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|p| p.display().to_string()).collect();
        bail!(
            "{}: no such file or folder (the other paths were indexed)",
            names.join(", ")
        );
    }
    if report.seen == 0 && report.removed.is_empty() {
        // Not an error (the exit status stays 0, as it always was), but worth a word.
        eprintln!("warning: nothing was indexed: the paths hold no transcript");
    }
    if args.strict && !report.skipped.is_empty() {
        bail!(
            "{} skipped (--strict)",
            plural(report.skipped.len(), "file", "files")
        );
    }
    Ok(Outcome::Found)
}

/// Records which briefings have a version in the other language (`search::parallel::record`),
/// the Chinese words backwards (`search::lexicon::reversed`) and the fingerprint bands held by
/// more than one passage (`search::collapse::shared`). Without the records, queries
/// give the same results, more slowly: a failure is a note, not an error.
fn record_for_queries(index_dir: &Path) {
    let searcher = match Searcher::open(index_dir) {
        Ok(searcher) => searcher,
        Err(e) => {
            eprintln!("note: the index was not read back to record what queries use: {e:#}");
            return;
        }
    };
    if let Err(e) = crate::search::parallel::record::write(&searcher, index_dir) {
        eprintln!("note: the parallel versions were not recorded: {e:#}");
    }
    if let Err(e) = crate::search::lexicon::reversed::write(&searcher, index_dir) {
        eprintln!("note: the Chinese words were not recorded backwards: {e:#}");
    }
    if let Err(e) = crate::search::collapse::shared::write(&searcher, index_dir) {
        eprintln!("note: the shared fingerprint bands were not recorded: {e:#}");
    }
}

/// Checks the word list in `list` and installs it in the index folder. An index built with
/// another list is refused unless it is to be rebuilt: its Chinese would be cut otherwise
/// than the queries'.
fn install_words(list: &Path, index_dir: &Path, rebuild: bool) -> Result<WordList> {
    let words = WordList::read(list)?;
    if let Some(recorded) = index::recorded_words(index_dir)?
        && recorded != words.fingerprint()
        && !rebuild
    {
        bail!(
            "the index at {} was built with another word list: add --rebuild to re-index it with {}",
            index_dir.display(),
            list.display()
        );
    }
    WordList::install(list, index_dir)
}

/// Ctrl-C (or SIGTERM) stops after the current file and commits; a second one exits at once.
fn stop_on_ctrl_c(options: &Options) {
    let interrupted = Arc::clone(&options.interrupted);
    let _ = ctrlc::set_handler(move || {
        if interrupted.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
}

/// A progress bar on a terminal; nothing otherwise.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} indexing {pos}/{len} files {wide_bar} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Tells an event of the run on stderr, around the progress bar.
fn tell(progress: &ProgressBar, event: Event) {
    match event {
        Event::Skipped { file, reason } => {
            progress.suspend(|| eprintln!("skipped {file}: {reason}"))
        }
        Event::Warning { file, note } => progress.suspend(|| eprintln!("note: {file}: {note}")),
        Event::Removed { id, file } => progress.suspend(|| eprintln!("removed {id} ({file})")),
        Event::NothingFound { folder } => progress.suspend(|| {
            eprintln!(
                "warning: {folder}: no transcript files (.txt, .md, .html, .json, .jsonl, or files without extension; hidden files and README, LICENSE… are left out)"
            )
        }),
        Event::Progress { done, total } => {
            progress.set_length(total as u64);
            progress.set_position(done as u64);
        }
    }
}

/// The last line of a run.
fn summary(report: &Report, seconds: f64) -> String {
    format!(
        "{}: {} new, {} changed, {} unchanged, {} removed, {} skipped; {} written; the index holds {} ({seconds:.1}s)",
        plural(report.seen, "file", "files"),
        report.new,
        report.changed,
        report.unchanged,
        report.removed.len(),
        report.skipped.len(),
        plural(report.passages, "passage", "passages"),
        plural(report.briefings, "briefing", "briefings"),
    )
}
