//! `build`: load → check → enrich → assets → render → print document → index → export → write.

use crate::content::date::Date;
use crate::diagnostics::Diagnostics;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use crate::theme::{Theme, ThemeError};
use crate::{assets, enrich, export, index, output, print, render, search, text};
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    /// Makes the furigana edition too. Always, but for measuring the plain edition alone
    /// (`bench/run`): without it the plain pages' links to their furigana twins are broken.
    pub furigana: bool,
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
    /// How long each stage took, in pipeline order (`shirube build --timings`).
    pub timings: Vec<(Stage, Duration)>,
}

/// The stages of a build, as `--timings` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Check,
    Enrich,
    Assets,
    Render,
    Print,
    Index,
    Export,
    Write,
}

impl Stage {
    pub fn msg(self) -> Msg {
        match self {
            Stage::Check => msg("読みこみとチェック", "load and check"),
            Stage::Enrich => msg("よみがなと並び順", "readings and order"),
            Stage::Assets => msg("写真", "photos"),
            Stage::Render => msg("ページ", "pages"),
            Stage::Print => msg("印刷版", "print edition"),
            Stage::Index => msg("検索の索引", "search index"),
            Stage::Export => msg("オープンデータ", "open data"),
            Stage::Write => msg("書きこみ", "writing"),
        }
    }
}

/// What a build tells while it runs: the stage it is in, and the pages as they are made (the
/// command shows a progress bar on a terminal).
pub trait Progress: render::PageProgress {
    fn stage(&self, stage: Stage);
}

impl Progress for () {
    fn stage(&self, _stage: Stage) {}
}

/// Runs stages, noting how long each took and telling `progress` which one is running.
struct Stages<'p> {
    progress: &'p dyn Progress,
    timings: Vec<(Stage, Duration)>,
}

impl Stages<'_> {
    fn run<T>(&mut self, stage: Stage, run: impl FnOnce() -> T) -> T {
        self.progress.stage(stage);
        let start = Instant::now();
        let value = run();
        self.timings.push((stage, start.elapsed()));
        value
    }
}

/// The whole pipeline. On any error the output folder is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with_progress(options, &())
}

/// [`build`], telling `progress` how it goes.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let mut t = Stages {
        progress,
        timings: Vec::new(),
    };
    let (site, diagnostics) = t.run(Stage::Check, || {
        super::check_site(&options.site_dir, options.today)
    });
    let site = match site {
        Some(site) if !diagnostics.fail(options.strict) => site,
        _ => return Err(BuildError::Invalid(diagnostics)),
    };
    let guide = t.run(Stage::Enrich, || enrich::enrich(site))?;
    let theme = Theme::for_site(&options.site_dir, options.theme_dir.as_deref())?;
    let mut files = output::Files::default();
    let cache = assets::cache::Cache::for_site(&options.site_dir);
    let photos = t.run(Stage::Assets, || {
        assets::publish(&guide.site, &cache, &mut files, true)
    })?;
    let pages = t.run(Stage::Render, || {
        let (today, furigana) = (options.today, options.furigana);
        render::render(&guide, &theme, today, furigana, progress, &mut files)
    })?;
    t.run(Stage::Print, || {
        print::render_for_build(&guide, &theme, &mut files)
    })?;
    t.run(Stage::Index, || index::index(&guide, &mut files))?;
    t.run(Stage::Export, || export::export(&guide, &mut files));
    t.run(Stage::Write, || {
        output::write_atomically(&files, &options.out_dir)
    })
    .map_err(|(path, error)| BuildError::Write { path, error })?;
    Ok(BuildReport {
        diagnostics,
        pages,
        files: files.len(),
        photos,
        timings: t.timings,
    })
}
