//! The key each page of the last build was made with, and the hash of the bytes it gave, kept
//! beside the output (`.<out>.pages`).
//!
//! A page's key is a hash of everything its bytes are made from (`render/page_key.rs`), so a key
//! gives the same bytes whenever it is made. A rebuild that makes a page with the key it had
//! last time knows its bytes' hash before rendering it; when the staging folder's file is
//! recorded to hold bytes of that hash (`manifest.rs`), the page is left as it is and not
//! rendered: most pages of a rebuild (the pages' rendering was a third of a plain national
//! rebuild's samples; keeping them, such a rebuild took 1.61–1.84 s against 1.82–2.25 s).
//! Nothing here is trusted beyond that: a page whose key or file does not fit is made again.

use super::manifest;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The file's first bytes: its format.
const MAGIC: &[u8] = b"shirube pages 1\n";

/// One page: the key of its path, the key it was made with, the hash of its bytes.
pub(super) type MadeRecord = (u64, u128, u128);

const RECORD_LEN: usize = 8 + 16 + 16;

/// The pages of the last build, sorted by the key of their path.
#[derive(Debug, Default)]
pub(super) struct MadePages(Vec<MadeRecord>);

impl MadePages {
    /// The pages kept at `path`; none when it is missing or not whole.
    pub(super) fn load(path: &Path) -> MadePages {
        let Ok(bytes) = fs::read(path) else {
            return MadePages::default();
        };
        let Some(body) = bytes.strip_prefix(MAGIC) else {
            return MadePages::default();
        };
        if body.len() % RECORD_LEN != 0 {
            return MadePages::default();
        }
        let mut records: Vec<MadeRecord> = body
            .chunks_exact(RECORD_LEN)
            .map(|record| {
                let number = |range: std::ops::Range<usize>| {
                    let mut bytes = [0u8; 16];
                    bytes[..range.len()].copy_from_slice(&record[range]);
                    u128::from_le_bytes(bytes)
                };
                (number(0..8) as u64, number(8..24), number(24..40))
            })
            .collect();
        records.sort_unstable_by_key(|(path, _, _)| *path);
        MadePages(records)
    }

    /// The hash of the bytes the page at `rel` gave when it was last made with `key`.
    pub(super) fn hash_of(&self, rel: &str, key: u128) -> Option<u128> {
        let path = manifest::key(rel);
        let first = self.0.partition_point(|(p, _, _)| *p < path);
        self.0[first..]
            .iter()
            .take_while(|(p, _, _)| *p == path)
            .find(|(_, k, _)| *k == key)
            .map(|(_, _, hash)| *hash)
    }
}

/// One page's record: made at `rel` with `key`, giving bytes of `hash`.
pub(super) fn record(rel: &str, key: u128, hash: u128) -> MadeRecord {
    (manifest::key(rel), key, hash)
}

/// Keeps this build's pages at `path` (written beside it, then renamed over it).
pub(super) fn save(path: &Path, records: &[MadeRecord]) -> io::Result<()> {
    let mut bytes = Vec::with_capacity(MAGIC.len() + records.len() * RECORD_LEN);
    bytes.extend_from_slice(MAGIC);
    for (rel, key, hash) in records {
        bytes.extend_from_slice(&rel.to_le_bytes());
        bytes.extend_from_slice(&key.to_le_bytes());
        bytes.extend_from_slice(&hash.to_le_bytes());
    }
    // One name for the unfinished file, as the manifest's: a build killed while writing it
    // leaves one file, which the next build's overwrites.
    let temporary = path.with_extension("pages-new");
    fs::File::create(&temporary).and_then(|mut file| file.write_all(&bytes))?;
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_kept_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".out.pages");
        let records = [
            record("entries/hikari/index.html", 1, 10),
            record("index.html", 2, 20),
            record("entries/hikari/index.html", 3, 30),
        ];
        save(&path, &records).unwrap();
        let made = MadePages::load(&path);
        assert_eq!(made.hash_of("entries/hikari/index.html", 1), Some(10));
        assert_eq!(made.hash_of("entries/hikari/index.html", 3), Some(30));
        assert_eq!(made.hash_of("index.html", 2), Some(20));
        assert_eq!(made.hash_of("index.html", 1), None, "another key");
        assert_eq!(made.hash_of("search/index.html", 2), None, "another page");
        // A file cut short, or of another format, holds no page.
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(MadePages::load(&path).hash_of("index.html", 2), None);
        fs::write(&path, b"shirube pages 0\n").unwrap();
        assert_eq!(MadePages::load(&path).0.len(), 0);
        assert_eq!(MadePages::load(&dir.path().join("missing")).0.len(), 0);
    }
}
