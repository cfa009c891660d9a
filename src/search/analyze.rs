//! The Japanese analyser. It is mirrored, rule for rule, by
//! `themes/default/static/js/search-analyze.js`; `tests/search/analyzer-vectors.json` is checked
//! by both a unit test here and a Node test there, so the two cannot drift. Change both or neither,
//! and bump [`ANALYZER_VERSION`] (the client refuses an index built by another version).
//!
//! Steps, in order:
//! 1. NFKC (full-width Latin and digits become ASCII, half-width katakana become full-width).
//! 2. Per character: katakana → hiragana; small ヵ/ヶ → か/け (霞ヶ関 and 霞ケ関 are the same place);
//!    ～ (NFKC makes it `~`), 〜 and 〰 → ー; ASCII and Latin-1 capitals → lower case.
//!    Only these fixed ranges are lower-cased, so that Rust and every browser agree exactly.
//! 3. 障がい and 障碍 → 障害 (the three spellings families and providers use).
//! 4. Tokens: a run of CJK characters (kana, kanji, ー, 々) gives its character bigrams, or the
//!    character itself when the run is one character long; a run of Latin letters and digits gives
//!    one whole word (digits keep a thousands comma: 16,500 → 16500). Everything else separates.
//!    ー continues a run only after kana (it lengthens a vowel); elsewhere (〜 after a kanji, between
//!    numbers, at the start) it separates.
//!
//! The index additionally stores ([`index_terms`]):
//! - the last character of every CJK run, so that every character of the text begins at least one
//!   stored token: a one-character query is a prefix look-up ("北" finds 北部, and 北 at the end
//!   of 市北) without storing every unigram;
//! - bridge bigrams across short separators between two runs (see `Tokens::start_or_extend_run`),
//!   so "ひかり市役所チャレンジ雇用" finds "ひかり市役所 チャレンジ雇用".

use crate::hashing::FastMap;
use unicode_normalization::UnicodeNormalization;

/// Written into the manifest; the browser checks it against its own copy of the rules.
pub const ANALYZER_VERSION: u32 = 1;

/// Longer Latin runs (URLs glued together, serial numbers) are cut here to keep shards small.
const MAX_WORD_CHARS: usize = 40;

const LONG_MARK: char = 'ー';

/// Separators (spaces, ・, 〜, brackets) a bridge bigram may cross; see `Tokens::start_or_extend_run`.
const MAX_BRIDGE_GAP: usize = 2;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Cjk,
    LongMark,
    Other,
}

/// The text as the tokenizer sees it: NFKC, folded, with the 障害 spellings unified.
pub fn normalize(text: &str) -> String {
    // Text already NFKC (most is) is folded as it is, not decomposed and composed again: that
    // was an eighth of the index's instructions.
    // Room for the text as it is: folding keeps a character's length but for `~` (one byte)
    // becoming ー (three); collected without it, the string grew by doubling from a quarter.
    let mut folded = String::with_capacity(text.len());
    match crate::text::is_normal(text) {
        true => folded.extend(text.chars().map(fold_char)),
        false => folded.extend(text.nfkc().map(fold_char)),
    }
    match folded.contains('障') {
        true => folded.replace("障がい", "障害").replace("障碍", "障害"),
        false => folded,
    }
}

/// [`normalize`]`(text)`, as its characters. A text of common characters (`is_common`: ASCII,
/// kana, common kanji and punctuation, which NFKC keeps) is folded in one pass over it, straight
/// into characters, its 障 spellings unified on the way: checking it first, folding it into a
/// string and splitting that into characters again was most of the analyser's time outside
/// making tokens, and a text with 障 in it (a third of a guide's text by bytes: bodies speak of
/// 障害) went that way too, replacing into new strings twice.
fn normalized_chars(text: &str) -> Vec<char> {
    let mut chars = Vec::with_capacity(text.len());
    for c in text.chars() {
        if !crate::text::is_common(c) {
            return normalize(text).chars().collect();
        }
        chars.push(fold_char(c));
        // 障がい and 障碍 as 障害, as `normalize` replaces them in the folded text (where 障ガイ
        // has become 障がい); the characters after 障 are folded by then.
        if let [.., '障', 'が', 'い'] = chars[..] {
            chars.truncate(chars.len() - 2);
            chars.push('害');
        } else if let [.., '障', '碍'] = chars[..] {
            chars.pop();
            chars.push('害');
        }
    }
    chars
}

fn fold_char(c: char) -> char {
    let cp = c as u32;
    let folded = match cp {
        // katakana ァ..ヴ and the iteration marks ヽヾ sit exactly 0x60 above their hiragana
        0x30A1..=0x30F4 | 0x30FD | 0x30FE => cp - 0x60,
        0x30F5 | 0x3095 => 0x304B, // ヵ ゕ → か
        0x30F6 | 0x3096 => 0x3051, // ヶ ゖ → け
        0x007E | 0x301C | 0x3030 => 0x30FC,
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => cp + 0x20,
        _ => cp,
    };
    char::from_u32(folded).unwrap_or(c)
}

fn class(c: char) -> Class {
    match c as u32 {
        0x30..=0x39 | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => Class::Word,
        0x30FC => Class::LongMark,
        0x3005..=0x3007
        | 0x3041..=0x3096
        | 0x309D..=0x309F
        | 0x30A1..=0x30FA
        | 0x30FD..=0x30FF
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3134F => Class::Cjk,
        _ => Class::Other,
    }
}

/// Query and document tokens: bigrams of CJK runs (a one-character run gives that character) and
/// whole lower-cased Latin words and numbers, in text order, duplicates kept.
pub fn analyze(text: &str) -> Vec<String> {
    tokens(text, false).iter().map(String::from).collect()
}

/// What the index stores for a text: [`analyze`] plus the last character of every longer CJK run.
#[cfg(test)]
pub(crate) fn index_terms(text: &str) -> Vec<String> {
    Terms::of(text).iter().map(String::from).collect()
}

/// A text's tokens, one after the other in one string: a national guide's texts have millions
/// of tokens, each of which was a string of its own (an allocation, and its freeing, for two
/// characters).
pub(crate) struct Terms {
    text: String,
    /// Where each token ends in `text`.
    ends: Vec<usize>,
}

impl Terms {
    /// What the index stores for `text` (see [`index_terms`]).
    pub(crate) fn of(text: &str) -> Terms {
        tokens(text, true)
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| self.text.get(start..end).unwrap_or_default())
    }

    /// Each term once, with how often it occurs. Counted in a map: sorting a body's hundreds of
    /// terms to count them was an eighth of the index's instructions.
    pub(crate) fn counts(&self) -> FastMap<&str, u32> {
        let mut counted: FastMap<&str, u32> = FastMap::default();
        counted.reserve(self.len());
        for term in self.iter() {
            *counted.entry(term).or_default() += 1;
        }
        counted
    }

    fn push(&mut self, token: impl IntoIterator<Item = char>) {
        self.text.extend(token);
        self.ends.push(self.text.len());
    }
}

/// The token that marks "the whole query equals this name": `#` (which the tokenizer never emits)
/// and an FNV-1a hash of the normalised text with separators removed. `None` for empty keys.
pub(crate) fn exact_key(text: &str) -> Option<String> {
    // Hashed as the kept characters' UTF-8 goes by, without spelling the key out first.
    let mut hash = FNV1A32_OFFSET;
    let mut empty = true;
    for c in normalized_chars(text)
        .into_iter()
        .filter(|&c| class(c) != Class::Other)
    {
        hash = fnv1a32_from(hash, c.encode_utf8(&mut [0; 4]).as_bytes());
        empty = false;
    }
    (!empty).then(|| format!("#{hash:08x}"))
}

const FNV1A32_OFFSET: u32 = 0x811c_9dc5;

pub(crate) fn fnv1a32(bytes: &[u8]) -> u32 {
    fnv1a32_from(FNV1A32_OFFSET, bytes)
}

/// FNV-1a of `bytes` continued from `hash`.
fn fnv1a32_from(hash: u32, bytes: &[u8]) -> u32 {
    bytes.iter().fold(hash, |hash, &b| {
        (hash ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

fn tokens(text: &str, with_tail: bool) -> Terms {
    let chars = normalized_chars(text);
    let mut t = Tokens {
        with_tail,
        out: Terms {
            text: String::with_capacity(text.len() * 2),
            // About a token a character (bigrams), fewer where Latin words and separators are.
            ends: Vec::with_capacity(chars.len()),
        },
        run: Vec::new(),
        word: String::new(),
        previous: None,
        gap: 0,
    };
    for (i, &c) in chars.iter().enumerate() {
        match class(c) {
            Class::Word => {
                t.flush_run();
                t.previous = None; // a Latin word between two runs: no bridge
                t.word.push(c);
            }
            Class::Cjk => {
                t.flush_word();
                t.start_or_extend_run(c);
            }
            Class::LongMark if t.run.last().is_some_and(|&last| is_kana(last)) => {
                t.run.push(c);
            }
            Class::LongMark | Class::Other => {
                if c == ',' && is_digit_at(&chars, i.wrapping_sub(1)) && is_digit_at(&chars, i + 1)
                {
                    continue; // 16,500 stays one number
                }
                t.flush_run();
                t.flush_word();
                t.gap += 1;
            }
        }
    }
    t.flush_run();
    t.flush_word();
    t.out
}

/// Tokenizer state: the CJK run or Latin word being read, and for bridges, the last character
/// of the previous run and how many separators followed it.
struct Tokens {
    with_tail: bool,
    out: Terms,
    run: Vec<char>,
    word: String,
    previous: Option<char>,
    gap: usize,
}

impl Tokens {
    /// In the index, a run that follows another across at most [`MAX_BRIDGE_GAP`] separators
    /// also gets the bigram across them (ひかり市役所 チャレンジ → 所ち; 喫茶〜ゆうやけ → 茶ゆ), so a
    /// query typed without the space or the decoration still matches every bigram.
    fn start_or_extend_run(&mut self, c: char) {
        if self.run.is_empty()
            && self.with_tail
            && self.gap <= MAX_BRIDGE_GAP
            && let Some(previous) = self.previous
        {
            self.out.push([previous, c]);
        }
        self.run.push(c);
    }

    fn flush_run(&mut self) {
        match self.run.len() {
            0 => return,
            1 => self.out.push(self.run.iter().copied()),
            _ => {
                for two in self.run.windows(2) {
                    self.out.push(two.iter().copied());
                }
                if self.with_tail
                    && let Some(&last) = self.run.last().filter(|&&c| c != LONG_MARK)
                {
                    self.out.push([last]);
                }
            }
        }
        self.previous = self.run.last().copied();
        self.gap = 0;
        self.run.clear();
    }

    fn flush_word(&mut self) {
        if !self.word.is_empty() {
            self.out.push(self.word.chars().take(MAX_WORD_CHARS));
            self.word.clear();
        }
    }
}

/// Kana (after folding) and ー: what a long mark may follow. After a kanji, 〜 is decoration.
fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF)
}

fn is_digit_at(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Vector {
        input: String,
        tokens: Vec<String>,
        index_terms: Vec<String>,
        #[serde(default)]
        exact_key: Option<String>,
    }

    #[derive(Deserialize)]
    struct Vectors {
        version: u32,
        vectors: Vec<Vector>,
    }

    /// The one-pass folding of common text gives what normalising and then splitting gives, for
    /// text it takes and text it leaves to `normalize` (full-width forms, 障 spellings, ～).
    #[test]
    fn normalized_characters_are_the_normalized_text() {
        for text in [
            "",
            "就労継続支援B型 ひかり工房(定員20名)",
            "カタカナとヶ所、ヵ月",
            "障がいのある人と障碍と障害",
            "障ガイ",
            "障障がい障碍碍、障が、障い、がい障",
            "障がいがい障碍障がい",
            "ＡＢＣ１２３（全角）",
            "ｶﾀｶﾅ",
            "9:00〜16:00～",
            "Ünïcödé CAFÉ",
            "髙橋さんの工房",
            "〒100-0001 東京都",
        ] {
            let expected: Vec<char> = normalize(text).chars().collect();
            assert_eq!(normalized_chars(text), expected, "{text}");
        }
    }

    /// 障がい and 障碍 are unified in the one pass as `normalize` unifies them, in every short
    /// mix of their characters (katakana, repeats, overlaps).
    #[test]
    fn shou_spellings_unified_in_one_pass_as_in_normalize() {
        let pieces = ['障', 'が', 'ガ', 'い', 'イ', '碍', '害', 'あ'];
        let mut next = crate::testing::xorshift();
        for _ in 0..20_000 {
            let seed = next();
            let text: String = (0..(seed % 9) as usize)
                .map(|i| pieces[((seed >> (3 * i + 4)) % pieces.len() as u64) as usize])
                .collect();
            let expected: Vec<char> = normalize(&text).chars().collect();
            assert_eq!(normalized_chars(&text), expected, "{text}");
        }
    }

    /// The same file is read by tests/search/analyzer.test.mjs against the browser analyser.
    const VECTORS: &str = include_str!("../../tests/search/analyzer-vectors.json");

    #[test]
    fn shared_vectors_match() {
        let parsed: Vectors = match serde_json::from_str(VECTORS) {
            Ok(v) => v,
            Err(e) => panic!("analyzer-vectors.json does not parse: {e}"),
        };
        assert_eq!(
            parsed.version, ANALYZER_VERSION,
            "vectors are for another analyser"
        );
        assert!(parsed.vectors.len() >= 30, "too few shared vectors");
        for v in &parsed.vectors {
            assert_eq!(analyze(&v.input), v.tokens, "tokens of {:?}", v.input);
            assert_eq!(
                index_terms(&v.input),
                v.index_terms,
                "index terms of {:?}",
                v.input
            );
            if let Some(key) = &v.exact_key {
                assert_eq!(
                    exact_key(&v.input).as_ref(),
                    Some(key),
                    "exact key of {:?}",
                    v.input
                );
            }
        }
    }

    #[test]
    fn variants_meet() {
        assert_eq!(analyze("ﾊﾟﾝ工房"), analyze("パン工房"));
        assert_eq!(analyze("パン工房"), analyze("ぱん工房"));
        assert_eq!(analyze("障がい者"), analyze("障害者"));
        assert_eq!(analyze("障碍者"), analyze("障害者"));
        assert_eq!(analyze("ＹＢＳ"), vec!["ybs".to_string()]);
        assert_eq!(analyze("カフェ～"), analyze("かふぇー"));
    }
}
