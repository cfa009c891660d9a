//! A file made in pieces (the print document, the open data: tens of MB each at national scale)
//! put over the copy an earlier build left at its path: each piece is compared with the old
//! file's bytes at the same place as it is made, and nothing is written while they agree. Only
//! from the first piece that differs on is the file written; a rebuild of unchanged content
//! writes nothing at all.
//!
//! Writing such a file again every build cost a national plain build about 5% of its CPU time
//! (writing 140 MB into the page cache, truncating the old copy first, and ext4 flushing each
//! truncated file on close), all of it at the end of the build, where the print document was
//! written on one core; reading the same bytes back to compare them costs a few hundredths of a
//! second. Pages are small and made whole, and are compared in one read (`staging.rs`).

use super::place::{Existing, open_for_writing, shares_contents};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Writes a file at `path` over what [`super::place::make_room`] found there (`existing`).
/// Call [`Rewrite::finish`] when every byte is written: it drops what the old file held past
/// the new one's end.
pub(super) struct Rewrite {
    path: PathBuf,
    state: State,
    /// The old file's bytes for the piece being compared.
    scratch: Vec<u8>,
}

enum State {
    /// Every byte so far is the old file's, which is read up to `at`.
    Same { old: File, at: u64, shared: bool },
    /// The new bytes go to `file`, from where they began to differ on.
    Writing(File),
    /// A change of state failed half way (its error was returned).
    Broken,
}

impl Rewrite {
    pub(super) fn open(path: &Path, existing: Option<Existing>) -> io::Result<Rewrite> {
        let state = match existing.and_then(|existing| open_old(path, existing)) {
            Some((old, shared)) => State::Same { old, at: 0, shared },
            None => State::Writing(open_for_writing(path, existing)?),
        };
        Ok(Rewrite {
            path: path.to_path_buf(),
            state,
            scratch: Vec::new(),
        })
    }

    /// Ends the file where the last byte written ends.
    pub(super) fn finish(mut self) -> io::Result<()> {
        if let State::Same { old, at, .. } = &self.state
            && old.metadata()?.len() != *at
        {
            // The new file is the beginning of the old one: cut there.
            self.diverge()?;
        }
        Ok(())
    }

    /// From here on the new bytes differ from the old file's: they are written at `at`, into
    /// the old file when it is this folder's own, else into a new file at the path that begins
    /// with the old one's first `at` bytes (the old file is the live output's, never written).
    fn diverge(&mut self) -> io::Result<&mut File> {
        let state = std::mem::replace(&mut self.state, State::Broken);
        self.state = match state {
            State::Same {
                mut old,
                at,
                shared: false,
            } => {
                old.set_len(at)?;
                old.seek(SeekFrom::Start(at))?;
                State::Writing(old)
            }
            State::Same {
                mut old,
                at,
                shared: true,
            } => {
                let existing = Existing {
                    len: at,
                    shared: true,
                    stamp: None,
                };
                let mut new = open_for_writing(&self.path, Some(existing))?;
                old.seek(SeekFrom::Start(0))?;
                let copied = io::copy(&mut (&old).take(at), &mut new)?;
                if copied != at {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the earlier build's file became shorter while it was read",
                    ));
                }
                State::Writing(new)
            }
            other => other,
        };
        match &mut self.state {
            State::Writing(file) => Ok(file),
            _ => Err(io::Error::other("the file could not be opened for writing")),
        }
    }
}

/// The old file, open to be compared (and written into when it is this folder's own), and
/// whether it shares its contents with another file. None when it cannot be read: then it is
/// written over as any other.
fn open_old(path: &Path, existing: Existing) -> Option<(File, bool)> {
    let old = match existing.shared {
        true => File::open(path),
        false => File::options().read(true).write(true).open(path),
    }
    .ok()?;
    // Linked since it was looked at (the linking beside the build passes every path), it is
    // the live output's now and only read.
    let shared = existing.shared || old.metadata().is_ok_and(|m| shares_contents(&m));
    Some((old, shared))
}

impl Write for Rewrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let State::Same { old, at, .. } = &mut self.state {
            self.scratch.resize(buf.len(), 0);
            // An old file that ends here, or that cannot be read, differs.
            if old.read_exact(&mut self.scratch).is_ok() && self.scratch == buf {
                *at += buf.len() as u64;
                return Ok(buf.len());
            }
        }
        self.diverge()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Writing(file) => file.flush(),
            _ => Ok(()),
        }
    }
}

/// Writes the file at `path` with `write`, over what `existing` says is there, in pieces of
/// 64 KB (one read of the old file's for each while they agree).
pub(super) fn rewrite(
    path: &Path,
    existing: Option<Existing>,
    write: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, Rewrite::open(path, existing)?);
    write(&mut out)?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::place::make_room;
    use std::fs;
    use std::os::unix::fs::MetadataExt;
    use std::sync::Mutex;

    fn put(path: &Path, bytes: &[u8]) -> io::Result<()> {
        let root = path.parent().unwrap();
        let existing = make_room(root, &Mutex::default(), path)?;
        // In small pieces, as a template's output comes: several compared at once.
        rewrite(path, existing, |out| {
            bytes.chunks(7).try_for_each(|piece| out.write_all(piece))
        })
    }

    fn inode(path: &Path) -> (u64, i64, i64) {
        let meta = fs::metadata(path).unwrap();
        (meta.ino(), meta.mtime(), meta.mtime_nsec())
    }

    fn big(seed: u8) -> Vec<u8> {
        (0..200_000u32).map(|i| (i % 251) as u8 ^ seed).collect()
    }

    #[test]
    fn the_same_bytes_leave_the_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("print.html");
        fs::write(&path, big(0)).unwrap();
        let before = inode(&path);
        std::thread::sleep(std::time::Duration::from_millis(20));
        put(&path, &big(0)).unwrap();
        assert_eq!(inode(&path), before, "neither replaced nor written");
        assert_eq!(fs::read(&path).unwrap(), big(0));
    }

    #[test]
    fn a_difference_anywhere_gives_exactly_the_new_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.json");
        let old = big(0);
        let mut middle = old.clone();
        middle[150_000] ^= 1;
        let shorter = old[..120_000].to_vec();
        let mut longer = old.clone();
        longer.extend_from_slice(b"more");
        for new in [middle, shorter, longer, Vec::new(), big(3)] {
            fs::write(&path, &old).unwrap();
            put(&path, &new).unwrap();
            assert_eq!(fs::read(&path).unwrap(), new);
        }
    }

    #[test]
    fn a_file_linked_from_the_live_output_is_never_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("live.html");
        let path = dir.path().join("staged.html");
        fs::write(&live, big(0)).unwrap();

        fs::hard_link(&live, &path).unwrap();
        put(&path, &big(0)).unwrap();
        assert_eq!(inode(&path), inode(&live), "the same bytes: still the link");

        let mut new = big(0);
        new[190_000] ^= 1;
        put(&path, &new).unwrap();
        assert_eq!(fs::read(&live).unwrap(), big(0), "the output is unchanged");
        assert_eq!(fs::read(&path).unwrap(), new);
        assert_ne!(inode(&path).0, inode(&live).0);

        // A prefix of the live file, linked: cut in a copy, not in the live file.
        fs::remove_file(&path).unwrap();
        fs::hard_link(&live, &path).unwrap();
        put(&path, &big(0)[..1000]).unwrap();
        assert_eq!(fs::read(&live).unwrap(), big(0));
        assert_eq!(fs::read(&path).unwrap(), &big(0)[..1000]);
    }

    #[test]
    fn a_new_path_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/new.csv");
        put(&path, b"a,b\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"a,b\n");
    }
}
