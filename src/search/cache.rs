//! The inverted index's slices (invert.rs) kept between builds in the site's cache
//! (`.shirube-cache/search/`): a slice's table is made from its documents' texts alone, and a
//! rebuild, the preview after an edit, or a publication with the cache restored has the same
//! texts in all but a slice or two. Inverting them was a quarter of a plain national build's
//! CPU time (elasticlunr's tries and B-trees, and the analyser).
//!
//! - A slice's file is named by its key: a 128-bit hash of the texts of its documents, field by
//!   field, and of this shirube (its version and its executable's size and time, read once a
//!   process). A file is used only when its key is the key of the texts, so a changed text, a
//!   slice that now begins elsewhere (an entry added before it) or another shirube is a miss,
//!   never a stale table. A pull request that adds a file to the site folder cannot steer the
//!   search: it cannot know the executable's time, so no key it can make is one a build looks for.
//! - The file: a header (the format and the key), the slice's token counts, its terms with their
//!   packed postings, and a hash of all that. A file that is cut short, changed, or whose
//!   postings do not read as a slice's would is no cache: the slice is inverted again.
//! - Written as the photo cache writes (`assets::cache::store`): through a temporary file renamed
//!   into place, so a reader never sees half a file, in a folder that git and backups skip; what
//!   cannot be written is only slower next time. The index removes the slices the build did
//!   not use, so the folder holds one build's slices (a national guide's: 40 files, 9 MB).

use super::fields::{FIELD_COUNT, FieldCounts};
use super::inverted::Inverted;
use super::packed::{PackedPostings, push_varint, read_varint};
use crate::hashing::FastSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The file's first bytes: the format. Another layout of a slice's table is another format.
const MAGIC: &[u8] = b"shirube-search-slice 1\n";
const EXTENSION: &str = "slice";

/// The key of a slice's texts (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Key(u128);

impl Key {
    fn file_name(self) -> String {
        format!("{:032x}.{EXTENSION}", self.0)
    }
}

/// Where slices are kept, if anywhere, and the keys this build used.
#[derive(Debug, Default)]
pub struct SliceCache {
    dir: Option<PathBuf>,
    /// What of this shirube goes into every key.
    identity: u128,
    used: Mutex<FastSet<Key>>,
    /// The slices indexed, and of those the ones inverted now (not read from the cache).
    slices: AtomicUsize,
    inverted: AtomicUsize,
}

/// What a build did with the index's slices (`shirube build --timings` says it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SliceCounts {
    /// The slices of the index (250 entries each).
    pub slices: usize,
    /// Of those, inverted now: not kept, or kept for other texts.
    pub inverted: usize,
}

impl SliceCache {
    /// The cache of the site in `site_dir`; none when this shirube's executable cannot be found
    /// (its identity is part of every key).
    pub fn for_site(site_dir: &Path) -> SliceCache {
        match crate::hashing::shirube_identity() {
            Some(identity) => SliceCache {
                dir: Some(
                    site_dir
                        .join(crate::assets::cache::CACHE_DIR)
                        .join("search"),
                ),
                identity,
                ..SliceCache::default()
            },
            None => SliceCache::none(),
        }
    }

    /// No cache: every slice is inverted.
    pub fn none() -> SliceCache {
        SliceCache::default()
    }

    /// The key of a slice whose documents have `texts`; none without a cache.
    pub(crate) fn key(&self, texts: &[[String; FIELD_COUNT]]) -> Option<Key> {
        self.dir.as_ref()?;
        let mut hash = Xxh3::new();
        hash.update(MAGIC);
        hash.update(&self.identity.to_le_bytes());
        hash.update(&(texts.len() as u64).to_le_bytes());
        for text in texts.iter().flatten() {
            // Each text's length first: texts that only join the same are another slice.
            hash.update(&(text.len() as u64).to_le_bytes());
            hash.update(text.as_bytes());
        }
        Some(Key(hash.digest128()))
    }

    /// The table kept under `key` for a slice of `docs` documents, if a good one is kept.
    pub(crate) fn get(&self, key: Key, docs: usize) -> Option<Inverted> {
        let bytes = fs::read(self.dir.as_ref()?.join(key.file_name())).ok()?;
        let inverted = decode(&bytes, key, docs)?;
        self.note_used(key);
        Some(inverted)
    }

    /// Keeps `inverted` under `key` (quietly not, if it cannot be written).
    pub(crate) fn put(&self, key: Key, inverted: &Inverted) {
        let Some(dir) = &self.dir else {
            return;
        };
        self.note_used(key);
        crate::assets::cache::store(dir, &key.file_name(), &encode(key, inverted));
    }

    /// Notes that a slice was indexed, `inverted` now or read from the cache.
    pub(crate) fn count(&self, inverted: bool) {
        self.slices.fetch_add(1, Ordering::Relaxed);
        if inverted {
            self.inverted.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The slices indexed with this cache so far, and how many of them were inverted.
    pub fn counts(&self) -> SliceCounts {
        SliceCounts {
            slices: self.slices.load(Ordering::Relaxed),
            inverted: self.inverted.load(Ordering::Relaxed),
        }
    }

    /// Removes the kept slices this build neither found nor made: those of texts that changed.
    pub(crate) fn forget_unused(&self) {
        if let Some(dir) = &self.dir {
            crate::assets::forget_unused(dir, EXTENSION, &self.used, Key::file_name);
        }
    }

    fn note_used(&self, key: Key) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
    }
}

fn encode(key: Key, inverted: &Inverted) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + inverted.terms.len() * 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.0.to_le_bytes());
    push(&mut out, inverted.lengths.len());
    for count in inverted.lengths.iter().flatten() {
        push(&mut out, *count as usize);
    }
    push(&mut out, inverted.terms.len());
    for (term, postings) in &inverted.terms {
        let (bytes, last) = postings.parts();
        push(&mut out, term.len());
        out.extend_from_slice(term.as_bytes());
        push(&mut out, last as usize);
        push(&mut out, bytes.len());
        out.extend_from_slice(bytes);
    }
    let sum = xxh3_64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// The table in `bytes`, if they are a whole file of this format kept under `key` for a slice
/// of `docs` documents, with terms in code-point order.
fn decode(bytes: &[u8], key: Key, docs: usize) -> Option<Inverted> {
    let (body, sum) = bytes.split_last_chunk::<8>()?;
    if xxh3_64(body) != u64::from_le_bytes(*sum) {
        return None;
    }
    let mut reader = Reader {
        bytes: body.strip_prefix(MAGIC)?,
    };
    if reader.take(16)? != key.0.to_le_bytes() {
        return None;
    }
    if reader.number()? != docs {
        return None;
    }
    let mut lengths: Vec<FieldCounts> = Vec::with_capacity(docs);
    for _ in 0..docs {
        let mut row = [0; FIELD_COUNT];
        for count in &mut row {
            *count = u32::try_from(reader.number()?).ok()?;
        }
        lengths.push(row);
    }
    let count = reader.number()?;
    let docs = u32::try_from(docs).ok()?;
    let mut terms: Vec<(String, PackedPostings)> = Vec::with_capacity(count.min(body.len()));
    for _ in 0..count {
        let length = reader.number()?;
        let term = std::str::from_utf8(reader.take(length)?).ok()?.to_owned();
        if terms.last().is_some_and(|(before, _)| *before >= term) {
            return None;
        }
        let last = u32::try_from(reader.number()?).ok()?;
        let length = reader.number()?;
        let postings = PackedPostings::from_parts(reader.take(length)?.to_vec(), last, docs)?;
        terms.push((term, postings));
    }
    reader
        .bytes
        .is_empty()
        .then_some(Inverted { terms, lengths })
}

/// A count or length as packed.rs writes its gaps. Nothing of a slice comes near `u32::MAX`;
/// were it so, the file would not read back, and the slice would be inverted again.
fn push(out: &mut Vec<u8>, n: usize) {
    push_varint(out, u32::try_from(n).unwrap_or(u32::MAX));
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(taken)
    }

    fn number(&mut self) -> Option<usize> {
        let (n, read) = read_varint(self.bytes)?;
        self.bytes = &self.bytes[read..];
        usize::try_from(n).ok()
    }
}

#[cfg(test)]
mod tests;
