//! The print edition: one HTML document (`print/index.html`) laid out for paper by the theme's
//! `print.html` and `static/css/print.css`, and the PDF that headless Chromium makes from it.
//!
//! - `document`: the whole book as data, part by part; `sections`: entry numbers and the
//!   sections; `back`: contact list and glossary; `index`: the 五十音 index;
//! - `entry`, `qr`, `html`, `css`, `subset`: one printed entry, QR codes, provider HTML made fit
//!   for paper, the page rules that depend on the guide, and which entries an edition holds;
//! - `pdf`: running Chromium. `pipeline::print` drives `shirube print`, from a site folder to a
//!   PDF.
//!
//! Provider text reaches the document only through the `TextStyle` it is given, as on the web:
//! the furigana edition is the same call with the furigana style.

mod back;
mod css;
mod document;
mod entry;
mod html;
mod index;
mod part_cache;
mod parts;
pub mod pdf;
mod qr;
mod qr_codes;
mod qr_penalty;
mod sections;
mod splice;
mod subset;

pub use part_cache::PartCache;
pub use qr_codes::{Keep as KeepCodes, QrCodes};
pub use subset::Subset;

use crate::content::model::{Paper, PrintLayout, SiteConfig};
use crate::enrich::Guide;
use crate::lang::{Localized, Msg, msg};
use crate::output::Files;
use crate::theme::{Theme, ThemeError};
use crate::view::style::{Plain, TextStyle};

/// Where the print document goes in the output (under an edition's prefix), and its stylesheet.
pub const DOCUMENT_PATH: &str = "print/index.html";
const TEMPLATE: &str = "print.html";
/// An entry's part of the print document, rendered on its own (see `sections::build`): it sees
/// `e`, `asset_root` and `edition`.
const ENTRY_TEMPLATE: &str = "partials/print-entry.html";
const ENTRY_TEMPLATE_COMPACT: &str = "partials/print-entry-compact.html";
/// The print stylesheet, under the theme's (and the output's) `static/`.
pub const STYLESHEET: &str = "css/print.css";

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    Theme(#[from] ThemeError),
    UnknownArea {
        given: String,
        known: String,
    },
    UnknownService {
        given: String,
        known: String,
    },
    Qr {
        url: String,
        error: qrcode::types::QrError,
    },
}

impl Localized for PrintError {
    fn msg(&self) -> Msg {
        match self {
            PrintError::Theme(error) => error.msg(),
            PrintError::UnknownArea { given, known } => msg(
                format!("地域「{given}」は site.yaml の areas にありません（使えるもの: {known}）"),
                format!("the area \"{given}\" is not in site.yaml's areas (known: {known})"),
            ),
            PrintError::UnknownService { given, known } => msg(
                format!("種類「{given}」はありません（使えるもの: {known}）"),
                format!("there is no kind \"{given}\" (known: {known})"),
            ),
            PrintError::Qr { url, error } => msg(
                format!("QR コードを作れません（{url}）: {error}"),
                format!("cannot make a QR code for {url}: {error}"),
            ),
        }
    }
}

crate::display_localized!(PrintError);

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
/// Returns the number of entries printed. The document is noted as made with `key` (see
/// [`document_key`]), if it has one. The entries' parts are read from `kept` where it holds
/// them for the same entries, and kept there.
#[allow(clippy::too_many_arguments)]
pub fn render(
    guide: &Guide,
    theme: &Theme,
    tx: &dyn TextStyle,
    options: &PrintOptions,
    prefix: &str,
    files: &mut Files,
    codes: &QrCodes,
    key: Option<u128>,
    kept: &PartCache,
) -> Result<usize, PrintError> {
    let path = format!("{prefix}{DOCUMENT_PATH}");
    let asset_root = crate::view::root_for(path.trim_end_matches("index.html"));
    let entry_template = match options.layout {
        PrintLayout::Full => ENTRY_TEMPLATE,
        PrintLayout::Compact => ENTRY_TEMPLATE_COMPACT,
    };
    let render_entry = |e: &entry::PrintEntry| -> Result<Vec<u8>, PrintError> {
        let mut context = tera::Context::new();
        context.insert("e", e);
        context.insert("asset_root", &asset_root);
        context.insert("edition", tx.edition());
        // The furigana book also annotates the theme's own labels (定員, 連絡先 …).
        Ok(tx.finish_page(theme.render(entry_template, &context)?))
    };
    let (doc, parts) = document::assemble(guide, options, tx, &asset_root, codes)?;
    let seed = match kept.slices().is_kept() {
        true => parts_seed(guide, theme, tx, entry_template, &asset_root),
        false => None,
    };
    let parts = parts.with_seed(seed);
    let entry_count = doc.entry_count;
    // The document is rendered with a mark in each entry's place, and the entries' parts are
    // rendered into the marks' places as it is written (`splice`): their ten thousand parts
    // never pass through a template context, nor are they ever held all at once.
    let frame = {
        let mut context = tera::Context::new();
        context.insert("doc", &doc);
        // The document and its template value go before the parts are rendered: at national
        // scale they were 33 MB held through the whole fill, beside the pages and the index.
        drop(doc);
        context.insert("asset_root", &asset_root);
        context.insert("edition", tx.edition());
        theme.render(TEMPLATE, &context)?
    };
    // The frame is searched for the entries' marks as text (one document, not ten thousand).
    let frame = String::from_utf8(tx.finish_page(frame))
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    let render_slice = |marks: &[usize]| parts.render_slice(marks, &render_entry, kept);
    let mut failed = None;
    files.add_written_keyed(path, key, |out| {
        splice::fill(&frame, parts.count(), &render_slice, out).map_err(|error| match error {
            splice::FillError::Io(error) => error,
            splice::FillError::Part(error) => {
                failed = Some(error);
                std::io::Error::other("an entry's part could not be rendered")
            }
        })
    });
    match failed {
        Some(error) => Err(error),
        None => Ok(entry_count),
    }
}

/// What every entry's part of a document shares (`Parts::key` adds the entry's own): this
/// shirube, the theme's templates, the text style of the document (it annotates the theme's
/// labels too), the entries' template, where the document is (its links to photos) and the
/// site's settings. None when one of them cannot be known.
fn parts_seed(
    guide: &Guide,
    theme: &Theme,
    tx: &dyn TextStyle,
    entry_template: &str,
    asset_root: &str,
) -> Option<u128> {
    let seed = crate::render::page_key::seed(theme.fingerprint(), tx.fingerprint())?;
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    hash.update(b"shirube print part 1\n");
    hash.update(&seed.to_le_bytes());
    for text in [entry_template, asset_root, tx.edition()] {
        hash.update(&(text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    }
    let feed = crate::hashing::Feed(|bytes: &[u8]| hash.update(bytes));
    serde_json::to_writer(feed, &guide.site.config).ok()?;
    Some(hash.digest128())
}

/// The print edition as `build` writes it beside the website, noted as made with `key` (see
/// [`document_key`]). A theme without `print.html` simply has no print edition.
pub fn render_for_build(
    guide: &Guide,
    theme: &Theme,
    files: &mut Files,
    codes: &QrCodes,
    key: Option<u128>,
    kept: &PartCache,
) -> Result<(), PrintError> {
    if !theme.has(TEMPLATE) {
        return Ok(());
    }
    let options = PrintOptions::from_config(&guide.site.config);
    render(guide, theme, &Plain, &options, "", files, codes, key, kept)?;
    Ok(())
}

/// The key of the print document `build` makes ([`render_for_build`]) of the guide whose
/// fingerprint is `guide` (`Guide::fingerprint`): it is made from the guide alone (its
/// settings are site.yaml's, its QR codes the entries' addresses), the theme's templates and
/// the plain text style, and this shirube. `None` when one of them cannot be known.
pub fn document_key(guide: Option<u128>, theme: &Theme) -> Option<u128> {
    let seed = crate::render::page_key::seed(theme.fingerprint(), Plain.fingerprint())?;
    Some(crate::render::page_key::of_guide(seed, guide?))
}

/// `guidebook.pdf` for the whole guide; each variant names itself, so printing a district's
/// edition never overwrites the whole book: `guidebook-kita-b-type-large.pdf`.
pub fn pdf_name(options: &PrintOptions, tx: &dyn TextStyle) -> String {
    let mut name = format!("guidebook{}", options.subset.file_suffix());
    if options.large_print {
        name.push_str("-large");
    }
    if tx.edition() != "plain" {
        name.push('-');
        name.push_str(tx.edition());
    }
    name.push_str(".pdf");
    name
}
