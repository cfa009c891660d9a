//! The render stage: tera templates from the theme, fed with views of the guide.
//!
//! Every page is written as `<path>/index.html` and every link in it is relative to the page
//! (`root` is the prefix back to the site root), so the output works under any sub-path and
//! straight from a folder on disk.

pub mod categories;
mod furigana_pass;
pub mod site_context;
pub mod text;
pub mod views;

use crate::content::paths::files_under;
use crate::enrich::Guide;
use crate::markdown::{self, Links};
use crate::output::Files;
use site_context::SiteContext;
use std::path::{Path, PathBuf};
use text::{Furigana, Plain, TextStyle};

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("theme folder {0} has no templates/ folder")]
    NoTemplates(PathBuf),
    #[error("reading {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("template {name}: {source}")]
    Template { name: String, source: tera::Error },
}

pub struct Theme {
    tera: tera::Tera,
    static_dir: PathBuf,
}

impl Theme {
    pub fn load(theme_dir: &Path) -> Result<Theme, RenderError> {
        let templates = theme_dir.join("templates");
        if !templates.is_dir() {
            return Err(RenderError::NoTemplates(theme_dir.to_path_buf()));
        }
        let mut sources = Vec::new();
        for (name, path) in files_under(&templates) {
            let text = std::fs::read_to_string(&path)
                .map_err(|source| RenderError::Read { path, source })?;
            sources.push((name, text));
        }
        let mut tera = tera::Tera::new();
        // Autoescaping stays on for every template: provider text reaches pages only as HTML
        // already escaped by a `TextStyle`, marked `| safe` where it is used.
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(sources)
            .map_err(|source| RenderError::Template {
                name: "(loading)".into(),
                source,
            })?;
        Ok(Theme {
            tera,
            static_dir: theme_dir.join("static"),
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, RenderError> {
        self.tera
            .render(name, context)
            .map_err(|source| RenderError::Template {
                name: name.to_string(),
                source,
            })
    }
}

/// The prefix from a page at `url` (site-relative, ending in `/` or empty) back to the root.
pub fn root_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Renders every page of every edition into `files`; returns the number of HTML pages.
pub fn render(guide: &Guide, theme_dir: &Path, files: &mut Files) -> Result<usize, RenderError> {
    let theme = Theme::load(theme_dir)?;
    copy_static(&theme.static_dir, files)?;
    let plain = render_edition(guide, &theme, &Plain, "", files)?;
    let furigana = render_edition(guide, &theme, &Furigana::new(guide), FURIGANA_PREFIX, files)?;
    Ok(plain + furigana)
}

/// Where the furigana twin of every page lives: `furigana/entries/x/` beside `entries/x/`.
pub const FURIGANA_PREFIX: &str = "furigana/";

/// One edition of the site, under `prefix` ("" for the plain edition, "furigana/" for its twin).
/// Page links stay inside the edition; `asset_root` reaches the shared static files.
pub fn render_edition(
    guide: &Guide,
    theme: &Theme,
    tx: &dyn TextStyle,
    prefix: &str,
    files: &mut Files,
) -> Result<usize, RenderError> {
    let mut pages = 0;
    let mut page = |url: &str, template: &str, fill: &dyn Fn(&mut tera::Context, &str)| {
        let asset_root = root_for(&format!("{prefix}{url}"));
        let root = format!("{asset_root}{prefix}");
        let site = SiteContext::new(guide, &root, tx);
        let mut context = tera::Context::new();
        context.insert("site", &site);
        context.insert("root", &root);
        context.insert("asset_root", &asset_root);
        context.insert("page_url", url);
        context.insert("edition", tx.edition());
        fill(&mut context, &root);
        let html = tx.finish_page(theme.render(template, &context)?);
        files.add(format!("{prefix}{url}index.html"), html);
        pages += 1;
        Ok::<(), RenderError>(())
    };

    page("", "index.html", &|_, _| {})?;

    let config = &guide.site.config;
    for category in categories::all() {
        page(&category.url(), "listing.html", &|cx, root| {
            let cards: Vec<_> = guide
                .site
                .entries
                .iter()
                .filter(|e| category.includes(e))
                .map(|e| views::card(e, config, root, tx))
                .collect();
            cx.insert("title", category.label());
            cx.insert("description", category.description());
            cx.insert("listing_kind", "category");
            cx.insert("listing_id", category.id());
            cx.insert("cards", &cards);
        })?;
    }
    for area in &config.areas {
        page(
            &format!("areas/{}/", area.id),
            "listing.html",
            &|cx, root| {
                let cards: Vec<_> = guide
                    .site
                    .entries
                    .iter()
                    .filter(|e| e.area == area.id)
                    .map(|e| views::card(e, config, root, tx))
                    .collect();
                cx.insert("title", &format!("{}の情報", tx.plain(&area.name)));
                cx.insert(
                    "description",
                    &format!("{}にある事業所や相談先です。", tx.plain(&area.name)),
                );
                cx.insert("listing_kind", "area");
                cx.insert("listing_id", &area.id);
                cx.insert("cards", &cards);
            },
        )?;
    }

    for entry in &guide.site.entries {
        let url = crate::enrich::entry_url(&entry.id);
        page(&url, "entry.html", &|cx, root| {
            // Under the entry page's h2 「どんなところ？」.
            let body = body_html(guide, &entry.body, "entries", root, tx, 3);
            cx.insert("entry", &views::entry_page(entry, config, root, body, tx));
        })?;
    }

    for p in &guide.site.pages {
        let url = crate::enrich::page_url(&p.slug);
        page(&url, "page.html", &|cx, root| {
            cx.insert("title", &tx.html(&p.title));
            cx.insert("title_plain", &tx.plain(&p.title));
            cx.insert("summary", &p.summary.as_deref().map(|s| tx.html(s)));
            cx.insert("body", &body_html(guide, &p.body, "pages", root, tx, 2));
        })?;
    }

    page("glossary/", "glossary.html", &|cx, _| {
        cx.insert("terms", &site_context::glossary(guide, tx));
    })?;

    if theme.has("search.html") {
        page("search/", "search.html", &|_, _| {})?;
    }

    // 404 is served by hosts at any missing path, so its links are absolute from the base URL.
    let base_path = base_path(&config.base_url);
    let root = format!("{base_path}{prefix}");
    let mut context = tera::Context::new();
    context.insert("site", &SiteContext::new(guide, &root, tx));
    context.insert("root", &root);
    context.insert("asset_root", &base_path);
    context.insert("page_url", "404.html");
    context.insert("edition", tx.edition());
    files.add(
        format!("{prefix}404.html"),
        tx.finish_page(theme.render("404.html", &context)?),
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
) -> String {
    let links = Links {
        urls: &guide.urls,
        root,
        doc_dir,
    };
    markdown::to_html(body, &links, &|t| tx.html(t), top)
}

fn copy_static(dir: &Path, files: &mut Files) -> Result<(), RenderError> {
    for (rel, path) in files_under(dir) {
        let bytes = std::fs::read(&path).map_err(|source| RenderError::Read { path, source })?;
        files.add(format!("static/{rel}"), bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_and_base_paths() {
        assert_eq!(root_for(""), "");
        assert_eq!(root_for("entries/a/"), "../../");
        assert_eq!(base_path("https://example.org/hikari/"), "/hikari/");
        assert_eq!(base_path("https://example.org"), "/");
    }
}
