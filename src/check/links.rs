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
    for (event, range) in parser {
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
