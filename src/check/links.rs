//! Links in Markdown bodies: internal ones must point at a file that exists, and no link may run
//! script (provider text is untrusted).

use crate::check::{Diagnostics, Problem};
use crate::content::load::{RawDoc, RawSite};
use crate::yaml::Pos;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// How a link target is interpreted; shared with the Markdown renderer so that what `check`
/// accepts is exactly what `build` can resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// `@/entries/x.md#frag` → the content-relative path and an optional fragment.
    Internal {
        path: String,
        fragment: Option<&'a str>,
    },
    /// http, https, mailto, tel, or a fragment on the same page.
    External,
    /// javascript:, data:, and anything else that could run or embed content.
    Unsafe,
}

pub fn classify<'a>(target: &'a str, doc_dir: &str) -> LinkTarget<'a> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    if let Some(internal) = path.strip_prefix("@/") {
        return LinkTarget::Internal {
            path: internal.to_string(),
            fragment,
        };
    }
    let lower = target.trim().to_ascii_lowercase();
    if lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || (path.is_empty() && fragment.is_some())
    {
        return LinkTarget::External;
    }
    if lower.contains(':') {
        return LinkTarget::Unsafe;
    }
    // A plain relative link to another Markdown file, written the way editors autocomplete it.
    if path.ends_with(".md") {
        let joined = normalize(&format!("{doc_dir}/{path}"));
        return LinkTarget::Internal {
            path: joined,
            fragment,
        };
    }
    LinkTarget::External
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Whether a content-relative path names something the build will produce.
pub fn exists(raw: &RawSite, path: &str) -> bool {
    path == "glossary.md" && raw.has_glossary_file || raw.markdown_files.contains(path)
}

pub fn check_body(raw: &RawSite, doc: &RawDoc, diags: &mut Diagnostics) {
    let doc_dir = doc
        .path
        .parent()
        .and_then(|p| p.strip_prefix("content").ok())
        .map(crate::content::paths::slash)
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
    fn classifies_targets() {
        assert_eq!(
            classify("@/entries/a.md#x", "entries"),
            LinkTarget::Internal {
                path: "entries/a.md".into(),
                fragment: Some("x")
            }
        );
        assert_eq!(
            classify("../pages/about.md", "entries"),
            LinkTarget::Internal {
                path: "pages/about.md".into(),
                fragment: None
            }
        );
        assert_eq!(classify("https://example.jp", ""), LinkTarget::External);
        assert_eq!(classify("tel:0123-45-6789", ""), LinkTarget::External);
        assert_eq!(classify("javascript:alert(1)", ""), LinkTarget::Unsafe);
        assert_eq!(classify(" JavaScript:alert(1)", ""), LinkTarget::Unsafe);
        assert_eq!(classify("data:text/html,x", ""), LinkTarget::Unsafe);
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
