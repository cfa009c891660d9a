//! The print document as data: the entries chosen for this edition, numbered 1, 2, 3 … in the
//! order they are printed, and every part of the book that refers to them by number (contents,
//! section lists, links in the text, the contact list and the index).
//!
//! An office that offers several services (多機能型) is printed once, in the section of the
//! service it lists first, and appears by number in the lists of its other sections.

use crate::content::model::{EntryDetails, EntryKind, PrintLayout, SiteConfig};
use crate::enrich::Guide;
use crate::markdown::{self, Links};
use crate::print::css::{self, Part};
use crate::print::entry::{self, PrintEntry};
use crate::print::index::{self, IndexGroup, IndexItem};
use crate::print::{PrintError, PrintOptions, html, qr};
use crate::render::categories::{self, Category};
use crate::render::site_context::{self, TermView};
use crate::render::text::TextStyle;
use crate::render::views::Badge;
use serde::Serialize;
use std::collections::BTreeMap;

/// The free page printed after the contents, when the site has it.
pub const WHERE_TO_ASK: &str = "where-to-ask";

#[derive(Debug, Serialize)]
pub struct PrintDocument {
    /// HTML.
    pub title: String,
    pub title_kana: String,
    /// For `<title>`, which becomes the PDF's title: the guide's title and the edition.
    pub title_plain: String,
    /// HTML, e.g. `北部・就労継続支援B型`.
    pub subset: Option<String>,
    pub edition_label: Option<&'static str>,
    pub region: String,
    pub data_date: Option<String>,
    pub base_url: String,
    pub home_qr_svg: String,
    pub paper: &'static str,
    pub layout: &'static str,
    pub large_print: bool,
    pub page_css: String,
    pub legend: Vec<Badge>,
    pub where_to_ask: Option<PageView>,
    pub sections: Vec<SectionView>,
    pub contacts: Vec<ContactRow>,
    pub glossary: Vec<TermView>,
    pub index: Vec<IndexGroup>,
    pub entry_count: usize,
}

#[derive(Debug, Serialize)]
pub struct PageView {
    pub title: String,
    pub body: String,
}

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
    pub entries: Vec<PrintEntry>,
    /// `3・7・11〜21`: every number in this listing, for the contents.
    pub numbers: String,
}

#[derive(Debug, Serialize)]
pub struct EntryRef {
    pub number: usize,
    pub anchor: String,
    /// HTML.
    pub name: String,
    pub area: String,
    /// Where the entry is printed when it is not in this section: that section's label.
    pub printed_in: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ContactRow {
    /// `None` when the centre is outside this edition's subset.
    pub number: Option<usize>,
    pub anchor: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub address: String,
}

/// The section an entry is printed in.
fn home(kind: &EntryDetails, options: &PrintOptions) -> Option<Category> {
    if let Some(c) = options.subset.category {
        return Some(c);
    }
    match kind {
        EntryDetails::Office(o) => o.services.first().map(|s| Category::Service(s.kind)),
        other => Some(Category::Kind(other.kind())),
    }
}

fn badge_of(category: Category) -> &'static str {
    match category {
        Category::Service(s) => s.id(),
        Category::Kind(EntryKind::Center) => "center",
        Category::Kind(EntryKind::Workplace) => "workplace",
        Category::Kind(EntryKind::Community) => "community",
        Category::Kind(EntryKind::Office) => "office",
    }
}

pub fn assemble(
    guide: &Guide,
    options: &PrintOptions,
    tx: &dyn TextStyle,
) -> Result<PrintDocument, PrintError> {
    let config = &guide.site.config;
    let chosen: Vec<_> = guide
        .site
        .entries
        .iter()
        .filter(|e| options.subset.includes(e))
        .collect();

    // Numbers first, in print order, so that every later part can refer to any entry.
    let sections_order = categories::all();
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    let mut homes: Vec<(Category, Vec<&crate::content::model::Entry>)> = Vec::new();
    for category in &sections_order {
        let here: Vec<_> = chosen
            .iter()
            .copied()
            .filter(|e| home(&e.details, options).is_some_and(|h| h.id() == category.id()))
            .collect();
        for e in &here {
            let next = numbers.len() + 1;
            numbers.insert(entry::anchor(&e.id), next);
        }
        homes.push((*category, here));
    }

    let urls = print_urls(guide, &numbers);
    let render_md = |body: &str, doc_dir: &str, demote: u8| {
        let links = Links {
            urls: &urls,
            root: "",
            doc_dir,
        };
        let raw = markdown::to_html(body, &links, &|t| tx.html(t));
        html::for_paper(&raw, &numbers, demote)
    };

    let mut sections = Vec::new();
    for (category, here) in homes {
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
                let number = *numbers.get(&anchor)?;
                let printed_in = home(&e.details, options)
                    .filter(|h| h.id() != category.id())
                    .map(|h| h.label());
                Some(EntryRef {
                    number,
                    printed_in,
                    anchor,
                    name: tx.html(&e.name),
                    area: crate::render::views::area_name(config, &e.area)
                        .map(|a| tx.html(a))
                        .unwrap_or_default(),
                })
            })
            .collect();
        if refs.is_empty() {
            continue;
        }
        let mut entries = Vec::new();
        for e in &here {
            let number = numbers[&entry::anchor(&e.id)];
            // Entry name is h2 under the section's h1, its parts h3: the provider's own
            // headings (already `##` and lower) go below those.
            let body = render_md(&e.body, "entries", 2);
            entries.push(entry::view(e, number, config, body, tx)?);
        }
        let numbers_text = number_runs(refs.iter().map(|r| r.number).collect());
        sections.push(SectionView {
            id: category.id(),
            anchor: format!("section-{}", category.id()),
            label: category.label(),
            description: category.description(),
            badge: badge_of(category),
            refs,
            entries,
            numbers: numbers_text,
        });
    }

    let where_to_ask = guide
        .site
        .pages
        .iter()
        .find(|p| p.slug == WHERE_TO_ASK)
        .map(|p| PageView {
            title: tx.html(&p.title),
            body: render_md(&p.body, "pages", 0),
        });

    let contacts = contacts(guide, &numbers, tx);
    let mut glossary = site_context::glossary(guide, tx);
    for term in &mut glossary {
        term.id = format!("term-{}", term.id);
        for see in &mut term.see {
            see.url = format!("#term-{}", see.id);
        }
    }
    let index = index::build(
        chosen
            .iter()
            .filter_map(|e| {
                let anchor = entry::anchor(&e.id);
                Some(IndexItem {
                    number: *numbers.get(&anchor)?,
                    name: tx.html(&e.name),
                    kana: e.kana.clone(),
                    anchor,
                })
            })
            .collect(),
    );

    let subset = options.subset.label(&|name| tx.html(name));
    let title_plain = title_plain(config, options, tx);
    // The header names the guide only: the edition and subset are on the cover and in the PDF's
    // title, and a long header would squeeze the part's name beside it.
    let running_title = tx.plain(&config.title);
    let page_css = page_css(
        options,
        &running_title,
        &sections,
        where_to_ask.as_ref(),
        tx,
        guide,
    );
    let home_qr_svg = qr::svg(
        &config.base_url,
        &format!("{}のウェブサイトのQRコード", tx.plain(&config.title)),
    )
    .map_err(|source| PrintError::Qr {
        url: config.base_url.clone(),
        source,
    })?;

    Ok(PrintDocument {
        title: tx.html(&config.title),
        title_kana: config.title_kana.clone(),
        title_plain,
        subset,
        edition_label: edition_label(options, tx),
        region: tx.html(&config.region),
        data_date: config.data_date.map(|d| d.japanese()),
        base_url: config.base_url.clone(),
        home_qr_svg,
        paper: match options.paper {
            crate::content::model::Paper::A4 => "a4",
            crate::content::model::Paper::B5 => "b5",
        },
        layout: match options.layout {
            crate::content::model::PrintLayout::Full => "full",
            crate::content::model::PrintLayout::Compact => "compact",
        },
        large_print: options.large_print,
        page_css,
        legend: sections_order
            .iter()
            .map(|c| Badge {
                id: badge_of(*c),
                short: c.label(),
                label: c.label(),
            })
            .collect(),
        where_to_ask,
        entry_count: numbers.len(),
        sections,
        contacts,
        glossary,
        index,
    })
}

/// Content path → in-document target, for links written by providers: entries in this edition,
/// the where-to-ask page and the glossary. Links to anything else become plain text.
fn print_urls(guide: &Guide, numbers: &BTreeMap<String, usize>) -> BTreeMap<String, String> {
    let mut urls = BTreeMap::new();
    for entry in &guide.site.entries {
        let anchor = entry::anchor(&entry.id);
        if !numbers.contains_key(&anchor) {
            continue;
        }
        let web = crate::enrich::entry_url(&entry.id);
        for (path, url) in &guide.urls {
            if *url == web {
                urls.insert(path.clone(), format!("#{anchor}"));
            }
        }
    }
    let where_url = crate::enrich::page_url(WHERE_TO_ASK);
    for (path, url) in &guide.urls {
        if *url == where_url {
            urls.insert(path.clone(), format!("#{WHERE_TO_ASK}"));
        }
    }
    urls.insert("glossary.md".into(), "#glossary".into());
    urls
}

/// Every support centre of the region, whatever the subset: where to ask is never out of scope.
fn contacts(
    guide: &Guide,
    numbers: &BTreeMap<String, usize>,
    tx: &dyn TextStyle,
) -> Vec<ContactRow> {
    guide
        .site
        .entries
        .iter()
        .filter_map(|e| {
            let EntryDetails::Center(c) = &e.details else {
                return None;
            };
            let a = &e.address;
            let anchor = entry::anchor(&e.id);
            Some(ContactRow {
                number: numbers.get(&anchor).copied(),
                anchor,
                name: tx.html(&e.name),
                kind: c.center_type.label(),
                phone: e.contact.phone.clone(),
                fax: e.contact.fax.clone(),
                address: tx.html(&format!(
                    "{}{}{}",
                    a.city,
                    a.street,
                    a.building
                        .as_deref()
                        .map(|b| format!(" {b}"))
                        .unwrap_or_default()
                )),
            })
        })
        .collect()
}

fn edition_label(options: &PrintOptions, tx: &dyn TextStyle) -> Option<&'static str> {
    match (options.large_print, tx.edition() == "furigana") {
        (true, true) => Some("大きな文字・ふりがな版"),
        (true, false) => Some("大きな文字版"),
        (false, true) => Some("ふりがな版"),
        (false, false) => None,
    }
}

/// `ひかり市 しごと応援ガイド 大きな文字版（北部）`: what the PDF is called in a viewer's title bar.
fn title_plain(config: &SiteConfig, options: &PrintOptions, tx: &dyn TextStyle) -> String {
    let mut title = tx.plain(&config.title);
    if let Some(label) = edition_label(options, tx) {
        title.push(' ');
        title.push_str(label);
    }
    if let Some(subset) = options.subset.label(&|name| tx.plain(name)) {
        title.push_str(&format!("（{subset}）"));
    }
    title
}

fn page_css(
    options: &PrintOptions,
    running_title: &str,
    sections: &[SectionView],
    where_to_ask: Option<&PageView>,
    tx: &dyn TextStyle,
    guide: &Guide,
) -> String {
    let mut parts = vec![Part {
        element_id: "contents",
        page_name: "p-contents".into(),
        header: "もくじ".into(),
    }];
    if where_to_ask.is_some() {
        let title = guide
            .site
            .pages
            .iter()
            .find(|p| p.slug == WHERE_TO_ASK)
            .map(|p| tx.plain(&p.title))
            .unwrap_or_default();
        parts.push(Part {
            element_id: WHERE_TO_ASK,
            page_name: "p-where".into(),
            header: title,
        });
    }
    for s in sections {
        parts.push(Part {
            element_id: &s.anchor,
            page_name: format!("p-{}", s.id),
            header: s.label.to_string(),
        });
        // One entry a page: the header names the entry (number and name), so a page that
        // continues an entry still says whose it is. (Two a page share their section's header.)
        if options.layout == PrintLayout::Full {
            for e in &s.entries {
                parts.push(Part {
                    element_id: &e.anchor,
                    page_name: format!("p-{}", e.anchor),
                    header: format!("{} {}", e.number, e.name_plain),
                });
            }
        }
    }
    for (id, header) in [
        ("contacts", "相談先の連絡先"),
        ("glossary", "用語集"),
        ("index", "さくいん"),
    ] {
        parts.push(Part {
            element_id: id,
            page_name: format!("p-{id}"),
            header: header.into(),
        });
    }
    css::page_rules(options.paper, options.large_print, running_title, &parts)
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
