//! The enrich stage: what the later stages need that is derived, not written — 五十音 sort keys,
//! the URL of every entry and page, and the lookup from a content path to its URL.

use crate::content::model::{Entry, Site};
use std::collections::BTreeMap;

/// A checked site plus everything derived from it. Entries are in 五十音 order of their reading.
#[derive(Debug, Clone)]
pub struct Guide {
    pub site: Site,
    /// Content-relative source path (`entries/a.md`, `pages/b.md`, `glossary.md`) → site-relative
    /// URL (`entries/a/`), for resolving links written by providers.
    pub urls: BTreeMap<String, String>,
}

pub fn enrich(mut site: Site) -> Guide {
    site.entries.sort_by_cached_key(sort_key);
    site.pages
        .sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    let mut urls = BTreeMap::new();
    for entry in &site.entries {
        urls.insert(content_path(&entry.source), entry_url(&entry.id));
    }
    for page in &site.pages {
        urls.insert(content_path(&page.source), page_url(&page.slug));
    }
    urls.insert("glossary.md".to_string(), "glossary/".to_string());
    Guide { site, urls }
}

/// 五十音 order: by reading, then by name so that equal readings are stable.
fn sort_key(entry: &Entry) -> (String, String) {
    (gojuon_key(&entry.kana), entry.name.clone())
}

/// A primary key for 五十音 order: voiced and small kana sort with their plain form
/// (が with か, っ with つ), so がっこう comes between かい and きく as in a dictionary.
pub fn gojuon_key(reading: &str) -> String {
    const VOICED: &str = "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔぁぃぅぇぉっゃゅょゎ";
    const PLAIN: &str = "かきくけこさしすせそたちつてとはひふへほはひふへほうあいうえおつやゆよわ";
    reading
        .chars()
        .filter(|c| !matches!(c, ' ' | '　' | '・'))
        .map(|c| match VOICED.chars().position(|v| v == c) {
            Some(i) => PLAIN.chars().nth(i).unwrap_or(c),
            None => c,
        })
        .chain(std::iter::once('\u{0}'))
        .chain(reading.chars())
        .collect()
}

pub fn entry_url(id: &str) -> String {
    format!("entries/{id}/")
}

pub fn page_url(slug: &str) -> String {
    format!("pages/{slug}/")
}

fn content_path(source: &std::path::Path) -> String {
    let text = source.to_string_lossy().replace('\\', "/");
    text.strip_prefix("content/").unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::gojuon_key;

    #[test]
    fn dictionary_order() {
        let mut words = vec!["きく", "がっこう", "かい", "はな", "ぱん", "ばら"];
        words.sort_by_key(|w| gojuon_key(w));
        assert_eq!(words, ["かい", "がっこう", "きく", "はな", "ばら", "ぱん"]);
    }
}
