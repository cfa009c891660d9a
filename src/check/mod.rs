//! The check stage: validate every file, build the typed `Site`, and collect every diagnostic.
//!
//! Decoding never stops at the first problem; a file with problems is left out of the `Site`
//! but the others are still checked, so one run reports everything.

mod answers;
pub mod completeness;
mod decode_entry;
mod decode_event;
mod decode_office;
mod decode_page;
mod decode_photo;
pub mod decode_site;
pub mod fields;
pub mod forgiving;
pub mod formats;
pub mod links;
mod placement;
mod provenance;
pub mod spec;

use crate::content::date::Date;
use crate::content::load::RawSite;
use crate::content::model::Site;
use crate::diagnostics::{Diagnostics, Problem};
use decode_entry::EntryContext;
use fields::Decoder;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Only site.yaml, decoded: what `shirube schema` and `shirube cms` need (its areas), even when
/// entries have problems.
pub fn site_config(
    raw: &RawSite,
    diags: &mut Diagnostics,
) -> Option<crate::content::model::SiteConfig> {
    let file = raw.config.as_ref()?;
    let mut d = Decoder {
        file: &file.path,
        diags,
    };
    decode_site::site_config(&mut d, &file.root)
}

/// Validates a loaded site. Returns the typed site when the files could be decoded (it may still
/// have warnings, and errors from cross-file rules: callers look at `diags.has_errors()`).
pub fn check(raw: &RawSite, today: Date, diags: &mut Diagnostics) -> Option<Site> {
    check_with(raw, today, Kana::AsWritten, diags)
}

/// Whether check lays each name's kana over the name's words (`text::kana_gaps`) and warns
/// where they part ways. It analyses every name with the reading dictionary (IPADIC):
/// `shirube check`, which checks pull requests, does it, and so do `build --strict` and the
/// preview (`pipeline::build::kana_check`), but not a plain build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kana {
    /// Only that the kana are kana.
    AsWritten,
    /// And that they still read the whole name.
    FitToName,
}

/// [`check`], with the names' kana checked as `kana` says.
pub fn check_with(raw: &RawSite, today: Date, kana: Kana, diags: &mut Diagnostics) -> Option<Site> {
    let config = raw.config.as_ref().and_then(|file| {
        let mut d = Decoder {
            file: &file.path,
            diags,
        };
        decode_site::site_config(&mut d, &file.root)
    });
    let mut cx = EntryContext::new(config.as_ref(), &raw.root, today);
    cx.kana = kana;

    // Each entry file decoded and checked on its own (its links, its leftover template values),
    // on every core: read from disk here when `load` only listed the files, its tree dropped as
    // soon as it is checked.
    let checked = if raw.entry_files.is_empty() {
        each_apart(&raw.entries, |doc, own| {
            Some(checked_entry(raw, doc, &cx, own))
        })
    } else {
        each_apart(&raw.entry_files, |rel, own| {
            let doc = crate::content::load::read_doc(&raw.root, rel.clone(), own)?;
            Some(checked_entry(raw, &doc, &cx, own))
        })
    };
    // At its final size: grown by doubling, a national guide's list of entries held room for
    // six thousand more (heaptrack: 13 MB for 10,000).
    let mut entries = Vec::with_capacity(checked.len());
    let mut first_use: BTreeMap<String, PathBuf> = BTreeMap::new();
    // Every entry a file names, decoded or not: an entry with a problem of its own is reported
    // there, not again by each event that names it.
    let mut entry_ids: BTreeSet<String> = BTreeSet::new();
    let mut declared = completeness::Declared::default();
    let mut placed = Vec::new();
    for (file, own) in checked {
        diags.append(own);
        let Some(file) = file else {
            continue;
        };
        entry_ids.insert(file.named);
        declared.add(file.declared);
        let Some(entry) = file.entry else {
            continue;
        };
        if let Some(other) = first_use.get(&entry.id) {
            diags.error(
                &file.path,
                file.id_pos,
                "id",
                Problem::DuplicateId {
                    id: entry.id.clone(),
                    other: crate::paths::slash(other),
                },
            );
            continue;
        }
        first_use.insert(entry.id.clone(), file.path);
        placed.extend(file.placed);
        entries.push(entry);
    }
    // A file that could not be read or parsed still names its entry by its file name.
    entry_ids.extend(raw.markdown_files.iter().filter_map(|path| {
        let stem = path.strip_prefix("entries/")?.strip_suffix(".md")?;
        Some(stem.to_string())
    }));
    let event_cx = decode_event::EventContext {
        entry_ids: &entry_ids,
        today,
    };
    let mut events = Vec::new();
    let mut event_ids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for doc in &raw.events {
        let mut d = Decoder {
            file: &doc.path,
            diags,
        };
        let Some(event) = decode_event::event(&mut d, doc, &event_cx) else {
            continue;
        };
        if let Some(other) = event_ids.get(&event.id) {
            let pos = value_pos(&doc.front, "id").unwrap_or(doc.front.pos);
            diags.error(
                &doc.path,
                pos,
                "id",
                Problem::DuplicateId {
                    id: event.id.clone(),
                    other: crate::paths::slash(other),
                },
            );
            continue;
        }
        event_ids.insert(event.id.clone(), doc.path.clone());
        events.push(event);
    }

    let pages: Vec<_> = raw
        .pages
        .iter()
        .filter_map(|doc| {
            let mut d = Decoder {
                file: &doc.path,
                diags,
            };
            decode_page::page(&mut d, doc)
        })
        .collect();

    let glossary = raw
        .glossary
        .as_ref()
        .map(|file| {
            let mut d = Decoder {
                file: &file.path,
                diags,
            };
            let items = decode_site::glossary(&mut d, &file.root);
            decode_page::check_glossary_refs(&mut d, &items);
            items.into_iter().filter_map(|item| item.term).collect()
        })
        .unwrap_or_default();

    let readings = raw
        .readings
        .as_ref()
        .map(|file| {
            let mut d = Decoder {
                file: &file.path,
                diags,
            };
            decode_site::readings(&mut d, &file.root)
        })
        .unwrap_or_default();

    // (The entries' links were checked with each entry.)
    let docs: Vec<_> = raw.pages.iter().chain(&raw.events).collect();
    for ((), own) in each_apart(&docs, |doc, own| links::check_body(raw, doc, own)) {
        diags.append(own);
    }

    if let Some(config) = &config {
        placement::check(&placed, &config.areas, diags);
    }
    let site = Site {
        config: config?,
        entries,
        pages,
        glossary,
        readings,
        events,
    };
    completeness::check(raw, &site, &declared, diags);
    Some(site)
}

/// What `check` keeps of an entry file once it is checked: its tree is dropped.
struct CheckedEntry {
    path: PathBuf,
    /// The entry, when the file decoded.
    entry: Option<crate::content::model::Entry>,
    /// The id the file gives (or its file name), decoded or not.
    named: String,
    /// Where the id is written (the file's start when it is not), for an id used twice.
    id_pos: crate::diagnostics::Pos,
    /// What the file says that the rules across the site need.
    declared: completeness::Declared,
    /// The entry's address against its area, when both name places.
    placed: Option<placement::Placed>,
}

/// One entry file decoded and checked on its own: the problems of its fields, of its body's
/// links, and the values left from the template, in that order, into `diags`.
fn checked_entry(
    raw: &RawSite,
    doc: &crate::content::load::RawDoc,
    cx: &EntryContext,
    diags: &mut Diagnostics,
) -> CheckedEntry {
    let mut d = Decoder {
        file: &doc.path,
        diags,
    };
    let entry = decode_entry::entry(&mut d, doc, cx);
    links::check_body(raw, doc, diags);
    completeness::template_values(doc, diags);
    let named = match &doc.front.value {
        crate::yaml::Value::Map(pairs) => pairs
            .iter()
            .find(|(k, _)| k.name == "id")
            .and_then(|(_, v)| match &v.value {
                crate::yaml::Value::Str(s) => Some(s.trim().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| doc.stem.clone()),
        _ => doc.stem.clone(),
    };
    let placed = entry.as_ref().and_then(|entry| {
        let area = cx.areas.get(&entry.area)?;
        let pos = value_pos(&doc.front, "area").unwrap_or(doc.front.pos);
        placement::Placed::of(entry, &area.name, doc.path.clone(), pos)
    });
    CheckedEntry {
        path: doc.path.clone(),
        entry,
        named,
        id_pos: value_pos(&doc.front, "id").unwrap_or(doc.front.pos),
        declared: completeness::Declared::of(doc),
        placed,
    }
}

/// The warnings of entries whose area names a place their address is not in (`placement.rs`),
/// over the whole checked `site`, whose entry files `raw` holds: for a preview, which checks
/// only the files that changed with [`check_entry`], but whose rule weighs every entry.
pub fn placement_warnings(raw: &RawSite, site: &Site, diags: &mut Diagnostics) {
    let docs: std::collections::HashMap<&std::path::Path, &crate::content::load::RawDoc> = raw
        .entries
        .iter()
        .map(|doc| (doc.path.as_path(), doc))
        .collect();
    let placed: Vec<placement::Placed> = site
        .entries
        .iter()
        .filter_map(|entry| {
            let area = site.config.areas.get(&entry.area)?;
            let doc = docs.get(entry.source.as_path())?;
            let pos = value_pos(&doc.front, "area").unwrap_or(doc.front.pos);
            placement::Placed::of(entry, &area.name, entry.source.clone(), pos)
        })
        .collect();
    placement::check(&placed, &site.config.areas, diags);
}

/// One entry file checked again on its own, as [`check`] checks it among the others (decoding,
/// the links of its body, values left from the template), for a preview that re-reads only the
/// files that changed. The rules across files (ids used twice, events naming entries,
/// completeness) are the caller's: they hold while no entry's id, name or kind changes.
pub fn check_entry(
    raw: &RawSite,
    config: &crate::content::model::SiteConfig,
    doc: &crate::content::load::RawDoc,
    today: Date,
    kana: Kana,
    diags: &mut Diagnostics,
) -> Option<crate::content::model::Entry> {
    let mut cx = EntryContext::new(Some(config), &raw.root, today);
    cx.kana = kana;
    checked_entry(raw, doc, &cx, diags).entry
}

/// `check` of every item, on every core, each with a list of problems of its own: the caller
/// joins the lists in the items' order, so a run reports the same list in the same order as
/// one that checked the items one by one.
fn each_apart<T: Sync, R: Send>(
    items: &[T],
    check: impl Fn(&T, &mut Diagnostics) -> R + Sync,
) -> Vec<(R, Diagnostics)> {
    items
        .par_iter()
        // Every item a job of its own, so that neither core is left with a run of the last
        // files while the other waits (see `Files::add_made`).
        .with_max_len(1)
        .map(|item| {
            let mut own = Diagnostics::default();
            (check(item, &mut own), own)
        })
        .collect()
}

/// Where the value of a top-level key is written, for problems found after decoding.
fn value_pos(root: &crate::yaml::Node, key: &str) -> Option<crate::diagnostics::Pos> {
    match &root.value {
        crate::yaml::Value::Map(pairs) => pairs
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v.pos),
        _ => None,
    }
}

#[cfg(test)]
mod spec_tests {
    use super::spec::*;

    /// The decoders' lists of known fields are the description's, for every object.
    #[test]
    fn field_lists_agree_with_the_decoders() {
        use super::{decode_entry as e, decode_event as v, decode_site as s};
        assert_eq!(ENTRY_COMMON.names(), e::COMMON_FIELDS);
        assert_eq!(OFFICE.names(), e::OFFICE_FIELDS);
        assert_eq!(WORKPLACE.names(), e::WORKPLACE_FIELDS);
        assert_eq!(CENTER.names(), e::CENTER_FIELDS);
        assert_eq!(COMMUNITY.names(), e::COMMUNITY_FIELDS);
        assert_eq!(EVENT.names(), v::EVENT_FIELDS);
        assert_eq!(SITE.names(), s::SITE_FIELDS);
    }
}
