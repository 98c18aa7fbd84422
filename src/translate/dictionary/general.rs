//! One general dictionary as built into the binary: a finite-state map from key to the offset
//! of its record (candidates joined by TAB) in a blob.

use anyhow::Result;
use fst::{IntoStreamer, Streamer};

/// One general dictionary: a map from key to the offset of its record in the blob.
pub(super) struct General {
    pub(super) map: fst::Map<&'static [u8]>,
    blob: &'static [u8],
}

impl General {
    pub(super) fn open(map: &'static [u8], blob: &'static [u8]) -> Result<General> {
        Ok(General {
            map: fst::Map::new(map)?,
            blob,
        })
    }

    pub(super) fn get(&self, key: &str) -> Option<Vec<&'static str>> {
        let record = self.record(key)?;
        Some(record.split('\t').filter(|c| !c.is_empty()).collect())
    }

    pub(super) fn offset(&self, key: &str) -> Option<u64> {
        self.map.get(key)
    }

    /// The blob's line for `key`.
    pub(super) fn record(&self, key: &str) -> Option<&'static str> {
        let offset = usize::try_from(self.map.get(key)?).ok()?;
        let rest = self.blob.get(offset..)?;
        let record = rest.split(|&b| b == b'\n').next()?;
        // Records are UTF-8 by construction (build.rs writes them from a String).
        std::str::from_utf8(record).ok()
    }

    /// Whether some key other than `key` starts with `prefix`.
    pub(super) fn extends(&self, prefix: &str, key: &str) -> bool {
        let mut stream = self.map.range().ge(prefix).into_stream();
        for _ in 0..2 {
            match stream.next() {
                Some((k, _)) if k.starts_with(prefix.as_bytes()) => {
                    if k != key.as_bytes() {
                        return true;
                    }
                }
                _ => return false,
            }
        }
        false
    }
}
