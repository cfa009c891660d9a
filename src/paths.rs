//! Paths as the guide shows them: relative, with `/` on every system, so messages, URLs and
//! output read the same on Windows and Linux.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// `content\entries\a.md` → `content/entries/a.md`.
pub fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Every file below `dir` as (path relative to `dir` with `/`, full path), sorted by name so that
/// output never depends on the file system's order. A missing folder has no files.
pub fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = slash(e.path().strip_prefix(dir).unwrap_or(e.path()));
            (rel, e.into_path())
        })
        .collect()
}
