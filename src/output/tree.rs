//! The staging folder's trees: the output linked in, and what a folder holds, for the sweep.

use super::manifest::{Known, Linked, Stamp};
use std::fs;
use std::io;
use std::path::Path;

/// Links every file of `from` (the live output) into `to` (a new staging folder) at the same
/// path, making its folders. Run beside the build: a path the build has already written keeps
/// the build's file. A file whose record (`known`) held just before its link goes into `linked`,
/// so that the build need not read it back. Gives what `to` then holds, each folder after what
/// it holds (as [`list`]: the output's walk, not a second walk of the staging folder), or `None`
/// at once where the file system cannot link (the output on a mount of its own): the build then
/// writes every file, as into any new folder.
pub(super) fn link_tree(
    from: &Path,
    to: &Path,
    known: &Known,
    linked: &Linked,
) -> Option<Vec<String>> {
    let mut walked = Vec::new();
    let mut count = 0usize;
    for entry in walkdir::WalkDir::new(from)
        .min_depth(1)
        .into_iter()
        .flatten()
    {
        let Ok(rel) = entry.path().strip_prefix(from) else {
            continue;
        };
        let target = to.join(rel);
        let rel = crate::paths::slash(rel);
        let file_type = entry.file_type();
        if file_type.is_dir() {
            let _ = fs::create_dir(&target);
        } else if file_type.is_file() {
            // Its identity before the link, while it is the file its record describes.
            let record = (known.len() > 0)
                .then(|| entry.metadata().ok().as_ref().and_then(Stamp::of))
                .flatten()
                .and_then(|stamp| Some((stamp, known.hash_of(&rel, stamp)?)));
            // Noted before the link, so that the build, finding the link the moment it is
            // there, also finds its record (a record of a link that then fails matches no file:
            // it names the live file's inode).
            if let Some((stamp, hash)) = record {
                linked.add(&rel, stamp, hash);
            }
            match fs::hard_link(entry.path(), &target) {
                Ok(()) => count += 1,
                Err(e) if count == 0 && e.kind() != io::ErrorKind::AlreadyExists => return None,
                Err(_) => {}
            }
        }
        walked.push(rel);
    }
    // The walk gives each folder before what it holds; backwards, after.
    walked.reverse();
    Some(walked)
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

#[cfg(test)]
mod tests {
    use super::super::manifest::{self, Known, Linked, Stamp};
    use super::*;
    use std::time::{Duration, SystemTime};

    fn stamp_of(path: &Path) -> Stamp {
        Stamp::of(&fs::metadata(path).unwrap()).unwrap()
    }

    /// The output linked into a new staging folder: every file linked, the folder's contents
    /// listed as a walk of it lists them, and the files whose records held known without being
    /// read, until their contents change.
    #[test]
    fn linked_files_keep_their_records() {
        let dir = tempfile::tempdir().unwrap();
        let (live, staged) = (dir.path().join("out"), dir.path().join("staging"));
        fs::create_dir_all(live.join("entries/hikari")).unwrap();
        fs::write(live.join("entries/hikari/index.html"), "<p>ひかり</p>").unwrap();
        fs::write(live.join("feed.xml"), "<feed/>").unwrap();
        fs::create_dir(&staged).unwrap();
        let page = "entries/hikari/index.html";
        let hash = manifest::hash("<p>ひかり</p>".as_bytes());
        let records = [(manifest::key(page), stamp_of(&live.join(page)), hash)];
        let saved = dir.path().join(".out.files");
        manifest::save(&saved, &dir.path().join(".out.files.1"), &records).unwrap();
        let later = SystemTime::now() + Duration::from_secs(1);
        let file = fs::File::options().write(true).open(&saved).unwrap();
        file.set_modified(later).unwrap();
        let known = Known::load(&[&saved]);
        let linked = Linked::default();

        let listed = link_tree(&live, &staged, &known, &linked).expect("linked");
        let mut walked = list(&staged).unwrap();
        let mut sorted = listed.clone();
        sorted.sort();
        walked.sort();
        assert_eq!(sorted, walked);
        let at = |rel: &str| listed.iter().position(|r| r == rel).unwrap();
        assert!(at(page) < at("entries/hikari") && at("entries/hikari") < at("entries"));
        // The same file, known by its record though the link moved its change time.
        let now = stamp_of(&staged.join(page));
        assert_eq!(now, stamp_of(&live.join(page)));
        assert!(linked.holds(page, now, hash));
        assert!(!linked.holds(page, now, manifest::hash(b"other")));
        let feed = stamp_of(&staged.join("feed.xml"));
        assert!(!linked.holds("feed.xml", feed, manifest::hash(b"<feed/>")));
        // Written to since (other bytes of the same length): no longer known.
        std::thread::sleep(Duration::from_millis(20));
        fs::write(live.join(page), "<p>ひかる</p>").unwrap();
        assert!(!linked.holds(page, stamp_of(&staged.join(page)), hash));
    }
}
