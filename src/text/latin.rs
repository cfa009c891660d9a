//! Readings of words in Latin letters: B型 (びーがた), NPO (えぬぴーおー), Works (わーくす).
//!
//! Latin letters never get ruby; their reading matters for reading() (search, sorting). Short
//! or all-capital words are spelled letter by letter, the usual way to say an acronym. Other
//! words are read only when `data/latin.tsv` knows them: English in a name has no reading rule
//! that would be right often enough.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("data/latin.tsv");

/// The reading of a run of ASCII letters, if it can be known.
pub(crate) fn read_latin(word: &str) -> Option<String> {
    if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let table = table();
    if let Some(r) = table.get(lower.as_str()) {
        return Some(r.clone());
    }
    let acronym =
        word.len() <= 3 || (word.len() <= 6 && word.chars().all(|c| c.is_ascii_uppercase()));
    if acronym {
        return spell(&lower, table);
    }
    None
}

/// Letter by letter: "npo" → えぬぴーおー.
fn spell(lower: &str, table: &HashMap<String, String>) -> Option<String> {
    lower
        .chars()
        .map(|c| table.get(c.to_string().as_str()).cloned())
        .collect()
}

fn table() -> &'static HashMap<String, String> {
    static TABLE_MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (word, kana) = l.split_once('\t')?;
                Some((word.trim().to_ascii_lowercase(), kana.trim().to_string()))
            })
            .filter(|(w, k)| !w.is_empty() && super::kana::is_reading(k))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_words() {
        assert_eq!(read_latin("B").as_deref(), Some("びー"));
        assert_eq!(read_latin("NPO").as_deref(), Some("えぬぴーおー"));
        assert_eq!(read_latin("works").as_deref(), Some("わーくす"));
        assert_eq!(read_latin("Works").as_deref(), Some("わーくす"));
        assert_eq!(read_latin("Xyzzyq"), None);
        assert_eq!(read_latin("A-1"), None);
        assert_eq!(read_latin(""), None);
    }

    #[test]
    fn every_letter_has_a_name() {
        let t = table();
        for c in 'a'..='z' {
            assert!(t.contains_key(c.to_string().as_str()), "{c}");
        }
    }
}
