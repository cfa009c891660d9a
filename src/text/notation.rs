//! Ruby written by authors: DenDen `{漢字|かんじ}`, `{漢字|かん|じ}` and Aozora `｜漢字《かんじ》`.
//!
//! Anything that does not parse as ruby is kept as plain text, character for character, so that
//! code, JSON, shell braces or a stray `《` pass through untouched. To keep `{a|b}` in code
//! samples safe, DenDen notation needs a non-ASCII character in the base or the reading.

use super::Segment;
use super::kana::is_kanji_like;
use std::borrow::Cow;

/// Split text into plain runs and the ruby its author wrote. No analysis is done.
///
/// ```
/// use shirube::text::{parse_author_ruby, Segment};
/// assert_eq!(
///     parse_author_ruby("{働|はたら}く"),
///     vec![
///         Segment::Ruby { base: "働".into(), rt: "はたら".into() },
///         Segment::Plain("く".into()),
///     ]
/// );
/// ```
pub fn parse_author_ruby(s: &str) -> Vec<Segment> {
    let mut out = Segments::default();
    if !may_have_marks(s) {
        out.plain(s);
        return out.0;
    }
    let mut rest = s;
    while let Some(i) = rest.find(['{', '｜', '|', '《']) {
        let (before, at) = rest.split_at(i);
        out.plain(before);
        let parsed = match at.chars().next() {
            Some('{') => denden(at),
            Some('｜' | '|') => aozora_explicit(at),
            _ => aozora_implicit(&mut out, at),
        };
        match parsed {
            Some((rubies, used)) => {
                for (base, rt) in rubies {
                    out.ruby(base, rt);
                }
                rest = &at[used..];
            }
            None => {
                let c = at.chars().next().map_or(1, char::len_utf8);
                // 《《 is emphasis in some editors, not ruby: keep both marks as text.
                let skip = if at.starts_with("《《") { 2 * c } else { c };
                out.plain(&at[..skip]);
                rest = &at[skip..];
            }
        }
    }
    out.plain(rest);
    out.0
}

/// Whether `s` has any of the marks author ruby begins with (`{`, `|`, `｜`, `《`), by bytes:
/// every text of every page passes here and almost none has one, and the search for them char
/// by char was 1–2% of a national build's CPU samples.
fn may_have_marks(s: &str) -> bool {
    let bytes = s.as_bytes();
    if memchr::memchr2(b'{', b'|', bytes).is_some() {
        return true;
    }
    // ｜ and 《 by their last bytes, each confirmed by the two before it: one search for both,
    // where a substring searcher for each cost three times as much on texts this short (its
    // set-up per call was most of it).
    const BAR: &[u8] = "｜".as_bytes();
    const OPEN: &[u8] = "《".as_bytes();
    memchr::memchr2_iter(BAR[2], OPEN[2], bytes).any(|last| {
        let mark = &bytes[last.saturating_sub(2)..=last];
        mark == BAR || mark == OPEN
    })
}

/// The text without author ruby readings: `{漢字|かんじ}を` → `漢字を`.
pub fn strip_author_ruby(s: &str) -> String {
    without_author_ruby(s).into_owned()
}

/// [`strip_author_ruby`], borrowing a text that has no ruby: almost none has, and every text of
/// every page passes here (a list of one segment and two copies of each was 2% of a plain
/// national build's instructions).
pub fn without_author_ruby(s: &str) -> Cow<'_, str> {
    if !may_have_marks(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        parse_author_ruby(s)
            .into_iter()
            .map(|seg| match seg {
                Segment::Plain(t) => t,
                Segment::Ruby { base, .. } => base,
            })
            .collect(),
    )
}

type Parsed = Option<(Vec<(String, String)>, usize)>;

/// Longest base (in characters, with the bar) that `｜base《rt》` may have.
const MAX_BASE_CHARS: usize = 64;

/// `{base|rt}` or `{base|rt1|rt2…}` with one reading per character of the base.
fn denden(at: &str) -> Parsed {
    let body_end = 1 + at.get(1..)?.find(['}', '{', '\n'])?;
    if !at[body_end..].starts_with('}') {
        return None;
    }
    let body = &at[1..body_end];
    let mut parts = body.split('|');
    let base = parts.next()?;
    let rts: Vec<&str> = parts.collect();
    let valid = !base.is_empty()
        && !rts.is_empty()
        && rts.iter().all(|r| !r.is_empty())
        && !body.is_ascii()
        && !base.contains(['《', '》', '｜']);
    if !valid {
        return None;
    }
    let used = body_end + 1;
    if rts.len() == 1 {
        return Some((vec![(base.to_string(), rts[0].to_string())], used));
    }
    let chars: Vec<char> = base.chars().collect();
    if chars.len() != rts.len() {
        return None;
    }
    let mono = chars
        .iter()
        .zip(rts)
        .map(|(c, r)| (c.to_string(), r.to_string()))
        .collect();
    Some((mono, used))
}

/// `｜base《rt》`: the bar marks where the base starts.
fn aozora_explicit(at: &str) -> Parsed {
    let bar = at.chars().next()?.len_utf8();
    // A base is a word or two; looking further would make a text full of bars quadratic.
    let open = at
        .char_indices()
        .take(MAX_BASE_CHARS)
        .find(|&(_, c)| c == '《' || c == '\n')
        .filter(|&(_, c)| c == '《')?
        .0;
    let base = &at[bar..open];
    if base.is_empty() || base.contains(['\n', '》', '｜', '|', '{', '}']) {
        return None;
    }
    let (rt, used) = reading_in_brackets(&at[open..])?;
    Some((vec![(base.to_string(), rt)], open + used))
}

/// `漢字《かんじ》`: without a bar the base is the run of kanji right before 《.
fn aozora_implicit(out: &mut Segments, at: &str) -> Parsed {
    let base = out.take_trailing_kanji()?;
    match reading_in_brackets(at) {
        Some((rt, used)) => Some((vec![(base, rt)], used)),
        None => {
            out.plain(&base);
            None
        }
    }
}

/// `《rt》` at the start of `at`: the reading and the bytes used.
fn reading_in_brackets(at: &str) -> Option<(String, usize)> {
    let body = at.strip_prefix('《')?;
    if body.starts_with('《') {
        return None;
    }
    let close = body.find(['》', '《', '\n'])?;
    if !body[close..].starts_with('》') || close == 0 {
        return None;
    }
    Some((
        body[..close].to_string(),
        '《'.len_utf8() + close + '》'.len_utf8(),
    ))
}

/// Segments under construction: adjacent plain text is merged.
#[derive(Default)]
struct Segments(Vec<Segment>);

impl Segments {
    fn plain(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Segment::Plain(last)) = self.0.last_mut() {
            last.push_str(s);
        } else {
            self.0.push(Segment::Plain(s.to_string()));
        }
    }

    fn ruby(&mut self, base: String, rt: String) {
        self.0.push(Segment::Ruby { base, rt });
    }

    /// Remove and return the kanji at the end of the last plain run, if any.
    fn take_trailing_kanji(&mut self) -> Option<String> {
        let Some(Segment::Plain(last)) = self.0.last_mut() else {
            return None;
        };
        let start = last
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_kanji_like(c))
            .last()
            .map(|(i, _)| i)?;
        let base = last.split_off(start);
        if last.is_empty() {
            self.0.pop();
        }
        Some(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ruby(base: &str, rt: &str) -> Segment {
        Segment::Ruby {
            base: base.into(),
            rt: rt.into(),
        }
    }

    fn plain(s: &str) -> Segment {
        Segment::Plain(s.into())
    }

    #[test]
    fn marks_are_found_in_short_and_long_texts() {
        let long = "就労継続支援B型の事業所です。".repeat(5);
        // お and ボ end in the bytes 《 and ｜ end in.
        for text in [
            "",
            "みどり作業所",
            "あ。い",
            &long,
            "お",
            "ボ",
            "おボールペン",
        ] {
            assert!(!may_have_marks(text), "{text}");
        }
        for mark in ["{", "|", "｜", "《"] {
            for text in [
                format!("a{mark}b"),
                format!("{long}{mark}"),
                format!("{mark}{long}"),
            ] {
                assert!(may_have_marks(&text), "{text}");
            }
        }
    }

    #[test]
    fn denden_group() {
        assert_eq!(
            parse_author_ruby("{漢字|かんじ}を読む"),
            [ruby("漢字", "かんじ"), plain("を読む")]
        );
    }

    #[test]
    fn denden_mono() {
        assert_eq!(
            parse_author_ruby("{漢字|かん|じ}"),
            [ruby("漢", "かん"), ruby("字", "じ")]
        );
        // A count that does not match the characters is not ruby.
        assert_eq!(
            parse_author_ruby("{漢字|か|ん|じ}"),
            [plain("{漢字|か|ん|じ}")]
        );
    }

    #[test]
    fn okurigana_stay_outside() {
        assert_eq!(
            parse_author_ruby("{働|はたら}きます"),
            [ruby("働", "はたら"), plain("きます")]
        );
    }

    #[test]
    fn aozora() {
        assert_eq!(
            parse_author_ruby("これは｜漢字《かんじ》です"),
            [plain("これは"), ruby("漢字", "かんじ"), plain("です")]
        );
        assert_eq!(
            parse_author_ruby("私の名前《なまえ》"),
            [plain("私の"), ruby("名前", "なまえ")]
        );
        assert_eq!(
            parse_author_ruby("|東雲《しののめ》"),
            [ruby("東雲", "しののめ")]
        );
    }

    #[test]
    fn code_like_text_is_untouched() {
        for s in [
            "fn f() { a|b }",
            "{a|b}",
            "echo {1..3} | sort",
            "{\"key\": \"値\"}",
            "｜だけ",
            "《》",
            "《注》の説明",
            "《《強調》》",
            "{漢字|}",
            "{|かんじ}",
            "{漢字\n|かんじ}",
            "| 表 | の | 列 |",
            "a}b{c",
            "{{",
            "}",
        ] {
            assert_eq!(strip_author_ruby(s), s, "{s}");
            assert!(
                parse_author_ruby(s)
                    .iter()
                    .all(|seg| matches!(seg, Segment::Plain(_))),
                "{s}"
            );
        }
    }

    /// Texts without a mark take the short way; characters that share bytes with ｜ and 《
    /// (ｼ ｼﾞ 〈 》) are not marks.
    #[test]
    fn a_text_without_marks_is_one_plain_run() {
        for s in ["就労継続支援B型", "ｼﾞｮﾌﾞｾﾝﾀｰ〈みどり〉》", "a}b"]
        {
            assert_eq!(parse_author_ruby(s), [plain(s)], "{s}");
        }
        assert_eq!(parse_author_ruby(""), []);
    }

    #[test]
    fn strip() {
        assert_eq!(strip_author_ruby("{漢字|かんじ}を"), "漢字を");
        assert_eq!(
            strip_author_ruby("｜東雲《しののめ》ファーム"),
            "東雲ファーム"
        );
    }
}
