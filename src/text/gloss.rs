//! Readings written in parentheses after a word: 美蕾(みらい), COLORS(カラーズ), 工賃（こうちん）.
//!
//! Japanese writers often give a reading this way instead of ruby. When the parenthesis holds
//! nothing but kana and the word before it is kanji or Latin letters, the kana are taken as the
//! word's reading. A name in parentheses (事業所（ひまわり）, 相談窓口（サポステ）) is told apart by
//! [`is_reading_of`]: the word before is a dictionary word, or common words, read otherwise;
//! and by length: a reading has one to four kana per kanji. A loanword after kanji (小売業（スーパーマーケット）) says
//! what the word means: a kanji's reading never needs ー, a small ァ or ヴ.

use std::ops::Range;

use lindera_core::dictionary::Dictionary;

use super::align::is_word_joiner;
use super::analyser::{self, Source};
use super::kana::{is_kana, is_kanji_like, to_hiragana};
use super::lexicon::Lexicon;

/// Bytes after "(" searched for ")": 20 kana and some spaces.
const MAX_GLOSS: usize = 64;

/// Kana that spell sounds only loanwords have; a reading of kanji has none of them.
const LOANWORD_KANA: [char; 13] = [
    'ー', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ヴ', 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'ゔ',
];

/// Spans of words in normalised `text` (parentheses already ASCII) with the reading after them.
/// `accept(word, reading)` has the last word.
pub(crate) fn glossed_words(
    text: &str,
    accept: &dyn Fn(&str, &str) -> bool,
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut search = 0;
    while let Some(open) = text[search..].find('(').map(|i| i + search) {
        search = open + 1;
        // A reading is short; looking further would make text full of "(" quadratic.
        let window = &text[open + 1..];
        let end = (0..=MAX_GLOSS.min(window.len()))
            .rev()
            .find(|&i| window.is_char_boundary(i))
            .unwrap_or(0);
        let window = &window[..end];
        let Some(close) = window.find(')').map(|i| i + open + 1) else {
            continue;
        };
        let inner = text[open + 1..close].trim();
        let kana =
            inner.chars().all(|c| is_kana(c) || is_word_joiner(c)) && inner.chars().any(is_kana);
        if !kana {
            continue;
        }
        let reading: String = to_hiragana(inner)
            .chars()
            .filter(|&c| !is_word_joiner(c))
            .collect();
        let before = text[..open].trim_end_matches(' ');
        if before.ends_with(is_kanji_like) && inner.contains(LOANWORD_KANA) {
            continue;
        }
        if let Some(start) = base_start(before, reading.chars().count())
            && accept(&before[start..], &reading)
        {
            out.push((start..before.len(), reading));
        }
    }
    out
}

/// Whether kana in brackets after `word` may be its reading (the caller's test for
/// [`glossed_words`]): not when `word` is a word of the dictionary, or two or more common
/// words, read otherwise.
pub(crate) fn is_reading_of(
    dict: &Dictionary,
    lexicon: &Lexicon,
    word: &str,
    reading: &str,
) -> bool {
    !read_otherwise(dict, lexicon, word, reading)
        && !common_words_read_otherwise(dict, lexicon, word, reading)
}

/// Is `word` one dictionary word whose readings do not include `reading`? Then a reading in
/// parentheses after it is something else, a name (事業所（ひまわり）).
fn read_otherwise(dict: &Dictionary, lexicon: &Lexicon, word: &str, reading: &str) -> bool {
    let mut readings = dict
        .dict
        .find_surface(word)
        .into_iter()
        .filter_map(|e| super::system_words::word(e.word_id.0).map(|w| to_hiragana(w.reading)))
        .chain(lexicon.reading_of(word).map(str::to_string))
        .peekable();
    readings.peek().is_some() && !readings.any(|r| r == reading)
}

/// Is `word` two or more common words of two kanji or more, whose readings together are not
/// `reading`? Then the kana in brackets after it are another name for it, not its reading:
/// 相談窓口（サポステ） put さぽすて over 相談窓口. A name of single kanji (美蕾（ミライ）) is left
/// to the reading in brackets.
fn common_words_read_otherwise(
    dict: &Dictionary,
    lexicon: &Lexicon,
    word: &str,
    reading: &str,
) -> bool {
    let tokens = analyser::tokenize(dict, lexicon.dict.as_ref(), word);
    let common = tokens.len() >= 2
        && tokens.iter().all(|t| {
            t.source == Source::System
                && t.pos[0] == "名詞"
                && t.pos[1] != "固有名詞"
                && word[t.span.clone()].chars().count() >= 2
                && t.reading.is_some()
        });
    common
        && tokens
            .iter()
            .filter_map(|t| t.reading.as_deref())
            .collect::<String>()
            != reading
}

/// Where the word glossed by a reading of `kana` kana starts, if `before` ends with one.
fn base_start(before: &str, kana: usize) -> Option<usize> {
    let last = before.chars().next_back()?;
    if is_kanji_like(last) {
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_kanji_like(c))
            .last()
            .map(|(i, _)| i)?;
        let kanji = before[start..].chars().count();
        return (kanji <= kana && kana <= 4 * kanji).then_some(start);
    }
    if last.is_ascii_alphabetic() {
        let latin = |c: char| c.is_ascii_alphabetic() || matches!(c, ' ' | '\'' | '&' | '.' | '-');
        let start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| latin(c))
            .last()
            .map(|(i, _)| i)?;
        let start = start + (before[start..].len() - before[start..].trim_start().len());
        return Some(start);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossed(text: &str) -> Vec<(&str, String)> {
        glossed_words(text, &|word, _| word != "事業所")
            .into_iter()
            .map(|(r, g)| (&text[r], g))
            .collect()
    }

    #[test]
    fn readings_in_parentheses() {
        assert_eq!(
            glossed("キャリアプラス美蕾(みらい)"),
            [("美蕾", "みらい".to_string())]
        );
        assert_eq!(
            glossed("倉人 (くらんど)"),
            [("倉人", "くらんど".to_string())]
        );
        assert_eq!(
            glossed("センターCOLORS(カラーズ)"),
            [("COLORS", "からーず".to_string())]
        );
        assert_eq!(
            glossed("les billes(レビーユ)"),
            [("les billes", "れびーゆ".to_string())]
        );
    }

    #[test]
    fn names_and_notes_in_parentheses_are_not_readings() {
        assert!(glossed("事業所(ひまわり)").is_empty());
        assert!(glossed("湖西(ごんまるのはぐくみ)").is_empty());
        assert!(glossed("こもれび(あおば)").is_empty());
        assert!(glossed("センター(多機能型)").is_empty());
        assert!(glossed("小売業(スーパーマーケット)").is_empty());
        assert!(glossed("職場支援(ジョブコーチ)").is_empty());
        assert!(glossed("(").is_empty());
        assert!(glossed(")(").is_empty());
    }
}
