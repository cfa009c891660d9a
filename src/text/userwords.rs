//! The caller's own words (a region's readings.yaml, each entry's name and kana).
//!
//! These are facts about proper names that no analyser can know, so they are not weighed
//! against the analyser: the longest user word that starts at a position always wins there.

use yada::DoubleArray;
use yada::builder::DoubleArrayBuilder;

use super::TextError;
use super::kana::is_reading;
use super::normalize::nfkc;

/// User words as double-array tries from surface (NFKC) to an index into `readings`.
#[derive(Default)]
pub(crate) struct UserWords {
    /// The words in tries by their first character (see [`UserWords::trie_for`]): every word
    /// that can start at a place of a text is in the trie of that place's character. A
    /// national guide's twenty thousand names took half a second to put in one trie, on one
    /// core, before any page could be made; in parts they are made on every core.
    tries: Vec<Option<DoubleArray<Vec<u8>>>>,
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
        let parts = if unique.len() >= WORDS_FOR_PARTS {
            PARTS
        } else {
            1
        };
        // Each part keeps the words' sorted order, as the builder wants.
        let mut sets: Vec<Vec<(&[u8], u32)>> = vec![Vec::new(); parts];
        for (id, (surface, _)) in (0u32..).zip(&unique) {
            sets[part_of(surface, parts)].push((surface.as_bytes(), id));
        }
        let tries = {
            use rayon::prelude::*;
            sets.par_iter()
                .map(|set| match set.is_empty() {
                    true => None,
                    false => DoubleArrayBuilder::build(set).map(DoubleArray::new),
                })
                .collect()
        };
        let mut firsts: Vec<char> = unique
            .iter()
            .filter_map(|(s, _)| s.chars().next())
            .collect();
        firsts.dedup();
        Ok(UserWords {
            tries,
            readings: unique.into_iter().map(|(_, r)| r).collect(),
            firsts,
        })
    }

    /// The trie holding the words that may start `text`.
    fn trie_for(&self, text: &str) -> Option<&DoubleArray<Vec<u8>>> {
        self.tries.get(part_of(text, self.tries.len()))?.as_ref()
    }

    /// Whether a word may start with `c`.
    pub fn may_start(&self, c: char) -> bool {
        self.firsts.binary_search(&c).is_ok()
    }

    /// The longest user word at the start of `text`: its length in bytes and its reading.
    pub fn longest_at(&self, text: &str) -> Option<(usize, &str)> {
        let trie = self.trie_for(text)?;
        let (id, len) = trie.common_prefix_search(text).last()?;
        Some((len, self.readings.get(id as usize)?.as_str()))
    }

    /// Every user word at the start of `text`, longest first.
    pub fn all_at(&self, text: &str) -> Vec<(usize, &str)> {
        let Some(trie) = self.trie_for(text) else {
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

/// Words in a set at least this large are put in [`PARTS`] tries, made side by side; a
/// smaller set (a place's names, a region's readings) in one.
const WORDS_FOR_PARTS: usize = 2048;
const PARTS: usize = 16;

/// The part of `parts` that holds the words starting as `text` does: by its first character,
/// which a word and any text it starts share.
fn part_of(text: &str, parts: usize) -> usize {
    text.chars().next().map_or(0, |c| c as usize % parts.max(1))
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

    /// A set large enough to be put in parts finds every word, and the longest at a place.
    #[test]
    fn words_in_parts_are_all_found() {
        let pairs: Vec<(String, String)> = (0..3000u32)
            .map(|i| {
                let first = char::from_u32(0x4E00 + i % 97).unwrap();
                let second = char::from_u32(0x4E00 + i / 97).unwrap();
                (
                    format!("{first}{second}"),
                    "かな".repeat(1 + i as usize % 3),
                )
            })
            .chain([("一一工房".to_string(), "いちいちこうぼう".to_string())])
            .collect();
        let w = UserWords::new(&pairs).unwrap();
        assert_eq!(w.tries.len(), PARTS);
        for (word, reading) in &pairs[..3000] {
            let text = format!("{word}に");
            match word.as_str() {
                "一一" => assert_eq!(w.longest_at("一一工房に"), Some((12, "いちいちこうぼう"))),
                _ => assert_eq!(w.longest_at(&text), Some((word.len(), reading.as_str()))),
            }
        }
        assert_eq!(w.all_at("一一工房").len(), 2);
        assert_eq!(w.longest_at("に一一"), None);
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
