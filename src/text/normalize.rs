//! NFKC normalisation, plus a variant that remembers where each piece came from.
//!
//! The analyser works on normalised text (Ａ→A, ２０→20, ｶﾞ→ガ, ㈱→(株)) so that the dictionaries
//! match however a provider typed a word, but ruby must be placed on the text as written. The
//! mapped variant normalises piece by piece and keeps, for every piece, its span in both strings.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::kana::{is_kana, plain_v, to_hiragana};

/// NFKC: full-width letters and digits to ASCII, half-width katakana to full width, ㈱ to (株).
pub fn nfkc(s: &str) -> String {
    // Most text is already normal (a quick check of each character's NFKC_QC property): copied
    // as it is, without decomposing and recomposing it.
    if is_normal(s) {
        return s.to_string();
    }
    s.nfkc().collect()
}

/// Whether `c` alone is NFKC, so that a piece of just `c` normalises to itself.
pub(crate) fn is_normal_char(c: char) -> bool {
    // `is_normal` of the one character, without making it a string first: asked of every
    // character of every text shown about a place (`Reader::place_in`).
    is_common(c)
        || unicode_normalization::is_nfkc_quick(std::iter::once(c))
            == unicode_normalization::IsNormalized::Yes
}

/// ASCII, kana, the common kanji and the commonest Japanese punctuation: most of what a guide is
/// written in. Each is NFKC on its own and none composes with the character before it (a test
/// checks every character of these ranges), so they need no look-up.
pub(crate) fn is_common(c: char) -> bool {
    matches!(c, '\0'..='\u{7F}' | 'ぁ'..='ゖ' | 'ァ'..='・' | 'ー' | '一'..='\u{9FFF}' | '、' | '。' | '「'..='』')
}

/// Whether `s` is certainly NFKC already: no character of it changes or may compose with the
/// one before it. Text of common characters only is taken without looking up each character's
/// property (that look-up was 5% of the instructions of a build of 1,000 entries).
pub fn is_normal(s: &str) -> bool {
    s.chars().all(is_common)
        || unicode_normalization::is_nfkc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// The comparable core of a reading: NFKC, katakana to hiragana, and nothing but kana and ー.
/// Spaces, ・, punctuation and anything unread are dropped, and ヴ is compared as the b-row it
/// sounds as, since both spellings are usual (ヴィスト is written ゔぃすと or びすと).
///
/// ```
/// assert_eq!(shirube::text::reading_key("シュウロウ・サポート　センター"), "しゅうろうさぽーとせんたー");
/// ```
pub fn reading_key(s: &str) -> String {
    plain_v(&spelled_key(s))
}

/// [`reading_key`] without taking ゔ for the b-row: the reading as spelled.
pub fn spelled_key(s: &str) -> String {
    // NFKC turns a spacing mark into a space plus a combining one (う゛ → う ゙), which would
    // then be dropped; written after kana, ゛ and ゜ are the combining marks (う゛ is ゔ).
    let marks: String = s
        .chars()
        .map(|c| match c {
            '゛' => '\u{3099}',
            '゜' => '\u{309A}',
            other => other,
        })
        .collect();
    to_hiragana(&nfkc(&marks))
        .chars()
        .filter(|&c| is_kana(c))
        .collect()
}

/// Normalised text with, for each piece, its byte span here and in the original.
pub(crate) struct Mapped {
    pub text: String,
    /// (span in `text`, span in the original), in order, covering both strings.
    pieces: Vec<(Range<usize>, Range<usize>)>,
}

impl Mapped {
    /// The original span of a normalised span, if both of its ends fall on piece boundaries.
    /// A span that cuts a piece (the 株 inside ㈱) has no original of its own.
    pub fn original(&self, span: Range<usize>) -> Option<Range<usize>> {
        // Pieces are in order and their normalised spans do not overlap: binary search.
        let start = self
            .pieces
            .binary_search_by_key(&span.start, |(n, _)| n.start)
            .ok()?;
        let end = self
            .pieces
            .binary_search_by_key(&span.end, |(n, _)| n.end)
            .ok()?;
        Some(self.pieces[start].1.start..self.pieces[end].1.end)
    }
}

/// NFKC piece by piece. A piece is one character with the marks that combine with it,
/// so that ｶﾞ and か゛ still become ガ and が.
pub(crate) fn nfkc_mapped(s: &str) -> Mapped {
    map_pieces(s, true)
}

/// [`nfkc_mapped`]; with `quick`, a piece that is one character NFKC keeps as it is (its
/// NFKC_QC property says so) is copied rather than normalised, as most of a text's are.
fn map_pieces(s: &str, quick: bool) -> Mapped {
    let mut text = String::with_capacity(s.len());
    let mut pieces = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        if quick && chars.peek().is_none_or(|&(_, next)| !joins_previous(next)) && is_normal_char(c)
        {
            let from = text.len();
            text.push(c);
            pieces.push((from..text.len(), start..end));
            continue;
        }
        let mut piece = String::new();
        piece.push(c);
        while let Some(&(i, next)) = chars.peek() {
            if !joins_previous(next) {
                break;
            }
            // Spacing marks ゛゜ would become a space plus a combining mark; use the combining form.
            piece.push(match next {
                '゛' => '\u{3099}',
                '゜' => '\u{309A}',
                other => other,
            });
            end = i + next.len_utf8();
            chars.next();
        }
        let from = text.len();
        text.extend(piece.nfkc());
        pieces.push((from..text.len(), start..end));
    }
    Mapped { text, pieces }
}

/// Variant kanji in names that IPADIC has no word for (see [`fold_variants`]), each with its
/// common form.
const VARIANTS: [(char, char); 20] = [
    ('髙', '高'),
    ('﨑', '崎'),
    ('德', '徳'),
    ('氣', '気'),
    ('濵', '浜'),
    ('邉', '辺'),
    ('邊', '辺'),
    ('槗', '橋'),
    ('栁', '柳'),
    ('桒', '桑'),
    ('會', '会'),
    ('齋', '斎'),
    ('淸', '清'),
    ('鷄', '鶏'),
    ('曻', '昇'),
    ('瀨', '瀬'),
    ('黑', '黒'),
    ('步', '歩'),
    ('逹', '達'),
    ('﨔', '欅'),
];

/// Bit `c % 128` set for each variant: most kanji are told apart from the twenty by it alone
/// (asked of every character of every text shown about a place, `Reader::place_in`).
const VARIANT_BITS: u128 = {
    let mut bits = 0;
    let mut i = 0;
    while i < VARIANTS.len() {
        bits |= 1 << (VARIANTS[i].0 as u32 % 128);
        i += 1;
    }
    bits
};

/// Whether [`fold_variants`] changes `c`.
pub(crate) fn folds(c: char) -> bool {
    c >= '\u{3400}'
        && VARIANT_BITS & (1 << (u32::from(c) % 128)) != 0
        && VARIANTS.iter().any(|v| v.0 == c)
}

/// Variant kanji in names that IPADIC has no word for (髙 for 高, 﨑 for 崎, 德 for 徳), as
/// the common form, for analysis only. Each pair has the same UTF-8 length, so spans in the
/// folded text are spans in the text as given.
pub(crate) fn fold_variants(s: &str) -> std::borrow::Cow<'_, str> {
    let fold = |c: char| VARIANTS.iter().find(|v| v.0 == c).map_or(c, |v| v.1);
    // Every variant is a CJK ideograph: most characters of a text are told apart by one
    // comparison, not twenty (every text read goes through here).
    let may_fold = |c: char| c >= '\u{3400}' && fold(c) != c;
    if !s.chars().any(may_fold) {
        return s.into();
    }
    s.chars().map(fold).collect::<String>().into()
}

fn joins_previous(c: char) -> bool {
    is_combining_mark(c) || matches!(c, 'ﾞ' | 'ﾟ' | '゛' | '゜')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_keep_their_length() {
        assert_eq!(fold_variants("髙橋﨑德"), "高橋崎徳");
        assert_eq!(fold_variants("高橋"), "高橋");
        for c in "髙﨑德氣濵邉邊槗栁桒會齋淸鷄曻瀨黑步逹﨔".chars() {
            assert_eq!(fold_variants(&c.to_string()).len(), c.len_utf8(), "{c}");
        }
    }

    #[test]
    fn nfkc_widths() {
        assert_eq!(nfkc("Ａ型　２０名 ｶﾞｰﾃﾞﾝ ㈱"), "A型 20名 ガーデン (株)");
    }

    #[test]
    fn keys() {
        assert_eq!(reading_key("えー がた"), "えーがた");
        assert_eq!(reading_key("ＡＢ（あ）"), "あ");
    }

    /// Copying the pieces that are normal already maps a text as normalising every piece does.
    #[test]
    fn normal_text_maps_as_normalised_text() {
        for text in [
            "就労継続支援B型 ひかり工房（定員２０名）　ｶﾞｰﾃﾞﾝ２階か゛ ㈱",
            "就労継続支援B型 ひかり工房(定員20名)",
            "がぎぐ ぱぴぷ ヴ ー・、。「」",
            "Cafe de 2F, 1-2-3 Midori",
            "髙橋﨑 𠮷野家 々",
            "",
        ] {
            let (fast, slow) = (map_pieces(text, true), map_pieces(text, false));
            assert_eq!(fast.text, slow.text, "{text}");
            assert_eq!(fast.pieces, slow.pieces, "{text}");
            assert_eq!(nfkc(text), text.nfkc().collect::<String>());
        }
        assert!(is_normal("就労継続支援B型 ひかり工房(定員20名)"));
        // Not normal: full-width letters, half-width kana, a spacing mark, a mark that composes.
        for text in ["Ａ型", "ｶﾞｰﾃﾞﾝ", "か゛", "か\u{3099}", "e\u{301}"] {
            assert!(!is_normal(text), "{text}");
        }
    }

    /// The characters `is_normal_char` takes without a look-up are NFKC as they are.
    #[test]
    fn the_ranges_taken_as_normal_are() {
        let ranges = [
            '\0'..='\u{7F}',
            'ぁ'..='ゖ',
            'ァ'..='・',
            'ー'..='ー',
            '一'..='\u{9FFF}',
            '、'..='。',
            '「'..='』',
        ];
        let mut checked = 0;
        for c in ranges.into_iter().flatten() {
            assert!(is_common(c), "{c:?}");
            let alone = unicode_normalization::is_nfkc_quick(std::iter::once(c));
            assert_eq!(alone, unicode_normalization::IsNormalized::Yes, "{c:?}");
            // A mark after it would make the text not normal; the check needs to see none.
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
            checked += 1;
        }
        assert_eq!(checked, 128 + 86 + 91 + 1 + 20_992 + 2 + 4);
        assert!(!is_normal_char('\u{3099}') && !is_normal_char('ｶ') && !is_normal_char('Ａ'));
    }

    #[test]
    fn mapping_back() {
        let m = nfkc_mapped("ｶﾞｰﾃﾞﾝ２階か゛");
        assert_eq!(m.text, "ガーデン2階が");
        let kai = m.text.find('階').unwrap();
        let orig = m.original(kai..kai + '階'.len_utf8()).unwrap();
        assert_eq!(&"ｶﾞｰﾃﾞﾝ２階か゛"[orig], "階");
        let m = nfkc_mapped("㈱ひかり");
        // 株 alone is inside the piece ㈱ and has no span of its own.
        let kabu = m.text.find('株').unwrap();
        assert_eq!(m.original(kabu..kabu + 3), None);
        assert_eq!(m.original(0..m.text.find('ひ').unwrap()), Some(0..3));
    }
}
