//! The caller's own words (a region's readings.yaml, each entry's name and kana).
//!
//! These are facts about proper names that no analyser can know, so they are not weighed
//! against the analyser: the longest user word that starts at a position always wins there.

use yada::DoubleArray;
use yada::builder::DoubleArrayBuilder;

use super::TextError;
use super::kana::is_reading;
use super::normalize::nfkc;

/// User words as a double-array trie from surface (NFKC) to an index into `readings`.
#[derive(Default)]
pub(crate) struct UserWords {
    trie: Option<DoubleArray<Vec<u8>>>,
    readings: Vec<String>,
    /// The first character of every word, sorted: a text without any of them has none of the
    /// words (see [`UserWords::may_start`]).
    firsts: Vec<char>,
}

impl UserWords {
    /// Later pairs override earlier ones with the same word. Readings may contain spaces
    /// (`しゅうろうけいぞくしえん えーがた`); they are dropped.
    pub fn new(pairs: &[(String, String)]) -> Result<UserWords, TextError> {
        let mut words: Vec<(String, String)> = Vec::with_capacity(pairs.len());
        for (word, reading) in pairs {
            let surface: String = nfkc(word.trim())
                .chars()
                .filter(|c| !c.is_control())
                .collect();
            let kana = nfkc(reading);
            if surface.is_empty() {
                return Err(TextError::EmptyWord {
                    reading: reading.clone(),
                });
            }
            if !is_reading(&kana) {
                return Err(TextError::InvalidReading {
                    word: word.clone(),
                    reading: reading.clone(),
                });
            }
            words.push((surface, kana.split_whitespace().collect()));
        }
        // Stable sort keeps the given order among equal words; the last of them is kept.
        words.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(String, String)> = Vec::with_capacity(words.len());
        for w in words {
            match unique.last_mut() {
                Some(last) if last.0 == w.0 => *last = w,
                _ => unique.push(w),
            }
        }
        let keyset: Vec<(&[u8], u32)> = unique
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.as_bytes(), i as u32))
            .collect();
        let trie = if keyset.is_empty() {
            None
        } else {
            DoubleArrayBuilder::build(&keyset).map(DoubleArray::new)
        };
        let mut firsts: Vec<char> = unique
            .iter()
            .filter_map(|(s, _)| s.chars().next())
            .collect();
        firsts.dedup();
        Ok(UserWords {
            trie,
            readings: unique.into_iter().map(|(_, r)| r).collect(),
            firsts,
        })
    }

    /// Whether a word may start with `c`.
    pub fn may_start(&self, c: char) -> bool {
        self.firsts.binary_search(&c).is_ok()
    }

    /// The longest user word at the start of `text`: its length in bytes and its reading.
    pub fn longest_at(&self, text: &str) -> Option<(usize, &str)> {
        let trie = self.trie.as_ref()?;
        let (id, len) = trie.common_prefix_search(text).last()?;
        Some((len, self.readings.get(id as usize)?.as_str()))
    }

    /// Every user word at the start of `text`, longest first.
    pub fn all_at(&self, text: &str) -> Vec<(usize, &str)> {
        let Some(trie) = self.trie.as_ref() else {
            return Vec::new();
        };
        let mut found: Vec<(usize, &str)> = trie
            .common_prefix_search(text)
            .filter_map(|(id, len)| Some((len, self.readings.get(id as usize)?.as_str())))
            .collect();
        found.reverse();
        found
    }

    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pairs: &[(&str, &str)]) -> UserWords {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        UserWords::new(&pairs).expect("valid words")
    }

    #[test]
    fn longest_wins() {
        let w = words(&[
            ("錦町", "にしきちょう"),
            ("錦町一丁目", "にしきちょういっちょうめ"),
        ]);
        assert_eq!(
            w.longest_at("錦町一丁目に"),
            Some((15, "にしきちょういっちょうめ"))
        );
        assert_eq!(w.longest_at("錦町に"), Some((6, "にしきちょう")));
        assert_eq!(w.longest_at("に錦町"), None);
    }

    #[test]
    fn later_pairs_override_and_widths_fold() {
        let w = words(&[
            ("ＡＢＣ工房", "えーびーしーこうぼう"),
            ("ABC工房", "あーべーせーこうぼう"),
        ]);
        assert_eq!(w.longest_at("ABC工房"), Some((9, "あーべーせーこうぼう")));
    }

    #[test]
    fn bad_words_are_errors() {
        let bad = |w: &str, r: &str| UserWords::new(&[(w.to_string(), r.to_string())]).is_err();
        assert!(bad("", "から"));
        assert!(bad("漢字", "カンジ"));
        assert!(bad("漢字", ""));
        assert!(!bad("就労継続支援A型", "しゅうろうけいぞくしえん えーがた"));
    }
}
