//! The caller's own words (a region's readings.yaml, each entry's name and kana).
//!
//! These are facts about proper names that no analyser can know, so they are not weighed
//! against the analyser: the longest user word that starts at a position always wins there.

use crawdad::Trie;

use super::TextError;
use super::kana::is_reading;
use super::normalize::nfkc;

/// User words, from surface (NFKC) to an index into `readings`.
#[derive(Default)]
pub(crate) struct UserWords {
    surfaces: Surfaces,
    readings: Vec<String>,
    /// The first character of every word, sorted: a text without any of them has none of the
    /// words (see [`UserWords::may_start`]).
    firsts: Vec<char>,
    /// Bit `c % 64` set for each of `firsts`: most characters asked about are told apart by it
    /// alone, where the search of `firsts` took a handful of comparisons for every character of
    /// every text shown about a place.
    first_bits: u64,
    /// A hash of the words and their readings: what a page read with them is keyed by
    /// (`render/page_key.rs`).
    fingerprint: u128,
}

/// How the words are searched, by how many there are.
enum Surfaces {
    /// A place's few names (a few thousand such lists in a national guide): the sorted words
    /// themselves. A trie of characters maps every character up to the largest it holds, 160 KB
    /// for one kanji, which a few thousand places made gigabytes.
    List(Vec<String>),
    /// A site's names: a trie of characters (crawdad), not of UTF-8 bytes (yada). A national
    /// guide's twenty thousand names took 2.4 billion instructions to put in byte tries
    /// (placing each node's children, for Japanese up to 64 values of a continuation byte, was
    /// most of it), 6% of a plain national build, before any page could be made; in a trie of
    /// characters, 0.17 billion, and the searches of every text cost no more.
    Trie(Trie),
}

impl Default for Surfaces {
    fn default() -> Self {
        Surfaces::List(Vec::new())
    }
}

/// Lists longer than this are put in a trie: a text's place is then looked up in one step
/// instead of among the words that start with its character.
const LIST_MAX: usize = 256;

impl Surfaces {
    /// `unique`'s surfaces, sorted and unique.
    fn new(unique: &[(String, String)]) -> Result<Surfaces, TextError> {
        if unique.len() <= LIST_MAX {
            return Ok(Surfaces::List(
                unique.iter().map(|(surface, _)| surface.clone()).collect(),
            ));
        }
        let records = (0u32..).zip(unique).map(|(id, (surface, _))| (surface, id));
        Trie::from_records(records)
            .map(Surfaces::Trie)
            .map_err(|error| TextError::Words {
                reason: error.to_string(),
            })
    }

    /// Calls `found` with the id and length in bytes of each word at the start of `text`,
    /// shortest first.
    fn each_at(&self, text: &str, mut found: impl FnMut(u32, usize)) {
        match self {
            Surfaces::List(words) => {
                let Some(first) = text.chars().next() else {
                    return;
                };
                let mut buf = [0; 4];
                let first = &*first.encode_utf8(&mut buf);
                // The words that start with that character sit together; those that start
                // `text` are prefixes of one another, so in sorted order they go by length.
                let from = words.partition_point(|w| w.as_str() < first);
                (from..)
                    .zip(&words[from..])
                    .take_while(|(_, w)| w.starts_with(first))
                    .filter(|(_, w)| text.starts_with(w.as_str()))
                    .for_each(|(id, w)| found(id as u32, w.len()));
            }
            Surfaces::Trie(trie) => trie
                .common_prefix_search(text.chars())
                .for_each(|(id, chars)| found(id, byte_len(text, chars))),
        }
    }
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
        let surfaces = Surfaces::new(&unique)?;
        let mut fingerprint = xxhash_rust::xxh3::Xxh3::new();
        for (surface, reading) in &unique {
            for part in [surface, reading] {
                fingerprint.update(&(part.len() as u64).to_le_bytes());
                fingerprint.update(part.as_bytes());
            }
        }
        let mut firsts: Vec<char> = unique
            .iter()
            .filter_map(|(s, _)| s.chars().next())
            .collect();
        firsts.dedup();
        let first_bits = firsts.iter().fold(0, |bits, &c| bits | first_bit(c));
        Ok(UserWords {
            surfaces,
            readings: unique.into_iter().map(|(_, r)| r).collect(),
            firsts,
            first_bits,
            fingerprint: fingerprint.digest128(),
        })
    }

    /// A hash of the words and their readings: the same for the same words.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// Whether a word may start with `c`.
    pub fn may_start(&self, c: char) -> bool {
        self.first_bits & first_bit(c) != 0 && self.firsts.binary_search(&c).is_ok()
    }

    /// The longest user word at the start of `text`: its length in bytes and its reading.
    pub fn longest_at(&self, text: &str) -> Option<(usize, &str)> {
        let mut longest = None;
        self.surfaces
            .each_at(text, |id, len| longest = Some((id, len)));
        let (id, len) = longest?;
        Some((len, self.readings.get(id as usize)?.as_str()))
    }

    /// Every user word at the start of `text`, longest first.
    pub fn all_at(&self, text: &str) -> Vec<(usize, &str)> {
        let mut found = Vec::new();
        self.surfaces.each_at(text, |id, len| {
            if let Some(reading) = self.readings.get(id as usize) {
                found.push((len, reading.as_str()));
            }
        });
        found.reverse();
        found
    }

    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }
}

/// The length in bytes of the first `chars` characters of `text`.
fn byte_len(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(at, _)| at)
}

/// The bit of `c` in [`UserWords::first_bits`].
fn first_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
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

    /// A large set finds every word, and the longest at a place.
    #[test]
    fn words_of_a_large_set_are_all_found() {
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

    /// A list and a trie of the same words find the same words, shortest first.
    #[test]
    fn list_and_trie_agree() {
        let mut unique: Vec<(String, String)> = [
            "錦",
            "錦町",
            "錦町一丁目",
            "錦糸町",
            "高松",
            "高松市",
            "ABC",
        ]
        .iter()
        .map(|w| (w.to_string(), "よみ".to_string()))
        .collect();
        unique.sort();
        let list = Surfaces::List(unique.iter().map(|(w, _)| w.clone()).collect());
        let records = (0u32..).zip(&unique).map(|(id, (w, _))| (w, id));
        let trie = Surfaces::Trie(Trie::from_records(records).unwrap());
        let found = |surfaces: &Surfaces, text: &str| {
            let mut found = Vec::new();
            surfaces.each_at(text, |id, len| found.push((id, len)));
            found
        };
        for text in [
            "錦町一丁目に",
            "錦糸町",
            "錦",
            "高松市の",
            "ABCD",
            "に錦町",
            "",
        ] {
            assert_eq!(found(&list, text), found(&trie, text), "{text}");
        }
        let lengths: Vec<usize> = found(&list, "錦町一丁目に").iter().map(|f| f.1).collect();
        assert_eq!(lengths, [3, 6, 15]);
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
