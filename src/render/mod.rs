//! The render stage: tera templates from the theme, fed with views of the guide.
//!
//! Every page is written as `<path>/index.html` and every link in it is relative to the page
//! (`root` is the prefix back to the site root), so the output works under any sub-path and
//! straight from a folder on disk.

use crate::content::date::Date;
use crate::content::model::{Entry, EntryDetails};
use crate::enrich::Guide;
use crate::output::{Files, Made};
use crate::text::Html;
use crate::theme::{Theme, ThemeError};
use crate::view::markdown::{self, Links};
use crate::view::pdfs::Shelf;
use crate::view::site::{self, FOOTER_AREAS_MAX, SiteContext};
use crate::view::style::{Furigana, Plain, TextStyle};
use crate::view::terms::TermLinker;
use crate::view::{categories, compare, entries, events, jsonld, pages, root_for, script_words};
use std::collections::HashMap;

mod compare_pages;
mod frame;
pub(crate) mod page_key;
mod spelling;

use frame::Frame;
use page_key::PageContext;

/// What a render needs beside the guide and the theme.
pub struct RenderOptions<'a> {
    /// Decides which events are upcoming and which are archived.
    pub today: Date,
    /// Makes the furigana edition with this style (always, but when measuring the plain edition
    /// alone). One style for the build: the search index reads the same names and summaries
    /// for the edition's results, and finds them read (`index::index`).
    pub furigana: Option<&'a Furigana>,
    /// The printed editions the home page and the listings link to.
    pub pdfs: &'a Shelf,
    pub progress: &'a dyn PageProgress,
    /// Only the pages whose [`Shows`] this accepts (a preview re-rendering what an edit changed);
    /// `None` renders every page.
    pub only: Option<&'a PageFilter<'a>>,
}

/// Which pages a render makes, by what they show.
pub type PageFilter<'a> = dyn Fn(&Shows) -> bool + Sync + 'a;

/// What of the entries a page shows beyond its frame (menus, counts per service and area) and
/// links by id: the pages a preview renders again when some entries' facts change and nothing
/// else does (no id, name, reading, area, service or photo: those change every page's frame,
/// readings or order, and the preview builds the whole site).
#[derive(Debug, Clone)]
pub enum Shows {
    /// Nothing of any entry: the home page, events, free pages, the glossary, search, 404.
    Frame,
    /// These entries' facts: an entry's own page, a listing page's cards.
    Entries(Vec<String>),
    /// Every entry's facts (the comparison table).
    EveryEntry,
}

/// Renders every page of every edition into `files`; returns the number of HTML pages.
pub fn render(
    guide: &Guide,
    theme: &Theme,
    options: &RenderOptions,
    files: &mut Files,
) -> Result<usize, ThemeError> {
    let plain = render_edition(guide, theme, &Plain, "", options, files)?;
    let Some(furigana) = options.furigana else {
        return Ok(plain);
    };
    let pages = render_edition(guide, theme, furigana, FURIGANA_PREFIX, options, files)?;
    // The readings of the scripts' words, made with the edition's pages (not again for the few
    // pages a preview renders after an edit: nothing they read changed).
    if options.only.is_none()
        && let Some(phrases) = theme.static_file(script_words::PHRASES)
    {
        let phrases = String::from_utf8_lossy(phrases);
        files.add(
            script_words::SCRIPT,
            script_words::script(&phrases, furigana),
        );
    }
    Ok(plain + pages)
}

/// JSON-LD for a page of the plain edition (the furigana twin is the same page).
fn structured<T: serde::Serialize>(
    cx: &mut PageContext,
    tx: &dyn TextStyle,
    value: impl FnOnce() -> T,
) {
    if tx.edition() == "plain" {
        insert_html(cx, "jsonld", &jsonld::script(&value()));
    }
}

/// A value that templates print with `| safe` at the top of their context: only [`Html`] can go
/// there (`tests/architecture.rs` holds every such name to this function).
fn insert_html(cx: &mut PageContext, key: &'static str, value: &Html) {
    cx.insert(key, value);
}

/// A free page's own text (page.html).
#[derive(serde::Serialize)]
struct ArticleView {
    title: Html,
    summary: Option<Html>,
    body: Html,
}

/// A listing of entries: a service or kind, or an area.
struct Listing {
    base: String,
    total: usize,
    title: String,
    description: String,
    kind: &'static str,
    id: String,
}

/// Told of the pages as they are rendered, from any thread (a progress bar). `()` tells nobody.
pub trait PageProgress: Sync {
    /// `pages` more pages will be rendered.
    fn planned(&self, pages: usize);
    fn page_done(&self);
}

impl PageProgress for () {
    fn planned(&self, _pages: usize) {}
    fn page_done(&self) {}
}

/// How a page's own part of the context is filled, given the page's `root`.
type Fill<'a> = Box<dyn Fn(&mut PageContext, &str) + Send + Sync + 'a>;

/// Lists a page to render: its address, its template, what it shows and how its context is
/// filled.
type AddPage<'a, 'p> =
    dyn FnMut(&str, &'static str, Shows, Fill<'a>) -> Result<(), ThemeError> + 'p;

/// A page to render: where, with which template, and what it shows.
struct Job<'a> {
    url: String,
    template: &'static str,
    fill: Fill<'a>,
}

/// Renders the pages on every core, in any order, and adds them to `files` in the order they
/// were listed (so the output does not depend on scheduling).
fn render_jobs(
    guide: &Guide,
    theme: &Theme,
    tx: &dyn TextStyle,
    prefix: &str,
    jobs: Vec<Job>,
    progress: &dyn PageProgress,
    files: &mut Files,
) -> Result<usize, ThemeError> {
    progress.planned(jobs.len());
    let roots = |url: &str| {
        let asset_root = root_for(&format!("{prefix}{url}"));
        let root = format!("{asset_root}{prefix}");
        (asset_root, root)
    };
    // The frame of every page (menus, counts, the footer) depends only on the page's depth:
    // made once per depth, not once per page (`frame.rs`). Past `FOOTER_AREAS_MAX` areas only
    // the home and search pages list them, so the other pages' frames leave them out
    // (serializing a thousand areas into every page's context was most of a page's time at
    // national scale).
    let mut frames: HashMap<(String, bool), Frame> = HashMap::new();
    let lists_areas = |job: &Job| {
        job.url.is_empty()
            || job.url == "search/"
            || guide.site.config.areas.len() <= FOOTER_AREAS_MAX
    };
    for job in &jobs {
        let ((asset_root, root), with_areas) = (roots(&job.url), lists_areas(job));
        if frames.contains_key(&(root.clone(), with_areas)) {
            continue;
        }
        let site = SiteContext::new(guide, &root, tx, with_areas);
        let frame = Frame::new(theme, tx, &site, &root, &asset_root)?;
        frames.insert((root, with_areas), frame);
    }
    // What every page's key begins with; `None` (no executable to know this shirube by) makes
    // every page again.
    let seed = page_key::seed(theme.fingerprint(), tx.fingerprint());
    files.add_made(&jobs, |job, kept| {
        let (asset_root, root) = roots(&job.url);
        let path = format!("{prefix}{}index.html", job.url);
        let mut context = PageContext::new(seed.unwrap_or_default());
        let frame = &frames[&(root.clone(), lists_areas(job))];
        frame.insert(&mut context, tx, &root, &asset_root);
        context.insert("page_url", &job.url);
        // A furigana page names its plain twin, where the guide is published, as the canonical
        // page: search engines then show the page whose text carries no readings. (Not the 404
        // page, made apart below: it stands at any missing address.)
        if !prefix.is_empty() {
            let canonical = format!("{}{}", guide.site.config.base_url, job.url);
            context.insert("canonical_url", &canonical);
        }
        context.key_in(job.template.as_bytes());
        (job.fill)(&mut context, &root);
        let key = context.key().filter(|_| seed.is_some());
        // A page whose key is the one it was made with last time, and whose file the staging
        // folder holds as made then, is left as it is: rendering it would give the same bytes.
        if let Some(key) = key
            && kept.holds(&path, key)
        {
            progress.page_done();
            return Ok((path, Made::Kept));
        }
        let html = frame.finish_page(tx, theme.render(job.template, context.context())?);
        progress.page_done();
        Ok::<_, ThemeError>((path, Made::Page { bytes: html, key }))
    })?;
    Ok(jobs.len())
}

/// A trail of one page below the home page.
fn trail(name: &str, url: &str) -> Vec<(String, String)> {
    vec![(name.to_string(), url.to_string())]
}

pub use crate::view::style::FURIGANA_PREFIX;

/// One edition of the site, under `prefix` ("" for the plain edition, "furigana/" for its twin).
/// Page links stay inside the edition; `asset_root` reaches the shared static files.
pub fn render_edition<'a>(
    guide: &'a Guide,
    theme: &Theme,
    tx: &'a dyn TextStyle,
    prefix: &'a str,
    options: &'a RenderOptions,
    files: &mut Files,
) -> Result<usize, ThemeError> {
    let (today, pdfs, progress) = (options.today, options.pdfs, options.progress);
    let wanted = |shows: &Shows| options.only.is_none_or(|only| only(shows));
    // The print-ready document is always there to link to when the theme has one.
    let print_document = theme.has("print.html");
    let mut jobs: Vec<Job> = Vec::new();
    let mut page = |url: &str, template: &'static str, shows: Shows, fill: Fill<'a>| {
        if wanted(&shows) {
            jobs.push(Job {
                url: url.to_string(),
                template,
                fill,
            });
        }
        Ok::<(), ThemeError>(())
    };

    page(
        "",
        "index.html",
        Shows::Frame,
        Box::new(move |cx, root| {
            let upcoming: Vec<_> = events::upcoming(guide, today)
                .take(events::HOME_LIMIT)
                .map(|e| events::card(e, root, today, tx))
                .collect();
            cx.insert("upcoming_events", &upcoming);
            cx.insert("event_count", &guide.site.events.len());
            cx.insert("pdfs", &pdfs.all(&root_for(prefix)));
            cx.insert("print_document", &print_document);
            structured(cx, tx, || jsonld::website(guide));
        }),
    )?;

    page(
        "events/",
        "events.html",
        Shows::Frame,
        Box::new(move |cx, root| {
            let cards: Vec<_> = events::upcoming(guide, today)
                .map(|e| events::card(e, root, today, tx))
                .collect();
            cx.insert("title", "イベント");
            cx.insert("archive", &false);
            cx.insert("cards", &cards);
            cx.insert("past_count", &events::past(guide, today).len());
            structured(cx, tx, || {
                jsonld::trail_only(guide, &trail("イベント", "events/"))
            });
        }),
    )?;
    page(
        "events/past/",
        "events.html",
        Shows::Frame,
        Box::new(move |cx, root| {
            let cards: Vec<_> = events::past(guide, today)
                .into_iter()
                .map(|e| events::card(e, root, today, tx))
                .collect();
            cx.insert("title", "これまでのイベント");
            cx.insert("archive", &true);
            cx.insert("cards", &cards);
            structured(cx, tx, || {
                let mut t = trail("イベント", "events/");
                t.push(("これまでのイベント".into(), "events/past/".into()));
                jsonld::trail_only(guide, &t)
            });
        }),
    )?;
    for event in &guide.site.events {
        let url = crate::enrich::event_url(&event.id);
        page(
            &url,
            "event.html",
            Shows::Frame,
            Box::new(move |cx, root| {
                // Under the event page's h2 「くわしく」.
                let terms = TermLinker::new(&guide.term_names, &guide.site.glossary, root, tx);
                let body = body_html(guide, &event.body, "events", root, tx, 3, &terms);
                cx.insert("event", &events::page(guide, event, root, today, body, tx));
                structured(cx, tx, || jsonld::event(guide, event));
            }),
        )?;
    }

    let config = &guide.site.config;
    // A listing page, or the pages of a long one (`view::pages`); `pdfs` adds the listing's
    // printed editions, given the page's `asset_root`.
    let listing_pages = |page: &mut AddPage<'a, '_>,
                         listing: Listing,
                         members: Vec<&'a Entry>,
                         pdfs: Fill<'a>|
     -> Result<(), ThemeError> {
        let listing = std::sync::Arc::new(listing);
        let pdfs = std::sync::Arc::new(pdfs);
        let chunks = pages::split(members);
        let count = chunks.len();
        for (index, chunk) in chunks.into_iter().enumerate() {
            let url = pages::url(&listing.base, index);
            let (listing, pdfs) = (listing.clone(), pdfs.clone());
            let asset_root = root_for(&format!("{prefix}{url}"));
            let shows = Shows::Entries(chunk.iter().map(|e| e.id.clone()).collect());
            page(
                &url,
                "listing.html",
                shows,
                Box::new(move |cx, root| {
                    let cards: Vec<_> = chunk
                        .iter()
                        .map(|e| entries::card(e, config, root, tx))
                        .collect();
                    cx.insert("title", &listing.title);
                    cx.insert("description", &listing.description);
                    cx.insert("listing_kind", listing.kind);
                    cx.insert("listing_id", &listing.id);
                    cx.insert("cards", &cards);
                    cx.insert("total", &listing.total);
                    let pagination =
                        pages::Pagination::new(root, &listing.base, index, count, listing.total);
                    cx.insert("pagination", &pagination);
                    pdfs(cx, &asset_root);
                    cx.insert("print_document", &print_document);
                    structured(cx, tx, || {
                        jsonld::trail_only(guide, &trail(&listing.title, &listing.base))
                    });
                }),
            )?;
        }
        Ok(())
    };
    for category in categories::all() {
        let members: Vec<&Entry> = guide
            .site
            .entries
            .iter()
            .filter(|e| category.includes(e))
            .collect();
        let listing = Listing {
            base: category.url(),
            total: members.len(),
            title: category.label().to_string(),
            description: category.description().to_string(),
            kind: "category",
            id: category.id().to_string(),
        };
        listing_pages(
            &mut page,
            listing,
            members,
            Box::new(move |cx, asset_root| {
                cx.insert("pdfs", &pdfs.for_service(category.id(), asset_root));
            }),
        )?;
    }
    // Each area's entries in one pass over the entries (a national guide has a thousand areas).
    let mut in_area: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for e in &guide.site.entries {
        in_area.entry(e.area.as_str()).or_default().push(e);
    }
    for area in &config.areas {
        let members = in_area.remove(area.id.as_str()).unwrap_or_default();
        let listing = Listing {
            base: format!("areas/{}/", area.id),
            total: members.len(),
            title: format!("{}の情報", tx.plain(&area.name)),
            description: format!("{}にある事業所や相談先です。", tx.plain(&area.name)),
            kind: "area",
            id: area.id.clone(),
        };
        listing_pages(
            &mut page,
            listing,
            members,
            Box::new(move |cx, asset_root| {
                cx.insert("pdfs", &pdfs.for_area(&area.id, asset_root));
            }),
        )?;
    }

    // Offices' pages carry their row for the side-by-side table when the compare page is split.
    let compare_split = compare_pages::split(guide, theme);
    for entry in &guide.site.entries {
        let url = crate::enrich::entry_url(&entry.id);
        page(
            &url,
            "entry.html",
            Shows::Entries(vec![entry.id.clone()]),
            Box::new(move |cx, root| {
                // The entry's text is read at its place (its town's name as the town is read).
                let tx = tx.at(guide.place(entry));
                let tx = tx.as_ref();
                // Under the entry page's h2 「どんなところ？」.
                let terms = TermLinker::new(&guide.term_names, &guide.site.glossary, root, tx);
                // Terms are linked at their first use: the summary comes before the body.
                let summary = entry.summary.as_deref().map(|s| terms.html(s, tx));
                let body = body_html(guide, &entry.body, "entries", root, tx, 3, &terms);
                let mut view = entries::entry_page(entry, config, root, body, tx);
                view.card.summary = summary;
                cx.insert("entry", &view);
                if compare_split && matches!(entry.details, EntryDetails::Office(_)) {
                    cx.insert("compare_columns", &compare::COLUMNS);
                    cx.insert("compare_row", &compare::row(guide, entry, root, tx));
                }
                structured(cx, tx, || jsonld::entry(guide, entry));
            }),
        )?;
    }

    for p in &guide.site.pages {
        let url = crate::enrich::page_url(&p.slug);
        page(
            &url,
            "page.html",
            Shows::Frame,
            Box::new(move |cx, root| {
                cx.insert("title_plain", &tx.plain(&p.title));
                let terms = TermLinker::new(&guide.term_names, &guide.site.glossary, root, tx);
                cx.insert(
                    "article",
                    &ArticleView {
                        title: tx.html(&p.title),
                        // Terms are linked at their first use: the summary comes before the body.
                        summary: p.summary.as_deref().map(|s| terms.html(s, tx)),
                        body: body_html(guide, &p.body, "pages", root, tx, 2, &terms),
                    },
                );
                structured(cx, tx, || {
                    jsonld::trail_only(guide, &trail(&p.title, &crate::enrich::page_url(&p.slug)))
                });
            }),
        )?;
    }

    if theme.has("compare.html") {
        compare_pages::add(guide, tx, compare_split, &mut page)?;
    }

    page(
        "glossary/",
        "glossary.html",
        Shows::Frame,
        Box::new(move |cx, _| {
            cx.insert("terms", &site::glossary(guide, tx));
            structured(cx, tx, || {
                jsonld::trail_only(guide, &trail("用語集", "glossary/"))
            });
        }),
    )?;

    if theme.has("search.html") {
        page(
            "search/",
            "search.html",
            Shows::Frame,
            Box::new(move |cx, _| {
                structured(cx, tx, || {
                    jsonld::trail_only(guide, &trail("さがす", "search/"))
                });
            }),
        )?;
    }

    let mut pages = render_jobs(guide, theme, tx, prefix, jobs, progress, files)?;
    if !wanted(&Shows::Frame) {
        return Ok(pages);
    }

    // 404 is served by hosts at any missing path, so its links are absolute from the base URL.
    let base_path = base_path(&config.base_url);
    let root = format!("{base_path}{prefix}");
    // Always made: one page an edition, not worth a key.
    let mut context = PageContext::new(0);
    let frame = Frame::single(guide, theme, tx, &root, &base_path)?;
    frame.insert(&mut context, tx, &root, &base_path);
    context.insert("page_url", "404.html");
    files.add(
        format!("{prefix}404.html"),
        frame.finish_page(tx, theme.render("404.html", context.context())?),
    );
    pages += 1;
    Ok(pages)
}

/// `https://example.org/hikari/` → `/hikari/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

fn body_html(
    guide: &Guide,
    body: &str,
    doc_dir: &str,
    root: &str,
    tx: &dyn TextStyle,
    top: u8,
    terms: &TermLinker,
) -> Html {
    let links = Links {
        urls: &guide.urls,
        root,
        doc_dir,
    };
    markdown::to_html_linking(body, &links, &|t| tx.html(t), &|t| terms.html(t, tx), top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://example.org/hikari/"), "/hikari/");
        assert_eq!(base_path("https://example.org"), "/");
    }
}
