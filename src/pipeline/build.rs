//! `build`: load → check → enrich → assets → render → print document → index → export → write.

use crate::content::date::Date;
use crate::diagnostics::Diagnostics;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use crate::theme::{Theme, ThemeError};
use crate::{assets, enrich, export, index, output, print, render, search, text};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors; nothing was written.
    Invalid(Diagnostics),
    Assets(#[from] assets::AssetError),
    Theme(#[from] ThemeError),
    Print(#[from] print::PrintError),
    Text(#[from] text::TextError),
    Search(#[from] search::SearchError),
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Localized for BuildError {
    fn msg(&self) -> Msg {
        match self {
            BuildError::Invalid(diags) => msg(
                format!(
                    "サイトにエラーが {} 件あるので作れません",
                    diags.count(crate::diagnostics::Severity::Error)
                ),
                format!(
                    "the site has {} error(s), so it was not built",
                    diags.count(crate::diagnostics::Severity::Error)
                ),
            ),
            BuildError::Assets(error) => error.msg(),
            BuildError::Theme(error) => error.msg(),
            BuildError::Print(error) => error.msg(),
            BuildError::Text(error) => error.msg(),
            BuildError::Search(error) => error.msg(),
            BuildError::Write { path, error } => msg(
                format!("{} に書けません（{error}）", slash(path)),
                format!("cannot write {} ({error})", slash(path)),
            ),
        }
    }
}

crate::display_localized!(BuildError);

pub struct BuildOptions {
    pub site_dir: PathBuf,
    pub out_dir: PathBuf,
    /// A theme folder overriding the default theme; `theme::default_dir` of the site unless given.
    pub theme_dir: Option<PathBuf>,
    pub today: Date,
    /// Warnings fail the build too.
    pub strict: bool,
}

impl BuildOptions {
    /// The folder of theme files this build lays over the default theme (it may not exist).
    pub fn theme_dir(&self) -> PathBuf {
        self.theme_dir
            .clone()
            .unwrap_or_else(|| crate::theme::default_dir(&self.site_dir))
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Diagnostics,
    pub pages: usize,
    pub files: usize,
    pub photos: assets::PhotoReport,
}

/// The whole pipeline. On any error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let (site, diagnostics) = super::check_site(&options.site_dir, options.today);
    let site = match site {
        Some(site) if !diagnostics.fail(options.strict) => site,
        _ => return Err(BuildError::Invalid(diagnostics)),
    };
    let guide = enrich::enrich(site)?;
    let theme = Theme::for_site(&options.site_dir, options.theme_dir.as_deref())?;
    let mut files = output::Files::default();
    let cache = assets::cache::Cache::for_site(&options.site_dir);
    let photos = assets::publish(&guide.site, &cache, &mut files, true)?;
    let pages = render::render(&guide, &theme, options.today, &mut files)?;
    print::render_for_build(&guide, &theme, &mut files)?;
    index::index(&guide, &mut files)?;
    export::export(&guide, &mut files);
    output::write_atomically(&files, &options.out_dir)
        .map_err(|(path, error)| BuildError::Write { path, error })?;
    Ok(BuildReport {
        diagnostics,
        pages,
        files: files.len(),
        photos,
    })
}
