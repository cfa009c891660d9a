//! The print document as data, in the order of the book: cover, contents, where to ask first,
//! the sections with their numbered entries (`sections.rs`), the contact list and glossary
//! (`back.rs`) and the index (`index.rs`). Every part refers to entries by their number.

use crate::content::model::{Paper, PrintLayout, SiteConfig};
use crate::enrich::Guide;
use crate::print::back::{self, ContactRow};
use crate::print::css::{self, Part};
use crate::print::entry;
use crate::print::index::{self, IndexGroup, IndexItem};
use crate::print::parts::Parts;
use crate::print::sections::{self, SectionView};
use crate::print::{PrintError, PrintOptions, QrCodes, qr};
use crate::text::Html;
use crate::view::entries::Badge;
use crate::view::site::TermView;
use crate::view::style::TextStyle;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

// The free page printed after the contents, when the site has it.
use crate::content::model::WHERE_TO_ASK;

#[derive(Debug, Serialize)]
pub struct PrintDocument {
    pub title: Html,
    pub title_kana: String,
    /// For `<title>`, which becomes the PDF's title: the guide's title and the edition.
    pub title_plain: String,
    /// e.g. `北部・就労継続支援B型`.
    pub subset: Option<Html>,
    pub edition_label: Option<&'static str>,
    pub region: Html,
    pub data_date: Option<String>,
    pub base_url: String,
    pub home_qr_svg: Html,
    pub paper: &'static str,
    pub layout: &'static str,
    pub large_print: bool,
    /// A style sheet, printed in a `<style>` element (strings escaped by `css::css_string`).
    pub page_css: Html,
    /// The Content-Security-Policy of the document, which allows `page_css` by its hash.
    pub csp: String,
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
    pub title: Html,
    pub body: Html,
}

/// `asset_root` leads from the document to the site root, where photos are. The printed
/// entries' parts are not in the document: each has a mark in its place, and [`Parts`] renders
/// them as the document is written.
pub fn assemble<'a>(
    guide: &'a Guide,
    options: &PrintOptions,
    tx: &'a dyn TextStyle,
    asset_root: &'a str,
    codes: &'a QrCodes,
) -> Result<(PrintDocument, Parts<'a>), PrintError> {
    let config = &guide.site.config;
    let chosen: Vec<_> = guide
        .site
        .entries
        .iter()
        .filter(|e| options.subset.includes(e))
        .collect();

    // Numbers first, in print order, so that every later part can refer to any entry.
    let sections::Numbering { numbers, homes } = sections::number(&chosen, options);
    let urls = print_urls(guide, &numbers);
    let mut parts = Parts::new(guide, tx, asset_root, codes, urls, numbers);
    let sections = sections::build(&homes, &chosen, options, guide, tx, &mut parts);
    let numbers = parts.numbers();

    let where_to_ask = guide
        .site
        .pages
        .iter()
        .find(|p| p.slug == WHERE_TO_ASK)
        .map(|p| PageView {
            title: tx.html(&p.title),
            body: parts.markdown(&p.body, "pages", 2, tx),
        });

    let contacts = back::contacts(guide, numbers, tx);
    let glossary = back::glossary(guide, tx);
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

    let subset = options.subset.label_html(tx);
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
    .map_err(|error| PrintError::Qr {
        url: config.base_url.clone(),
        error,
    })?;

    let doc = PrintDocument {
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
            Paper::A4 => "a4",
            Paper::B5 => "b5",
        },
        layout: match options.layout {
            PrintLayout::Full => "full",
            PrintLayout::Compact => "compact",
        },
        large_print: options.large_print,
        // The `<style>` element holds a newline, the rules and a newline (print.html).
        csp: crate::view::csp::print(&format!("\n{page_css}\n")),
        page_css,
        legend: sections::legend(),
        where_to_ask,
        entry_count: numbers.len(),
        sections,
        contacts,
        glossary,
        index,
    };
    Ok((doc, parts))
}

/// Content path → in-document target, for links written by providers: entries in this edition,
/// the where-to-ask page and the glossary. Links to anything else become plain text.
fn print_urls(guide: &Guide, numbers: &BTreeMap<String, usize>) -> BTreeMap<String, String> {
    // Web URL → the content paths that lead to it, once: looking each entry's URL up among every
    // path made this quadratic (a second of a 10,000-entry build).
    let mut paths_of: HashMap<&str, Vec<&String>> = HashMap::new();
    for (path, url) in &guide.urls {
        paths_of.entry(url.as_str()).or_default().push(path);
    }
    let mut urls = BTreeMap::new();
    let mut point = |url: &str, target: String| {
        for path in paths_of.get(url).into_iter().flatten() {
            urls.insert((*path).clone(), target.clone());
        }
    };
    for entry in &guide.site.entries {
        let anchor = entry::anchor(&entry.id);
        if numbers.contains_key(&anchor) {
            point(&crate::enrich::entry_url(&entry.id), format!("#{anchor}"));
        }
    }
    point(
        &crate::enrich::page_url(WHERE_TO_ASK),
        format!("#{WHERE_TO_ASK}"),
    );
    urls.insert("glossary.md".into(), "#glossary".into());
    urls
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
) -> Html {
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
