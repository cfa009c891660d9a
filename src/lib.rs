//! shirube turns a folder of YAML and Markdown files describing a region's disability-employment
//! resources into a guidebook: an accessible, searchable website and a printable edition.
//!
//! The build is data flowing forward, one module per stage:
//! load (`content`) → check → enrich → assets → render → index → export → write (`output`),
//! put together in `pipeline`. Below the stages: `diagnostics` (problems and their wording),
//! `lang` (every message in Japanese and English), `yaml`, `text` (readings and furigana),
//! `search`, `paths`. Above the model and beside the stages: `view`, what render, print, index
//! and export show of it, and `theme`, the templates they fill. docs/ARCHITECTURE.md has the map.

pub mod assets;
pub mod check;
pub mod cms;
pub mod content;
pub mod diagnostics;
pub mod diff;
pub mod enrich;
pub mod export;
pub mod hashing;
pub mod import;
pub mod index;
pub mod init;
pub mod json;
pub mod lang;
pub mod new;
pub mod output;
pub mod paths;
pub mod pdfs;
pub mod pipeline;
pub mod print;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod stale;
#[cfg(test)]
mod testing;
pub mod text;
pub mod theme;
pub mod view;
pub mod yaml;

pub use pipeline::{
    BuildError, BuildOptions, BuildReport, Progress, Stage, build, build_with_progress, check_site,
    check_site_and_kana,
};
