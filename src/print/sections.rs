//! Entry numbers and the sections of the book. Entries are numbered 1, 2, 3 … in the order they
//! are printed: section by section (the listings of the website, in their order), 五十音 within a
//! section. An office that offers several services (多機能型) is printed once, in the section of
//! the service it lists first, and appears by number in the lists of its other sections.

use crate::content::model::{Entry, EntryDetails, EntryKind};
use crate::enrich::Guide;
use crate::print::PrintOptions;
use crate::print::entry;
use crate::print::parts::Parts;
use crate::text::Html;
use crate::view::categories::{self, Category};
use crate::view::entries::{self, Badge};
use crate::view::style::TextStyle;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub id: &'static str,
    pub anchor: String,
    pub label: &'static str,
    pub description: &'static str,
    /// Which badge shape stands for this section.
    pub badge: &'static str,
    /// Every entry of the listing, including those printed in another section.
    pub refs: Vec<EntryRef>,
    pub entries: Vec<PrintedEntry>,
    /// `3・7・11〜21`: every number in this listing, for the contents.
    pub numbers: String,
}

/// An entry printed in its section.
#[derive(Debug, Serialize)]
pub struct PrintedEntry {
    pub number: usize,
    pub anchor: String,
    /// For the running header, which is CSS text, not HTML.
    pub name_plain: String,
    /// What the document's template prints in the entry's place: a mark that `splice` replaces
    /// with the entry rendered by the theme's template (which escapes every value it does not
    /// mark safe, as for any page) as the document is written.
    pub html: Html,
}

#[derive(Debug, Serialize)]
pub struct EntryRef {
    pub number: usize,
    pub anchor: String,
    pub name: Html,
    pub area: Html,
    /// Where the entry is printed when it is not in this section: that section's label.
    pub printed_in: Option<&'static str>,
}

/// Which entry is printed where, under which number.
pub struct Numbering<'a> {
    /// In-document anchor (`entry-komugi`) → number.
    pub numbers: BTreeMap<String, usize>,
    /// Each section with the entries printed in it, in print order.
    pub homes: Vec<(Category, Vec<&'a Entry>)>,
}

/// The section an entry is printed in: a one-kind edition prints everything in its one section.
fn home(details: &EntryDetails, options: &PrintOptions) -> Option<Category> {
    if let Some(c) = options.subset.category {
        return Some(c);
    }
    match details {
        EntryDetails::Office(o) => o.services.first().map(|s| Category::Service(s.kind)),
        other => Some(Category::Kind(other.kind())),
    }
}

/// `chosen` is in 五十音 order (as `enrich` sorts the guide).
pub fn number<'a>(chosen: &[&'a Entry], options: &PrintOptions) -> Numbering<'a> {
    let mut numbers = BTreeMap::new();
    let mut homes = Vec::new();
    for category in categories::all() {
        let here: Vec<&Entry> = chosen
            .iter()
            .copied()
            .filter(|e| home(&e.details, options).is_some_and(|h| h.id() == category.id()))
            .collect();
        for e in &here {
            let next = numbers.len() + 1;
            numbers.insert(entry::anchor(&e.id), next);
        }
        homes.push((category, here));
    }
    Numbering { numbers, homes }
}

/// The sections that have anything to list, given each section's printed entries (`homes` of
/// [`Numbering`]). Each printed entry gets its mark from `parts`, which holds the numbers and
/// renders the entry's part of the document later.
pub fn build<'a>(
    homes: &[(Category, Vec<&'a Entry>)],
    chosen: &[&Entry],
    options: &PrintOptions,
    guide: &Guide,
    tx: &dyn TextStyle,
    parts: &mut Parts<'a>,
) -> Vec<SectionView> {
    let config = &guide.site.config;
    let mut sections = Vec::new();
    for (category, here) in homes {
        let category = *category;
        // A one-kind edition (just B型) has just that section, though its offices may offer more.
        if options
            .subset
            .category
            .is_some_and(|c| c.id() != category.id())
        {
            continue;
        }
        let refs: Vec<EntryRef> = chosen
            .iter()
            .filter(|e| category.includes(e))
            .filter_map(|e| {
                let anchor = entry::anchor(&e.id);
                Some(EntryRef {
                    number: *parts.numbers().get(&anchor)?,
                    printed_in: home(&e.details, options)
                        .filter(|h| h.id() != category.id())
                        .map(|h| h.label()),
                    anchor,
                    name: tx.html(&e.name),
                    area: entries::area_name(config, &e.area)
                        .map(|a| tx.html(a))
                        .unwrap_or_default(),
                })
            })
            .collect();
        if refs.is_empty() {
            continue;
        }
        let entries = here
            .iter()
            .map(|e| {
                let anchor = entry::anchor(&e.id);
                let number = parts.numbers()[&anchor];
                PrintedEntry {
                    number,
                    anchor,
                    name_plain: tx.plain(&e.name),
                    html: parts.print(e, number),
                }
            })
            .collect();
        sections.push(SectionView {
            id: category.id(),
            anchor: format!("section-{}", category.id()),
            label: category.label(),
            description: category.description(),
            badge: badge_of(category),
            numbers: number_runs(refs.iter().map(|r| r.number).collect()),
            refs,
            entries,
        });
    }
    sections
}

/// What each badge shape means, for the contents page.
pub fn legend() -> Vec<Badge> {
    categories::all()
        .into_iter()
        .map(|c| Badge {
            id: badge_of(c),
            short: c.label(),
            label: c.label(),
        })
        .collect()
}

/// The badge (and its shape in the theme's CSS) that stands for a section.
fn badge_of(category: Category) -> &'static str {
    match category {
        Category::Service(s) => s.id(),
        Category::Kind(EntryKind::Center) => "center",
        Category::Kind(EntryKind::Workplace) => "workplace",
        Category::Kind(EntryKind::Community) => "community",
        Category::Kind(EntryKind::Office) => "office",
    }
}

/// `[3, 7, 11, 12, 13]` → `3・7・11〜13`.
fn number_runs(mut numbers: Vec<usize>) -> String {
    numbers.sort_unstable();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    runs.iter()
        .map(|&(a, b)| match b - a {
            0 => a.to_string(),
            1 => format!("{a}・{b}"),
            _ => format!("{a}〜{b}"),
        })
        .collect::<Vec<_>>()
        .join("・")
}

#[cfg(test)]
mod tests {
    use super::number_runs;

    #[test]
    fn numbers_are_shortened_to_runs() {
        assert_eq!(number_runs(vec![13, 3, 11, 12, 7, 8]), "3・7・8・11〜13");
        assert_eq!(number_runs(vec![]), "");
    }
}
