//! The staging folder's trees: the output linked in, and what a folder holds, for the sweep.

use std::fs;
use std::io;
use std::path::Path;

/// Links every file of `from` (the live output) into `to` (a new staging folder) at the same
/// path, making its folders. Run beside the build: a path the build has already written keeps
/// the build's file. Gives up at once where the file system cannot link (the output on a
/// mount of its own): the build then writes every file, as into any new folder.
pub(super) fn link_tree(from: &Path, to: &Path) {
    let mut linked = 0usize;
    for entry in walkdir::WalkDir::new(from)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let Ok(rel) = entry.path().strip_prefix(from) else {
            continue;
        };
        let target = to.join(rel);
        let file_type = entry.file_type();
        if file_type.is_dir() {
            let _ = fs::create_dir(&target);
        } else if file_type.is_file() {
            match fs::hard_link(entry.path(), &target) {
                Ok(()) => linked += 1,
                Err(e) if linked == 0 && e.kind() != io::ErrorKind::AlreadyExists => return,
                Err(_) => {}
            }
        }
    }
}

/// Every file and folder under `root` (by its path from it), each folder after what it holds.
pub(super) fn list(root: &Path) -> io::Result<Vec<String>> {
    let mut listed = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .min_depth(1)
        .contents_first(true)
    {
        let entry = entry.map_err(io::Error::from)?;
        let path = entry.path();
        listed.push(crate::paths::slash(path.strip_prefix(root).unwrap_or(path)));
    }
    Ok(listed)
}
