//! A fingerprint of a guide: the same for the same guide made by the same shirube, another for
//! any change of it. The documents made from the guide alone (the print document, the open
//! data) take it as their key (`output::Files::add_written_keyed`): a rebuild of unchanged
//! content keeps them as the last build made them, instead of making tens of MB again.

use super::Guide;
use crate::content::model::Entry;
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

/// Entries hashed together on one core: few enough jobs for rayon, enough for both cores.
const ENTRIES_A_JOB: usize = 256;

/// A guide's fingerprint and each of its entries' (`Guide::fingerprints`).
#[derive(Debug, Clone)]
pub struct Fingerprints {
    pub guide: u128,
    /// Each entry's ([`entry_fingerprint`]), by its id: shared by the caches that key what
    /// they keep of an entry by it.
    pub entries: EntryFingerprints,
}

/// Entry id → the entry's fingerprint ([`entry_fingerprint`]).
pub type EntryFingerprints = std::sync::Arc<crate::hashing::FastMap<String, u128>>;

impl Guide {
    /// The guide's fingerprint: this shirube (its dictionaries, Japan Post's names and the code
    /// that derives the rest), the site as checked and enriched (every typed fact, page, term,
    /// reading and event, and site.yaml's settings: what the guide's derived parts are made
    /// from) and the reader's words. `None` when this shirube's executable cannot be known,
    /// or the site cannot be written out whole: then nothing is kept on its strength.
    pub fn fingerprint(&self) -> Option<u128> {
        self.fingerprints().map(|f| f.guide)
    }

    /// The guide's fingerprint, and its entries' on the way: the parts of the print document
    /// are kept by them (`print::PartCache`).
    pub fn fingerprints(&self) -> Option<Fingerprints> {
        let identity = crate::hashing::shirube_identity()?;
        let site = &self.site;
        // A national site is 20 MB as JSON: its entries are hashed on every core.
        let entries: Vec<u128> = site
            .entries
            .par_iter()
            .with_min_len(ENTRIES_A_JOB)
            .map(entry_fingerprint)
            .collect::<Option<_>>()?;
        let mut hash = Xxh3::new();
        hash.update(b"shirube guide 2\n");
        hash.update(&identity.to_le_bytes());
        hash.update(&self.reader.fingerprint().to_le_bytes());
        hash.update(&(entries.len() as u64).to_le_bytes());
        for entry in &entries {
            hash.update(&entry.to_le_bytes());
        }
        let rest = (
            &site.config,
            &site.pages,
            &site.glossary,
            &site.readings,
            &site.events,
        );
        hash.update(&json_hash(&rest)?.to_le_bytes());
        let by_id = (site.entries.iter().map(|e| e.id.clone()))
            .zip(entries)
            .collect();
        Some(Fingerprints {
            guide: hash.digest128(),
            entries: std::sync::Arc::new(by_id),
        })
    }
}

/// An entry's fingerprint: a hash of it as the open data writes it (every field but a photo's
/// path on this machine; its `key` names its content). Not of this shirube: a key made of it
/// takes that in elsewhere.
pub fn entry_fingerprint(entry: &Entry) -> Option<u128> {
    json_hash(entry)
}

/// A hash of `value` written out as JSON (serde's view of it, which is every field the model
/// shows: a path on the building machine is the one field it leaves out).
/// Written out whole and hashed at once: the same hash as the bytes fed to a hasher as they
/// are written, without a hasher's call for every key, colon and quote (half the time).
fn json_hash(value: &impl serde::Serialize) -> Option<u128> {
    let json = crate::json::to_vec(value).ok()?;
    Some(xxhash_rust::xxh3::xxh3_128(&json))
}

#[cfg(test)]
mod tests {
    use crate::content::date::Date;
    use crate::diagnostics::Diagnostics;
    use std::path::Path;

    /// The example region, checked and enriched.
    fn example_guide() -> super::Guide {
        let mut diags = Diagnostics::default();
        let raw = crate::content::load::load(Path::new(env!("CARGO_MANIFEST_DIR")), &mut diags);
        let today = Date::parse("2026-12-01").expect("a date");
        let site = crate::check::check(&raw, today, &mut diags).expect("the example checks");
        crate::enrich::enrich(site).expect("the example enriches")
    }

    /// The same guide has the same fingerprint; a fact of one entry, a setting or a page's text
    /// changed, another.
    #[test]
    fn the_fingerprint_follows_every_part_of_the_guide() {
        let guide = example_guide();
        let Some(fingerprint) = guide.fingerprint() else {
            panic!("a test's executable can be known");
        };
        assert_eq!(example_guide().fingerprint(), Some(fingerprint));
        let changes: [fn(&mut super::Guide); 3] = [
            |g| g.site.entries.last_mut().expect("entries").name.push('x'),
            |g| g.site.config.title.push('x'),
            |g| g.site.pages.first_mut().expect("pages").body.push('x'),
        ];
        for change in changes {
            let mut changed = example_guide();
            change(&mut changed);
            assert_ne!(changed.fingerprint(), Some(fingerprint));
        }
    }
}
