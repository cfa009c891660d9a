//! The photo cache: `.shirube-cache/photos/` in the site folder. Encoding a phone photo into six
//! renditions takes most of a cold build; an unchanged photo is read from here instead, by
//! `build`, `serve` and `check` alike.
//!
//! - The key is SHA-256 of the settings (`renditions::SETTINGS`) and the original's bytes: a
//!   changed photo or changed settings misses, a renamed or moved photo hits.
//! - `<key>.size` says that the photo decoded and how big it is (written by check);
//!   `<key>.photos` holds its renditions (written by the assets stage).
//! - Every write goes to a temporary file that is then renamed, so a build that is interrupted,
//!   or two builds at once, never leave half a file under a key.
//! - After a build, files of keys the site no longer uses are removed (`prune`).
//! - The folder ignores itself (`.gitignore` with `*`), so it is never committed, and carries a
//!   `CACHEDIR.TAG` so that backup tools skip it. Deleting it is always safe.
//!
//! The cache is an optimisation: a cache that cannot be read or written is treated as empty,
//! and the build goes on with the same result.

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The cache's folder in a site, beside `content/`.
pub const CACHE_DIR: &str = ".shirube-cache";

const SIZE: &str = "size";
const PHOTOS: &str = "photos";
const BUNDLE_MAGIC: &str = "shirube-photos 1\n";
/// A temporary file older than this belongs to no running build.
const STALE_TEMP: Duration = Duration::from_secs(3600);

#[derive(Debug, Clone)]
pub struct Cache {
    dir: Option<PathBuf>,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Cache {
    /// The cache of the site in `site_dir`.
    pub fn for_site(site_dir: &Path) -> Cache {
        Cache {
            dir: Some(site_dir.join(CACHE_DIR).join("photos")),
        }
    }

    /// No cache: every photo is decoded and encoded.
    pub fn none() -> Cache {
        Cache { dir: None }
    }

    /// The key of an original: its bytes and every setting that shapes its renditions.
    pub fn key(original: &[u8]) -> String {
        let mut hash = Sha256::new();
        hash.update(crate::assets::renditions::SETTINGS.as_bytes());
        hash.update([0]);
        hash.update(original);
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Width and height of a photo that decoded before.
    pub fn size(&self, key: &str) -> Option<(u32, u32)> {
        let text = std::fs::read_to_string(self.path(key, SIZE)?).ok()?;
        let (w, h) = text.trim().split_once('x')?;
        Some((w.parse().ok()?, h.parse().ok()?))
    }

    pub fn remember_size(&self, key: &str, width: u32, height: u32) {
        self.write(key, SIZE, format!("{width}x{height}\n").as_bytes());
    }

    /// The renditions stored under `key`, by name (`480.webp` …).
    pub fn renditions(&self, key: &str) -> Option<Vec<(String, Vec<u8>)>> {
        let data = std::fs::read(self.path(key, PHOTOS)?).ok()?;
        parse_bundle(&data)
    }

    pub fn store_renditions(&self, key: &str, files: &[(String, Vec<u8>)]) {
        let mut data = BUNDLE_MAGIC.as_bytes().to_vec();
        for (name, bytes) in files {
            data.extend(format!("{name} {}\n", bytes.len()).as_bytes());
            data.extend(bytes);
        }
        self.write(key, PHOTOS, &data);
    }

    /// Removes every file whose key is not in `keep`, and temporary files left by builds that
    /// were interrupted. Returns how many files went.
    pub fn prune(&self, keep: &BTreeSet<String>) -> usize {
        let Some(dir) = &self.dir else { return 0 };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = if name.starts_with(".tmp-") {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .is_some_and(|age| age > STALE_TEMP)
            } else {
                let key = name.split('.').next().unwrap_or("");
                !keep.contains(key)
            };
            if stale && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    fn path(&self, key: &str, what: &str) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key}.{what}")))
    }

    /// Writes `<key>.<what>` atomically; a failure only means the next build works again.
    fn write(&self, key: &str, what: &str, bytes: &[u8]) {
        let Some(dir) = &self.dir else { return };
        store(dir, &format!("{key}.{what}"), bytes);
    }
}

/// Writes `dir/name` in a folder of the cache (`dir` inside it) through a temporary file
/// renamed into place, so that an interrupted build, or two at once, never leave half a file;
/// a failure only means the next build works again.
pub(crate) fn store(dir: &Path, name: &str, bytes: &[u8]) {
    if make_dir(dir).is_err() {
        return;
    }
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".tmp-{}-{n}-{name}", std::process::id()));
    if std::fs::write(&temp, bytes).is_err() || std::fs::rename(&temp, dir.join(name)).is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

/// The cache's folder `dir` (a folder of `.shirube-cache/`), with `.gitignore` and
/// `CACHEDIR.TAG` at the top of the cache.
pub(crate) fn make_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    mark_root(dir.parent().unwrap_or(dir));
    Ok(())
}

/// `.gitignore` and `CACHEDIR.TAG` at the top of the cache folder, once.
fn mark_root(root: &Path) {
    let ignore = root.join(".gitignore");
    if !ignore.exists() {
        let _ = std::fs::write(
            ignore,
            "# shirube's cache (photos, QR codes, search index, print edition, open data, readings): never committed, always safe to delete.\n*\n",
        );
    }
    let tag = root.join("CACHEDIR.TAG");
    if !tag.exists() {
        let _ = std::fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This folder is shirube's cache of photos, QR codes, search index slices, print edition and open data slices, and readings; see https://bford.info/cachedir/\n",
        );
    }
}

fn parse_bundle(data: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut rest = data.strip_prefix(BUNDLE_MAGIC.as_bytes())?;
    let mut files = Vec::new();
    while !rest.is_empty() {
        let end = rest.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&rest[..end]).ok()?;
        let (name, len) = header.split_once(' ')?;
        let len: usize = len.parse().ok()?;
        let body = rest.get(end + 1..end + 1 + len)?;
        files.push((name.to_string(), body.to_vec()));
        rest = &rest[end + 1 + len..];
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_reads_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::for_site(dir.path());
        let (a, b) = (Cache::key(b"a"), Cache::key(b"b"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(cache.size(&a), None);
        cache.remember_size(&a, 4032, 3024);
        assert_eq!(cache.size(&a), Some((4032, 3024)));
        let files = vec![("480.webp".to_string(), vec![1, 2, 10, 3])];
        cache.store_renditions(&a, &files);
        cache.store_renditions(&b, &[]);
        assert_eq!(cache.renditions(&a), Some(files));
        assert_eq!(cache.renditions(&b), Some(vec![]));
        let root = dir.path().join(CACHE_DIR);
        assert!(root.join(".gitignore").is_file() && root.join("CACHEDIR.TAG").is_file());

        assert_eq!(cache.prune(&BTreeSet::from([a.clone()])), 1);
        assert!(cache.renditions(&b).is_none());
        assert!(cache.renditions(&a).is_some() && cache.size(&a).is_some());
    }

    #[test]
    fn a_damaged_bundle_is_a_miss() {
        assert!(parse_bundle(b"shirube-photos 1\n480.webp 10\nabc").is_none());
        assert!(parse_bundle(b"something else").is_none());
        let none = Cache::none();
        none.remember_size("k", 1, 1);
        assert_eq!(none.size("k"), None);
    }
}
