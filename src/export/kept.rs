//! The open data's entries kept between builds in the site's cache, a slice at a time
//! (`assets::slices`): an entry's item of `entries.json`, its row of `entries.csv` and an
//! organization's items of the HSDS files are made from those entries and the site's settings
//! alone, and a rebuild, or a publication with the cache restored, has the same in all but a
//! slice or two. Making them was a tenth of a plain national build's CPU time.
//!
//! An entry's key is a hash of its fingerprint (`enrich::entry_fingerprint`: the entry as the
//! open data writes it), the site's settings and this shirube; a slice's, of its entries' keys.
//! Each format has its folder (`data-json/`, `data-csv/`, `data-hsds/`), whose slices a build
//! that made the format removes when it did not use them.

use crate::assets::{KeptSlices, SliceCounts};
use crate::content::model::{Entry, SiteConfig};
use crate::enrich::EntryFingerprints;
use crate::hashing::Feed;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// Entries (or organizations) to a slice: enough that a national guide has some forty files a
/// format, few enough that an edit makes one of them again.
pub const SLICE: usize = 256;

/// Where the open data's slices are kept, if anywhere.
#[derive(Debug, Default)]
pub struct KeptData {
    pub(super) json: KeptSlices,
    pub(super) csv: KeptSlices,
    pub(super) hsds: KeptSlices,
    /// What every entry's key begins with: this shirube and the site's settings. None: no keys.
    seed: Option<u128>,
    entries: EntryFingerprints,
}

impl KeptData {
    /// The cache of the site in `site_dir`, for a guide of `config` whose entries have
    /// `entries` for fingerprints (`Guide::fingerprints`).
    pub fn for_site(site_dir: &Path, config: &SiteConfig, entries: &EntryFingerprints) -> KeptData {
        KeptData {
            json: KeptSlices::in_cache(site_dir, "data-json", b"shirube-data-json 1\n"),
            csv: KeptSlices::in_cache(site_dir, "data-csv", b"shirube-data-csv 1\n"),
            hsds: KeptSlices::in_cache(site_dir, "data-hsds", b"shirube-data-hsds 1\n"),
            seed: seed(config),
            entries: EntryFingerprints::clone(entries),
        }
    }

    /// No cache: every item is made.
    pub fn none() -> KeptData {
        KeptData::default()
    }

    /// The key of what `entry` gives the open data; none without a cache.
    pub(super) fn entry_key(&self, entry: &Entry) -> Option<u128> {
        let seed = self.seed?;
        let fingerprint = match self.entries.get(&entry.id) {
            Some(&fingerprint) => fingerprint,
            None => crate::enrich::entry_fingerprint(entry)?,
        };
        let mut hash = Xxh3::new();
        hash.update(&seed.to_le_bytes());
        hash.update(&fingerprint.to_le_bytes());
        Some(hash.digest128())
    }

    /// The slices of every format asked for so far, and how many were made.
    pub fn counts(&self) -> SliceCounts {
        let [json, csv, hsds] = [&self.json, &self.csv, &self.hsds].map(KeptSlices::counts);
        SliceCounts {
            slices: json.slices + csv.slices + hsds.slices,
            made: json.made + csv.made + hsds.made,
        }
    }

    /// Removes the kept slices this build did not use, of the formats it made.
    pub fn forget_unused(&self) {
        for slices in [&self.json, &self.csv, &self.hsds] {
            slices.forget_unused();
        }
    }
}

/// This shirube and the site's settings; none when either cannot be known.
fn seed(config: &SiteConfig) -> Option<u128> {
    let mut hash = Xxh3::new();
    hash.update(b"shirube open data 1\n");
    hash.update(&crate::hashing::shirube_identity()?.to_le_bytes());
    serde_json::to_writer(Feed(|bytes| hash.update(bytes)), config).ok()?;
    Some(hash.digest128())
}
