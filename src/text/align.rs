//! Placing a word's reading over its kanji runs, so that okurigana and other kana stay outside
//! the ruby: 働き + はたらき → 働(はたら)き; 申し込み + もうしこみ → 申(もう)し込(こ)み.
//!
//! The kana of the surface are anchors that must appear in the reading; each kanji run takes
//! what lies between them. When the anchors allow more than one split, or none, there is no
//! alignment and the caller puts one ruby over the whole word.

use std::ops::Range;

use super::kana::{is_kana, is_kanji_like, to_hiragana};
use super::latin::read_latin;
use super::numbers::spell_digits;

/// Ruby for each kanji run of `surface`: its byte range and its part of `reading`.
/// `None` when the split is ambiguous or impossible.
///
/// Kanji runs joined only by a ・ or a space (障害者就業・生活支援) leave the reading no
/// anchor between them, since readings drop the ・: when that makes the split ambiguous,
/// such runs share one ruby, and the kana around them still stay outside it.
pub(crate) fn align(surface: &str, reading: &str) -> Option<Vec<(Range<usize>, String)>> {
    let reading: Vec<char> = reading.chars().collect();
    let runs = runs(surface);
    match align_runs(surface, &runs, &reading) {
        Alignment::One(pieces) => Some(pieces),
        Alignment::None => None,
        Alignment::Many => {
            match align_runs(
                surface,
                &join_kanji_across_joiners(surface, &runs),
                &reading,
            ) {
                Alignment::One(pieces) => Some(pieces),
                Alignment::None | Alignment::Many => None,
            }
        }
    }
}

enum Alignment {
    None,
    One(Vec<(Range<usize>, String)>),
    Many,
}

fn align_runs(surface: &str, runs: &[(Range<usize>, Class)], reading: &[char]) -> Alignment {
    // First with Latin words and digits pinned to their usual reading, then with them free.
    for pin in [true, false] {
        let items: Vec<Item> = runs
            .iter()
            .map(|(range, class)| item(&surface[range.clone()], *class, pin))
            .collect();
        let mut aligner = Aligner {
            items: &items,
            reading,
            memo: vec![None; (items.len() + 1) * (reading.len() + 1)],
        };
        match aligner.ways(0, 0) {
            0 => continue,
            1 => return Alignment::One(aligner.pieces(runs)),
            _ => return Alignment::Many,
        }
    }
    Alignment::None
}

/// `runs` with each kanji run, the ・ or spaces after it and the kanji run after those made one
/// kanji run. Brackets are not joined: a ruby over 型)事業所 would read as nonsense.
fn join_kanji_across_joiners(
    surface: &str,
    runs: &[(Range<usize>, Class)],
) -> Vec<(Range<usize>, Class)> {
    let joiner = |range: &Range<usize>| surface[range.clone()].chars().all(is_word_joiner);
    let mut out: Vec<(Range<usize>, Class)> = Vec::with_capacity(runs.len());
    for (i, (range, class)) in runs.iter().enumerate() {
        let after_kanji = out.last().is_some_and(|(_, last)| *last == Class::Kanji);
        let joins = match class {
            Class::Kanji => after_kanji,
            Class::Other => {
                after_kanji
                    && joiner(range)
                    && runs
                        .get(i + 1)
                        .is_some_and(|(_, next)| *next == Class::Kanji)
            }
            _ => false,
        };
        match out.last_mut() {
            Some((last, _)) if joins => last.end = range.end,
            _ => out.push((range.clone(), *class)),
        }
    }
    out
}

/// A ・ or a space: it joins words and readings leave it out.
pub(super) fn is_word_joiner(c: char) -> bool {
    matches!(c, '・' | ' ' | '\u{3000}')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Kanji,
    Kana,
    Latin,
    Digit,
    Other,
}

fn class(c: char) -> Class {
    if is_kanji_like(c) {
        Class::Kanji
    } else if is_kana(c) {
        Class::Kana
    } else if c.is_ascii_alphabetic() {
        Class::Latin
    } else if c.is_ascii_digit() {
        Class::Digit
    } else {
        Class::Other
    }
}

/// Maximal runs of one class.
fn runs(surface: &str) -> Vec<(Range<usize>, Class)> {
    let mut out: Vec<(Range<usize>, Class)> = Vec::new();
    for (i, c) in surface.char_indices() {
        let k = class(c);
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some((range, last)) if *last == k => range.end = end,
            _ => out.push((i..end, k)),
        }
    }
    out
}

/// What a run must match in the reading.
enum Item {
    /// Kanji: at least one kana, at most a few per character.
    Free { min: usize, max: usize },
    /// Kana: itself, in hiragana.
    Exact(Vec<char>),
    /// Symbols and spaces: themselves or nothing (readings drop them).
    Optional(Vec<char>),
}

fn item(text: &str, class: Class, pin: bool) -> Item {
    let chars = text.chars().count();
    match class {
        Class::Kanji => Item::Free {
            min: 1,
            max: 6 * chars,
        },
        Class::Kana => Item::Exact(to_hiragana(text).chars().collect()),
        Class::Latin => match read_latin(text).filter(|_| pin) {
            Some(r) => Item::Exact(r.chars().collect()),
            None => Item::Free {
                min: 1,
                max: 8 * chars,
            },
        },
        Class::Digit => match spell_digits(text).filter(|_| pin) {
            Some(r) => Item::Exact(r.chars().collect()),
            None => Item::Free {
                min: 1,
                max: 8 * chars,
            },
        },
        Class::Other => Item::Optional(text.chars().collect()),
    }
}

struct Aligner<'a> {
    items: &'a [Item],
    reading: &'a [char],
    /// Ways to match items[i..] against reading[p..], capped at 2.
    memo: Vec<Option<u8>>,
}

impl Aligner<'_> {
    /// The lengths item `i` may take at reading position `p`.
    fn options(&self, i: usize, p: usize) -> Vec<usize> {
        let rest = &self.reading[p..];
        match &self.items[i] {
            Item::Free { min, max } => (*min..=(*max).min(rest.len())).collect(),
            Item::Exact(s) => {
                if rest.starts_with(s) {
                    vec![s.len()]
                } else {
                    vec![]
                }
            }
            Item::Optional(s) => {
                if rest.starts_with(s) && !s.is_empty() {
                    vec![0, s.len()]
                } else {
                    vec![0]
                }
            }
        }
    }

    fn ways(&mut self, i: usize, p: usize) -> u8 {
        if i == self.items.len() {
            return u8::from(p == self.reading.len());
        }
        let key = i * (self.reading.len() + 1) + p;
        if let Some(n) = self.memo[key] {
            return n;
        }
        let mut n = 0u8;
        for len in self.options(i, p) {
            n = n.saturating_add(self.ways(i + 1, p + len)).min(2);
            if n >= 2 {
                break;
            }
        }
        self.memo[key] = Some(n);
        n
    }

    /// The single solution's kanji pieces (call only when `ways(0, 0) == 1`).
    fn pieces(&mut self, runs: &[(Range<usize>, Class)]) -> Vec<(Range<usize>, String)> {
        let mut out = Vec::new();
        let mut p = 0;
        for (i, (range, class)) in runs.iter().enumerate().take(self.items.len()) {
            let Some(len) = self
                .options(i, p)
                .into_iter()
                .find(|&len| self.ways(i + 1, p + len) == 1)
            else {
                return Vec::new();
            };
            if *class == Class::Kanji {
                out.push((range.clone(), self.reading[p..p + len].iter().collect()));
            }
            p += len;
        }
        out
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Pieces with their text in place of their span.
    pub(in crate::text) fn texts(
        surface: &str,
        pieces: Vec<(Range<usize>, String)>,
    ) -> Vec<(String, String)> {
        pieces
            .into_iter()
            .map(|(r, rt)| (surface[r].to_string(), rt))
            .collect()
    }

    fn show(surface: &str, reading: &str) -> Option<Vec<(String, String)>> {
        align(surface, reading).map(|pieces| texts(surface, pieces))
    }

    pub(in crate::text) fn pairs(p: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
        Some(
            p.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
        )
    }

    #[test]
    fn okurigana_outside() {
        assert_eq!(show("働き", "はたらき"), pairs(&[("働", "はたら")]));
        assert_eq!(
            show("申し込み", "もうしこみ"),
            pairs(&[("申", "もう"), ("込", "こ")])
        );
        assert_eq!(
            show("焼き菓子", "やきがし"),
            pairs(&[("焼", "や"), ("菓子", "がし")])
        );
        assert_eq!(show("お知らせ", "おしらせ"), pairs(&[("知", "し")]));
    }

    #[test]
    fn whole_runs() {
        assert_eq!(show("工賃", "こうちん"), pairs(&[("工賃", "こうちん")]));
        assert_eq!(show("ヶ月", "かげつ"), pairs(&[("ヶ月", "かげつ")]));
        assert_eq!(
            show("第2作業所", "だいにさぎょうしょ"),
            pairs(&[("第", "だい"), ("作業所", "さぎょうしょ")])
        );
    }

    #[test]
    fn latin_and_katakana_anchor() {
        assert_eq!(show("B型", "びーがた"), pairs(&[("型", "がた")]));
        assert_eq!(
            show("LITALICOワークス渋谷", "りたりこわーくすしぶや"),
            pairs(&[("渋谷", "しぶや")])
        );
        assert_eq!(
            show("就労支援センター・ひかり", "しゅうろうしえんせんたーひかり"),
            pairs(&[("就労支援", "しゅうろうしえん")])
        );
    }

    #[test]
    fn symbol_joined_kanji_share_a_ruby_when_the_reading_cannot_split_them() {
        assert_eq!(
            show(
                "障害者就業・生活支援センター あゆみ",
                "しょうがいしゃしゅうぎょうせいかつしえんせんたーあゆみ"
            ),
            pairs(&[(
                "障害者就業・生活支援",
                "しょうがいしゃしゅうぎょうせいかつしえん"
            )])
        );
        // The kana after the joined runs still anchors what follows.
        assert_eq!(
            show("就業・生活の支援", "しゅうぎょうせいかつのしえん"),
            pairs(&[("就業・生活", "しゅうぎょうせいかつ"), ("支援", "しえん")])
        );
    }

    #[test]
    fn ambiguous_or_impossible() {
        // Two kanji runs around a kana that occurs twice in the reading.
        assert_eq!(show("木の木", "きのきのき"), None);
        assert_eq!(
            show("日の出の家", "ひのでのいえ"),
            pairs(&[("日", "ひ"), ("出", "で"), ("家", "いえ")])
        );
        assert_eq!(show("働き", "はたらく"), None);
        assert_eq!(show("漢字", ""), None);
    }
}
