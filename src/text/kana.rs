//! Character classes and kana conversion.

use unicode_normalization::UnicodeNormalization;

/// Katakana to hiragana. Half-width katakana are widened first; everything else is kept.
///
/// ```
/// assert_eq!(shirube::text::to_hiragana("ワークス・ｶﾞｰﾃﾞﾝ"), "わーくす・がーでん");
/// ```
pub fn to_hiragana(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut halfwidth = String::new();
    for c in s.chars() {
        if is_halfwidth_katakana(c) {
            halfwidth.push(c);
            continue;
        }
        flush_halfwidth(&mut halfwidth, &mut out);
        push_hiragana(c, &mut out);
    }
    flush_halfwidth(&mut halfwidth, &mut out);
    out
}

fn flush_halfwidth(run: &mut String, out: &mut String) {
    // NFKC widens ｶ and joins ｶﾞ into ガ; it has to see the whole run to join the marks.
    for c in run.nfkc() {
        push_hiragana(c, out);
    }
    run.clear();
}

fn push_hiragana(c: char, out: &mut String) {
    match c {
        // ァ..ヶ sit exactly 0x60 above ぁ..ゖ; ヽヾ likewise above ゝゞ.
        'ァ'..='ヶ' | 'ヽ' | 'ヾ' => out.push(char::from_u32(c as u32 - 0x60).unwrap_or(c)),
        // ヷヸヹヺ have no precomposed hiragana: base kana plus the combining voiced mark.
        'ヷ'..='ヺ' => {
            out.push(['わ', 'ゐ', 'ゑ', 'を'][(c as u32 - 'ヷ' as u32) as usize]);
            out.push('\u{3099}');
        }
        _ => out.push(c),
    }
}

/// True when `s` is a usable reading: hiragana, with optional ー, spaces and ・.
///
/// ```
/// use shirube::text::is_reading;
/// assert!(is_reading("しゅうろう けいぞく・しえん"));
/// assert!(!is_reading("シュウロウ"));
/// assert!(!is_reading(" "));
/// ```
pub fn is_reading(s: &str) -> bool {
    let mut any_kana = false;
    for c in s.chars() {
        if is_hiragana(c) {
            any_kana = true;
        } else if !matches!(c, 'ー' | ' ' | '\u{3000}' | '・') {
            return false;
        }
    }
    any_kana
}

/// ゔ as the b-row it is pronounced as (ゔぃ → び): the other usual spelling of ヴ's readings.
pub(crate) fn plain_v(s: &str) -> String {
    if !s.contains('ゔ') {
        return s.to_string();
    }
    s.replace("ゔぁ", "ば")
        .replace("ゔぃ", "び")
        .replace("ゔぇ", "べ")
        .replace("ゔぉ", "ぼ")
        .replace('ゔ', "ぶ")
}

/// Hiragana letters, including ゔ, small ゕゖ and the iteration marks ゝゞ.
pub(crate) fn is_hiragana(c: char) -> bool {
    matches!(c, 'ぁ'..='ゖ' | 'ゝ' | 'ゞ')
}

/// Full-width katakana letters and iteration marks (not ー, not ・).
pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c, 'ァ'..='ヺ' | 'ヽ' | 'ヾ' | 'ㇰ'..='ㇿ')
}

fn is_halfwidth_katakana(c: char) -> bool {
    matches!(c, 'ｦ'..='ﾟ')
}

/// Kana that read as themselves: hiragana, katakana and the long-vowel mark.
pub(crate) fn is_kana(c: char) -> bool {
    is_hiragana(c) || is_katakana(c) || c == 'ー' || is_halfwidth_katakana(c)
}

/// CJK ideographs: the characters that school grades and ruby are about.
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'     // extension A
        | '\u{4E00}'..='\u{9FFF}'   // unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}' // extensions B and later
    )
}

/// Characters that belong in a ruby base with the ideographs around them: 々 (repeat),
/// 〆, 〇, and the counter ヶ/ヵ of 3ヶ月, which are read differently from how they look.
pub(crate) fn is_kanji_like(c: char) -> bool {
    is_ideograph(c) || matches!(c, '々' | '〆' | '〇' | 'ヶ' | 'ヵ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_every_katakana_block() {
        assert_eq!(to_hiragana("アイウエオヴァヶヵ"), "あいうえおゔぁゖゕ");
        assert_eq!(to_hiragana("ｼﾞｮﾌﾞｺｰﾁ"), "じょぶこーち");
        assert_eq!(to_hiragana("漢字とABC"), "漢字とABC");
        assert_eq!(to_hiragana("ヽヾ"), "ゝゞ");
        assert_eq!(to_hiragana("ヷ"), "わ\u{3099}");
    }

    #[test]
    fn v_as_b() {
        assert_eq!(plain_v("ゔぃれっじ"), "びれっじ");
        assert_eq!(plain_v("ゔ"), "ぶ");
        assert_eq!(plain_v("かな"), "かな");
    }

    #[test]
    fn readings() {
        assert!(is_reading("ひらがな"));
        assert!(is_reading("えーがた"));
        assert!(is_reading("あ　い"));
        assert!(!is_reading(""));
        assert!(!is_reading("ー・"));
        assert!(!is_reading("かんじ漢字"));
        assert!(!is_reading("abc"));
    }

    #[test]
    fn classes() {
        assert!(is_kanji_like('々'));
        assert!(is_kanji_like('ヶ'));
        assert!(!is_ideograph('ヶ'));
        assert!(is_ideograph('𠮷'));
        assert!(is_kana('ー'));
        assert!(!is_kana('・'));
    }
}
