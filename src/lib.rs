//! shirube turns a folder of YAML and Markdown files describing a region's disability-employment
//! resources into a guidebook: an accessible, searchable website and a printable edition.
//!
//! The build is data flowing forward, one module per stage:
//! load → check → enrich → assets → render → index → export → write.

pub mod assets;
pub mod check;
pub mod content;
pub mod enrich;
pub mod export;
pub mod import;
pub mod index;
pub mod markdown;
pub mod new;
pub mod output;
pub mod print;
pub mod render;
pub mod search;
pub mod serve;
pub mod stale;
pub mod text;
pub mod yaml;

use check::Diagnostics;
use content::date::Date;
use content::model::Site;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors; nothing was written.
    #[error("the site has errors")]
    Invalid(Diagnostics),
    #[error("media: {0}")]
    Assets(#[from] assets::AssetError),
    #[error("theme: {0}")]
    Theme(#[from] render::RenderError),
    #[error("print edition: {0}")]
    Print(#[from] print::PrintError),
    #[error("readings: {0}")]
    Text(#[from] text::TextError),
    #[error("search index: {0}")]
    Search(#[from] search::SearchError),
    #[error("writing {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub out_dir: PathBuf,
    /// The theme folder; `themes/default` in the site folder unless given.
    pub theme_dir: Option<PathBuf>,
    pub today: Date,
    /// Warnings fail the build too.
    pub strict: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    pub pages: usize,
    pub files: usize,
}

/// load → check: every problem in the site, and the typed site when it could be built.
pub fn check_site(site_dir: &Path, today: Date) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let raw = content::load::load(site_dir, &mut diags);
    let site = check::check(&raw, today, &mut diags);
    (site, diags)
}

/// The whole pipeline. On any error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let (site, diagnostics) = check_site(&options.site_dir, options.today);
    let failed = diagnostics.has_errors()
        || (options.strict && diagnostics.count(check::Severity::Warning) > 0);
    let site = match site {
        Some(site) if !failed => site,
        _ => return Err(BuildError::Invalid(diagnostics)),
    };
    let guide = enrich::enrich(site)?;
    let theme_dir = options
        .theme_dir
        .clone()
        .unwrap_or_else(|| options.site_dir.join("themes").join("default"));
    let mut files = output::Files::default();
    assets::copy_media(&options.site_dir, &mut files)?;
    let pages = render::render(&guide, &theme_dir, &mut files)?;
    print::render_for_build(&guide, &theme_dir, &mut files)?;
    index::index(&guide, &mut files)?;
    export::export(&guide, &mut files);
    output::write_atomically(&files, &options.out_dir)
        .map_err(|(path, source)| BuildError::Write { path, source })?;
    Ok(BuildReport {
        diagnostics,
        pages,
        files: files.len(),
    })
}
