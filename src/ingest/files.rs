//! Reading and parsing the files to index: in parallel, a bounded chunk at a time, results in
//! the order of the files, so that commits fall on the same files whatever the timing.

use std::fs;
use std::path::PathBuf;

use xxhash_rust::xxh3::xxh3_64;

use super::Options;
use crate::index::manifest::Manifest;
use crate::parse::{self, Format};

/// A file to index.
pub(super) struct Input {
    pub(super) path: PathBuf,
    /// The briefing id this file gets if it is new: its path under the folder it was found in.
    pub(super) wanted_id: String,
    pub(super) format: Option<Format>,
}

/// A chunk holds at most this many files…
const CHUNK_FILES: usize = 64;
/// …and about this many bytes of them, so memory stays bounded.
const CHUNK_BYTES: u64 = 24 * 1024 * 1024;

/// A file read and parsed, or why not.
pub(super) enum Prepared {
    Skipped {
        key: Option<String>,
        reason: String,
    },
    Unchanged {
        key: String,
    },
    Parsed {
        key: String,
        hash: u64,
        parsed: parse::Parsed,
        size: u64,
    },
}

/// Consecutive runs of inputs of bounded count and size.
pub(super) fn chunks(inputs: &[Input], max_file_bytes: u64) -> Vec<&[Input]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        bytes += fs::metadata(&input.path).map_or(0, |m| m.len().min(max_file_bytes));
        if i + 1 - start >= CHUNK_FILES || bytes >= CHUNK_BYTES {
            out.push(&inputs[start..=i]);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// Reads, hashes and parses the files of a chunk on `workers` threads, results in order.
pub(super) fn prepare_chunk(
    chunk: &[Input],
    manifest: &Manifest,
    options: &Options,
    workers: usize,
) -> Vec<Prepared> {
    if workers <= 1 || chunk.len() <= 1 {
        return chunk
            .iter()
            .map(|input| prepare(input, manifest, options))
            .collect();
    }
    let per = chunk.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per)
            .map(|part| {
                let handle = scope.spawn(move || {
                    part.iter()
                        .map(|input| prepare(input, manifest, options))
                        .collect::<Vec<_>>()
                });
                (part, handle)
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, handle)| {
                // A parser bug must cost its files, never the run or the order of results.
                handle.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|_| Prepared::Skipped {
                            key: None,
                            reason: "internal error while parsing this file (please report it)"
                                .into(),
                        })
                        .collect()
                })
            })
            .collect()
    })
}

fn prepare(input: &Input, manifest: &Manifest, options: &Options) -> Prepared {
    let key = match fs::canonicalize(&input.path) {
        Ok(k) => k.to_string_lossy().into_owned(),
        Err(e) => {
            return Prepared::Skipped {
                key: None,
                reason: format!("cannot resolve path: {e}"),
            };
        }
    };
    if let Ok(m) = fs::metadata(&input.path)
        && m.len() > options.max_file_bytes
    {
        let reason = format!(
            "too large ({:.1} MB; the limit is {:.1} MB, see --max-file-size)",
            m.len() as f64 / 1e6,
            options.max_file_bytes as f64 / 1e6
        );
        return Prepared::Skipped {
            key: Some(key),
            reason,
        };
    }
    let bytes = match fs::read(&input.path) {
        Ok(b) => b,
        Err(e) => {
            return Prepared::Skipped {
                key: Some(key),
                reason: format!("cannot read: {e}"),
            };
        }
    };
    let hash = xxh3_64(&bytes);
    if manifest.get(&key).map(|e| e.content_hash) == Some(hash) {
        return Prepared::Unchanged { key };
    }
    let name = input
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match parse::parse(&bytes, &name, input.format) {
        Ok(parsed) => Prepared::Parsed {
            key,
            hash,
            parsed,
            size: bytes.len() as u64,
        },
        Err(e) => Prepared::Skipped {
            key: Some(key),
            reason: e.to_string(),
        },
    }
}
