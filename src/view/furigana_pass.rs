//! The last step of a furigana page: readings for the text the theme itself writes (headings such
//! as 連絡先, labels such as 定員, the menu). Provider text already carries ruby from the furigana
//! `TextStyle`; this pass leaves everything inside `<ruby>` alone, and never touches tags,
//! attributes, `<title>`, scripts, styles or SVG.

use super::html_scan::scan_to;
use super::splice::{Splice, marker_at, marker_starts, splice};
use crate::text::{GradeFilter, Reader, unescape};
use memchr::memmem::Finder;
use std::sync::LazyLock;

use super::ruby_cache::RubyCache;

/// The elements whose text must not get ruby: already annotated, not shown, or not HTML text
/// (an `<svg>`'s `<text>` is drawn by SVG, where a `<ruby>` is not an element at all).
const SKIPPED: [&[u8]; 8] = [
    b"ruby",
    b"code",
    b"pre",
    b"style",
    b"title",
    b"script",
    b"textarea",
    b"svg",
];

/// Whether text inside the element `name` (as written: compared ignoring ASCII case) must not
/// get ruby (it is one of [`SKIPPED`]). By length first: comparing a name with every one of
/// them was a fifth of the pass.
fn is_skipped(name: &[u8]) -> bool {
    SKIPPED
        .iter()
        .any(|skip| skip.len() == name.len() && name.eq_ignore_ascii_case(skip))
}

/// What ends an `<svg>` (as the theme writes it; another spelling is found tag by tag).
const SVG_CLOSE: &[u8] = b"</svg>";

/// Searchers for what the pass looks for on every page, made once: `memmem::find` makes one
/// at each call (a sixth of a million at N = 10,000, for a pictogram or a comment each). The
/// frame's markers are found by `splice::marker_starts`.
static FIND_SVG_CLOSE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(SVG_CLOSE));
static FIND_COMMENT_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"-->"));

/// The first letters of [`SKIPPED`]'s names, in either case.
const SKIPPED_FIRST_LETTERS: [bool; 256] = {
    let mut letters = [false; 256];
    let mut i = 0;
    while i < SKIPPED.len() {
        let first = SKIPPED[i][0];
        letters[first.to_ascii_lowercase() as usize] = true;
        letters[first.to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    letters
};

/// Whether `tag` may be one of [`SKIPPED`], by the first letter of its name: most of a page's
/// tags (`a`, `li`, `div`, `dd`, `h2` …) are told apart there, without reading their names.
fn may_be_skipped(tag: &[u8]) -> bool {
    let name = tag.strip_prefix(b"</").or_else(|| tag.strip_prefix(b"<"));
    name.and_then(<[u8]>::first)
        .is_some_and(|&first| SKIPPED_FIRST_LETTERS[usize::from(first)])
}

/// `html` (UTF-8, as tera writes it) with ruby over the kanji of its text, and each marker of
/// `splices` replaced by its bytes (which the pass does not go over: they have been through
/// it). Worked on as bytes: tags and text are told apart by ASCII `<` and `>`, so every run of
/// text is whole UTF-8, and only the runs that get ruby are read as text.
pub fn add_ruby(
    html: &[u8],
    reader: &Reader,
    filter: GradeFilter,
    cache: &RubyCache,
    splices: &[Splice],
) -> Vec<u8> {
    // The pass meets a marker where it stands as a comment of its own, as `base.html` prints
    // it. One anywhere else (inside another comment or a tag) is spliced after, as before the
    // pass did the splicing: the markers are counted first to know.
    let markers = match splices.is_empty() {
        true => 0,
        false => marker_starts(html).count(),
    };
    let mut spliced = 0;
    // Checked once for the page, not run by run (1.3 million runs at N = 10,000): a run cut at
    // ASCII bytes of UTF-8 is UTF-8. A page that is not (tera writes only `str`) is read run
    // by run as before.
    let page = simdutf8::basic::from_utf8(html).ok();
    // Ruby adds a tenth to a quarter of a page's text (the furigana style gave most of it
    // already), and the menu and footer come in whole: sized for both, a page's bytes are
    // written once instead of being copied again when the buffer doubles (nearly every page).
    let spliced_bytes: usize = splices.iter().map(|(_, part)| part.len()).sum();
    let mut out = Vec::with_capacity(html.len() + html.len() / 4 + spliced_bytes);
    let mut skip_depth = 0usize;
    // `html[..copied]` is in `out`: what needs no ruby (most of a page) is copied in whole
    // runs, where a text gets its ruby, instead of tag by tag.
    let mut copied = 0;
    let mut at = 0;
    while let Some(&first) = html.get(at) {
        if first == b'<' {
            let rest = &html[at..];
            // Most of a furigana page's tags are its ruby's own (`<rp>`, `<rt>`: eight of
            // every ten): a ruby made by the furigana style is passed over whole.
            if skip_depth == 0
                && let Some(len) = plain_ruby_len(rest)
            {
                at += len;
                continue;
            }
            if rest.get(1) == Some(&b'!')
                && let Some((marker, part)) = marker_at(rest, splices)
            {
                out.extend_from_slice(&html[copied..at]);
                out.extend_from_slice(part);
                at += marker.len();
                copied = at;
                spliced += 1;
                continue;
            }
            let end = tag_end(rest);
            let tag = &rest[..end];
            if may_be_skipped(tag)
                && let Some(name) = tag_name(tag)
                && is_skipped(name)
            {
                if tag.starts_with(b"</") {
                    skip_depth = skip_depth.saturating_sub(1);
                } else if !tag.ends_with(b"/>") {
                    // An `<svg>` is passed over whole, to its first `</svg>`: every page holds
                    // the theme's pictograms, a tenth of the tags the pass steps through.
                    if let Some(close) = name
                        .eq_ignore_ascii_case(b"svg")
                        .then(|| FIND_SVG_CLOSE.find(&rest[end..]))
                        .flatten()
                    {
                        at += end + close + SVG_CLOSE.len();
                        continue;
                    }
                    skip_depth += 1;
                }
            }
            at += end;
            continue;
        }
        // A run of text: only one with a byte outside ASCII can hold a kanji.
        let (end, wide) = scan_to(html, at, b'<');
        let run = &html[at..end];
        if skip_depth == 0
            && wide
            && has_kanji(run)
            && let Some(text) =
                page.map_or_else(|| std::str::from_utf8(run).ok(), |p| p.get(at..end))
        {
            out.extend_from_slice(&html[copied..at]);
            cache.push_ruby(text, &mut out, || reader.ruby_html(&unescape(text), filter));
            copied = end;
        }
        at = end;
    }
    out.extend_from_slice(&html[copied..]);
    match spliced < markers {
        true => splice(out, splices),
        false => out,
    }
}

/// The length of the `<ruby>` element `s` starts with, when it holds only text, `<rp>` and
/// `<rt>` (what [`Reader::ruby_html`] writes): the tag-by-tag walk would pass over it and
/// come out after its `</ruby>` with nothing annotated, so it can be stepped over at once.
fn plain_ruby_len(s: &[u8]) -> Option<usize> {
    const OPEN: &[u8] = b"<ruby>";
    const CLOSE: &[u8] = b"</ruby>";
    const INNER: [&[u8]; 4] = [b"<rp>", b"</rp>", b"<rt>", b"</rt>"];
    if !s.starts_with(OPEN) {
        return None;
    }
    if let Some(len) = written_ruby_len(s) {
        return Some(len);
    }
    // From tag to tag inside: each must be one of `INNER` until the first `</ruby>`.
    let mut at = OPEN.len();
    loop {
        let (lt, _) = scan_to(s, at, b'<');
        let tag = s.get(lt..).filter(|tag| !tag.is_empty())?;
        if tag.starts_with(CLOSE) {
            return Some(lt + CLOSE.len());
        }
        let inner = INNER.iter().find(|known| tag.starts_with(known))?;
        at = lt + inner.len();
    }
}

/// The length of the `<ruby>` element `s` starts with when it is exactly as
/// [`crate::text::segments_to_html`] writes it, `<ruby>base<rp>(</rp><rt>reading</rt><rp>)</rp></ruby>`:
/// two scans and two comparisons, where `plain_ruby_len`'s walk takes one of each for every tag
/// inside (a furigana entry page has about two hundred rubies).
fn written_ruby_len(s: &[u8]) -> Option<usize> {
    let [open, middle, close] = crate::text::RUBY_MARKUP.map(str::as_bytes);
    let (base_end, _) = scan_to(s, open.len(), b'<');
    let reading = base_end + middle.len();
    if s.get(base_end..reading)? != middle {
        return None;
    }
    let (reading_end, _) = scan_to(s, reading, b'<');
    let end = reading_end + close.len();
    (s.get(reading_end..end)? == close).then_some(end)
}

/// End of the tag (or comment, or doctype) starting at the beginning of `s`.
fn tag_end(s: &[u8]) -> usize {
    if s.starts_with(b"<!--") {
        return FIND_COMMENT_END.find(s).map_or(s.len(), |i| i + 3);
    }
    // Attribute values are quoted by our templates and escaped, so `>` inside them is `&gt;`.
    match scan_to(s, 0, b'>') {
        (gt, _) if gt < s.len() => gt + 1,
        _ => s.len(),
    }
}

/// The element name of a tag, as written (compare it ignoring ASCII case).
fn tag_name(tag: &[u8]) -> Option<&[u8]> {
    let inner = tag.strip_prefix(b"</").or_else(|| tag.strip_prefix(b"<"))?;
    let end = inner
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    (end > 0).then_some(&inner[..end])
}

/// Whether a run of text between two tags (UTF-8) has a kanji (CJK unified ideographs and
/// extension A) or 々, read from the bytes: every one of them is three bytes led by 0xE3 to
/// 0xE9, and so is kana, which a furigana page has between every two `<ruby>`. Decoding every
/// such run as `str` to look at its characters was a sixth of the pass.
fn has_kanji(run: &[u8]) -> bool {
    let mut at = 0;
    while let Some(lead) = run
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| (0xE3..=0xE9).contains(b)))
    {
        at += lead;
        let [a, b, c] = match run.get(at..at + 3) {
            Some(&[a, b, c]) => [a, b, c],
            _ => return false,
        };
        let code = (u32::from(a & 0x0F) << 12) | (u32::from(b & 0x3F) << 6) | u32::from(c & 0x3F);
        if matches!(code, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3005) {
            return true;
        }
        at += 3;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `html` through the pass, every kanji annotated.
    fn annotated(html: &str) -> String {
        let reader = Reader::new(&[]).unwrap();
        let out = add_ruby(
            html.as_bytes(),
            &reader,
            GradeFilter::All,
            &RubyCache::default(),
            &[],
        );
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn annotates_text_but_not_tags_ruby_or_title() {
        let html = r#"<title>連絡先</title><h2 id="連絡">連絡先</h2><ruby>工房<rt>こうぼう</rt></ruby><a title="電話">電話</a>"#;
        let out = annotated(html);
        assert!(out.starts_with("<title>連絡先</title>"), "{out}");
        assert!(out.contains(r#"<h2 id="連絡"><ruby>"#), "{out}");
        assert!(out.contains("<ruby>工房<rt>こうぼう</rt></ruby>"), "{out}");
        assert!(out.contains(r#"<a title="電話"><ruby>電話"#), "{out}");
    }

    /// The markers put in by the pass give the page that passing it and splicing after gave,
    /// wherever a marker stands: as a comment of its own (met by the pass), inside another
    /// comment or a script, one that no splice names, and none at all.
    #[test]
    fn splicing_in_the_pass_is_splicing_after_it() {
        let reader = Reader::new(&[]).unwrap();
        let nav = "<!--shirube-frame:site-nav-->";
        let footer = "<!--shirube-frame:footer-->";
        let splices: [Splice; 2] = [
            (
                nav,
                "<nav><ruby>案内<rt>あんない</rt></ruby></nav>".as_bytes(),
            ),
            (footer, "<footer>連絡先</footer>".as_bytes()),
        ];
        let pages = [
            format!("<body>{nav}<h1>連絡先</h1><p>電話</p>{footer}</body>"),
            format!("<p>地図{nav}地図</p><!-- {footer} --><p>電話</p>"),
            format!("<script>var a = '{footer}';</script><p>電話</p>{nav}"),
            "<p>電話</p><!--shirube-frame:other--><p>電話</p>".to_string(),
            "<p>電話</p>".to_string(),
        ];
        for page in pages {
            let pass = |splices: &[Splice]| {
                let cache = RubyCache::default();
                add_ruby(page.as_bytes(), &reader, GradeFilter::All, &cache, splices)
            };
            let after = splice(pass(&[]), &splices);
            assert_eq!(
                String::from_utf8(pass(&splices)).unwrap(),
                String::from_utf8(after).unwrap(),
                "{page}"
            );
        }
    }

    /// An `<svg>` gets no ruby, passed over whole or, without `</svg>` as the theme writes it,
    /// tag by tag; the text after it does.
    #[test]
    fn svg_is_passed_over() {
        for (html, expected) in [
            (
                "<svg><symbol id=\"a\"><path d=\"M1\"/></symbol><text>地図</text></svg>地図",
                "<svg><symbol id=\"a\"><path d=\"M1\"/></symbol><text>地図</text></svg><ruby>地図",
            ),
            (
                "<SVG><text>地図</text></SVG>地図",
                "<SVG><text>地図</text></SVG><ruby>地図",
            ),
            (
                "<svg class=\"picto\"/>地図",
                "<svg class=\"picto\"/><ruby>地図",
            ),
        ] {
            let out = annotated(html);
            assert!(out.starts_with(expected), "{out}");
        }
    }

    #[test]
    fn kanji_read_from_bytes_as_from_characters() {
        let is_kanji =
            |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々');
        // Every character of the three-byte planes, alone and between kana and ASCII.
        for code in 0x0800..=0xFFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for text in [c.to_string(), format!("あa{c}。"), format!("{c}ー")] {
                assert_eq!(
                    has_kanji(text.as_bytes()),
                    text.chars().any(is_kanji),
                    "U+{code:04X} in {text:?}"
                );
            }
        }
        assert!(!has_kanji(b"  \n<>"));
        assert!(!has_kanji("ひらがなとカタカナ".as_bytes()));
    }

    #[test]
    fn skipped_elements_by_name() {
        for name in [
            "ruby", "RUBY", "script", "style", "title", "textarea", "code", "pre", "svg",
        ] {
            assert!(is_skipped(name.as_bytes()), "{name}");
        }
        for name in [
            "a", "p", "rt", "span", "section", "strong", "caption", "path",
        ] {
            assert!(!is_skipped(name.as_bytes()), "{name}");
        }
    }

    /// The first-letter check lets through every element `is_skipped` names, opened or
    /// closed, in either case.
    #[test]
    fn skipped_elements_pass_the_first_letter() {
        for name in SKIPPED {
            let name = String::from_utf8(name.to_vec()).unwrap();
            for name in [name.to_ascii_lowercase(), name.to_ascii_uppercase()] {
                for tag in [
                    format!("<{name}>"),
                    format!("</{name}>"),
                    format!("<{name} a=\"b\">"),
                ] {
                    assert!(may_be_skipped(tag.as_bytes()), "{tag}");
                    assert!(is_skipped(tag_name(tag.as_bytes()).unwrap()), "{tag}");
                }
            }
        }
        for tag in [
            "<a href=\"x\">",
            "</li>",
            "<div>",
            "<h2 id=\"x\">",
            "<!--x-->",
            "<",
        ] {
            assert!(!may_be_skipped(tag.as_bytes()), "{tag}");
        }
    }

    /// The ruby the furigana style writes is measured at once, as the walk measures it; any
    /// other shape is left to the walk.
    #[test]
    fn written_ruby_measured_as_the_walk_measures_it() {
        let written = "<ruby>工房<rp>(</rp><rt>こうぼう</rt><rp>)</rp></ruby>の";
        let len = written.len() - "の".len();
        assert_eq!(written_ruby_len(written.as_bytes()), Some(len));
        assert_eq!(plain_ruby_len(written.as_bytes()), Some(len));
        for other in [
            "<ruby>工房<rt>こうぼう</rt></ruby>",
            "<ruby>工房<rp>(</rp><rt>こうぼう</rt><rp>)</rp>",
            "<ruby>工房<rp>（</rp><rt>こうぼう</rt><rp>）</rp></ruby>",
            "<ruby>工房<rp>(</rp><rt>こう<b>ぼう</b></rt><rp>)</rp></ruby>",
        ] {
            assert_eq!(written_ruby_len(other.as_bytes()), None, "{other}");
        }
    }

    #[test]
    fn ruby_passed_over_whole_only_when_plain() {
        assert_eq!(
            plain_ruby_len(b"<ruby>\xe5\xb7\xa5<rp>(</rp><rt>x</rt><rp>)</rp></ruby>rest"),
            Some(46)
        );
        // Anything else inside goes through the tag-by-tag walk.
        assert_eq!(
            plain_ruby_len(b"<ruby>a<code>b</code><rt>x</rt></ruby>"),
            None
        );
        assert_eq!(
            plain_ruby_len(b"<ruby>a<!-- </ruby> --><rt>x</rt></ruby>"),
            None
        );
        assert_eq!(plain_ruby_len(b"<ruby>a<rt>x</rt>"), None);
        assert_eq!(plain_ruby_len(b"<ruby class=\"x\">a</ruby>"), None);
        // The same page either way.
        let html = "<p>連絡先<ruby>工房<rp>(</rp><rt>こうぼう</rt><rp>)</rp></ruby>の電話<ruby>a<code>電話</code></ruby>電話</p>";
        let out = annotated(html);
        assert!(
            out.contains("<ruby>工房<rp>(</rp><rt>こうぼう</rt><rp>)</rp></ruby>の<ruby>電話"),
            "{out}"
        );
        assert!(out.contains("<code>電話</code></ruby><ruby>電話"), "{out}");
    }
}
