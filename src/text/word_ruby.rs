//! A long ruby split into one ruby per word: 就労継続支援 → 就労(しゅうろう) 継続(けいぞく)
//! 支援(しえん).
//!
//! A browser never breaks a line inside a ruby, so one ruby over a long compound or a whole
//! name is a box as wide as the wider of its text and its reading: on a phone it pushes a
//! card or a table cell past the screen's edge. Split at the words the dictionary finds,
//! each word's ruby sits over that word, and a line may break between words, as in a book
//! for children.

use std::ops::Range;

use lindera_core::dictionary::Dictionary;

use super::align::{align, is_word_joiner};
use super::analyser;
use super::kana::{is_kana, is_kanji_like, to_hiragana};
use super::latin::read_latin;
use super::normalize::fold_variants;

/// Rubies over at most this many characters stay whole: a two- to four-kanji word
/// (障害者, 受給者証) is read as one.
const LONGEST_WHOLE: usize = 4;

/// The pieces of the ruby `rt` over `base`, one per word of `base` with kanji in it, when
/// `base` is longer than [`LONGEST_WHOLE`] or more than kanji, and its words' own readings, in order, spell `rt`
/// exactly; `None` otherwise (the ruby stays whole). Kana read as written, Latin letters as
/// spelled, and symbols and spaces may be left out of `rt`. Spans are byte ranges in `base`.
///
/// `base` is a word's kanji run, or a whole name whose given reading did not align (a name
/// from a provider's kana: 就労継続支援(A型)事業所 ピース).
pub(super) fn split_at_words(
    dict: &Dictionary,
    base: &str,
    rt: &str,
) -> Option<Vec<(Range<usize>, String)>> {
    // A ruby over a space or a ・ is split however short: two words share it only because
    // the reading could not tell where one ends (家 横浜).
    if base.chars().count() <= LONGEST_WHOLE && base.chars().all(is_kanji_like) {
        return None;
    }
    let folded = fold_variants(base);
    let tokens = analyser::tokenize(dict, None, &folded);
    if tokens.len() < 2 {
        return None;
    }
    // Words with their suffixes (障害 + 者) and prefixes (第 + 一) joined: a suffix is
    // read as part of its word.
    let mut words: Vec<(Range<usize>, String)> = Vec::with_capacity(tokens.len());
    let mut joins_next = false;
    let mut rest = rt;
    for token in tokens {
        let surface = base.get(token.span.clone())?;
        if !surface
            .chars()
            .any(|c| is_kanji_like(c) || is_kana(c) || c.is_alphanumeric())
        {
            // Readings drop the ・, brackets and spaces; `rt` keeps one only if it was given so.
            rest = rest.strip_prefix(surface).unwrap_or(rest);
            joins_next = false;
            continue;
        }
        if !surface.chars().any(is_kanji_like) {
            let reading = read_as_written(surface)?;
            rest = rest.strip_prefix(reading.as_str())?;
            joins_next = false;
            continue;
        }
        let reading = token.reading?;
        rest = rest.strip_prefix(reading.as_str())?;
        let suffix = token.pos[0] == "名詞" && token.pos[1] == "接尾";
        match words.last_mut() {
            Some((span, word)) if (suffix || joins_next) && span.end == token.span.start => {
                span.end = token.span.end;
                word.push_str(&reading);
            }
            _ => words.push((token.span, reading)),
        }
        joins_next = token.pos[0] == "接頭詞";
    }
    if !rest.is_empty() || words.is_empty() {
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

/// The reading of a word without kanji: kana as written, Latin letters as spelled; the
/// joiners inside it dropped (ウィング・ビート).
fn read_as_written(surface: &str) -> Option<String> {
    let kept: String = surface.chars().filter(|&c| !is_word_joiner(c)).collect();
    if kept.chars().all(is_kana) {
        Some(to_hiragana(&kept))
    } else if kept.chars().all(|c| c.is_ascii_alphabetic()) {
        read_latin(&kept)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::align::tests::{pairs, texts};

    fn split(base: &str, rt: &str) -> Option<Vec<(String, String)>> {
        let dict = analyser::system().expect("dictionary");
        split_at_words(dict, base, rt).map(|pieces| texts(base, pieces))
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

    #[test]
    fn short_words_and_names_read_otherwise_stay_whole() {
        assert_eq!(split("受給者証", "じゅきゅうしゃしょう"), None);
        assert_eq!(
            split("家 横浜", "いえよこはま"),
            pairs(&[("家", "いえ"), ("横浜", "よこはま")])
        );
        // A name whose given reading the dictionary's words do not spell.
        assert_eq!(split("就労継続支援", "しゅうろうけいぞくしえんa"), None);
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
        // Kana that the reading does not have: no split.
        assert_eq!(split("就労の継続支援", "しゅうろうけいぞくしえん"), None);
    }
}
