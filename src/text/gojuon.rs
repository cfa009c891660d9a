//! 五十音 order: sort keys and index rows.
//!
//! Dictionaries order by the plain kana first (が sorts with か, ぱ and ば with は, っ with つ,
//! ー as the vowel before it) and only then tell the variants apart, which is what readers of
//! a printed index expect. Hiragana code points already run in 五十音 order once those
//! variants are folded away, so the key is two plain strings joined by a space.

use unicode_normalization::UnicodeNormalization;

use super::kana::{is_hiragana, to_hiragana};

/// Sort key of a reading: folded kana, a space, then the full reading to break ties.
/// Compare keys as strings.
///
/// ```
/// use shirube::text::sort_key;
/// assert!(sort_key("か") < sort_key("が"));
/// assert!(sort_key("が") < sort_key("き"));
/// assert!(sort_key("はし") < sort_key("ばす"));
/// ```
pub fn sort_key(reading: &str) -> String {
    let hiragana = to_hiragana(reading);
    let kept = |c: &char| !c.is_whitespace() && !c.is_control() && *c != '・';
    // A reading of common characters (kana, ー: NFKC, so NFC too) is composed already: every
    // entry's reading is, and composing it again was a third of making its key.
    let full: String = match super::is_normal(&hiragana) {
        true => hiragana.chars().filter(kept).collect(),
        false => hiragana.nfc().filter(kept).collect(),
    };
    let mut primary = String::with_capacity(full.len());
    let mut previous: Option<char> = None;
    for c in full.chars() {
        let folded = match c {
            'ー' => previous.map_or('ー', vowel_of),
            'ゝ' | 'ゞ' => previous.unwrap_or(c),
            _ => fold(c),
        };
        primary.push(folded);
        previous = Some(folded);
    }
    [primary.as_str(), " ", &full].concat()
}

/// The 五十音 row a reading is filed under: "あ", "か", "さ", "た", "な", "は", "ま", "や",
/// "ら", "わ", or "他" when it does not start with kana.
pub fn gojuon_row(reading: &str) -> &'static str {
    let first = to_hiragana(reading.trim_start()).nfc().next().map(fold);
    match first {
        Some('あ' | 'い' | 'う' | 'え' | 'お') => "あ",
        Some('か' | 'き' | 'く' | 'け' | 'こ') => "か",
        Some('さ' | 'し' | 'す' | 'せ' | 'そ') => "さ",
        Some('た' | 'ち' | 'つ' | 'て' | 'と') => "た",
        Some('な' | 'に' | 'ぬ' | 'ね' | 'の') => "な",
        Some('は' | 'ひ' | 'ふ' | 'へ' | 'ほ') => "は",
        Some('ま' | 'み' | 'む' | 'め' | 'も') => "ま",
        Some('や' | 'ゆ' | 'よ') => "や",
        Some('ら' | 'り' | 'る' | 'れ' | 'ろ') => "ら",
        Some('わ' | 'ゐ' | 'ゑ' | 'を' | 'ん') => "わ",
        _ => "他",
    }
}

/// Plain form of a kana: voiced and semi-voiced marks dropped, small kana made large.
fn fold(c: char) -> char {
    if !is_hiragana(c) {
        return c;
    }
    // NFD splits が into か and the combining mark; the base comes first.
    let base = c.nfd().next().unwrap_or(c);
    match base {
        'ぁ' => 'あ',
        'ぃ' => 'い',
        'ぅ' => 'う',
        'ぇ' => 'え',
        'ぉ' => 'お',
        'っ' => 'つ',
        'ゃ' => 'や',
        'ゅ' => 'ゆ',
        'ょ' => 'よ',
        'ゎ' => 'わ',
        'ゕ' => 'か',
        'ゖ' => 'け',
        other => other,
    }
}

/// The vowel a long-vowel mark stands for after `c` (already folded).
fn vowel_of(c: char) -> char {
    const ROWS: [&str; 5] = [
        "あかさたなはまやらわ",
        "いきしちにひみり",
        "うくすつぬふむゆる",
        "えけせてねへめれ",
        "おこそとのほもよろを",
    ];
    const VOWELS: [char; 5] = ['あ', 'い', 'う', 'え', 'お'];
    ROWS.iter()
        .position(|row| row.contains(c))
        .map_or('ー', |i| VOWELS[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reading written with combining marks is composed before its key is made: its key is
    /// the composed reading's.
    #[test]
    fn combining_marks_are_composed() {
        assert_eq!(sort_key("か\u{3099}き"), sort_key("がき"));
        assert_eq!(sort_key("ハ\u{309A}ン"), sort_key("ぱん"));
        assert_eq!(sort_key("がき"), "かき がき");
    }

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        v.sort_by_key(|w| sort_key(w));
        v
    }

    #[test]
    fn voiced_sorts_after_plain_and_before_next() {
        assert_eq!(sorted(&["き", "が", "か"]), ["か", "が", "き"]);
        assert_eq!(sorted(&["ぱん", "はん", "ばん"]), ["はん", "ばん", "ぱん"]);
        // Primary order wins over the voicing of an earlier letter.
        assert_eq!(sorted(&["かき", "がか"]), ["がか", "かき"]);
        assert_eq!(sorted(&["ぱり", "ばす", "はし"]), ["はし", "ばす", "ぱり"]);
    }

    #[test]
    fn small_kana_and_long_vowels_fold() {
        assert_eq!(sort_key("きゃ").split(' ').next(), Some("きや"));
        assert_eq!(sort_key("カード").split(' ').next(), Some("かあと"));
        assert_eq!(sorted(&["かつ", "かっ"]), ["かっ", "かつ"]);
        assert_eq!(
            sort_key("しゅうろう えーがた"),
            sort_key("しゅうろうえーがた")
        );
    }

    #[test]
    fn shorter_first() {
        assert_eq!(sorted(&["かあ", "か"]), ["か", "かあ"]);
    }

    #[test]
    fn rows() {
        assert_eq!(gojuon_row("がっこう"), "か");
        assert_eq!(gojuon_row("ぱん"), "は");
        assert_eq!(gojuon_row("ゆめ"), "や");
        assert_eq!(gojuon_row("ゔぃら"), "あ");
        assert_eq!(gojuon_row("ワークス"), "わ");
        assert_eq!(gojuon_row("えーがた"), "あ");
        assert_eq!(gojuon_row("ABC"), "他");
        assert_eq!(gojuon_row(""), "他");
    }
}
