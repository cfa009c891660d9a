//! Markdown written by providers into HTML that is safe to publish.
//!
//! Provider text is untrusted: raw HTML is shown as text, never passed through; links that could
//! run script are dropped; images from other sites become plain links (no request may leave the
//! site). Headings are renumbered to start at the level the page gives them (the page title is
//! the only `h1`) without skipping a level, whatever levels the provider used. Tables get header
//! scopes and a caption. Text runs go through a caller-given function, which is where ruby
//! notation is stripped or turned into furigana.

use crate::content::links::{LinkTarget, classify};
use crate::text::{Html, escape};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::collections::BTreeMap;

/// Turns a run of text into HTML (it must escape).
pub type TextToHtml<'a> = &'a dyn Fn(&str) -> Html;

pub struct Links<'a> {
    /// Content path → site-relative URL.
    pub urls: &'a BTreeMap<String, String>,
    /// Prefix from the current page to the site root, e.g. `../../`.
    pub root: &'a str,
    /// The folder of the source file inside content/ (`entries`), for relative `.md` links.
    pub doc_dir: &'a str,
}

/// `top` is the heading level the body's own top headings get (2 under a page's `h1`).
pub fn to_html(markdown: &str, links: &Links, text: TextToHtml, top: u8) -> Html {
    to_html_linking(markdown, links, text, text, top)
}

/// `to_html`, with `running` for text that may carry links of its own (glossary terms): text
/// outside links, images, headings and tables (a table's cells are data, not running text).
pub fn to_html_linking(
    markdown: &str,
    links: &Links,
    text: TextToHtml,
    running: TextToHtml,
    top: u8,
) -> Html {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Parsed once and read three times: parsing was most of a body's cost.
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    let levels = heading_levels(&events, top);
    let captions = table_captions(&events);
    let mut out_events: Vec<Event> = Vec::new();
    let mut pending_text = String::new();
    let mut skipped_link_depth = 0usize;
    // Inside a link, an image, a heading or a table header, where no other link may go.
    let mut closed_depth = 0usize;
    for event in events {
        let event = match event {
            Event::Text(t) => {
                // Adjacent text events are merged so `{漢字|かんじ}` is never split across them.
                pending_text.push_str(&t);
                continue;
            }
            other => other,
        };
        let here = if closed_depth == 0 { running } else { text };
        flush_text(&mut pending_text, &mut out_events, here);
        match &event {
            Event::Start(
                Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. } | Tag::Table(_),
            ) => closed_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::Heading(_) | TagEnd::Table) => {
                closed_depth = closed_depth.saturating_sub(1)
            }
            _ => {}
        }
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
                level: levels.map(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                out_events.push(Event::End(TagEnd::Heading(levels.map(level))))
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
    let here = if closed_depth == 0 { running } else { text };
    flush_text(&mut pending_text, &mut out_events, here);
    let mut html_out = String::new();
    html::push_html(&mut html_out, out_events.into_iter());
    // pulldown-cmark escapes text and attributes it writes; the text runs came escaped from
    // `text`/`running`, and raw HTML was escaped above.
    Html::from_trusted(accessible_tables(html_out, &captions))
}

/// Maps the heading levels a body uses onto consecutive levels from `top`: a body written with
/// `##` and `####` gets h2 and h3 under a page title, never a skipped level.
struct HeadingLevels {
    used: Vec<HeadingLevel>,
    top: u8,
}

impl HeadingLevels {
    fn map(&self, level: HeadingLevel) -> HeadingLevel {
        let rank = self.used.iter().position(|l| *l == level).unwrap_or(0) as u8;
        match (self.top + rank).clamp(1, 6) {
            1 => HeadingLevel::H1,
            2 => HeadingLevel::H2,
            3 => HeadingLevel::H3,
            4 => HeadingLevel::H4,
            5 => HeadingLevel::H5,
            _ => HeadingLevel::H6,
        }
    }
}

fn heading_levels(events: &[Event], top: u8) -> HeadingLevels {
    let mut used: Vec<HeadingLevel> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level),
            _ => None,
        })
        .collect();
    used.sort();
    used.dedup();
    HeadingLevels { used, top }
}

/// A caption for each table, in order: the text of the heading above it, which is what the table
/// is about; screen readers announce it when entering the table.
fn table_captions(events: &[Event]) -> Vec<String> {
    let mut captions = Vec::new();
    let mut last_heading = String::new();
    let mut in_heading = false;
    for event in events {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                last_heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => last_heading.push_str(t),
            Event::Start(Tag::Table(_)) => captions.push(if last_heading.is_empty() {
                "表".to_string()
            } else {
                last_heading.clone()
            }),
            _ => {}
        }
    }
    captions
}

/// pulldown-cmark writes `<table>` and `<th>` in a fixed form, and provider text is escaped, so
/// these tags can be found as text: header cells get `scope="col"`, each table its caption.
fn accessible_tables(html: String, captions: &[String]) -> String {
    // Every table has its caption, so a body without captions has no table: most have none,
    // and searching each for the table's tags five times was a fifth of its cost.
    if captions.is_empty() {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut captions = captions.iter();
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<table>") {
        out.push_str(&rest[..at]);
        out.push_str("<table>");
        if let Some(caption) = captions.next() {
            out.push_str(&format!(
                "<caption>{}</caption>",
                escape(&crate::text::strip_author_ruby(caption))
            ));
        }
        rest = &rest[at + "<table>".len()..];
    }
    out.push_str(rest);
    // Column alignment as classes: the pages' Content-Security-Policy refuses `style`
    // attributes (view/csp.rs).
    let out = out
        .replace("<th>", "<th scope=\"col\">")
        .replace("<th style=", "<th scope=\"col\" style=");
    ["left", "center", "right"].iter().fold(out, |html, side| {
        html.replace(
            &format!(" style=\"text-align: {side}\""),
            &format!(" class=\"align-{side}\""),
        )
    })
}

fn flush_text(pending: &mut String, out: &mut Vec<Event>, text: TextToHtml) {
    if !pending.is_empty() {
        out.push(Event::InlineHtml(text(pending).into_string().into()));
        pending.clear();
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
        // Refused by check; never a link to a file nobody reviewed.
        LinkTarget::Unsafe | LinkTarget::File => None,
    }
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
        to_html(md, &links, &Html::escape, 3).into_string()
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
        assert!(html.contains("<h3>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.jp/p.jpg">パン</a>"#),
            "{html}"
        );
    }

    #[test]
    fn heading_levels_never_skip() {
        let html = render("## 一\n\n#### 二\n\n## 三");
        assert!(html.contains("<h3>一</h3>"), "{html}");
        assert!(html.contains("<h4>二</h4>"), "{html}");
        assert!(html.contains("<h3>三</h3>"), "{html}");
    }

    #[test]
    fn tables_get_scopes_and_captions() {
        let html = render("## 工賃の目安\n\n| 種類 | 金額 |\n|:--|--:|\n| B型 | 1万円 |\n");
        assert!(html.contains("<caption>工賃の目安</caption>"), "{html}");
        assert!(
            html.contains(r#"<th scope="col" class="align-left">種類</th>"#)
                && html.contains(r#"<td class="align-right">1万円</td>"#),
            "{html}"
        );
        assert!(!html.contains("<th>"), "{html}");
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
        let html = to_html(
            "a & b {漢字|かんじ}",
            &links,
            &|t| {
                let mut h = Html::markup("[");
                h.push_text(t);
                h.push_markup("]");
                h
            },
            2,
        )
        .into_string();
        assert!(html.contains("[a &amp; b {漢字|かんじ}]"), "{html}");
    }
}
