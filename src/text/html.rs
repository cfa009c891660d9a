//! HTML that may be printed as it is, and the one escaper that makes it.
//!
//! Templates print most values with Tera's autoescape, but text with ruby, glossary links or
//! Markdown must be printed with `| safe`. Every such value is an [`Html`]: a string that can
//! only be made by escaping text ([`Html::escape`], [`Html::push_text`]), from ruby segments,
//! from markup written in this crate's source (`&'static str`), or — for the few producers that
//! assemble markup from escaped parts themselves (the Markdown renderer, the furigana pass, QR
//! SVGs, JSON-LD) — through [`Html::from_trusted`], whose callers `tests/architecture.rs`
//! holds to a short list. A view field that templates print with `| safe` has this type, so
//! provider text cannot reach a page raw by a change to a view or a template alone
//! (`tests/architecture.rs` also fails when a template applies `safe` to a field that is not
//! declared `Html`).

use super::Segment;
use serde::Serialize;
use std::fmt;

/// Escaped or crate-made HTML. Serializes as its markup, for templates to print with `| safe`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Html(String);

impl Html {
    /// No HTML at all.
    pub fn new() -> Html {
        Html(String::new())
    }

    /// `text`, escaped.
    pub fn escape(text: &str) -> Html {
        Html(escape(text))
    }

    /// Markup written in this crate's source: a literal cannot carry a provider's text.
    pub fn markup(markup: &'static str) -> Html {
        Html(markup.to_string())
    }

    /// Markup assembled by a producer that escapes every piece of text it takes in (see the
    /// module's comment for who may call this).
    pub(crate) fn from_trusted(markup: String) -> Html {
        Html(markup)
    }

    /// Appends escaped `text`.
    pub fn push_text(&mut self, text: &str) {
        escape_into(text, &mut self.0);
    }

    /// Appends a literal piece of markup.
    pub fn push_markup(&mut self, markup: &'static str) {
        self.0.push_str(markup);
    }

    /// Appends other HTML.
    pub fn push(&mut self, html: &Html) {
        self.0.push_str(&html.0);
    }

    /// `parts` joined by the literal `separator`.
    pub fn join<'a>(parts: impl IntoIterator<Item = &'a Html>, separator: &'static str) -> Html {
        let mut out = Html::new();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push_markup(separator);
            }
            out.push(part);
        }
        out
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reading HTML as text is always safe; only making it is guarded.
impl std::ops::Deref for Html {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The markup around a ruby's base and reading as [`segments_to_html`] writes it:
/// `<ruby>` base `<rp>(</rp><rt>` reading `</rt><rp>)</rp></ruby>`. The furigana pass
/// (`view/furigana_pass.rs`) recognises a ruby of exactly this shape at once.
pub const RUBY_MARKUP: [&str; 3] = ["<ruby>", "<rp>(</rp><rt>", "</rt><rp>)</rp></ruby>"];

/// HTML for segments: text escaped, ruby as
/// `<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>` (the `rp` parentheses show where ruby
/// is not supported, and in text copied from the page).
pub fn segments_to_html(segs: &[Segment]) -> Html {
    let [open, middle, close] = RUBY_MARKUP;
    let mut out = Html::new();
    for seg in segs {
        match seg {
            Segment::Plain(t) => out.push_text(t),
            Segment::Ruby { base, rt } => {
                out.push_markup(open);
                out.push_text(base);
                out.push_markup(middle);
                out.push_text(rt);
                out.push_markup(close);
            }
        }
    }
    out
}

/// The segments of HTML that [`segments_to_html`] made: its ruby read back as ruby, everything
/// else as text (unescaped). For what shows a page's text again outside the page: the furigana
/// edition's search results are drawn by a script from segments (`search/ruby.rs`), from the
/// same ruby the pages show, read once.
pub fn html_to_segments(html: &str) -> Vec<Segment> {
    let [open, middle, close] = RUBY_MARKUP;
    let mut segments = Vec::new();
    let mut rest = html;
    while let Some(at) = find_tag(rest, open) {
        let ruby = &rest[at + open.len()..];
        let Some((base, after)) = split_at_tag(ruby, middle) else {
            break;
        };
        let Some((rt, after)) = split_at_tag(after, close) else {
            break;
        };
        if at > 0 {
            segments.push(Segment::Plain(unescape(&rest[..at])));
        }
        segments.push(Segment::Ruby {
            base: unescape(base),
            rt: unescape(rt),
        });
        rest = after;
    }
    if !rest.is_empty() {
        segments.push(Segment::Plain(unescape(rest)));
    }
    segments
}

/// Where `tag` (markup that begins with `<`) first stands in `html`. Found from the `<`s,
/// not with `str::find`: the searcher `find` sets up for a pattern of several bytes costs more
/// than the search itself in a short text (the furigana edition's search results read 415,000
/// at N = 10,000, and the searches were 1.6% of the build's instructions).
fn find_tag(html: &str, tag: &str) -> Option<usize> {
    debug_assert!(tag.starts_with('<'));
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes).find(|&at| bytes[at..].starts_with(tag.as_bytes()))
}

/// `html` before and after the first `tag` (as `str::split_once`, with [`find_tag`]).
fn split_at_tag<'a>(html: &'a str, tag: &str) -> Option<(&'a str, &'a str)> {
    let at = find_tag(html, tag)?;
    Some((&html[..at], &html[at + tag.len()..]))
}

/// Escapes text for HTML element content and attribute values: the one escaper of the crate.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// `escape`, appending to `out`: pulldown-cmark-escape's `escape_html`, which escapes the same
/// five characters with the same entities (the tests hold it to them) and looks for them sixteen
/// bytes at a time (every provider text of every page passes here: a byte at a time, 1.5% of a
/// plain national build's instructions).
pub fn escape_into(s: &str, out: &mut String) {
    out.reserve(s.len());
    // Writing to a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, s);
}

/// HTML text back to characters (the furigana pass reads text between tags; `shirube diff`
/// shows text as written).
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let decoded = after.find(';').and_then(|semi| {
            let entity = &after[1..semi];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html() {
        let segs = [
            Segment::Ruby {
                base: "働".into(),
                rt: "はたら".into(),
            },
            Segment::Plain("き<b>&".into()),
        ];
        assert_eq!(
            segments_to_html(&segs).as_str(),
            "<ruby>働<rp>(</rp><rt>はたら</rt><rp>)</rp></ruby>き&lt;b&gt;&amp;"
        );
    }

    #[test]
    fn segments_come_back_from_their_html() {
        let segs = vec![
            Segment::Plain("<".into()),
            Segment::Ruby {
                base: "工房".into(),
                rt: "こうぼう".into(),
            },
            Segment::Ruby {
                base: "&".into(),
                rt: "あんど".into(),
            },
            Segment::Plain("\"ひまわり\" & B型".into()),
        ];
        assert_eq!(html_to_segments(&segments_to_html(&segs)), segs);
        assert_eq!(html_to_segments(""), []);
        // markup of another shape is text
        assert_eq!(
            html_to_segments("<ruby>a"),
            [Segment::Plain("<ruby>a".into())]
        );
    }

    #[test]
    fn unescapes_what_we_escape() {
        let text = "a & b < c \"d\" 'e'";
        assert_eq!(unescape(&escape(text)), text);
        assert_eq!(unescape("&#x2F;&#47;&unknown; &"), "//&unknown; &");
    }

    #[test]
    fn text_is_escaped_however_it_enters() {
        let mut h = Html::escape("<script>");
        h.push_markup("<br>");
        h.push_text("\"'&");
        let joined = Html::join([&h, &Html::escape("<i>")], " / ");
        assert_eq!(
            joined.as_str(),
            "&lt;script&gt;<br>&quot;&#39;&amp; / &lt;i&gt;"
        );
        assert_eq!(
            serde_json::to_string(&joined).unwrap(),
            format!("{:?}", joined.as_str())
        );
    }

    #[test]
    fn escapes_as_character_by_character() {
        let by_character = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for text in [
            "",
            "&",
            "就労<継続>支援「B型」&'送迎'\"あり\"",
            "<<>>&&",
            "末尾が&",
            "絵文字🙂と&amp;",
            // Past the sixteen bytes looked at at once, and across their edges.
            &"就労<継続>支援「B型」&'送迎'\"あり\"".repeat(7),
            &format!("{}<{}&", "a".repeat(15), "b".repeat(31)),
            &"はたらく".repeat(40),
        ] {
            assert_eq!(escape(text), by_character(text), "{text:?}");
        }
    }
}
