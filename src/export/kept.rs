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

    /// The key of what a group of entries named `name` gives the open data together (an HSDS
    /// organization): its name and its entries' keys; none without a cache.
    pub(super) fn group_key(&self, name: &str, entries: &[&Entry]) -> Option<u128> {
        let mut hash = Xxh3::new();
        hash.update(&(name.len() as u64).to_le_bytes());
        hash.update(name.as_bytes());
        for entry in entries {
            hash.update(&self.entry_key(entry)?.to_le_bytes());
        }
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

/// An item and the items that come with it (an HSDS organization and its services), as pieces
/// of a slice: the item, the count of the others, and the others.
pub(super) struct Group<'p> {
    pub head: &'p [u8],
    pub items: &'p [Vec<u8>],
}

impl<'p> Group<'p> {
    /// Adds the group of `head` and `items` to `pieces`.
    pub fn write(head: Vec<u8>, items: Vec<Vec<u8>>, pieces: &mut Vec<Vec<u8>>) {
        pieces.push(head);
        pieces.push((items.len() as u64).to_le_bytes().to_vec());
        pieces.extend(items);
    }

    /// The `count` groups of `pieces`, if they hold that many and nothing else.
    pub fn read(pieces: &'p [Vec<u8>], count: usize) -> Option<Vec<Group<'p>>> {
        let mut groups = Vec::with_capacity(count);
        let mut rest = pieces;
        for _ in 0..count {
            let [head, length, after @ ..] = rest else {
                return None;
            };
            let length = u64::from_le_bytes(length.as_slice().try_into().ok()?);
            let (items, after) = after.split_at_checked(usize::try_from(length).ok()?)?;
            groups.push(Group { head, items });
            rest = after;
        }
        rest.is_empty().then_some(groups)
    }
}

#[cfg(test)]
mod tests {
    use super::Group;

    #[test]
    fn groups_read_back_as_written_and_nothing_else_does() {
        let mut pieces = Vec::new();
        Group::write(
            b"a".to_vec(),
            vec![b"1".to_vec(), b"2".to_vec()],
            &mut pieces,
        );
        Group::write(b"b".to_vec(), Vec::new(), &mut pieces);
        let groups = Group::read(&pieces, 2).expect("two groups");
        assert_eq!(groups[0].head, b"a");
        assert_eq!(groups[0].items, [b"1".to_vec(), b"2".to_vec()]);
        assert_eq!(groups[1].head, b"b");
        assert!(groups[1].items.is_empty());
        // Another count, a piece short or one too many: not these groups.
        assert!(Group::read(&pieces, 1).is_none());
        assert!(Group::read(&pieces, 3).is_none());
        assert!(Group::read(&pieces[..pieces.len() - 1], 2).is_none());
        let mut longer = pieces.clone();
        longer.push(b"x".to_vec());
        assert!(Group::read(&longer, 2).is_none());
        // A count that is not eight bytes.
        let mut odd = pieces.clone();
        odd[1] = b"2".to_vec();
        assert!(Group::read(&odd, 2).is_none());
    }
}
