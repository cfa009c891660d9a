//! The assets stage: the photos entries show go to `media/` in the output, small and private.
//!
//! - `source.rs`: the original — inside the site folder, JPEG, PNG or WebP by its bytes, within
//!   the caps on bytes and pixels; decoded and turned upright (EXIF orientation).
//! - `renditions.rs`: what is published — 480, 960 and 1440 px wide (never enlarged), WebP with
//!   a JPEG fallback; the widest JPEG is the print edition's.
//! - `cache.rs`: `.shirube-cache/photos/` in the site, keyed by content and settings.
//! - here: `probe`, check's look at one photo, and `publish`, the stage.
//!
//! Only pixels are published: decoding leaves every metadata block behind (EXIF with its GPS
//! position, XMP, ICC profiles, comments), and the encoders write none. A file in content/media
//! that no entry shows is not published at all.

pub mod cache;
pub mod renditions;
mod slices;
pub mod source;

pub(crate) use slices::forget_unused;
pub use slices::{KeptSlices, SliceCounts, SliceKey};

use crate::content::model::{Photo, Site};
use crate::lang::{Localized, Msg, msg};
use crate::output::Files;
use crate::paths::slash;
use cache::Cache;
use rayon::prelude::*;
use source::SourceProblem;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A photo that passed check but could not be made (changed or damaged since): rare, since check
/// has decoded it, and said as a build error rather than a check problem.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Decode {
        path: PathBuf,
        /// The decoder's or encoder's own words.
        detail: String,
    },
}

impl Localized for AssetError {
    fn msg(&self) -> Msg {
        match self {
            AssetError::Read { path, error } => msg(
                format!("{} を読めません（{error}）", slash(path)),
                format!("cannot read {} ({error})", slash(path)),
            ),
            AssetError::Decode { path, detail } => msg(
                format!(
                    "写真 {} から公開用の写真を作れません（作っている間に変わったか、壊れています）: {detail}",
                    slash(path)
                ),
                format!(
                    "cannot make the published photos of {} (changed during the build, or damaged): {detail}",
                    slash(path)
                ),
            ),
        }
    }
}

crate::display_localized!(AssetError);

/// What check learns about a good photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The original, resolved (symbolic links followed), inside the site folder.
    pub file: PathBuf,
    /// The cache key: content and settings (`Cache::key`).
    pub key: String,
    /// As shown: the EXIF orientation applied.
    pub width: u32,
    pub height: u32,
}

/// Reads and checks one photo. A photo the cache has seen decode before is not decoded again.
pub fn probe(file: &Path, cache: &Cache) -> Result<Probe, SourceProblem> {
    let unreadable = |e: std::io::Error| SourceProblem::Unreadable {
        detail: e.to_string(),
    };
    let bytes = std::fs::metadata(file).map_err(unreadable)?.len();
    if bytes > source::MAX_BYTES {
        return Err(SourceProblem::TooManyBytes { bytes });
    }
    let data = std::fs::read(file).map_err(unreadable)?;
    let kind = source::sniff(&data)?;
    let key = Cache::key(&data);
    let (width, height) = match cache.size(&key) {
        Some(size) => size,
        None => {
            let image = source::decode(&data, kind)?;
            cache.remember_size(&key, image.width(), image.height());
            (image.width(), image.height())
        }
    };
    Ok(Probe {
        file: file.to_path_buf(),
        key,
        width,
        height,
    })
}

/// A photo's renditions by their names in the cache's bundle (`480.webp` …).
type Bundle = Vec<(String, Vec<u8>)>;

/// What the stage did, for the build's report and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PhotoReport {
    /// Different photos published.
    pub photos: usize,
    /// Of those, made now (not found in the cache).
    pub made: usize,
    /// Files added to the output.
    pub files: usize,
}

/// Publishes every photo the site's entries show, in parallel, from the cache where it can.
/// `prune`: afterwards, drop cached photos the site no longer uses (a whole build says so; a
/// partial one, like one print edition, must not).
pub fn publish(
    site: &Site,
    cache: &Cache,
    files: &mut Files,
    prune: bool,
) -> Result<PhotoReport, AssetError> {
    // One job per different photo: the same picture in two entries is made once.
    let mut jobs: BTreeMap<&str, &Photo> = BTreeMap::new();
    for photo in site.entries.iter().flat_map(|e| &e.photos) {
        jobs.entry(photo.key.as_str()).or_insert(photo);
    }
    let made: Vec<(bool, Bundle)> = jobs
        .values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|photo| make_one(photo, cache))
        .collect::<Result<_, _>>()?;
    let mut report = PhotoReport {
        photos: jobs.len(),
        made: made.iter().filter(|(fresh, _)| *fresh).count(),
        files: 0,
    };
    let bundles: BTreeMap<&str, Bundle> = jobs
        .keys()
        .copied()
        .zip(made.into_iter().map(|(_, bundle)| bundle))
        .collect();
    // The same photo under two names is published under each (the pages name both).
    let mut published = BTreeSet::new();
    for photo in site.entries.iter().flat_map(|e| &e.photos) {
        let bundle = &bundles[photo.key.as_str()];
        for r in renditions::plan(&photo.src, &photo.key, photo.width, photo.height) {
            for path in [r.webp, r.jpeg] {
                if !published.insert(path.clone()) {
                    continue;
                }
                let name = renditions::bundle_name(&path);
                if let Some((_, bytes)) = bundle.iter().find(|(n, _)| n == name) {
                    files.add(path, bytes.clone());
                    report.files += 1;
                }
            }
        }
    }
    if prune {
        cache.prune(&jobs.keys().map(|k| k.to_string()).collect());
    }
    Ok(report)
}

/// One photo's renditions, from the cache or made now (`true`).
fn make_one(photo: &Photo, cache: &Cache) -> Result<(bool, Bundle), AssetError> {
    let plan = renditions::plan(&photo.src, &photo.key, photo.width, photo.height);
    let wanted: BTreeSet<&str> = plan
        .iter()
        .flat_map(|r| {
            [
                renditions::bundle_name(&r.webp),
                renditions::bundle_name(&r.jpeg),
            ]
        })
        .collect();
    if let Some(bundle) = cache.renditions(&photo.key)
        && bundle
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<BTreeSet<_>>()
            == wanted
    {
        return Ok((false, bundle));
    }
    let original = std::fs::read(&photo.file).map_err(|error| AssetError::Read {
        path: photo.file.clone(),
        error,
    })?;
    let bundle = renditions::make(&original, &plan).map_err(|problem| AssetError::Decode {
        path: photo.file.clone(),
        detail: format!("{problem:?}"),
    })?;
    cache.store_renditions(&photo.key, &bundle);
    Ok((true, bundle))
}
