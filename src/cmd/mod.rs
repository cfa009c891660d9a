//! One file per subcommand: its arguments (clap) and what it does. `main.rs` parses and
//! dispatches. Everything printed here is worded in both languages (`lang::msg`).

pub mod build;
pub mod check;
pub mod cms;
pub mod diff;
pub mod help;
pub mod import;
pub mod init;
pub mod new;
pub mod print;
mod progress;
pub mod reading;
pub mod ruby;
pub mod schema;
pub mod serve;
pub mod stale;

use shirube::content::date::Date;
use shirube::diagnostics::Diagnostics;
use shirube::diagnostics::report;
use shirube::lang::{Lang, msg};
use shirube::text::{GradeFilter, Reader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What every command runs with: today's date (`SHIRUBE_TODAY` in tests) and the language.
pub struct Env {
    pub today: Date,
    pub lang: Lang,
}

/// A command's outcome: 0 when all is well, 1 when the content has problems. Usage and system
/// errors come back as `Err` and exit with 2 (see `main`).
pub type Outcome = anyhow::Result<ExitCode>;

/// Exit code 1: the content has problems the person can fix.
pub fn content_problems() -> ExitCode {
    ExitCode::from(1)
}

/// Prints a run's diagnostics (nothing when there are none) to stderr.
pub fn show(diags: &Diagnostics, lang: Lang) {
    if !diags.is_empty() {
        eprint!("{}", report::human(diags, lang));
    }
}

/// Prints one line in the language of the run.
pub fn say(lang: Lang, ja: impl Into<String>, en: impl Into<String>) {
    println!("{}", msg(ja, en).get(lang));
}

/// Where the site is, where its output goes, and which theme: shared by `build` and `print`.
#[derive(clap::Args)]
pub struct SiteArgs {
    /// サイトのフォルダ（site.yaml のあるところ）
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// 出力先のフォルダ
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    /// テーマのフォルダ（既定: <dir>/themes/default）
    #[arg(long)]
    pub theme: Option<PathBuf>,
}

/// The reader a site would use: its readings.yaml and every name it gives a reading for. Outside
/// a site (or in one with errors, so that a provider can still try a name), the analyser with
/// whatever readings could be read.
pub struct SiteReader {
    pub reader: Reader,
    pub furigana: GradeFilter,
}

impl SiteReader {
    pub fn open(dir: &Path, today: Date) -> anyhow::Result<SiteReader> {
        let (site, _) = shirube::check_site(dir, today);
        Ok(match site {
            Some(site) => {
                let guide = shirube::enrich::enrich(site)?;
                SiteReader {
                    reader: guide.reader,
                    furigana: guide.furigana,
                }
            }
            None => SiteReader {
                reader: Reader::new(&[])?,
                furigana: GradeFilter::AboveGrade(2),
            },
        })
    }
}
