//! Slices of what a build made, kept between builds in a folder of the site's cache, each in a
//! file named by its key: the print document's entries' parts (`print/part_cache.rs`) and the
//! open data's entries (`export/kept.rs`). A slice's key is a hash of the keys of what it holds
//! (each made from everything that thing is made from, and this shirube), so a file is read
//! only for exactly what it was made for.
//!
//! - The file: a header (the folder's format and the key), the pieces with their lengths, and a
//!   hash of all that. A file that is cut short or changed is no cache: the slice is made again.
//! - Written through a temporary file renamed into place (`cache::store`); what cannot be
//!   written is only slower next time. A build that made every slice of its folder removes the
//!   slices it did not use, so the folder holds one build's.

use crate::hashing::FastSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

const EXTENSION: &str = "slice";

/// The key of a slice (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SliceKey(u128);

impl SliceKey {
    fn file_name(self) -> String {
        format!("{:032x}.{EXTENSION}", self.0)
    }
}

/// A folder of kept slices, if any, and the slices this build used.
#[derive(Debug, Default)]
pub struct KeptSlices {
    dir: Option<PathBuf>,
    /// The folder's format: the first bytes of its files, and of every key.
    format: &'static [u8],
    used: Mutex<FastSet<SliceKey>>,
    /// The slices asked for, and of those the ones made now.
    slices: AtomicUsize,
    made: AtomicUsize,
}

/// What a build did with a folder's slices (`shirube build --timings` says it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SliceCounts {
    pub slices: usize,
    /// Of those, made now: not kept, or kept for something else.
    pub made: usize,
}

impl KeptSlices {
    /// The folder `folder` of the cache of the site in `site_dir`, whose files begin with
    /// `format`.
    pub fn in_cache(site_dir: &Path, folder: &str, format: &'static [u8]) -> KeptSlices {
        KeptSlices {
            dir: Some(site_dir.join(super::cache::CACHE_DIR).join(folder)),
            format,
            ..KeptSlices::default()
        }
    }

    /// No folder: every slice is made.
    pub fn none() -> KeptSlices {
        KeptSlices::default()
    }

    /// Whether slices are kept at all: without a folder, their keys are not worth making.
    pub fn is_kept(&self) -> bool {
        self.dir.is_some()
    }

    /// The key of a slice of pieces whose keys are `pieces`; none without a folder, or when a
    /// piece has no key.
    pub fn key(&self, pieces: impl IntoIterator<Item = Option<u128>>) -> Option<SliceKey> {
        self.dir.as_ref()?;
        let mut hash = Xxh3::new();
        hash.update(self.format);
        let mut count = 0u64;
        for piece in pieces {
            hash.update(&piece?.to_le_bytes());
            count += 1;
        }
        hash.update(&count.to_le_bytes());
        Some(SliceKey(hash.digest128()))
    }

    /// The pieces kept under `key`, if a good file of them is kept.
    pub fn get(&self, key: SliceKey) -> Option<Vec<Vec<u8>>> {
        let bytes = fs::read(self.dir.as_ref()?.join(key.file_name())).ok()?;
        let pieces = decode(&bytes, self.format, key)?;
        self.note_used(key);
        Some(pieces)
    }

    /// Keeps `pieces` under `key` (quietly not, if they cannot be written).
    pub fn put(&self, key: SliceKey, pieces: &[Vec<u8>]) {
        let Some(dir) = &self.dir else {
            return;
        };
        self.note_used(key);
        super::cache::store(dir, &key.file_name(), &encode(self.format, key, pieces));
    }

    /// The pieces of a slice whose pieces' keys are `keys`: read from the folder when it keeps
    /// them and `fits` says they fit the slice, else made with `make` and kept.
    pub fn kept_or_made<E>(
        &self,
        keys: impl IntoIterator<Item = Option<u128>>,
        fits: impl Fn(&[Vec<u8>]) -> bool,
        make: impl FnOnce() -> Result<Vec<Vec<u8>>, E>,
    ) -> Result<Vec<Vec<u8>>, E> {
        let key = self.key(keys);
        let kept = key.and_then(|key| self.get(key));
        if let Some(pieces) = kept.filter(|pieces| fits(pieces)) {
            self.count(false);
            return Ok(pieces);
        }
        let pieces = make()?;
        self.count(true);
        if let Some(key) = key {
            self.put(key, &pieces);
        }
        Ok(pieces)
    }

    /// Notes that a slice was asked for, and `made` now rather than read from the folder.
    pub fn count(&self, made: bool) {
        self.slices.fetch_add(1, Ordering::Relaxed);
        if made {
            self.made.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The slices asked for so far, and how many were made.
    pub fn counts(&self) -> SliceCounts {
        SliceCounts {
            slices: self.slices.load(Ordering::Relaxed),
            made: self.made.load(Ordering::Relaxed),
        }
    }

    /// Removes the kept slices this build neither found nor made: those of what changed. A
    /// build that asked for none (it kept the whole file they make) leaves them all.
    pub fn forget_unused(&self) {
        let Some(dir) = &self.dir else {
            return;
        };
        if self.slices.load(Ordering::Relaxed) == 0 {
            return;
        }
        forget_unused(dir, EXTENSION, &self.used, SliceKey::file_name);
    }

    fn note_used(&self, key: SliceKey) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
    }
}

/// Removes the files of `dir` whose names end in `.extension` but are not the names
/// (`name_of`) of the keys in `used`.
pub(crate) fn forget_unused<K>(
    dir: &Path,
    extension: &str,
    used: &Mutex<FastSet<K>>,
    name_of: impl Fn(K) -> String,
) where
    K: Copy,
{
    let (Ok(used), Ok(listing)) = (used.lock(), fs::read_dir(dir)) else {
        return;
    };
    let used: FastSet<String> = used.iter().map(|&key| name_of(key)).collect();
    for file in listing.flatten() {
        let name = file.file_name().to_string_lossy().into_owned();
        if name.ends_with(&format!(".{extension}")) && !used.contains(&name) {
            let _ = fs::remove_file(file.path());
        }
    }
}

fn encode(format: &[u8], key: SliceKey, pieces: &[Vec<u8>]) -> Vec<u8> {
    let size: usize = pieces.iter().map(|piece| piece.len() + 8).sum();
    let mut out = Vec::with_capacity(format.len() + 32 + size);
    out.extend_from_slice(format);
    out.extend_from_slice(&key.0.to_le_bytes());
    out.extend_from_slice(&(pieces.len() as u64).to_le_bytes());
    for piece in pieces {
        out.extend_from_slice(&(piece.len() as u64).to_le_bytes());
        out.extend_from_slice(piece);
    }
    let sum = xxh3_64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// The pieces in `bytes`, if they are a whole file of `format` kept under `key`.
fn decode(bytes: &[u8], format: &[u8], key: SliceKey) -> Option<Vec<Vec<u8>>> {
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    if xxh3_64(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let rest = body.strip_prefix(format)?;
    let (kept_key, mut rest) = rest.split_first_chunk::<16>()?;
    if *kept_key != key.0.to_le_bytes() {
        return None;
    }
    let count = number(&mut rest)?;
    let mut pieces = Vec::with_capacity(count.min(rest.len()));
    for _ in 0..count {
        let length = number(&mut rest)?;
        let (piece, after) = rest.split_at_checked(length)?;
        pieces.push(piece.to_vec());
        rest = after;
    }
    rest.is_empty().then_some(pieces)
}

/// The count or length `bytes` begin with, taken off them.
fn number(bytes: &mut &[u8]) -> Option<usize> {
    let (n, rest) = bytes.split_first_chunk::<8>()?;
    *bytes = rest;
    usize::try_from(u64::from_le_bytes(*n)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMAT: &[u8] = b"shirube-test-slice 1\n";

    fn pieces() -> Vec<Vec<u8>> {
        vec![b"<article>a</article>".to_vec(), Vec::new(), "に".into()]
    }

    fn kept(dir: &Path) -> KeptSlices {
        KeptSlices::in_cache(dir, "test", FORMAT)
    }

    #[test]
    fn a_slice_reads_back_as_it_was_kept() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let cache = kept(dir.path());
        let key = cache.key([Some(1), Some(2), Some(3)]).expect("a key");
        assert_eq!(cache.get(key), None);
        cache.put(key, &pieces());
        assert_eq!(cache.get(key), Some(pieces()));
        // Another key is not this slice.
        let other = cache.key([Some(1), Some(3), Some(2)]).expect("a key");
        assert_ne!(other, key);
        assert_eq!(cache.get(other), None);
        // Another folder's format gives other keys for the same pieces.
        let elsewhere = KeptSlices::in_cache(dir.path(), "test", b"other 1\n");
        assert_ne!(elsewhere.key([Some(1), Some(2), Some(3)]), Some(key));
    }

    #[test]
    fn a_piece_without_a_key_leaves_its_slice_without_one() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        assert_eq!(kept(dir.path()).key([Some(1), None]), None);
        assert_eq!(KeptSlices::none().key([Some(1)]), None);
    }

    #[test]
    fn a_changed_or_cut_file_is_no_cache() {
        let key = SliceKey(7);
        let good = encode(FORMAT, key, &pieces());
        assert_eq!(decode(&good, FORMAT, key), Some(pieces()));
        for cut in [0, 1, good.len() / 2, good.len() - 1] {
            assert_eq!(decode(&good[..cut], FORMAT, key), None, "cut at {cut}");
        }
        let mut changed = good.clone();
        let middle = changed.len() / 2;
        changed[middle] ^= 1;
        assert_eq!(decode(&changed, FORMAT, key), None);
        assert_eq!(decode(&good, FORMAT, SliceKey(8)), None);
        assert_eq!(decode(&good, b"other 1\n", key), None);
    }

    #[test]
    fn unused_slices_are_forgotten() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let first = kept(dir.path());
        let (old, used) = (
            first.key([Some(1)]).expect("a key"),
            first.key([Some(2)]).expect("a key"),
        );
        first.put(old, &pieces()[..1]);
        first.put(used, &pieces()[..1]);
        let second = kept(dir.path());
        // Nothing asked for yet: nothing is forgotten.
        second.forget_unused();
        assert!(second.get(old).is_some());
        let second = kept(dir.path());
        assert!(second.get(used).is_some());
        second.count(false);
        second.forget_unused();
        assert_eq!(second.get(old), None);
        assert!(second.get(used).is_some());
    }
}
