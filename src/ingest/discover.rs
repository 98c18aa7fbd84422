//! Finding the files to index: walking folders in a stable order, leaving out hidden files,
//! documentation and the index itself, and naming what cannot be read.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Event;
use super::files::Input;
use super::session::Session;
use crate::parse::Format;

/// Every file to index under `paths`, in a stable order; problems become skipped entries.
pub(super) fn discover(
    paths: &[PathBuf],
    index_dir: &Path,
    session: &mut Session<impl FnMut(Event)>,
) -> Vec<Input> {
    let mut inputs = Vec::new();
    for root in paths {
        if root.is_file() {
            let wanted_id = root.file_name().map_or_else(
                || root.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            inputs.push(Input {
                path: root.clone(),
                wanted_id,
                format: Format::of_path(root),
            });
            continue;
        }
        let (inputs_before, skipped_before) = (inputs.len(), session.skipped());
        let root_name = fs::canonicalize(root)
            .ok()
            .and_then(|c| c.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let file = e
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                    let reason = match e.loop_ancestor() {
                        Some(a) => format!("symbolic link loop back to {}", a.display()),
                        None => e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| format!("cannot read: {io}")),
                    };
                    session.skip(&file, reason);
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            if fs::canonicalize(path).is_ok_and(|c| c.starts_with(index_dir))
                || !is_transcript_name(path)
            {
                continue;
            }
            let relative = path.strip_prefix(root).unwrap_or(path);
            let relative = relative.to_string_lossy().replace('\\', "/");
            let wanted_id = if root_name.is_empty() {
                relative
            } else {
                format!("{root_name}/{relative}")
            };
            inputs.push(Input {
                path: path.to_path_buf(),
                wanted_id,
                format: Format::of_path(path),
            });
        }
        if inputs.len() == inputs_before && session.skipped() == skipped_before {
            session.nothing_in(&root.display().to_string());
        }
    }
    inputs
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Documentation that sits beside transcripts in archives (a README, a LICENSE) is not a
/// transcript; a folder walk leaves it out.
const DOCUMENTATION_STEMS: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "notice",
    "authors",
    "contributing",
];

/// Whether a folder walk reads this file: a format briefsearch knows by its extension, or no
/// extension at all (many archives save pages so); documentation files excepted.
fn is_transcript_name(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if DOCUMENTATION_STEMS.contains(&stem.as_str()) {
        return false;
    }
    path.extension().is_none() || Format::of_path(path).is_some()
}
