//! Provider HTML (already rendered and sanitised by `markdown::to_html`) adjusted for paper:
//!
//! - a link to an entry in this book keeps its in-document target and gains the entry's number,
//!   `（→ 12）`, because on paper a reader follows numbers, not links;
//! - a link that leaves the book becomes text followed by its address, since nobody can click
//!   paper and the print document must not point outside itself;
//!
//! Raw HTML from providers is escaped before it gets here, so every `<a href="` and `<hN>` in
//! the input was written by pulldown-cmark, in its fixed form; links never nest in Markdown.

use crate::text::Html;
use std::collections::BTreeMap;

/// `numbers`: in-document anchor (`entry-komugi`) → entry number.
pub fn for_paper(html: &Html, numbers: &BTreeMap<String, usize>) -> Html {
    // Moves pieces of the renderer's HTML around and adds numbers: nothing unescaped enters.
    Html::from_trusted(rewrite_links(html.as_str(), numbers))
}

fn rewrite_links(html: &str, numbers: &BTreeMap<String, usize>) -> String {
    const OPEN: &str = "<a href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let (Some(href_end), Some(close)) = (after.find('"'), after.find("</a>")) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let href = &after[..href_end];
        let Some(tag_end) = after[href_end..].find('>').map(|i| href_end + i) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let text = &after[tag_end + 1..close];
        match href.strip_prefix('#') {
            Some(anchor) => {
                // `@/entries/a.md#part` resolves to `#entry-a#part`: keep the entry.
                let anchor = anchor.split('#').next().unwrap_or_default();
                out.push_str(&format!("<a href=\"#{anchor}\">{text}</a>"));
                if let Some(n) = numbers.get(anchor) {
                    out.push_str(&format!("<span class=\"ref\">（→ {n}）</span>"));
                }
            }
            None if href.starts_with("http://") || href.starts_with("https://") => {
                out.push_str(&format!(
                    "<span class=\"link\">{text}</span><span class=\"url\">（{href}）</span>"
                ));
            }
            // mailto:, tel: and the like: the text is what a reader needs.
            None => out.push_str(&format!("<span class=\"link\">{text}</span>")),
        }
        rest = &after[close + "</a>".len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_links_gain_numbers_and_outside_links_become_text() {
        let numbers = BTreeMap::from([("entry-a".to_string(), 12)]);
        let html = r##"<p><a href="#entry-a">A</a>、<a href="#entry-b#x">B</a>、<a href="https://example.jp/?a=1&amp;b=2" title="t">C</a>、<a href="mailto:x@example.jp">D</a></p>"##;
        let out = rewrite_links(html, &numbers);
        assert_eq!(
            out,
            "<p><a href=\"#entry-a\">A</a><span class=\"ref\">（→ 12）</span>、<a href=\"#entry-b\">B</a>、<span class=\"link\">C</span><span class=\"url\">（https://example.jp/?a=1&amp;b=2）</span>、<span class=\"link\">D</span></p>"
        );
    }
}
