//! Markdown written by providers into HTML that is safe to publish.
//!
//! Provider text is untrusted: raw HTML is shown as text, never passed through; links that could
//! run script are dropped; images from other sites become plain links (no request may leave the
//! site). Headings move down one level because the page title is the only `h1`. Text runs go
//! through a caller-given function, which is where ruby notation is stripped or turned into
//! furigana.

use crate::check::links::{LinkTarget, classify};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::BTreeMap;

/// Turns a run of text into HTML (it must escape).
pub type TextToHtml<'a> = &'a dyn Fn(&str) -> String;

pub struct Links<'a> {
    /// Content path → site-relative URL.
    pub urls: &'a BTreeMap<String, String>,
    /// Prefix from the current page to the site root, e.g. `../../`.
    pub root: &'a str,
    /// The folder of the source file inside content/ (`entries`), for relative `.md` links.
    pub doc_dir: &'a str,
}

pub fn to_html(markdown: &str, links: &Links, text: TextToHtml) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options);
    let mut out_events: Vec<Event> = Vec::new();
    let mut pending_text = String::new();
    let mut skipped_link_depth = 0usize;
    for event in events {
        let event = match event {
            Event::Text(t) => {
                // Adjacent text events are merged so `{漢字|かんじ}` is never split across them.
                pending_text.push_str(&t);
                continue;
            }
            other => other,
        };
        flush_text(&mut pending_text, &mut out_events, text);
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                out_events.push(Event::Html(escape(&raw).into()));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => out_events.push(Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                out_events.push(Event::End(TagEnd::Heading(demote(level))))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolve(&dest_url, links) {
                Some(url) => out_events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })),
                None => skipped_link_depth += 1,
            },
            Event::End(TagEnd::Link) if skipped_link_depth > 0 => skipped_link_depth -= 1,
            Event::Start(Tag::Image { dest_url, .. }) => {
                // Images in the body would be requests to other sites: show a link instead.
                // Photos belong in the entry's `photos` field, which has alt text.
                match resolve(&dest_url, links) {
                    Some(url) => out_events.push(Event::Start(Tag::Link {
                        link_type: pulldown_cmark::LinkType::Inline,
                        dest_url: url.into(),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    })),
                    None => skipped_link_depth += 1,
                }
            }
            Event::End(TagEnd::Image) => {
                if skipped_link_depth > 0 {
                    skipped_link_depth -= 1;
                } else {
                    out_events.push(Event::End(TagEnd::Link));
                }
            }
            other => out_events.push(other),
        }
    }
    flush_text(&mut pending_text, &mut out_events, text);
    let mut html_out = String::new();
    html::push_html(&mut html_out, out_events.into_iter());
    html_out
}

fn flush_text(pending: &mut String, out: &mut Vec<Event>, text: TextToHtml) {
    if !pending.is_empty() {
        out.push(Event::InlineHtml(text(pending).into()));
        pending.clear();
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn resolve(dest: &str, links: &Links) -> Option<String> {
    match classify(dest, links.doc_dir) {
        LinkTarget::Internal { path, fragment } => {
            let url = links.urls.get(&path)?;
            Some(match fragment {
                Some(f) => format!("{}{url}#{f}", links.root),
                None => format!("{}{url}", links.root),
            })
        }
        LinkTarget::External => Some(dest.to_string()),
        LinkTarget::Unsafe => None,
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain text of a Markdown body, for search and descriptions.
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_)
                if !out.ends_with(' ') && !out.is_empty() =>
            {
                out.push(' ');
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        let mut urls = BTreeMap::new();
        urls.insert("entries/a.md".to_string(), "entries/a/".to_string());
        let links = Links {
            urls: &urls,
            root: "../../",
            doc_dir: "entries",
        };
        to_html(md, &links, &|t| escape(t))
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = render("<script>alert(1)</script>\n\nこんにちは<b onclick=x>太字</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn links_are_resolved_or_dropped() {
        let html = render("[A](@/entries/a.md) [B](javascript:alert(1)) [C](https://example.jp/)");
        assert!(
            html.contains(r#"<a href="../../entries/a/">A</a>"#),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains(" B "), "link text stays: {html}");
        assert!(html.contains(r#"href="https://example.jp/""#), "{html}");
    }

    #[test]
    fn images_become_links_and_headings_move_down() {
        let html = render("# 見出し\n\n![パン](https://example.jp/p.jpg)");
        assert!(html.contains("<h2>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.jp/p.jpg">パン</a>"#),
            "{html}"
        );
    }

    #[test]
    fn text_runs_are_merged_before_transform() {
        let mut urls = BTreeMap::new();
        urls.insert("x".into(), "x".into());
        let links = Links {
            urls: &urls,
            root: "",
            doc_dir: "",
        };
        let html = to_html("a & b {漢字|かんじ}", &links, &|t| {
            format!("[{}]", escape(t))
        });
        assert!(html.contains("[a &amp; b {漢字|かんじ}]"), "{html}");
    }
}
