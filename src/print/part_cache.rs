//! The print document's entries' parts kept between builds in the site's cache
//! (`.shirube-cache/print/`), a slice of the document's marks at a time (`splice::SLICE`): an
//! entry's part is made from its entry, its number and what the whole document shares, and a
//! rebuild, or a publication with the cache restored, has the same in all but a slice or two.
//! Rendering the parts was a tenth of a plain national build's CPU time (each entry's page
//! view, its QR code and the theme's `partials/print-entry.html`).
//!
//! - A slice's file is named by its key: a hash of its parts' keys in order (`Parts::key`: the
//!   entry as the open data writes it, its number, its text as printed, the text style at its
//!   place, and the document's seed: this shirube, the theme, the template, the site's
//!   settings). A file is used only when its key is the key of what its parts are made from,
//!   so a changed entry, a slice that now begins elsewhere or another shirube is a miss, never
//!   a stale part. As with the search index's slices, no file a pull request adds can be one a
//!   build looks for: every key takes in this shirube's executable.
//! - The files are those of `assets::slices`; a build removes the slices it did not use, so the
//!   folder holds one build's slices (a national guide's: 39 files, 52 MB).

use crate::assets::{KeptSlices, SliceCounts};
use crate::content::model::Entry;
use crate::enrich::EntryFingerprints;
use std::path::Path;

/// The folder's format.
const FORMAT: &[u8] = b"shirube-print-parts 1\n";

/// Where parts are kept, if anywhere, and what the build knows of its entries.
#[derive(Debug, Default)]
pub struct PartCache {
    slices: KeptSlices,
    /// The entries' fingerprints the build made for the guide's: a part's key takes in its
    /// entry's.
    entries: EntryFingerprints,
}

impl PartCache {
    /// The cache of the site in `site_dir`.
    pub fn for_site(site_dir: &Path) -> PartCache {
        PartCache {
            slices: KeptSlices::in_cache(site_dir, "print", FORMAT),
            entries: EntryFingerprints::default(),
        }
    }

    /// No cache: every part is rendered.
    pub fn none() -> PartCache {
        PartCache::default()
    }

    /// The cache, told the entries' fingerprints (`Guide::fingerprints`), so as not to make
    /// them again.
    pub fn knowing(mut self, entries: &EntryFingerprints) -> PartCache {
        self.entries = EntryFingerprints::clone(entries);
        self
    }

    /// The fingerprint of `entry` (`enrich::entry_fingerprint`): the one the cache was told,
    /// else made now.
    pub(crate) fn entry_fingerprint(&self, entry: &Entry) -> Option<u128> {
        match self.entries.get(&entry.id) {
            Some(&fingerprint) => Some(fingerprint),
            None => crate::enrich::entry_fingerprint(entry),
        }
    }

    /// The slices of parts and how they are kept.
    pub(crate) fn slices(&self) -> &KeptSlices {
        &self.slices
    }

    /// The slices of parts put into documents with this cache so far, and how many were
    /// rendered rather than read from the cache.
    pub fn counts(&self) -> SliceCounts {
        self.slices.counts()
    }

    /// Removes the kept slices this build neither found nor made: those of entries that
    /// changed, or of another shirube.
    pub fn forget_unused(&self) {
        self.slices.forget_unused();
    }
}
