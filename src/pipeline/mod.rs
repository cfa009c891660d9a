//! The stages put together: `check_site` (load → check), `build` (the whole website and its print
//! document) and `print` (one PDF edition). The commands and the preview call these; the stages
//! never call back up here.

mod build;
pub mod preview;
pub mod print;

pub use build::{
    BuildError, BuildOptions, BuildReport, Progress, Stage, build, build_with_progress,
};

use crate::content::date::Date;
use crate::content::load::EntryFiles;
use crate::content::model::Site;
use crate::diagnostics::Diagnostics;
use std::path::Path;

/// site.yaml alone, when it is valid (other files' problems do not matter here).
pub fn site_config(site_dir: &Path) -> Option<crate::content::model::SiteConfig> {
    let mut diags = Diagnostics::default();
    let raw = crate::content::load::load_with(site_dir, &mut diags, EntryFiles::Listed);
    crate::check::site_config(&raw, &mut diags)
}

/// [`check_site`], with each name's kana fitted to the name (`check::Kana::FitToName`): what
/// `shirube check` reports.
pub fn check_site_and_kana(site_dir: &Path, today: Date) -> (Option<Site>, Diagnostics) {
    check_site_with(site_dir, today, crate::check::Kana::FitToName)
}

/// load → check: every problem in the site, and the typed site when it could be built.
pub fn check_site(site_dir: &Path, today: Date) -> (Option<Site>, Diagnostics) {
    check_site_with(site_dir, today, crate::check::Kana::AsWritten)
}

fn check_site_with(
    site_dir: &Path,
    today: Date,
    kana: crate::check::Kana,
) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let raw = crate::content::load::load_with(site_dir, &mut diags, EntryFiles::Listed);
    let site = crate::check::check_with(&raw, today, kana, &mut diags);
    (site, diags)
}
