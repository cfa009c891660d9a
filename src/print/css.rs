//! The page rules that depend on the guide: paper size, and the running header's text (the
//! guide's title, and the name of the part each page belongs to). Chromium prints `@page` margin
//! boxes with fixed `content` strings and supports named pages, but not `string-set` or running
//! elements, so each part of the book gets a named page whose header names it. Everything else
//! about the printed look is in the theme's static `print.css`.

use crate::content::model::Paper;
use crate::text::Html;
use std::fmt::Write as _;

/// A part of the book with its own running header.
pub struct Part<'a> {
    /// The element that holds the part (an id), and the page name (a CSS identifier).
    pub element_id: &'a str,
    pub page_name: String,
    pub header: String,
}

pub fn page_rules(paper: Paper, large_print: bool, running_title: &str, parts: &[Part]) -> Html {
    // JIS B5 (182 × 257 mm) is what schools in Japan mean by B5; CSS's `B5` is the ISO size.
    let (size, margin) = match paper {
        Paper::A4 => ("210mm 297mm", "20mm 17mm 20mm 17mm"),
        Paper::B5 => ("182mm 257mm", "18mm 14mm 18mm 14mm"),
    };
    let mut css = String::new();
    let _ = writeln!(
        css,
        "@page {{ size: {size}; margin: {margin}; @top-left {{ content: {}; }} }}",
        css_string(running_title)
    );
    if large_print {
        // `@page` cannot see the document's `large-print` class, so the sizes are set here.
        let _ = writeln!(
            css,
            "@page {{ @top-left {{ font-size: 12pt; }} @top-right {{ font-size: 12pt; }} @bottom-center {{ font-size: 15pt; }} }}"
        );
    }
    // After the rules above: Chromium lets the later rule win for a margin box, even over a
    // named page's own rule.
    let _ = writeln!(
        css,
        "@page p-cover {{ @top-left {{ content: none; }} @top-right {{ content: none; }} @bottom-center {{ content: none; }} }}\n.cover-page, #cover {{ page: p-cover; }}"
    );
    for part in parts {
        let _ = writeln!(
            css,
            "@page {name} {{ @top-right {{ content: {header}; }} }}\n#{id} {{ page: {name}; }}",
            name = part.page_name,
            header = css_string(&part.header),
            id = part.element_id,
        );
    }
    // Text enters only through `css_string`, which escapes `<`, `>` and `&` as well; names and
    // ids are the site's slugs, which check allows only in [a-z0-9-].
    Html::from_trusted(css)
}

/// A quoted CSS string that cannot end the `<style>` element or the string early.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => {
                let _ = write!(out, "\\{:X} ", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\{:X} ", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_break_out() {
        assert_eq!(css_string("ひかり市"), "\"ひかり市\"");
        assert_eq!(
            css_string("a\"b\\</style>\n"),
            "\"a\\\"b\\\\\\3C /style\\3E \\A \""
        );
    }

    #[test]
    fn named_pages_carry_their_header() {
        let css = page_rules(
            Paper::B5,
            false,
            "ガイド",
            &[Part {
                element_id: "glossary",
                page_name: "p-glossary".into(),
                header: "用語集".into(),
            }],
        );
        assert!(css.contains("size: 182mm 257mm"), "{css}");
        assert!(css.contains("@top-left { content: \"ガイド\"; }"), "{css}");
        assert!(
            css.contains("@page p-glossary { @top-right { content: \"用語集\"; } }"),
            "{css}"
        );
        assert!(css.contains("#glossary { page: p-glossary; }"), "{css}");
    }
}
