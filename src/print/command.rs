//! `shirube print`: from a site folder to `<output>/guidebook[-…].pdf`. The print document for
//! the requested edition is written to a scratch folder (with its stylesheet and photos), printed
//! by Chromium, and only the PDF is kept; the website in the output folder is not touched.

use crate::check::Diagnostics;
use crate::content::date::Date;
use crate::content::model::{Paper, PrintLayout};
use crate::print::pdf::{Chromium, PdfError};
use crate::print::{DOCUMENT_PATH, PrintError, PrintOptions, STYLESHEET, Subset};
use crate::render::Theme;
use crate::render::text::{Furigana, Plain, TextStyle};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PrintCommandError {
    /// The content has errors; no PDF was made.
    #[error("the site has errors")]
    Invalid(Diagnostics),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("よみがな: {0}")]
    Text(#[from] crate::text::TextError),
    #[error("写真: {0}")]
    Media(#[from] crate::assets::AssetError),
    #[error("{}: {error}", path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

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
}

/// `job.furigana` chooses the furigana book (ruby over kanji above the site's grade).
pub fn run(job: &PrintJob) -> Result<PrintReport, PrintCommandError> {
    // Before any work: without Chromium there is nothing to do, and the message says how to fix it.
    let chromium = Chromium::find(job.chromium.as_deref())?;
    let (site, diagnostics) = crate::check_site(&job.site_dir, job.today);
    let site = match site {
        Some(site) if !diagnostics.has_errors() => site,
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

    let theme_dir = job
        .theme_dir
        .clone()
        .unwrap_or_else(|| job.site_dir.join("themes").join("default"));
    let theme = Theme::load(&theme_dir).map_err(PrintError::from)?;
    let mut files = crate::output::Files::default();
    let entries = super::render(&guide, &theme, tx, &options, "", &mut files)?;
    crate::assets::copy_media(&job.site_dir, &mut files)?;
    files.add(
        STYLESHEET,
        super::stylesheet(&theme_dir).map_err(PrintError::from)?,
    );

    let scratch = tempfile::tempdir().map_err(|error| PrintCommandError::Write {
        path: std::env::temp_dir(),
        error,
    })?;
    let site_copy = scratch.path().join("site");
    crate::output::write_atomically(&files, &site_copy)
        .map_err(|(path, error)| PrintCommandError::Write { path, error })?;
    let pdf = job.out_dir.join(pdf_name(&options, tx));
    chromium.print_to_pdf(&site_copy.join(DOCUMENT_PATH), &pdf)?;
    let bytes = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    Ok(PrintReport {
        diagnostics,
        pdf,
        entries,
        bytes,
    })
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

/// `build --pdf`: the PDF of the print document the build just wrote into `out_dir`.
pub fn pdf_of_build(out_dir: &Path, chromium: &Chromium) -> Result<PathBuf, PdfError> {
    let pdf = out_dir.join("guidebook.pdf");
    chromium.print_to_pdf(&out_dir.join(DOCUMENT_PATH), &pdf)?;
    Ok(pdf)
}
