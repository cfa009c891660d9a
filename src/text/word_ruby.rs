//! A long ruby split into one ruby per word: 就労継続支援 → 就労(しゅうろう) 継続(けいぞく)
//! 支援(しえん).
//!
//! A browser never breaks a line inside a ruby, so one ruby over a long compound or a whole
//! name is a box as wide as the wider of its text and its reading: on a phone it pushes a
//! card or a table cell past the screen's edge. Split at the words the dictionary finds,
//! each word's ruby sits over that word, and a line may break between words, as in a book
//! for children.

use std::ops::Range;
use std::sync::RwLock;

use lindera_core::dictionary::Dictionary;

use crate::hashing::FastMap;

use super::align::{align, is_word_joiner};
use super::analyser::{self, Token};
use super::kana::{is_kana, is_kanji_like, to_hiragana};
use super::latin::read_latin;
use super::normalize::fold_variants;
use super::numbers::spell_digits;
use super::reading_fit::{Part, fit};

/// Rubies over at most this many characters stay whole: a two- to four-kanji word
/// (障害者, 受給者証) is read as one.
const LONGEST_WHOLE: usize = 4;

/// One ruby's pieces: byte ranges in its base, and their readings.
pub(super) type Pieces = Vec<(Range<usize>, String)>;

/// The splits made so far, by base and reading, shared by a reader and those made from it.
///
/// A split depends only on its base and reading, and the same few recur in thousands of
/// different texts (就労継続支援 in every B型 office's name): at N = 10,000 a furigana build
/// split 19,622 rubies, 6,505 of them different, and asked the dictionary again for each
/// (`Lattice::set_text`, most of a split's cost).
#[derive(Default)]
pub(super) struct WordSplits(RwLock<FastMap<String, Option<Pieces>>>);

impl WordSplits {
    /// The pieces of the ruby `rt` over `base` ([`split_at_words`]) when `base` is longer
    /// than [`LONGEST_WHOLE`] or has a ・ or a space, made once for each base and reading;
    /// `None` otherwise (the ruby stays whole).
    pub(super) fn split(&self, dict: &Dictionary, base: &str, rt: &str) -> Option<Pieces> {
        if stays_whole(base) {
            return None;
        }
        // The reading is kana and the base has no control characters: the separator cannot
        // make two pairs one key.
        let key = format!("{base}\u{1f}{rt}");
        if let Some(hit) = self.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return hit;
        }
        let made = split_at_words(dict, base, rt);
        if let Ok(mut m) = self.0.write() {
            m.insert(key, made.clone());
        }
        made
    }
}

/// A ruby over a space or a ・ is split however short: two words share it only because the
/// reading could not tell where one ends (家 横浜). Others are split past [`LONGEST_WHOLE`].
fn stays_whole(base: &str) -> bool {
    base.chars().count() <= LONGEST_WHOLE && !base.chars().any(is_word_joiner)
}

/// The pieces of the ruby `rt` over `base`, one per word of `base` with kanji in it, when `rt`
/// fits its words ([`fit`]: each word its own reading where it can, one way only); `None`
/// otherwise (the ruby stays whole). Spans are byte ranges in `base`. Asked only for the
/// bases [`WordSplits::split`] does not keep whole.
///
/// `base` is a word's kanji run, or a whole name whose given reading did not align (a name
/// from a provider's kana: 就労継続支援(A型)事業所 ピース). A word the kana left out
/// (the 第 of （第2）) gets its own reading.
fn split_at_words(dict: &Dictionary, base: &str, rt: &str) -> Option<Pieces> {
    let folded = fold_variants(base);
    let tokens = analyser::tokenize(dict, None, &folded);
    if tokens.len() < 2 {
        return None;
    }
    let parts = parts_of(base, &tokens);
    let reading: Vec<char> = rt.chars().collect();
    let taken = fit(&parts, &reading)?;
    // Trust the fit only where most words with kanji that the kana read, read as the
    // dictionary reads them (a word left out gets its own reading below).
    let (mut own, mut other) = (0, 0);
    for (part, range) in parts.iter().zip(&taken) {
        if let Part::Kanji { usual, .. } = part {
            match usual {
                _ if range.is_empty() => {}
                Some(u) if reading.get(range.clone()) == Some(u.as_slice()) => own += 1,
                _ => other += 1,
            }
        }
    }
    if other > 0 && own <= other {
        return None;
    }
    // Words with their suffixes (障害 + 者) and prefixes (第 + 一) joined: a suffix is
    // read as part of its word.
    let mut words: Pieces = Vec::with_capacity(tokens.len());
    let mut joins_next = false;
    for ((token, part), range) in tokens.into_iter().zip(&parts).zip(taken) {
        let Part::Kanji { usual, .. } = part else {
            joins_next = false;
            continue;
        };
        let word_reading: String = if range.is_empty() {
            match usual {
                Some(u) => u.iter().collect(),
                None => {
                    joins_next = false;
                    continue;
                }
            }
        } else {
            reading[range].iter().collect()
        };
        let suffix = token.pos[0] == "名詞" && token.pos[1] == "接尾";
        match words.last_mut() {
            Some((span, word)) if (suffix || joins_next) && span.end == token.span.start => {
                span.end = token.span.end;
                word.push_str(&word_reading);
            }
            _ => words.push((token.span, word_reading)),
        }
        joins_next = token.pos[0] == "接頭詞";
    }
    if words.is_empty() {
        return None;
    }
    let mut pieces = Vec::with_capacity(words.len());
    for (span, reading) in words {
        match align(&base[span.clone()], &reading) {
            Some(inner) => pieces.extend(
                inner
                    .into_iter()
                    .map(|(r, rt)| (r.start + span.start..r.end + span.start, rt)),
            ),
            None => pieces.push((span, reading)),
        }
    }
    Some(pieces)
}

/// What each token of `base` may read as, in brackets or not.
pub(super) fn parts_of(base: &str, tokens: &[Token]) -> Vec<Part> {
    let mut depth = 0usize;
    tokens
        .iter()
        .map(|t| {
            let surface = base.get(t.span.clone()).unwrap_or_default();
            let part = part(surface, t, depth > 0);
            for c in surface.chars() {
                match c {
                    '(' | '[' | '「' | '【' | '〔' => depth += 1,
                    ')' | ']' | '」' | '】' | '〕' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            part
        })
        .collect()
}

/// What a token of the name may read as.
fn part(surface: &str, token: &Token, bracketed: bool) -> Part {
    let chars = surface.chars().count();
    if surface.chars().any(is_kanji_like) {
        return Part::Kanji {
            usual: token.reading.as_ref().map(|r| r.chars().collect()),
            chars,
            bracketed,
        };
    }
    if !surface.chars().any(|c| is_kana(c) || c.is_alphanumeric()) {
        // Readings drop the ・, brackets and spaces; `rt` keeps one only if it was given so.
        return Part::Symbol(surface.chars().collect());
    }
    let kept: String = surface.chars().filter(|&c| !is_word_joiner(c)).collect();
    if kept.chars().all(is_kana) {
        return Part::Kana(to_hiragana(&kept).chars().collect());
    }
    let usual = if kept.chars().all(|c| c.is_ascii_digit()) {
        spell_digits(&kept)
    } else {
        read_latin(&kept)
    };
    Part::Spelled {
        usual: usual.map(|u| u.chars().collect()),
        chars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::align::tests::{pairs, texts};

    fn split(base: &str, rt: &str) -> Option<Vec<(String, String)>> {
        let dict = analyser::system().expect("dictionary");
        WordSplits::default()
            .split(dict, base, rt)
            .map(|pieces| texts(base, pieces))
    }

    #[test]
    fn a_long_compound_gets_a_ruby_per_word() {
        assert_eq!(
            split("就労継続支援", "しゅうろうけいぞくしえん"),
            pairs(&[
                ("就労", "しゅうろう"),
                ("継続", "けいぞく"),
                ("支援", "しえん")
            ])
        );
        assert_eq!(
            split(
                "障害者就業・生活支援",
                "しょうがいしゃしゅうぎょうせいかつしえん"
            ),
            pairs(&[
                ("障害者", "しょうがいしゃ"),
                ("就業", "しゅうぎょう"),
                ("生活", "せいかつ"),
                ("支援", "しえん")
            ])
        );
    }

    /// A split is made once for each base and reading; the same pair again is the kept split,
    /// another reading of the same base a split of its own.
    #[test]
    fn splits_are_kept_by_base_and_reading() {
        let dict = analyser::system().expect("dictionary");
        let splits = WordSplits::default();
        let once = splits.split(dict, "就労継続支援", "しゅうろうけいぞくしえん");
        assert_eq!(once.as_ref().map(Vec::len), Some(3));
        assert_eq!(
            splits.split(dict, "就労継続支援", "しゅうろうけいぞくしえん"),
            once
        );
        assert_eq!(
            splits.split(dict, "就労継続支援", "ひがしにしみなみきた"),
            None
        );
        assert_eq!(splits.split(dict, "受給者証", "じゅきゅうしゃしょう"), None);
        // Short rubies are not kept: nothing was made for them.
        assert_eq!(splits.0.read().expect("unpoisoned").len(), 2);
    }

    #[test]
    fn short_words_and_names_read_otherwise_stay_whole() {
        assert_eq!(split("受給者証", "じゅきゅうしゃしょう"), None);
        assert_eq!(
            split("家 横浜", "いえよこはま"),
            pairs(&[("家", "いえ"), ("横浜", "よこはま")])
        );
        // A name in kana with a word the kana leave out: that word alone gets ruby.
        assert_eq!(
            split("アップルワークス(第2)", "あっぷるわーくす"),
            pairs(&[("第", "だい")])
        );
        // A name whose given reading its words do not anchor: most read otherwise.
        assert_eq!(split("東西南北中央", "ひがしにしみなみきたなかお"), None);
    }

    #[test]
    fn a_whole_name_whose_reading_did_not_align_is_read_word_by_word() {
        assert_eq!(
            split(
                "就労継続支援(A型)事業所 ピース",
                "しゅうろうけいぞくしえんえーがたじぎょうしょぴーす"
            ),
            pairs(&[
                ("就労", "しゅうろう"),
                ("継続", "けいぞく"),
                ("支援", "しえん"),
                ("型", "がた"),
                ("事業所", "じぎょうしょ")
            ])
        );
        // What the kana leave out: a word gets its own reading, the rest none.
        assert_eq!(
            split(
                "就労継続支援A型事業所 サスケ工房（第2）",
                "しゅうろうけいぞくしえんがたじぎょうしょさすけこうぼう"
            ),
            pairs(&[
                ("就労", "しゅうろう"),
                ("継続", "けいぞく"),
                ("支援", "しえん"),
                ("型", "がた"),
                ("事業所", "じぎょうしょ"),
                ("工房", "こうぼう"),
                ("第", "だい")
            ])
        );
    }
}
