//! Whether a guide is ready to publish, as warnings: a site can build while it is still being
//! made (a new council's guide, or one just imported), but it should say what is missing.
//!
//! - `base_url` still a placeholder (the reserved example domains, localhost);
//! - values left from `shirube new`'s template (its sample phone, postal code, sentences);
//! - no 「どこに相談すればいい？」 page (slug `where-to-ask`), which the home page and the
//!   printed guide point families to first;
//! - no support centres at all (`kind: center`), the first place families are sent to.

use crate::content::load::{RawDoc, RawSite};
use crate::content::model::{EntryKind, Site};
use crate::diagnostics::{Diagnostics, Pos, Problem};
use crate::yaml::{Node, Value};
use std::path::Path;

use crate::content::model::WHERE_TO_ASK;

/// Sample values `shirube new` writes into its templates (see `new.rs`, whose test keeps the two
/// in step): an entry still holding one was not filled in.
pub const TEMPLATE_VALUES: &[(&[&str], &str)] = &[
    (&["contact", "phone"], "0123-45-6789"),
    (&["contact", "email"], "info@example.jp"),
    (&["address", "postal_code"], "123-4567"),
    (&["address", "street"], "北町1-2-3"),
    (&["access"], "ひかり駅から歩いて5分"),
    (&["summary"], "パンとお菓子をつくっています"),
    (&["easy"], "パンを つくる ところ です。"),
    (&["title"], "ページの題名"),
    (&["summary"], "このページで分かること"),
];

/// Hosts reserved for examples (RFC 2606, and JPRS's example.jp): never a published guide's.
fn is_placeholder_url(url: &str) -> bool {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let reserved = ["example.com", "example.net", "example.org", "example.jp"];
    host == "localhost"
        || host.starts_with("127.")
        || reserved
            .iter()
            .any(|r| host == *r || host.ends_with(&format!(".{r}")))
}

/// The rules across the site. `declares_center`: whether some entry file says `kind: center`
/// ([`declares_center`] of each).
pub fn check(raw: &RawSite, site: &Site, declares_center: bool, diags: &mut Diagnostics) {
    let config_file = Path::new(crate::content::load::CONFIG_FILE);
    if is_placeholder_url(&site.config.base_url) {
        let pos = raw
            .config
            .as_ref()
            .and_then(|c| node_at(&c.root, &["base_url"]))
            .map_or(Pos { line: 1, column: 1 }, |n| n.pos);
        diags.warning(
            config_file,
            pos,
            "base_url",
            Problem::PlaceholderBaseUrl {
                url: site.config.base_url.clone(),
            },
        );
    }
    for doc in &raw.pages {
        template_values(doc, diags);
    }
    let start = Pos { line: 1, column: 1 };
    if !site.pages.iter().any(|p| p.slug == WHERE_TO_ASK) {
        diags.warning(
            Path::new("content/pages"),
            start,
            "",
            Problem::NoWhereToAskPage,
        );
    }
    if !declares_center {
        diags.warning(
            Path::new("content/entries"),
            start,
            "",
            Problem::NoSupportCenters,
        );
    }
}

/// Values of one entry or page file left from `shirube new`'s template.
pub fn template_values(doc: &RawDoc, diags: &mut Diagnostics) {
    for (path, sample) in TEMPLATE_VALUES {
        let Some(node) = node_at(&doc.front, path) else {
            continue;
        };
        if matches!(&node.value, Value::Str(s) if s.trim() == *sample) {
            diags.warning(
                &doc.path,
                node.pos,
                path.join("."),
                Problem::TemplateValue {
                    value: sample.to_string(),
                },
            );
        }
    }
}

/// Whether an entry file says it is a support centre. By what the file says, not by the entry
/// decoded from it: a centre whose file has an error is reported for that error, not as missing.
pub fn declares_center(doc: &RawDoc) -> bool {
    matches!(node_at(&doc.front, &["kind"]), Some(Node { value: Value::Str(k), .. })
        if k == EntryKind::Center.id())
}

/// The node at a path of mapping keys, e.g. `["contact", "phone"]`.
fn node_at<'n>(root: &'n Node, path: &[&str]) -> Option<&'n Node> {
    let mut node = root;
    for key in path {
        let Value::Map(pairs) = &node.value else {
            return None;
        };
        node = &pairs.iter().find(|(k, _)| k.name == *key)?.1;
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::is_placeholder_url;

    #[test]
    fn reserved_hosts_are_placeholders() {
        assert!(is_placeholder_url("https://example.org/hikari/"));
        assert!(is_placeholder_url("https://guide.example.jp/"));
        assert!(is_placeholder_url("http://localhost:8000/"));
        assert!(!is_placeholder_url("https://www.city.sapporo.jp/shigoto/"));
        assert!(!is_placeholder_url("https://example-city.jp/"));
    }
}
