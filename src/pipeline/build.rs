//! `build`: load → check → enrich → assets → print document (and with `pdf`, its PDF) → render
//! → index → export → write. The print edition comes before the pages, so the home page and the
//! listings link the PDFs this build makes and those an earlier `shirube print` left in the
//! output, which are carried into the new output (see `crate::pdfs`). The search index and the
//! open data read only the guide: they are made while the pages are, and so is the print
//! edition when no PDF is made of it; the sitemap, which lists every plain page, after both.

use crate::content::date::Date;
use crate::content::load::{EntryFiles, RawSite};
use crate::diagnostics::Diagnostics;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use crate::pdfs::{Manifest, PageCountError};
use crate::print::pdf::{Chromium, PdfError};
use crate::search::{SliceCache, SliceCounts};
use crate::theme::{Theme, ThemeError};
use crate::view::kept_readings::ReadingCounts;
use crate::view::pdfs::Shelf;
use crate::view::style::{Furigana, TextStyle};
use crate::{assets, enrich, export, index, output, print, render, search, text};
use std::path::{Path, PathBuf};
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
    Pdf(#[from] PdfError),
    Pages(#[from] PageCountError),
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
            BuildError::Pdf(error) => error.msg(),
            BuildError::Pages(error) => error.msg(),
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
    /// Make the whole guide's PDF (`guidebook.pdf`) with this Chromium (`build --pdf`).
    pub pdf: Option<Chromium>,
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
    /// The search index's slices, and how many were inverted rather than read from the cache.
    pub index_slices: SliceCounts,
    /// The print document's slices of entries, and how many were rendered rather than read
    /// from the cache.
    pub print_parts: assets::SliceCounts,
    /// The open data's slices of entries (of its three formats), and how many were made rather
    /// than read from the cache.
    pub data_slices: assets::SliceCounts,
    /// The texts the furigana edition read, and of those how many the last build's readings
    /// (in the site's cache) held.
    pub readings: ReadingCounts,
    /// The pages left as the last build made them, not rendered again (`output::Kept`).
    pub pages_kept: usize,
    /// The files of the print document and the open data left as the last build made them,
    /// the guide being the same (`output::Files::keep`).
    pub documents_kept: usize,
    /// The PDF made with `options.pdf`.
    pub pdf: Option<crate::pdfs::PdfRecord>,
    /// How long each stage took, in pipeline order (`shirube build --timings`). The search
    /// index and the open data are made at the same time as the print document and the pages,
    /// so the stages add up to more than `took`.
    pub timings: Vec<(Stage, Duration)>,
    /// The whole build, from reading the first file to the swap.
    pub took: Duration,
}

/// The stages of a build, as `--timings` names them, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Check,
    Enrich,
    Assets,
    Print,
    Pdf,
    Render,
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
            Stage::Pdf => msg("PDF", "PDF"),
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
    timings: Timings,
}

impl Stages<'_> {
    fn run<T>(&mut self, stage: Stage, run: impl FnOnce() -> T) -> T {
        self.progress.stage(stage);
        let start = Instant::now();
        let value = run();
        let took = start.elapsed();
        // A stage run in parts (the open data, then the sitemap) adds up.
        match self.timings.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, total)) => *total += took,
            None => self.timings.push((stage, took)),
        }
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
    build_keeping(options, progress, false).map(|(report, _)| report)
}

/// What a build made the site from, kept by the preview to make the next build from what
/// changed (`preview.rs`).
pub(super) struct Made {
    pub raw: RawSite,
    /// Every problem the build found (warnings: it built).
    pub diagnostics: Diagnostics,
    pub guide: enrich::Guide,
    pub theme: Theme,
    /// The PDFs the output holds: its pages link them with a fingerprint of the whole site.
    pub manifest: Manifest,
    /// The furigana edition's style, with every text it has read: a preview's edit reads
    /// only what it changed.
    pub furigana: Option<Furigana>,
}

/// [`build_with_progress`], handing back what the site was made from when `keep` (the preview).
/// Without it the files as read are dropped once checked: at national scale they weigh as much
/// as the guide made from them.
pub(super) fn build_keeping(
    options: &BuildOptions,
    progress: &dyn Progress,
    keep: bool,
) -> Result<(BuildReport, Option<Made>), BuildError> {
    let start = Instant::now();
    crate::text::prepare(options.furigana);
    let mut t = Stages {
        progress,
        timings: Vec::new(),
    };
    let (raw, site, diagnostics) = t.run(Stage::Check, || {
        let mut diagnostics = Diagnostics::default();
        // The preview keeps the files as read; a build reads and checks each entry file in
        // one step and drops its tree (`EntryFiles::Listed`).
        let entry_files = match keep {
            true => EntryFiles::Read,
            false => EntryFiles::Listed,
        };
        let raw = crate::content::load::load_with(&options.site_dir, &mut diagnostics, entry_files);
        let site = crate::check::check_with(
            &raw,
            options.today,
            kana_check(options, keep),
            &mut diagnostics,
        );
        (raw, site, diagnostics)
    });
    let site = match site {
        Some(site) if !diagnostics.fail(options.strict) => site,
        _ => return Err(BuildError::Invalid(diagnostics)),
    };
    let raw = keep.then_some(raw);
    let site_words = match options.furigana {
        true => enrich::SiteWords::Learn,
        false => enrich::SiteWords::Skip,
    };
    let guide = t.run(Stage::Enrich, || enrich::enrich_with(site, site_words))?;
    let theme = Theme::for_site(&options.site_dir, options.theme_dir.as_deref())?;
    // Files go to a staging folder beside the output as they are made. (Made beside the
    // enriching, with the theme, it saved 15 ms of one core and raised a national plain
    // build's peak by 10 MB.)
    let mut files = output::Files::staged(&options.out_dir)
        .map_err(|(path, error)| BuildError::Write { path, error })?;
    let cache = assets::cache::Cache::for_site(&options.site_dir);
    let photos = t.run(Stage::Assets, || {
        assets::publish(&guide.site, &cache, &mut files, true)
    })?;
    // The theme's static files first: the print document's PDF (`pdf` below) is made from them
    // and the print document before any page exists.
    for (rel, bytes) in theme.static_files() {
        files.add(format!("static/{rel}"), bytes);
    }
    // The search index and the open data are made from the guide alone, and so is the print
    // document when no page links a PDF made of it: they are made beside the pages (a branch of
    // the files), each side's serial parts filling the core the other leaves idle.
    let mut side_files = files.branch();
    // The furigana edition reads the texts that the last build's readings (kept in the site's
    // cache) do not hold.
    let furigana = options
        .furigana
        .then(|| Furigana::new(&guide).keeping_readings(&options.site_dir));
    let slices = SliceCache::for_site(&options.site_dir);
    // What the print document and the open data are made from, in one hash: with the same
    // as the last build's, they are kept as that build made them. The entries' hashes on the
    // way key the print document's parts.
    let fingerprints = guide.fingerprints();
    let mut parts = print::PartCache::for_site(&options.site_dir);
    let mut data = export::KeptData::none();
    if let Some(f) = &fingerprints {
        parts = parts.knowing(&f.entries);
        data = export::KeptData::for_site(&options.site_dir, &guide.site.config, &f.entries);
    }
    let kept = Kept {
        guide_key: fingerprints.map(|f| f.guide),
        parts: &parts,
        data: &data,
    };
    let (main, side) = rayon::join(
        || {
            print_and_pages(
                &guide,
                &kept,
                &theme,
                options,
                furigana.as_ref(),
                progress,
                &mut files,
            )
        },
        || {
            let furigana = furigana.as_ref();
            index_and_data(
                &guide,
                &kept,
                &theme,
                options,
                furigana,
                &slices,
                &mut side_files,
            )
        },
    );
    let (manifest, pages, main_timings) = main?;
    let side_timings = side?;
    files.merge(side_files);
    let readings = furigana
        .as_ref()
        .map(Furigana::reading_counts)
        .unwrap_or_default();
    t.timings.extend(main_timings);
    t.timings.extend(side_timings);
    t.timings.sort_by_key(|(stage, _)| *stage);
    // The sitemap lists every plain page, so it waits for them.
    t.run(Stage::Export, || export::sitemap(&guide, &mut files));
    let file_count = files.len();
    let pages_kept = files.kept_pages();
    let documents_kept = files.kept_documents();
    // A build that keeps nothing lets go of its guide (a national guide's entries are some
    // hundred thousand allocations) while the output is swapped in, not after; the readings
    // the furigana edition used go into the site's cache at the same time. What it read is
    // kept in memory only for a preview's next edit.
    let (written, kept) = rayon::join(
        || t.run(Stage::Write, || files.commit(&options.out_dir)),
        move || {
            if let Some(furigana) = &furigana {
                furigana.save_readings();
            }
            keep.then_some((guide, furigana))
        },
    );
    written.map_err(|(path, error)| BuildError::Write { path, error })?;
    let report = BuildReport {
        diagnostics,
        pages,
        files: file_count,
        photos,
        index_slices: slices.counts(),
        print_parts: parts.counts(),
        data_slices: data.counts(),
        readings,
        pages_kept,
        documents_kept,
        timings: t.timings,
        took: start.elapsed(),
        pdf: options
            .pdf
            .as_ref()
            .and_then(|_| manifest.pdfs.iter().find(|r| r.file == "guidebook.pdf"))
            .cloned(),
    };
    let made = raw.zip(kept).map(|(raw, (guide, furigana))| Made {
        diagnostics: report.diagnostics.clone(),
        raw,
        guide,
        theme,
        manifest,
        furigana,
    });
    Ok((report, made))
}

/// Whether the build fits each name's kana to the name, as `shirube check` does: for the
/// preview, where a provider edits their entry, and with `--strict`, which must refuse what
/// `check --strict` refuses. Not otherwise: at 10,000 entries it is 0.07 s of CPU time (a
/// dictionary analysis of every name), and a guide's pull requests are checked by `check`.
pub(super) fn kana_check(options: &BuildOptions, preview: bool) -> crate::check::Kana {
    match options.strict || preview {
        true => crate::check::Kana::FitToName,
        false => crate::check::Kana::AsWritten,
    }
}

type Timings = Vec<(Stage, Duration)>;

/// The pages, after the print document and its PDF when the build makes one: the pages link it.
fn print_and_pages(
    guide: &enrich::Guide,
    kept: &Kept,
    theme: &Theme,
    options: &BuildOptions,
    furigana: Option<&Furigana>,
    progress: &dyn Progress,
    files: &mut output::Files,
) -> Result<(Manifest, usize, Timings), BuildError> {
    let mut t = Stages {
        progress,
        timings: Vec::new(),
    };
    if options.pdf.is_some() {
        t.run(Stage::Print, || {
            print_edition(guide, theme, files, &options.site_dir, kept)
        })?;
    }
    let manifest = t.run(Stage::Pdf, || pdfs(guide, options, files))?;
    let shelf = Shelf::for_site(&manifest, &guide.site);
    let pages = t.run(Stage::Render, || {
        let render_options = render::RenderOptions {
            today: options.today,
            furigana,
            pdfs: &shelf,
            progress,
            only: None,
        };
        render::render(guide, theme, &render_options, files)
    })?;
    Ok((manifest, pages, t.timings))
}

/// What spares a build the work of the documents made from the guide alone.
pub(super) struct Kept<'c> {
    /// The guide's fingerprint: with the same as the last build's, the print document and the
    /// open data are kept as that build made them (`output::Files::keep`).
    pub guide_key: Option<u128>,
    /// The print document's entries' parts of the last build, for a document made again.
    pub parts: &'c print::PartCache,
    /// The open data's entries of the last build, for the files made again.
    pub data: &'c export::KeptData,
}

/// The print document of the whole guide, its entries' parts and QR codes kept in the site's
/// cache for the next build (`print/part_cache.rs`, `print/qr_codes.rs`). Of a guide whose
/// fingerprint is `kept.guide_key`, it is kept as the last build made it when that build's
/// guide had the same (`print::document_key`).
pub(super) fn print_edition(
    guide: &enrich::Guide,
    theme: &Theme,
    files: &mut output::Files,
    site_dir: &std::path::Path,
    kept: &Kept,
) -> Result<(), print::PrintError> {
    let (key, parts) = (print::document_key(kept.guide_key, theme), kept.parts);
    if key.is_some_and(|key| files.keep(print::DOCUMENT_PATH, key)) {
        // Its parts and codes are left in the cache as they are.
        return Ok(());
    }
    let codes = print::QrCodes::for_site(site_dir);
    print::render_for_build(guide, theme, files, &codes, key, parts)?;
    codes.save(print::KeepCodes::Used);
    parts.forget_unused();
    Ok(())
}

/// The search index and the open data (but the sitemap), made from the guide alone, and the
/// print document when no PDF is made of it (no page waits for it then). The three are made
/// side by side, each into its own branch of the files: one after the other, their serial
/// parts (the print document's frame, the index's last steps) kept this side to one core while
/// the pages were long done. The index reads what `slices` kept of the last build's.
fn index_and_data(
    guide: &enrich::Guide,
    kept: &Kept,
    theme: &Theme,
    options: &BuildOptions,
    furigana: Option<&Furigana>,
    slices: &SliceCache,
    files: &mut output::Files,
) -> Result<Timings, BuildError> {
    let mut print_files = files.branch();
    let mut data_files = files.branch();
    let ((indexed, printed), exported) = rayon::join(
        || {
            // The print document after the index, not beside it: the two largest things this
            // side holds (the index's inverted table, the document's template value) were then
            // in memory at the same time, beside the pages. The index's last part (the
            // furigana edition's table and the manifest) after the print document: by then the
            // pages have read most of what it reads, and the print document is let go.
            let started = timed(Stage::Index, || index::start(guide, files, slices));
            let printed = options.pdf.is_none().then(|| {
                timed(Stage::Print, || {
                    print_edition(guide, theme, &mut print_files, &options.site_dir, kept)
                })
            });
            let (started, started_in) = started;
            let (indexed, finished_in) = timed(Stage::Index, || {
                started.and_then(|started| {
                    let furigana = furigana.map(|f| f as &dyn TextStyle);
                    index::finish(guide, started, files, furigana)
                })
            });
            (
                (indexed, (Stage::Index, started_in.1 + finished_in.1)),
                printed,
            )
        },
        || {
            timed(Stage::Export, || {
                export::data(guide, kept.guide_key, kept.data, &mut data_files)
            })
        },
    );
    files.merge(print_files);
    files.merge(data_files);
    let mut timings = Vec::new();
    if let Some((result, timing)) = printed {
        result?;
        timings.push(timing);
    }
    let (result, timing) = indexed;
    result?;
    timings.push(timing);
    timings.push(exported.1);
    Ok(timings)
}

/// `run`'s value, and how long it took as `stage`'s time (for stages run side by side).
fn timed<T>(stage: Stage, run: impl FnOnce() -> T) -> (T, (Stage, Duration)) {
    let start = Instant::now();
    let value = run();
    (value, (stage, start.elapsed()))
}

/// The PDFs of the new output: those the output already holds (carried over as they are, with
/// their records, even when made from older content: the pages say their date), and with
/// `options.pdf` the whole guide's, made now from the print document in `files`. The manifest
/// goes into `files` whenever there is a PDF.
fn pdfs(
    guide: &enrich::Guide,
    options: &BuildOptions,
    files: &mut output::Files,
) -> Result<Manifest, BuildError> {
    let mut manifest = carry_pdfs(&options.out_dir, files);
    if let Some(chromium) = &options.pdf {
        let bytes = super::print::print_document(files, chromium)?;
        let name = "guidebook.pdf".to_string();
        let options = print::PrintOptions::from_config(&guide.site.config);
        manifest.put(super::print::record(
            guide,
            &options,
            false,
            name.clone(),
            &bytes,
        )?);
        files.add(name, bytes);
    }
    if !manifest.pdfs.is_empty() {
        files.add(crate::pdfs::MANIFEST_PATH, manifest.to_json());
    }
    Ok(manifest)
}

/// The PDFs at the root of the current output go into the new one. Those with a record keep it
/// (when the file is still there); a `guidebook*.pdf` without one (put there by hand, or by a
/// shirube before the manifest) is carried too but not linked: nothing says what it covers.
fn carry_pdfs(out_dir: &Path, files: &mut output::Files) -> Manifest {
    let mut manifest = Manifest::read(out_dir);
    manifest.pdfs.retain(|r| out_dir.join(&r.file).is_file());
    if let Ok(dir) = std::fs::read_dir(out_dir) {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if crate::pdfs::is_pdf_name(&name) && entry.path().is_file() {
                files.carry(name, entry.path());
            }
        }
    }
    manifest
}
