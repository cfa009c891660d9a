//! `shirube print`: from a site folder to `<output>/guidebook[-…].pdf`. The print document for
//! the requested edition is written to a scratch folder (with its stylesheet and photos), printed
//! by Chromium, and only the PDF is kept; the website in the output folder is not touched.

use crate::content::date::Date;
use crate::content::model::{Paper, PrintLayout};
use crate::diagnostics::{Diagnostics, Severity};
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
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
    let entries = crate::print::render(&guide, &theme, tx, &options, "", &mut files)?;
    let cache = crate::assets::cache::Cache::for_site(&job.site_dir);
    crate::assets::publish(&guide.site, &cache, &mut files, false)?;
    if let Some(css) = theme.static_file(STYLESHEET) {
        files.add(format!("static/{STYLESHEET}"), css);
    }

    let scratch = tempfile::tempdir().map_err(|error| PrintCommandError::Write {
        path: std::env::temp_dir(),
        error,
    })?;
    let site_copy = scratch.path().join("site");
    crate::output::write_atomically(&files, &site_copy)
        .map_err(|(path, error)| PrintCommandError::Write { path, error })?;
    let pdf = job.out_dir.join(crate::print::pdf_name(&options, tx));
    chromium.print_to_pdf(&site_copy.join(DOCUMENT_PATH), &pdf)?;
    let bytes = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
    Ok(PrintReport {
        diagnostics,
        pdf,
        entries,
        bytes,
    })
}
