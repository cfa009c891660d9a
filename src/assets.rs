//! The assets stage: photos from `content/media/` go to `media/` in the output.
//!
//! Files are copied byte for byte for now; `check` has already made sure every photo an entry
//! names exists and has alt text.

use crate::output::Files;
use std::path::Path;
use walkdir::WalkDir;

#[derive(Debug, thiserror::Error)]
#[error("reading {path}: {source}")]
pub struct AssetError {
    pub path: std::path::PathBuf,
    pub source: std::io::Error,
}

pub fn copy_media(site_dir: &Path, files: &mut Files) -> Result<usize, AssetError> {
    let media = site_dir.join("content").join("media");
    let mut count = 0;
    for entry in WalkDir::new(&media)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(&media)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path()).map_err(|source| AssetError {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.add(format!("media/{rel}"), bytes);
        count += 1;
    }
    Ok(count)
}
