//! The enrich stage: what the later stages need that is derived, not written — 五十音 sort keys,
//! the URL of every entry and page, the lookup from a content path to its URL, and where each
//! entry is as Japan Post names it (its prefecture, municipality and town, with readings).

mod fingerprint;
pub use fingerprint::{EntryFingerprints, Fingerprints, entry_fingerprint};
mod term_names;
pub use term_names::{Occurrence, TermNames};

use crate::content::model::{Entry, FuriganaSetting, Site};
use crate::text::{GradeFilter, Place, Reader, TextError, locate, sort_key};
use std::collections::BTreeMap;

/// A checked site plus everything derived from it. Entries are in 五十音 order of their reading.
#[derive(Debug, Clone)]
pub struct Guide {
    pub site: Site,
    /// Content-relative source path (`entries/a.md`, `pages/b.md`, `glossary.md`) → site-relative
    /// URL (`entries/a/`), for resolving links written by providers.
    pub urls: BTreeMap<String, String>,
    /// Reads Japanese text with the region's own words: readings.yaml, then every name the site
    /// gives a reading for (entries, operators, areas, glossary terms, the title).
    pub reader: Reader,
    /// Which kanji get furigana in the furigana edition (site.yaml `furigana`).
    pub furigana: GradeFilter,
    /// Entry id → the place of its address, for entries whose municipality is one of Japan's
    /// (a made-up region has none).
    pub places: BTreeMap<String, Place>,
    /// The glossary's names, found in provider text to link each term at its first use.
    pub term_names: TermNames,
}

impl Guide {
    /// Where the entry is, as Japan Post names it: context for reading its name, text and
    /// address.
    pub fn place(&self, entry: &Entry) -> Option<&Place> {
        self.places.get(&entry.id)
    }
}

/// Whether the guide's reader learns the site's own words (readings.yaml, every name with its
/// kana) for furigana.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteWords {
    Learn,
    /// A build without the furigana edition reads nothing: a national guide's ten thousand
    /// names are not made into a dictionary for it.
    Skip,
}

pub fn enrich(site: Site) -> Result<Guide, TextError> {
    enrich_with(site, SiteWords::Learn)
}

pub fn enrich_with(mut site: Site, site_words: SiteWords) -> Result<Guide, TextError> {
    // The reader's dictionaries and every entry's place (Japan Post's table) are made side by
    // side, the places on every core.
    let (reader, places) = rayon::join(
        || match site_words {
            SiteWords::Learn => Reader::new(&user_words(&site)),
            SiteWords::Skip => Reader::deferred(),
        },
        || {
            use rayon::prelude::*;
            site.entries
                .par_iter()
                .filter_map(|e| Some((e.id.clone(), locate(&e.address.city, &e.address.street)?)))
                .collect::<BTreeMap<String, Place>>()
        },
    );
    let reader = reader?;
    let furigana = match site.config.furigana {
        FuriganaSetting::All => GradeFilter::All,
        FuriganaSetting::AboveGrade(grade) => GradeFilter::AboveGrade(grade),
    };
    // The keys on every core (the sort is stable, as one core's): nothing else runs meanwhile.
    use rayon::slice::ParallelSliceMut;
    site.entries.par_sort_by_cached_key(entry_order);
    site.pages
        .sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    // Soonest first; the archive lists them the other way round.
    site.events
        .sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
    let mut urls = BTreeMap::new();
    for event in &site.events {
        urls.insert(content_path(&event.source), event_url(&event.id));
    }
    for entry in &site.entries {
        urls.insert(content_path(&entry.source), entry_url(&entry.id));
    }
    for page in &site.pages {
        urls.insert(content_path(&page.source), page_url(&page.slug));
    }
    urls.insert("glossary.md".to_string(), "glossary/".to_string());
    let term_names = TermNames::new(&site.glossary);
    Ok(Guide {
        site,
        urls,
        reader,
        furigana,
        places,
        term_names,
    })
}

/// 五十音 order: by reading, then by name so that equal readings are stable.
fn entry_order(entry: &Entry) -> (String, String) {
    (sort_key(&entry.kana), entry.name.clone())
}

/// Every (word, reading) the site states. Later pairs win, so a provider's own reading of their
/// name beats a general rule in readings.yaml.
fn user_words(site: &Site) -> Vec<(String, String)> {
    let plain = crate::text::strip_author_ruby;
    let mut words: Vec<(String, String)> = site
        .readings
        .iter()
        .map(|r| (r.word.clone(), r.kana.clone()))
        .collect();
    let config = &site.config;
    words.push((plain(&config.region), config.region_kana.clone()));
    words.extend(
        config
            .areas
            .iter()
            .map(|a| (plain(&a.name), a.kana.clone())),
    );
    words.extend(
        site.glossary
            .iter()
            .map(|t| (plain(&t.term), t.kana.clone())),
    );
    for entry in &site.entries {
        if let Some(op) = &entry.operator
            && let Some(kana) = &op.kana
        {
            words.push((plain(&op.name), kana.clone()));
        }
        words.push((plain(&entry.name), entry.kana.clone()));
    }
    for event in &site.events {
        words.push((plain(&event.title), event.kana.clone()));
    }
    // A word whose "reading" is not kana (a Latin name without kana) teaches nothing.
    words.retain(|(word, kana)| !word.is_empty() && crate::text::is_reading(kana));
    words
}

pub fn entry_url(id: &str) -> String {
    ["entries/", id, "/"].concat()
}

pub fn event_url(id: &str) -> String {
    format!("events/{id}/")
}

pub fn page_url(slug: &str) -> String {
    format!("pages/{slug}/")
}

fn content_path(source: &std::path::Path) -> String {
    let text = crate::paths::slash(source);
    text.strip_prefix("content/").unwrap_or(&text).to_string()
}
