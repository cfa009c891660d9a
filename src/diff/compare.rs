//! Two revisions' items, compared: what was added, removed and changed, field by field, in a
//! fixed order (items by id, rows in the order the page shows them).

use crate::content::model::Site;
use crate::diagnostics::{Diagnostics, Severity};
use crate::diff::facts::{self, Item, Row};
use crate::paths::slash;
use std::collections::{BTreeMap, BTreeSet};

/// One row that differs: `None` on the side that does not have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowChange {
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub long: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoChange {
    Added,
    Removed,
    Replaced,
}

/// An item present in both revisions, and what differs.
#[derive(Debug, Clone)]
pub struct Changed {
    pub name: String,
    pub source: String,
    pub rows: Vec<RowChange>,
    /// Each photo added, removed or replaced: its `src`, what happened, and its description.
    pub photos: Vec<(String, PhotoChange, String)>,
}

/// One kind of item (entries, events …) compared.
#[derive(Debug, Clone, Default)]
pub struct Section {
    pub added: Vec<Item>,
    pub removed: Vec<Item>,
    pub changed: Vec<Changed>,
    /// Files with errors in either revision whose item differs or is missing on one side: they
    /// cannot be compared until they are fixed (check leaves out what has an error).
    pub unreadable: Vec<String>,
}

impl Section {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.unreadable.is_empty()
    }
}

/// Everything that differs between two sites.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    pub settings: Section,
    pub entries: Section,
    pub events: Section,
    pub pages: Section,
    pub glossary: Section,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        [
            &self.settings,
            &self.entries,
            &self.events,
            &self.pages,
            &self.glossary,
        ]
        .iter()
        .all(|s| s.is_empty())
    }
}

/// The files that have errors.
fn files_with_errors(diags: &Diagnostics) -> BTreeSet<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| slash(&d.file))
        .collect()
}

/// Compares two checked sites. `old_diags` and `new_diags` say which files could not be read,
/// so that an entry left out for its errors is not reported as removed or added.
pub fn compare(
    old: &Site,
    old_diags: &Diagnostics,
    new: &Site,
    new_diags: &Diagnostics,
) -> Changes {
    let broken: BTreeSet<String> = files_with_errors(old_diags)
        .into_iter()
        .chain(files_with_errors(new_diags))
        .collect();
    let items = |site: &Site| -> [Vec<Item>; 5] {
        [
            vec![facts::settings(&site.config)],
            site.entries
                .iter()
                .map(|e| facts::entry(e, &site.config))
                .collect(),
            site.events.iter().map(facts::event).collect(),
            site.pages.iter().map(facts::page).collect(),
            site.glossary.iter().map(facts::term).collect(),
        ]
    };
    let [s0, e0, v0, p0, g0] = items(old);
    let [s1, e1, v1, p1, g1] = items(new);
    Changes {
        settings: section(s0, s1, &broken),
        entries: section(e0, e1, &broken),
        events: section(v0, v1, &broken),
        pages: section(p0, p1, &broken),
        glossary: section(g0, g1, &broken),
    }
}

fn section(old: Vec<Item>, new: Vec<Item>, broken: &BTreeSet<String>) -> Section {
    let old: BTreeMap<String, Item> = old.into_iter().map(|i| (i.id.clone(), i)).collect();
    let mut new: BTreeMap<String, Item> = new.into_iter().map(|i| (i.id.clone(), i)).collect();
    let mut out = Section::default();
    let mut unreadable = BTreeSet::new();
    for (id, before) in old {
        match new.remove(&id) {
            Some(after) => {
                let changed = item(&before, &after);
                if changed.rows.is_empty() && changed.photos.is_empty() {
                    continue;
                }
                // A field with an error is left out of the model: its "change" is the error.
                if broken.contains(&before.source) || broken.contains(&after.source) {
                    unreadable.insert(after.source);
                } else {
                    out.changed.push(changed);
                }
            }
            None if broken.contains(&before.source) => {
                unreadable.insert(before.source);
            }
            None => out.removed.push(before),
        }
    }
    for (_, after) in new {
        match broken.contains(&after.source) {
            true => {
                unreadable.insert(after.source);
            }
            false => out.added.push(after),
        }
    }
    out.unreadable = unreadable.into_iter().collect();
    out
}

fn item(old: &Item, new: &Item) -> Changed {
    let mut photos = Vec::new();
    for p in &new.photos {
        match old.photos.iter().find(|o| o.src == p.src) {
            None => photos.push((p.src.clone(), PhotoChange::Added, p.alt.clone())),
            Some(o) if o.digest != p.digest => {
                photos.push((p.src.clone(), PhotoChange::Replaced, p.alt.clone()))
            }
            Some(_) => {}
        }
    }
    for o in &old.photos {
        if !new.photos.iter().any(|p| p.src == o.src) {
            photos.push((o.src.clone(), PhotoChange::Removed, o.alt.clone()));
        }
    }
    // A photo added or removed is said with its description, not as a description changed.
    let whole_photo = |key: &str| {
        key.strip_prefix(facts::PHOTO_KEY).is_some_and(|src| {
            photos
                .iter()
                .any(|(s, c, _)| s == src && *c != PhotoChange::Replaced)
        })
    };
    let find = |rows: &[Row], key: &str| rows.iter().position(|r| r.key == key);
    let mut rows = Vec::new();
    // In the new revision's order, then what only the old one had, in its order.
    for r in new.rows.iter().filter(|r| !whole_photo(&r.key)) {
        let before = find(&old.rows, &r.key).map(|i| &old.rows[i]);
        if before.map(|b| &b.value) != Some(&r.value) {
            rows.push(RowChange {
                label: r.label.clone(),
                old: before.map(|b| b.value.clone()),
                new: Some(r.value.clone()),
                long: r.long,
            });
        }
    }
    for r in old.rows.iter().filter(|r| !whole_photo(&r.key)) {
        if find(&new.rows, &r.key).is_none() {
            rows.push(RowChange {
                label: r.label.clone(),
                old: Some(r.value.clone()),
                new: None,
                long: r.long,
            });
        }
    }
    Changed {
        name: new.name.clone(),
        source: new.source.clone(),
        rows,
        photos,
    }
}
