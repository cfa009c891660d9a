//! The preview's builds (`shirube serve`). The first build, and any after a change to something
//! other than entries' facts, is a whole build. After an edit of entry files that changes no
//! entry's id, name, reading, operator, area, services or photos, only those files are read and
//! checked again, and only the pages that show those entries' facts (their own pages, the listing
//! pages with their cards) are rendered, straight into the served folder: that is what the
//! browser reloads for. [`Preview::finish`] then makes what shows every entry: the comparison
//! table, the print document, the search index and the open data.
//!
//! Whatever the order of edits, the served folder ends equal to a whole build of the same files
//! (`tests/preview.rs` holds it to that, file for file).

use super::build::{Made, build_keeping};
use super::{BuildError, BuildOptions, BuildReport};
use crate::content::load::RawDoc;
use crate::content::model::Entry;
use crate::diagnostics::Diagnostics;
use crate::output::Files;
use crate::render::{RenderOptions, Shows};
use crate::search::SliceCache;
use crate::view::categories;
use crate::view::pdfs::Shelf;
use crate::view::style::TextStyle;
use crate::{export, index, render};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub struct Preview {
    options: BuildOptions,
    /// What the served site was made from; `None` until a build succeeds.
    made: Option<Made>,
    /// Files changed since `made` was made (site-relative), edits a failed build did not take in.
    since: BTreeSet<PathBuf>,
    /// The pages and data that show every entry are older than the entries (see `finish`).
    behind: bool,
}

/// A build of the preview.
pub struct Update {
    pub report: BuildReport,
    /// The output files this build changed (`entries/a/index.html`, …), or `None` when it built
    /// the whole site.
    pub changed: Option<Vec<String>>,
}

impl Preview {
    pub fn new(options: BuildOptions) -> Preview {
        Preview {
            options,
            made: None,
            since: BTreeSet::new(),
            behind: false,
        }
    }

    /// Builds after `changed` (paths relative to the site folder, or absolute inside it). On an
    /// error the served folder is left as it was, and the next build takes these edits in too.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Update, BuildError> {
        let site_dir = &self.options.site_dir;
        self.since.extend(
            changed
                .iter()
                .map(|p| p.strip_prefix(site_dir).unwrap_or(p).to_path_buf()),
        );
        if let Some(made) = &mut self.made
            && let Some(update) = patch(made, &self.options, &self.since)?
        {
            self.since.clear();
            self.behind = true;
            return Ok(update);
        }
        let (report, made) = build_keeping(&self.options, &(), true)?;
        self.made = made;
        self.since.clear();
        self.behind = false;
        Ok(Update {
            report,
            changed: None,
        })
    }

    /// Whether [`Preview::finish`] has something to do.
    pub fn behind(&self) -> bool {
        self.behind && self.made.is_some()
    }

    /// After edits of entries' facts: the comparison table, the print document, the search index
    /// and the open data, which show every entry. Returns the output files it changed.
    pub fn finish(&mut self) -> Result<Vec<String>, BuildError> {
        let Some(made) = &self.made else {
            return Ok(Vec::new());
        };
        if !self.behind {
            return Ok(Vec::new());
        }
        let mut files = Files::default();
        let only = |shows: &Shows| matches!(shows, Shows::EveryEntry);
        let site_dir = &self.options.site_dir;
        // The pages, the print document, the index and the open data side by side, each into a
        // branch of the files, as a whole build makes them: one after the other, a national
        // guide's took seconds on one core while the other waited.
        let (mut printed, mut indexed, mut exported) =
            (files.branch(), files.branch(), files.branch());
        let (pages, (print, index)) = rayon::join(
            || render_pages(made, &self.options, &only, &mut files),
            || {
                rayon::join(
                    || {
                        let parts = crate::print::PartCache::for_site(site_dir);
                        let kept = super::build::Kept {
                            // The preview's files are in memory: no document is kept.
                            guide_key: None,
                            parts: &parts,
                            data: &export::KeptData::none(),
                        };
                        let (guide, theme) = (&made.guide, &made.theme);
                        super::build::print_edition(guide, theme, &mut printed, site_dir, &kept)
                    },
                    || {
                        rayon::join(
                            || {
                                let furigana = made.furigana.as_ref().map(|f| f as &dyn TextStyle);
                                let cache = SliceCache::for_site(site_dir);
                                index::index(&made.guide, &mut indexed, furigana, &cache)
                            },
                            || export::export(&made.guide, &mut exported),
                        )
                        .0
                    },
                )
            },
        );
        pages?;
        print?;
        index?;
        // Only the index writes under search/ here (the search page is not among these pages).
        let index_files: BTreeSet<String> = indexed
            .paths()
            .filter(|p| p.starts_with("search/"))
            .map(str::to_string)
            .collect();
        for branch in [printed, indexed, exported] {
            files.merge(branch);
        }
        // The sitemap lists the pages `files` holds, here a few; the site's pages are the same
        // ones as at the last whole build (no entry came or went), and so is its sitemap.
        files.forget("sitemap.xml");
        let out = &self.options.out_dir;
        let mut changed = files.patch(out).map_err(write_error)?;
        // Index files are named after what they hold: those this index no longer has go.
        changed.extend(remove_stale(out, "search", &index_files).map_err(write_error)?);
        self.behind = false;
        Ok(changed)
    }
}

fn write_error((path, error): (PathBuf, std::io::Error)) -> BuildError {
    BuildError::Write { path, error }
}

/// What of an entry shows on pages other than those of [`Shows::Entries`] and
/// [`Shows::EveryEntry`] (menus, counts, the order of listings, the readings of every page, the
/// photos published): when it changes, the preview builds the whole site.
fn identity(entry: &Entry) -> serde_json::Value {
    let listed_in: Vec<&str> = categories::all()
        .into_iter()
        .filter(|c| c.includes(entry))
        .map(|c| c.id())
        .collect();
    serde_json::json!({
        "id": entry.id,
        "source": entry.source,
        "name": entry.name,
        "kana": entry.kana,
        "operator": entry.operator,
        "area": entry.area,
        "kind": entry.kind().id(),
        "listed_in": listed_in,
        "photos": entry.photos,
    })
}

/// Files an editor writes beside the one it saves (`.a.md.swp`, `a.md~`, `4913`), which the
/// site does not read: `content/entries/` holds entries and nothing else a build reads.
fn ignorable(site_dir: &Path, rel: &Path) -> bool {
    let in_entries = rel.parent() == Some(Path::new("content/entries"));
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let leftover = name.starts_with('.') || name.ends_with('~');
    let markdown = rel.extension().is_some_and(|x| x == "md");
    in_entries && (leftover || (!markdown && !site_dir.join(rel).exists()))
}

/// The build after edits of entries' facts alone, or `None` when the edits need a whole build
/// (another file changed, an entry's identity changed, a file has an error — the whole build
/// then reports every problem of the site).
fn patch(
    made: &mut Made,
    options: &BuildOptions,
    since: &BTreeSet<PathBuf>,
) -> Result<Option<Update>, BuildError> {
    let start = Instant::now();
    // The linked PDFs carry a fingerprint of the whole site into every listing; with `strict`,
    // a warning of the completeness rules (found once the edits are in) would stop the build.
    if !made.manifest.pdfs.is_empty() || options.strict || since.is_empty() {
        return Ok(None);
    }
    let site_dir = &options.site_dir;
    let mut fresh = Diagnostics::default();
    let mut edits: Vec<(usize, usize, RawDoc, Entry)> = Vec::new();
    let mut files_checked = BTreeSet::new();
    for rel in since {
        if ignorable(site_dir, rel) {
            continue;
        }
        let Some(doc_index) = made.raw.entries.iter().position(|d| &d.path == rel) else {
            return Ok(None);
        };
        let Some(entry_index) = made
            .guide
            .site
            .entries
            .iter()
            .position(|e| &e.source == rel)
        else {
            return Ok(None);
        };
        let Some(doc) = crate::content::load::read_doc(site_dir, rel.clone(), &mut fresh) else {
            return Ok(None);
        };
        let config = &made.guide.site.config;
        let kana = super::build::kana_check(options, true);
        let entry =
            crate::check::check_entry(&made.raw, config, &doc, options.today, kana, &mut fresh);
        let Some(entry) = entry else {
            return Ok(None);
        };
        let old = &made.guide.site.entries[entry_index];
        let named_by_event = made.guide.site.events.iter().any(|e| {
            e.place.entry.as_deref() == Some(&old.id)
                || e.organiser.entry.as_deref() == Some(&old.id)
        });
        if identity(old) != identity(&entry) || named_by_event {
            return Ok(None);
        }
        files_checked.insert(rel.clone());
        edits.push((doc_index, entry_index, doc, entry));
    }
    if fresh.fail(options.strict) {
        return Ok(None);
    }
    // Nothing below can fail on content: the edits are taken in.
    let mut ids = BTreeSet::new();
    for (doc_index, entry_index, doc, entry) in edits {
        made.raw.entries[doc_index] = doc;
        let place = crate::text::locate(&entry.address.city, &entry.address.street);
        match place {
            Some(place) => made.guide.places.insert(entry.id.clone(), place),
            None => made.guide.places.remove(&entry.id),
        };
        ids.insert(entry.id.clone());
        made.guide.site.entries[entry_index] = entry;
    }
    // The site-wide warnings (completeness) as a whole build finds them in these files.
    let mut declared = crate::check::completeness::Declared::default();
    for doc in &made.raw.entries {
        declared.add(crate::check::completeness::Declared::of(doc));
    }
    crate::check::completeness::check(&made.raw, &made.guide.site, &declared, &mut fresh);
    // An edited address may leave its entry away from its area, or bring it back.
    crate::check::placement_warnings(&made.raw, &made.guide.site, &mut fresh);
    let mut diagnostics = made.diagnostics.clone();
    diagnostics.replace_files(&files_checked, fresh);
    made.diagnostics = diagnostics.clone();

    let mut files = Files::default();
    let only = |shows: &Shows| match shows {
        Shows::Entries(shown) => shown.iter().any(|id| ids.contains(id)),
        Shows::Frame | Shows::EveryEntry => false,
    };
    let pages = render_pages(made, options, &only, &mut files)?;
    let changed = files.patch(&options.out_dir).map_err(write_error)?;
    let report = BuildReport {
        diagnostics,
        pages,
        files: changed.len(),
        photos: Default::default(),
        // The index is made again in `finish`, after the page is served.
        index_slices: Default::default(),
        print_parts: Default::default(),
        data_slices: Default::default(),
        readings: Default::default(),
        pages_kept: 0,
        documents_kept: 0,
        pdf: None,
        timings: vec![(super::Stage::Render, start.elapsed())],
        took: start.elapsed(),
    };
    Ok(Some(Update {
        report,
        changed: Some(changed),
    }))
}

/// The pages `only` accepts, of every edition, as a whole build renders them.
fn render_pages(
    made: &Made,
    options: &BuildOptions,
    only: &(dyn Fn(&Shows) -> bool + Sync),
    files: &mut Files,
) -> Result<usize, BuildError> {
    let shelf = Shelf::for_site(&made.manifest, &made.guide.site);
    let render_options = RenderOptions {
        today: options.today,
        furigana: made.furigana.as_ref(),
        pdfs: &shelf,
        progress: &(),
        only: Some(only),
    };
    Ok(render::render(
        &made.guide,
        &made.theme,
        &render_options,
        files,
    )?)
}

/// Removes the files under `dir` of `out` that are not in `keep` (paths from the output root),
/// but for the page the site renders there (`dir/index.html`). Returns the paths removed.
fn remove_stale(
    out: &Path,
    dir: &str,
    keep: &BTreeSet<String>,
) -> Result<Vec<String>, (PathBuf, std::io::Error)> {
    let mut removed = Vec::new();
    let page = format!("{dir}/index.html");
    for file in walkdir::WalkDir::new(out.join(dir))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|f| f.file_type().is_file())
    {
        let rel = crate::paths::slash(file.path().strip_prefix(out).unwrap_or(file.path()));
        if rel != page && !keep.contains(&rel) {
            std::fs::remove_file(file.path()).map_err(|e| (file.path().to_path_buf(), e))?;
            removed.push(rel);
        }
    }
    Ok(removed)
}
