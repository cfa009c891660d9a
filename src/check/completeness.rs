//! Whether a guide is ready to publish, as warnings: a site can build while it is still being
//! made (a new council's guide, or one just imported), but it should say what is missing.
//!
//! - `base_url` still a placeholder (the reserved example domains, localhost);
//! - values left from `shirube new`'s template (its sample phone, postal code, sentences);
//! - no 「どこに相談すればいい？」 page (slug `where-to-ask`), which the home page and the
//!   printed guide point families to first;
//! - no support centres at all (`kind: center`), the first place families are sent to;
//! - an area of site.yaml that no entry names: the home page and the area list show it with
//!   「0件」 (most often the region's own area `shirube init` wrote, left empty once an import
//!   put every office in its municipality's area).

use crate::content::load::{RawDoc, RawSite};
use crate::content::model::{EntryKind, Site};
use crate::diagnostics::{Diagnostics, Pos, Problem};
use crate::yaml::{Node, Value};
use std::collections::BTreeSet;
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

/// What the entry files say, decoded or not, that the rules across the site need: a file with
/// an error of its own still counts (its centre is not missing, its area is not empty), so that
/// it is reported for its error only.
#[derive(Debug, Default)]
pub struct Declared {
    /// Some entry file says `kind: center`.
    pub center: bool,
    /// The `area:` values the entry files give.
    pub areas: BTreeSet<String>,
    /// How many entry files were read (one that could not be read or parsed says nothing).
    pub files: usize,
}

impl Declared {
    /// What one entry file says.
    pub fn of(doc: &RawDoc) -> Declared {
        let mut declared = Declared {
            center: declares_center(doc),
            areas: BTreeSet::new(),
            files: 1,
        };
        if let Some(Node {
            value: Value::Str(area),
            ..
        }) = node_at(&doc.front, &["area"])
        {
            declared.areas.insert(area.trim().to_string());
        }
        declared
    }

    /// What `self`'s files and `other`'s say together.
    pub fn add(&mut self, other: Declared) {
        self.center |= other.center;
        self.areas.extend(other.areas);
        self.files += other.files;
    }
}

/// The rules across the site, with what the entry files say ([`Declared::of`] of each).
pub fn check(raw: &RawSite, site: &Site, declared: &Declared, diags: &mut Diagnostics) {
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
    if !declared.center {
        diags.warning(
            Path::new("content/entries"),
            start,
            "",
            Problem::NoSupportCenters,
        );
    }
    empty_areas(raw, site, declared, diags);
}

/// The areas no entry file names, by id or (wrongly, reported with that file) by name, each at
/// its `id` in site.yaml. Not when an entry file could not be read (it may name the area: it is
/// reported for itself), nor when no entry names an area at all (a new guide, not filled in).
fn empty_areas(raw: &RawSite, site: &Site, declared: &Declared, diags: &mut Diagnostics) {
    let Some(config) = raw.config.as_ref() else {
        return;
    };
    let entry_files = raw
        .markdown_files
        .iter()
        .filter(|path| path.starts_with("entries/"))
        .count();
    if declared.areas.is_empty() || declared.files < entry_files {
        return;
    }
    let Some(Node {
        value: Value::Seq(items),
        ..
    }) = node_at(&config.root, &["areas"])
    else {
        return;
    };
    for (i, area) in site.config.areas.iter().enumerate() {
        if declared.areas.contains(&area.id) || declared.areas.contains(&area.name) {
            continue;
        }
        // The item's `id` as written (site.yaml decoded, so the list is as long as the areas).
        let pos = items
            .get(i)
            .and_then(|item| node_at(item, &["id"]))
            .map_or(config.root.pos, |n| n.pos);
        diags.warning(
            &config.path,
            pos,
            format!("areas[{i}].id"),
            Problem::AreaWithoutEntries {
                id: area.id.clone(),
                name: area.name.clone(),
            },
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
fn declares_center(doc: &RawDoc) -> bool {
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
