//! `shirube print`: from a site folder to `<output>/guidebook[-…].pdf`. The print document for
//! the requested edition is written to a scratch folder (with its stylesheet and photos), printed
//! by Chromium, and only the PDF is kept, recorded in the output's `print/pdfs.json` (what it
//! covers, its size and pages, the content it was made from) for the next `build` to carry over
//! and link; the website in the output folder is not touched.

use crate::content::date::Date;
use crate::content::model::{Paper, PrintLayout};
use crate::diagnostics::{Diagnostics, Severity};
use crate::enrich::Guide;
use crate::lang::{Localized, Msg, msg};
use crate::output::Files;
use crate::paths::slash;
use crate::pdfs::{Manifest, PageCountError, PdfRecord};
use crate::print::pdf::{Chromium, PdfError};
use crate::print::{DOCUMENT_PATH, PrintError, PrintOptions, STYLESHEET, Subset};
use crate::theme::{Theme, ThemeError};
use crate::view::style::{Furigana, Plain, TextStyle};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PrintCommandError {
    /// The content has errors; no PDF was made.
    Invalid(Diagnostics),
    Print(#[from] PrintError),
    Pdf(#[from] PdfError),
    Text(#[from] crate::text::TextError),
    Media(#[from] crate::assets::AssetError),
    Pages(#[from] PageCountError),
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl From<ThemeError> for PrintCommandError {
    fn from(error: ThemeError) -> Self {
        PrintCommandError::Print(PrintError::Theme(error))
    }
}

impl Localized for PrintCommandError {
    fn msg(&self) -> Msg {
        match self {
            PrintCommandError::Invalid(diags) => msg(
                format!(
                    "サイトにエラーが {} 件あるので PDF は作れません",
                    diags.count(Severity::Error)
                ),
                format!(
                    "the site has {} error(s), so no PDF was made",
                    diags.count(Severity::Error)
                ),
            ),
            PrintCommandError::Print(error) => error.msg(),
            PrintCommandError::Pdf(error) => error.msg(),
            PrintCommandError::Text(error) => error.msg(),
            PrintCommandError::Media(error) => error.msg(),
            PrintCommandError::Pages(error) => error.msg(),
            PrintCommandError::Write { path, error } => msg(
                format!("{} に書けません（{error}）", slash(path)),
                format!("cannot write {} ({error})", slash(path)),
            ),
        }
    }
}

crate::display_localized!(PrintCommandError);

pub struct PrintJob {
    pub site_dir: PathBuf,
    pub out_dir: PathBuf,
    pub theme_dir: Option<PathBuf>,
    pub chromium: Option<PathBuf>,
    pub today: Date,
    /// Overrides site.yaml's `print.paper` / `print.layout`.
    pub paper: Option<Paper>,
    pub layout: Option<PrintLayout>,
    pub large_print: bool,
    pub area: Option<String>,
    /// A listing id: a service type (`b-type`) or `centers`, `workplaces`, `community`.
    pub service: Option<String>,
    /// The furigana edition: ruby over kanji above the site's school grade.
    pub furigana: bool,
}

#[derive(Debug)]
pub struct PrintReport {
    pub diagnostics: Diagnostics,
    pub pdf: PathBuf,
    pub entries: usize,
    pub bytes: u64,
    pub pages: u32,
}

/// `job.furigana` chooses the furigana book (ruby over kanji above the site's grade).
pub fn run(job: &PrintJob) -> Result<PrintReport, PrintCommandError> {
    // Before any work: without Chromium there is nothing to do, and the message says how to fix it.
    let chromium = Chromium::find(job.chromium.as_deref())?;
    let (site, diagnostics) = super::check_site(&job.site_dir, job.today);
    let site = match site {
        Some(site) if !diagnostics.fail(false) => site,
        _ => return Err(PrintCommandError::Invalid(diagnostics)),
    };
    let guide = crate::enrich::enrich(site)?;
    let furigana = Furigana::new(&guide);
    let tx: &dyn TextStyle = if job.furigana { &furigana } else { &Plain };
    let config = &guide.site.config;
    let mut options = PrintOptions::from_config(config);
    options.paper = job.paper.unwrap_or(options.paper);
    options.layout = job.layout.unwrap_or(options.layout);
    options.large_print = job.large_print;
    options.subset = Subset::new(config, job.area.as_deref(), job.service.as_deref())?;

    let theme = Theme::for_site(&job.site_dir, job.theme_dir.as_deref())?;
    let mut files = crate::output::Files::default();
    // The codes of a district's edition are added to those the last build kept.
    let codes = crate::print::QrCodes::for_site(&job.site_dir);
    // The entries' parts are read from the last build's where they are the same; what this
    // edition adds stays until the next build, which keeps only its own.
    let parts = crate::print::PartCache::for_site(&job.site_dir);
    let entries = crate::print::render(
        &guide, &theme, tx, &options, "", &mut files, &codes,
        // In memory: nothing to keep.
        None, &parts,
    )?;
    codes.save(crate::print::KeepCodes::All);
    let cache = crate::assets::cache::Cache::for_site(&job.site_dir);
    crate::assets::publish(&guide.site, &cache, &mut files, false)?;
    if let Some(css) = theme.static_file(STYLESHEET) {
        files.add(format!("static/{STYLESHEET}"), css);
    }

    let name = crate::print::pdf_name(&options, tx);
    let pdf = job.out_dir.join(&name);
    let bytes = print_document(&files, &chromium)?;
    let record = record(&guide, &options, job.furigana, name, &bytes)?;
    let write = |path: PathBuf| move |error| PrintCommandError::Write { path, error };
    let staging = pdf.with_extension("pdf.tmp");
    std::fs::create_dir_all(&job.out_dir).map_err(write(job.out_dir.clone()))?;
    std::fs::write(&staging, &bytes).map_err(write(staging.clone()))?;
    std::fs::rename(&staging, &pdf).map_err(write(pdf.clone()))?;
    let pages = record.pages;
    let mut manifest = Manifest::read(&job.out_dir);
    manifest.put(record);
    manifest
        .write(&job.out_dir)
        .map_err(write(job.out_dir.join(crate::pdfs::MANIFEST_PATH)))?;
    Ok(PrintReport {
        diagnostics,
        pdf,
        entries,
        bytes: bytes.len() as u64,
        pages,
    })
}

/// The PDF of the print document in `files` (with the stylesheet and photos it uses), printed
/// by Chromium from a scratch folder.
pub(super) fn print_document(files: &Files, chromium: &Chromium) -> Result<Vec<u8>, PdfError> {
    let mut document = Files::default();
    for path in files.paths() {
        let used =
            path == DOCUMENT_PATH || path.starts_with("static/") || path.starts_with("media/");
        if used && let Some(bytes) = files.get(path) {
            document.add(path, bytes.into_owned());
        }
    }
    let io = |path: PathBuf, error| PdfError::Io { path, error };
    let scratch = tempfile::tempdir().map_err(|e| io(std::env::temp_dir(), e))?;
    let site_copy = scratch.path().join("site");
    crate::output::write_atomically(&document, &site_copy).map_err(|(p, e)| io(p, e))?;
    let pdf = scratch.path().join("guidebook.pdf");
    chromium.print_to_pdf(&site_copy.join(DOCUMENT_PATH), &pdf)?;
    std::fs::read(&pdf).map_err(|e| io(pdf, e))
}

/// What the manifest says of a PDF just made: what it covers in Japanese, its size, its pages
/// (read from the PDF), and the content it was made from.
pub(super) fn record(
    guide: &Guide,
    options: &PrintOptions,
    furigana: bool,
    file: String,
    bytes: &[u8],
) -> Result<PdfRecord, PageCountError> {
    let subset = &options.subset;
    let mut label = match subset.label(&crate::text::strip_author_ruby) {
        Some(part) => format!("ガイドブック {part}"),
        None => "ガイドブック全体".to_string(),
    };
    if options.large_print {
        label.push_str("（大きな文字）");
    }
    if furigana {
        label.push_str("（ふりがなつき）");
    }
    Ok(PdfRecord {
        file,
        label,
        area: subset.area.as_ref().map(|(id, _)| id.clone()),
        service: subset.category.map(|c| c.id().to_string()),
        furigana,
        large_print: options.large_print,
        bytes: bytes.len() as u64,
        pages: crate::pdfs::page_count(bytes)?,
        content_date: crate::pdfs::content_date(&guide.site).map(|d| d.to_string()),
        content: crate::pdfs::fingerprint(&guide.site),
    })
}
