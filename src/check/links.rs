//! Links in Markdown bodies: internal ones must point at a file that exists, and no link may run
//! script (provider text is untrusted).

use crate::content::links::{LinkTarget, classify};
use crate::content::load::{RawDoc, RawSite};
use crate::diagnostics::Pos;
use crate::diagnostics::{Diagnostics, Problem};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// Whether a content-relative path names something the build will produce.
pub fn exists(raw: &RawSite, path: &str) -> bool {
    path == "glossary.md" && raw.has_glossary_file || raw.markdown_files.contains(path)
}

pub fn check_body(raw: &RawSite, doc: &RawDoc, diags: &mut Diagnostics) {
    let doc_dir = doc
        .path
        .parent()
        .and_then(|p| p.strip_prefix("content").ok())
        .map(crate::paths::slash)
        .unwrap_or_default();
    let parser = Parser::new_ext(&doc.body, Options::empty()).into_offset_iter();
    // Where code is: a link written with full-width brackets there is an example, not a mistake.
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in parser {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            code.push(range.clone());
        }
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        let problem = match classify(&dest_url, &doc_dir) {
            LinkTarget::Internal { path, .. } if !exists(raw, &path) => Problem::BrokenLink {
                target: dest_url.to_string(),
            },
            LinkTarget::Unsafe => Problem::UnsafeLink {
                target: dest_url.to_string(),
            },
            LinkTarget::File => Problem::LinkToFile {
                target: dest_url.to_string(),
            },
            _ => continue,
        };
        let pos = position_in_body(&doc.body, range.start, doc.body_line);
        diags.error(&doc.path, pos, "本文", problem);
    }
    for (start, written, fixed) in full_width_links(&doc.body) {
        if code.iter().any(|c| c.contains(&start)) {
            continue;
        }
        let pos = position_in_body(&doc.body, start, doc.body_line);
        diags.warning(
            &doc.path,
            pos,
            "本文",
            Problem::FullWidthLink { written, fixed },
        );
    }
}

/// Links written with a full-width bracket or parenthesis (`［ホームページ］（https://…）`),
/// which Markdown does not read as links: their offsets, as written, and in half-width.
fn full_width_links(body: &str) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for (start, open) in body.char_indices().filter(|(_, c)| matches!(c, '[' | '［')) {
        let rest = &body[start + open.len_utf8()..];
        let line = rest.split('\n').next().unwrap_or(rest);
        let Some((text_len, close)) = line.char_indices().find(|(_, c)| matches!(c, ']' | '］'))
        else {
            continue;
        };
        let after = &line[text_len + close.len_utf8()..];
        let Some(paren) = after.chars().next().filter(|c| matches!(c, '(' | '（')) else {
            continue;
        };
        let inside = &after[paren.len_utf8()..];
        let Some((url_len, end)) = inside.char_indices().find(|(_, c)| matches!(c, ')' | '）'))
        else {
            continue;
        };
        let url = inside[..url_len].trim();
        let is_target = ["http://", "https://", "@/", "mailto:"]
            .iter()
            .any(|scheme| url.starts_with(scheme));
        let full_width = [open, close, paren, end].iter().any(|c| !c.is_ascii());
        if is_target && full_width {
            let text = &line[..text_len];
            let length = open.len_utf8() + text_len + close.len_utf8() + paren.len_utf8();
            let written = &body[start..start + length + url_len + end.len_utf8()];
            found.push((start, written.to_string(), format!("[{text}]({url})")));
        }
    }
    found
}

fn position_in_body(body: &str, offset: usize, body_line: u32) -> Pos {
    let before = &body[..offset.min(body.len())];
    let line = body_line + before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Pos {
        line,
        column: before[line_start..].chars().count() as u32 + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_full_width_brackets_are_found() {
        let body = "くわしくは［ホームページ］（https://example.jp/a/）へ。[電話](@/pages/x.md)も。\n[地図]（https://example.jp/map）と［説明］(@/glossary.md)。(括弧)［注］";
        let found: Vec<(String, String)> = full_width_links(body)
            .into_iter()
            .map(|(start, written, fixed)| {
                assert!(body[start..].starts_with(&written));
                (written, fixed)
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "［ホームページ］（https://example.jp/a/）".to_string(),
                    "[ホームページ](https://example.jp/a/)".to_string()
                ),
                (
                    "[地図]（https://example.jp/map）".to_string(),
                    "[地図](https://example.jp/map)".to_string()
                ),
                (
                    "［説明］(@/glossary.md)".to_string(),
                    "[説明](@/glossary.md)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn positions_count_characters() {
        let body = "一行目\n二行目の[リンク](x)";
        let offset = body.find('[').unwrap();
        assert_eq!(
            position_in_body(body, offset, 10),
            Pos {
                line: 11,
                column: 5
            }
        );
    }
}
