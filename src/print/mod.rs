//! The print edition: one HTML document (`print/index.html`) laid out for paper by the theme's
//! `print.html` and `static/css/print.css`, and the PDF that headless Chromium makes from it.
//!
//! - `document`: the whole book as data, part by part; `sections`: entry numbers and the
//!   sections; `back`: contact list and glossary; `index`: the 五十音 index;
//! - `entry`, `qr`, `html`, `css`, `subset`: one printed entry, QR codes, provider HTML made fit
//!   for paper, the page rules that depend on the guide, and which entries an edition holds;
//! - `pdf`: running Chromium; `command`: `shirube print`, from a site folder to a PDF.
//!
//! Provider text reaches the document only through the `TextStyle` it is given, as on the web:
//! the furigana edition is the same call with the furigana style.

mod back;
pub mod command;
mod css;
mod document;
mod entry;
mod html;
mod index;
pub mod pdf;
mod qr;
mod sections;
mod subset;

pub use subset::Subset;

use crate::content::model::{Paper, PrintLayout, SiteConfig};
use crate::enrich::Guide;
use crate::output::Files;
use crate::render::text::TextStyle;
use crate::render::{RenderError, Theme};
use std::path::Path;

/// Where the print document goes in the output (under an edition's prefix), and its stylesheet.
pub const DOCUMENT_PATH: &str = "print/index.html";
const TEMPLATE: &str = "print.html";
const STYLESHEET: &str = "static/css/print.css";

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("地域「{given}」は site.yaml の areas にありません（使えるもの: {known}）")]
    UnknownArea { given: String, known: String },
    #[error("種類「{given}」はありません（使えるもの: {known}）")]
    UnknownService { given: String, known: String },
    #[error("QR コードを作れません（{url}）: {error}")]
    Qr {
        url: String,
        error: qrcode::types::QrError,
    },
}

#[derive(Debug, Clone)]
pub struct PrintOptions {
    pub paper: Paper,
    pub layout: PrintLayout,
    /// Body text at 16 pt instead of 12 pt.
    pub large_print: bool,
    pub subset: Subset,
}

impl PrintOptions {
    /// The edition `build` writes: the whole guide, as site.yaml's `print` asks.
    pub fn from_config(config: &SiteConfig) -> PrintOptions {
        PrintOptions {
            paper: config.print.paper,
            layout: config.print.layout,
            large_print: false,
            subset: Subset::all(),
        }
    }
}

/// Renders the print document into `files` at `<prefix>print/index.html` (`prefix` as in
/// `render_edition`: "" for the plain edition, "furigana/" for its twin). Its stylesheet and
/// photos are the site's own `static/` and `media/` files, so a build holds each photo once.
/// Returns the number of entries printed.
pub fn render(
    guide: &Guide,
    theme: &Theme,
    tx: &dyn TextStyle,
    options: &PrintOptions,
    prefix: &str,
    files: &mut Files,
) -> Result<usize, PrintError> {
    let path = format!("{prefix}{DOCUMENT_PATH}");
    let asset_root = crate::render::root_for(path.trim_end_matches("index.html"));
    let doc = document::assemble(guide, options, tx, &asset_root)?;
    let mut context = tera::Context::new();
    context.insert("doc", &doc);
    context.insert("asset_root", &asset_root);
    context.insert("edition", tx.edition());
    // The furigana book also annotates the theme's own labels (定員, 連絡先 …).
    files.add(path, tx.finish_page(theme.render(TEMPLATE, &context)?));
    Ok(doc.entry_count)
}

/// The print edition as `build` writes it beside the website. A theme without `print.html`
/// simply has no print edition.
pub fn render_for_build(
    guide: &Guide,
    theme_dir: &Path,
    files: &mut Files,
) -> Result<(), PrintError> {
    let theme = Theme::load(theme_dir)?;
    if !theme.has(TEMPLATE) {
        return Ok(());
    }
    let options = PrintOptions::from_config(&guide.site.config);
    render(
        guide,
        &theme,
        &crate::render::text::Plain,
        &options,
        "",
        files,
    )?;
    Ok(())
}

/// The stylesheet, for a print document written on its own (outside a site build).
fn stylesheet(theme_dir: &Path) -> Result<Vec<u8>, RenderError> {
    let path = theme_dir.join(STYLESHEET);
    std::fs::read(&path).map_err(|source| RenderError::Read { path, source })
}
