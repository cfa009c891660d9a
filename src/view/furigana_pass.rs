//! The last step of a furigana page: readings for the text the theme itself writes (headings such
//! as 連絡先, labels such as 定員, the menu). Provider text already carries ruby from the furigana
//! `TextStyle`; this pass leaves everything inside `<ruby>` alone, and never touches tags,
//! attributes, `<title>`, scripts or styles.

use crate::text::{GradeFilter, Reader};

/// Elements whose text must not get ruby: already annotated, not shown, or not HTML text.
const SKIP: &[&str] = &[
    "ruby", "script", "style", "title", "textarea", "code", "pre",
];

pub fn add_ruby(html: &str, reader: &Reader, filter: GradeFilter) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut skip_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = tag_end(rest);
                let tag = &rest[..end];
                if let Some(name) = tag_name(tag) {
                    let closing = tag.starts_with("</");
                    if SKIP.contains(&name.as_str()) {
                        if closing {
                            skip_depth = skip_depth.saturating_sub(1);
                        } else if !tag.ends_with("/>") {
                            skip_depth += 1;
                        }
                    }
                }
                out.push_str(tag);
                rest = &rest[end..];
            }
            found => {
                let end = found.unwrap_or(rest.len());
                let text = &rest[..end];
                if skip_depth == 0 && has_kanji(text) {
                    out.push_str(&reader.ruby_html(&unescape(text), filter));
                } else {
                    out.push_str(text);
                }
                rest = &rest[end..];
            }
        }
    }
    out
}

/// End of the tag (or comment, or doctype) starting at the beginning of `s`.
fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |i| i + 3);
    }
    // Attribute values are quoted by our templates and escaped, so `>` inside them is `&gt;`.
    s.find('>').map_or(s.len(), |i| i + 1)
}

fn tag_name(tag: &str) -> Option<String> {
    let inner = tag.strip_prefix("</").or_else(|| tag.strip_prefix('<'))?;
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (!name.is_empty()).then_some(name)
}

fn has_kanji(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々'))
}

/// Text as written in HTML back to characters, for the reader (which escapes again).
fn unescape(text: &str) -> String {
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
    fn unescapes_what_we_escape() {
        let text = "a & b < c \"d\" 'e'";
        assert_eq!(unescape(&crate::text::escape(text)), text);
        assert_eq!(unescape("&#x2F;&#47;&unknown; &"), "//&unknown; &");
    }

    #[test]
    fn annotates_text_but_not_tags_ruby_or_title() {
        let reader = Reader::new(&[]).unwrap();
        let html = r#"<title>連絡先</title><h2 id="連絡">連絡先</h2><ruby>工房<rt>こうぼう</rt></ruby><a title="電話">電話</a>"#;
        let out = add_ruby(html, &reader, GradeFilter::All);
        assert!(out.starts_with("<title>連絡先</title>"), "{out}");
        assert!(out.contains(r#"<h2 id="連絡"><ruby>"#), "{out}");
        assert!(out.contains("<ruby>工房<rt>こうぼう</rt></ruby>"), "{out}");
        assert!(out.contains(r#"<a title="電話"><ruby>電話"#), "{out}");
    }
}
