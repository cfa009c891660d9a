//! Putting one file into a staging folder: making room for it, and opening it so that nothing
//! is ever written through into the live output, whose files a staging folder may share.

use super::manifest::Stamp;
use crate::hashing::FastSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A file an earlier build left at a path this build writes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Existing {
    pub(super) len: u64,
    /// It shares its contents with another file (the live output's, hard-linked: a carried PDF,
    /// or every file of a staging folder linked from the output): writing into it would change
    /// the output being served, so it is unlinked before anything is written at its path.
    pub(super) shared: bool,
    /// Its identity on disk, to find it in the last builds' records (`manifest.rs`).
    pub(super) stamp: Option<Stamp>,
}

/// Makes `path` ready for a file: its folders exist (a file an earlier build left where a
/// folder is needed is removed), and a folder or a symbolic link in its place is removed.
/// Returns the file left at `path`, if there is one.
pub(super) fn make_room(
    root: &Path,
    known: &Mutex<FastSet<PathBuf>>,
    path: &Path,
) -> io::Result<Option<Existing>> {
    // What is at the path first: a file there (most paths of a rebuild) proves its folders
    // exist, and asking the file system to make them again was two calls for every page.
    let found = fs::symlink_metadata(path);
    if let Some(dir) = path.parent()
        && !known.lock().is_ok_and(|k| k.contains(dir))
    {
        if found.is_err() {
            make_folders(root, dir)?;
        }
        if let Ok(mut k) = known.lock() {
            k.insert(dir.to_path_buf());
        }
    }
    match found {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path).map(|()| None),
        Ok(meta) if meta.file_type().is_symlink() => fs::remove_file(path).map(|()| None),
        Ok(meta) => Ok(Some(Existing {
            len: meta.len(),
            shared: shares_contents(&meta),
            stamp: Stamp::of(&meta),
        })),
        Err(_) => Ok(None),
    }
}

/// Makes the folders of `path` unless `known` says they were made, as [`make_room`] does.
pub(super) fn make_folders_once(
    root: &Path,
    known: &Mutex<FastSet<PathBuf>>,
    path: &Path,
) -> io::Result<()> {
    let Some(dir) = path.parent() else {
        return Ok(());
    };
    if known.lock().is_ok_and(|k| k.contains(dir)) {
        return Ok(());
    }
    make_folders(root, dir)?;
    if let Ok(mut k) = known.lock() {
        k.insert(dir.to_path_buf());
    }
    Ok(())
}

/// Opens `path` to write a file's new bytes, given what [`make_room`] found there. A file of
/// this folder's own is written over in place. Anywhere else the file is created new, never
/// opened: a file shared with the live output (linked in) is unlinked first, and where nothing
/// was found the linking beside the build may have put the live output's file since — opened,
/// it would be written through into the output being served (a killed build once left a page of
/// its own and an empty image in the last complete output that way). `create_new` fails on
/// such a file, which is then unlinked in turn; the linking passes each path once.
pub(super) fn open_for_writing(path: &Path, existing: Option<Existing>) -> io::Result<fs::File> {
    if let Some(existing) = existing {
        if !existing.shared {
            return fs::File::create(path);
        }
        fs::remove_file(path)?;
    }
    let create = || fs::File::options().write(true).create_new(true).open(path);
    match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            create()
        }
        opened => opened,
    }
}

/// Whether the file at `path`, known to be as long as `bytes`, holds them: read in one call of
/// that length (`fs::read` asks for the size again and reads once more to find the end).
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let mut held = vec![0; bytes.len()];
    fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut held))
        .is_ok()
        && held == bytes
}

/// Makes the folder `dir` and those above it up to `root`, removing a file an earlier build
/// left where one of them is needed.
fn make_folders(root: &Path, dir: &Path) -> io::Result<()> {
    if fs::create_dir_all(dir).is_err() {
        for ancestor in dir.ancestors().take_while(|a| *a != root) {
            if fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(ancestor)?;
            }
        }
        fs::create_dir_all(dir)?;
    }
    Ok(())
}

#[cfg(unix)]
pub(super) fn shares_contents(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
pub(super) fn shares_contents(_meta: &fs::Metadata) -> bool {
    true // no link count to ask: always write a new file
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moment the linking beside the build can strike: the build found nothing at a path,
    /// then the live output's file was linked there before the build opened it.
    #[test]
    fn a_file_linked_in_after_the_build_looked_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let (live, staged) = (dir.path().join("live.html"), dir.path().join("staged.html"));
        fs::write(&live, "live").unwrap();
        fs::hard_link(&live, &staged).unwrap();
        let mut file = open_for_writing(&staged, None).unwrap();
        io::Write::write_all(&mut file, b"new").unwrap();
        assert_eq!(fs::read_to_string(&live).unwrap(), "live");
        assert_eq!(fs::read_to_string(&staged).unwrap(), "new");
        // A file of the folder's own is written over in place; a shared one found is unlinked.
        let mut file = open_for_writing(
            &staged,
            Some(Existing {
                len: 3,
                shared: false,
                stamp: None,
            }),
        )
        .unwrap();
        io::Write::write_all(&mut file, b"own").unwrap();
        fs::remove_file(&staged).unwrap();
        fs::hard_link(&live, &staged).unwrap();
        let found = Some(Existing {
            len: 4,
            shared: true,
            stamp: None,
        });
        let mut file = open_for_writing(&staged, found).unwrap();
        io::Write::write_all(&mut file, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&live).unwrap(), "live");
        assert_eq!(fs::read_to_string(&staged).unwrap(), "newer");
    }
}
