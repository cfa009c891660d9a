//! The write stage. A build's files go into a staging folder beside the output as they are made
//! (`Files::staged`), or stay in memory (`Files::default`, for documents assembled to be printed
//! and for tests); either way the output folder changes only when the whole build is there, in
//! one swap (`staging.rs`). A build that fails or is interrupted leaves the last good output as
//! it was.

mod made;
mod manifest;
mod place;
mod rewrite;
mod staging;
mod swap;
mod tree;

pub use staging::write_atomically;

use staging::Staging;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// Output files by path relative to the output root (`/`-separated).
#[derive(Debug, Default)]
pub struct Files {
    /// Files held in memory (without a staging folder).
    files: BTreeMap<String, Vec<u8>>,
    /// With a staging folder: the files already written into it. Shared with the branches
    /// that write into it beside this one (`branch`).
    staging: Option<Arc<Staging>>,
    written: BTreeSet<String>,
    /// The first write that failed; the build fails with it when it commits.
    failed: Option<(PathBuf, io::Error)>,
    /// Files carried from disk as they are (the PDFs of an earlier output), not read into memory.
    carried: BTreeMap<String, PathBuf>,
}

/// A page made by the maker given to [`Files::add_made`].
#[derive(Debug)]
pub enum Made {
    /// The page's bytes, and the key it was made with (`render/page_key.rs`), if it has one: a
    /// later build that makes the page with the same key may keep the file as it is.
    Page { bytes: Vec<u8>, key: Option<u128> },
    /// Not made: the staging folder's file is the page ([`Kept::holds`] said so).
    Kept,
}

/// What a maker given to [`Files::add_made`] asks before making a page.
pub struct Kept<'a>(Option<&'a Staging>);

impl Kept<'_> {
    /// Whether the staging folder holds, at `path`, the page that `key` makes (the last build
    /// made it with this key, and the file still holds the bytes it gave). Never with the
    /// files in memory.
    pub fn holds(&self, path: &str, key: u128) -> bool {
        let Some(staging) = self.0 else {
            return false;
        };
        let held = staging.holds_made(path, key);
        if held {
            staging.kept_pages.fetch_add(1, Ordering::Relaxed);
        }
        held
    }
}

impl Files {
    /// Files that go to disk as they are added, into a staging folder beside `out` that replaces
    /// `out` on [`Files::commit`]. Holding a whole national site in memory until the end was most
    /// of a build's peak memory.
    pub fn staged(out: &Path) -> Result<Files, (PathBuf, io::Error)> {
        Ok(Files {
            staging: Some(Arc::new(Staging::begin(out)?)),
            ..Files::default()
        })
    }

    /// Files made on another thread beside these, into the same staging folder (or memory):
    /// stages that do not read each other's files run at the same time. Every branch must be
    /// [`Files::merge`]d back before the files are committed.
    pub fn branch(&self) -> Files {
        Files {
            staging: self.staging.clone(),
            ..Files::default()
        }
    }

    /// Takes in the files of a branch made with [`Files::branch`].
    pub fn merge(&mut self, branch: Files) {
        let Files {
            files,
            staging: _,
            written,
            failed,
            carried,
        } = branch;
        for path in written.iter().chain(files.keys()) {
            self.carried.remove(path);
        }
        self.files.extend(files);
        self.written.extend(written);
        self.carried.extend(carried);
        if let Some(error) = failed {
            self.failed.get_or_insert(error);
        }
    }

    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        let path = path.into();
        self.carried.remove(&path);
        match &self.staging {
            Some(staging) => {
                let result = staging.write(&path, &bytes.into());
                self.note(result);
                self.written.insert(path);
            }
            None => {
                self.files.insert(path, bytes.into());
            }
        }
    }

    /// [`Files::add`] for a file that `write` writes in pieces, straight into the staging folder
    /// when there is one: the print document of a national guide (75 MB) is never held whole.
    pub fn add_written(
        &mut self,
        path: impl Into<String>,
        write: impl FnOnce(&mut (dyn io::Write + Send)) -> io::Result<()>,
    ) {
        self.add_written_keyed(path, None, write);
    }

    /// [`Files::add_written`] for a document whose bytes are a function of `key` (as a page's
    /// are of its key: `render/page_key.rs`), noted as made with it: a later build that would
    /// make it with the same key may [`Files::keep`] it instead.
    pub fn add_written_keyed(
        &mut self,
        path: impl Into<String>,
        key: Option<u128>,
        write: impl FnOnce(&mut (dyn io::Write + Send)) -> io::Result<()>,
    ) {
        let path = path.into();
        self.carried.remove(&path);
        match &self.staging {
            Some(staging) => {
                let result = staging.write_with(&path, key, write);
                self.note(result);
                self.written.insert(path);
            }
            None => {
                let mut bytes = Vec::new();
                // Writing into a Vec fails only if `write` fails on its own.
                match write(&mut bytes) {
                    Ok(()) => {
                        self.files.insert(path, bytes);
                    }
                    Err(error) => self.note(Err((PathBuf::from(&path), error))),
                }
            }
        }
    }

    /// Whether the staging folder holds, at `path`, the document the last build made with `key`
    /// ([`Kept::holds`] for a page). It is then this build's file as it is, as if added: a
    /// document that takes work to make before its first byte (the print document) asks first.
    pub fn keep(&mut self, path: &str, key: u128) -> bool {
        let Some(staging) = &self.staging else {
            return false;
        };
        if !staging.holds_made(path, key) {
            return false;
        }
        staging.kept_documents.fetch_add(1, Ordering::Relaxed);
        self.carried.remove(path);
        self.written.insert(path.to_string());
        true
    }

    /// [`Files::add`] for files made on every core, one from each of `items`: with a staging
    /// folder, each file is written by the core that made it as soon as it is made, so a core
    /// holds one file at a time (rendered in slices and written after each, a slice of a
    /// national site's pages was 35 MB of the build's peak, and both cores waited for each
    /// other at every slice's end). `make` may ask [`Kept`] whether the staging folder already
    /// holds a page, and then not make it. Stops at the first item `make` fails on.
    pub fn add_made<T, E>(
        &mut self,
        items: &[T],
        make: impl Fn(&T, &Kept) -> Result<(String, Made), E> + Sync,
    ) -> Result<(), E>
    where
        T: Sync,
        E: Send,
    {
        use rayon::prelude::*;
        let Some(staging) = &self.staging else {
            let made: Vec<(String, Made)> = items
                .par_iter()
                .map(|item| make(item, &Kept(None)))
                .collect::<Result<_, E>>()?;
            for (path, made) in made {
                // `Kept` is never said without a staging folder.
                if let Made::Page { bytes, .. } = made {
                    self.add(path, bytes);
                }
            }
            return Ok(());
        };
        let kept = Kept(Some(staging));
        let written: Vec<(String, Result<(), swap::WriteError>)> = items
            .par_iter()
            // Every item a job of its own: rayon otherwise cuts the list into a few runs, each
            // made on one core, and the last pages listed (the compare tables, the costliest)
            // were a run that one core made alone while the other had nothing left: the last
            // sixth of a national build with both editions.
            .with_max_len(1)
            .map(|item| {
                let (path, made) = make(item, &kept)?;
                let result = match made {
                    Made::Page { bytes, key } => staging.write_made(&path, &bytes, key),
                    Made::Kept => Ok(()),
                };
                Ok((path, result))
            })
            .collect::<Result<_, E>>()?;
        for (path, result) in written {
            self.note(result);
            self.carried.remove(&path);
            self.written.insert(path);
        }
        Ok(())
    }

    /// How many pages were not made again because the staging folder held them (see
    /// [`Kept`]).
    pub fn kept_pages(&self) -> usize {
        self.staging
            .as_ref()
            .map_or(0, |staging| staging.kept_pages.load(Ordering::Relaxed))
    }

    /// How many documents added with a key were not made again because the staging folder
    /// held them (see [`Files::add_written_keyed`]).
    pub fn kept_documents(&self) -> usize {
        self.staging
            .as_ref()
            .map_or(0, |staging| staging.kept_documents.load(Ordering::Relaxed))
    }

    fn note(&mut self, result: Result<(), (PathBuf, io::Error)>) {
        if let Err(error) = result {
            self.failed.get_or_insert(error);
        }
    }

    /// `path` in the output is the file `from` as it is: hard-linked into the new output (copied
    /// where the file system cannot link). A file added with `add` at the same path wins.
    pub fn carry(&mut self, path: impl Into<String>, from: impl Into<PathBuf>) {
        let path = path.into();
        if !self.files.contains_key(&path) && !self.written.contains(&path) {
            self.carried.insert(path, from.into());
        }
    }

    /// The bytes of a file added earlier (read back from the staging folder if it has one);
    /// carried files are not among them.
    pub fn get(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        match &self.staging {
            Some(staging) if self.written.contains(path) => staging.read(path).map(Cow::Owned),
            Some(_) => None,
            None => self.files.get(path).map(|b| Cow::Borrowed(b.as_slice())),
        }
    }

    /// Leaves out a file added to the memory (not one already staged).
    pub fn forget(&mut self, path: &str) {
        self.files.remove(path);
    }

    pub fn len(&self) -> usize {
        self.files.len() + self.written.len() + self.carried.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every path, added or carried, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        let mut paths: Vec<&str> = self
            .files
            .keys()
            .chain(self.written.iter())
            .chain(self.carried.keys())
            .map(String::as_str)
            .collect();
        paths.sort_unstable();
        paths.into_iter()
    }

    /// Writes the files held in memory into the output `out` itself, each replacing its old
    /// version in one step (written beside it, then renamed over it), and leaves the output's
    /// other files as they are: the preview re-renders a few pages of the site it serves. A file
    /// that already holds the same bytes is not touched. Returns the paths it wrote, in order.
    pub fn patch(self, out: &Path) -> Result<Vec<String>, (PathBuf, io::Error)> {
        debug_assert!(self.staging.is_none() && self.carried.is_empty());
        let mut written = Vec::new();
        for (rel, bytes) in &self.files {
            let path = out.join(rel);
            if std::fs::read(&path).is_ok_and(|old| old == *bytes) {
                continue;
            }
            let fail = |e: io::Error| (path.clone(), e);
            let dir = path.parent().unwrap_or(out);
            std::fs::create_dir_all(dir).map_err(fail)?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
            std::fs::write(&temp, bytes).map_err(fail)?;
            std::fs::rename(&temp, &path).map_err(fail)?;
            written.push(rel.clone());
        }
        Ok(written)
    }

    /// Puts the files in place of the output in one step: the staging folder (made complete:
    /// carried files linked, files of an earlier build that this one did not make removed), or
    /// the files in memory written into one beside `out` (staged files go to the output they
    /// were staged for). On any error the output is left as it was.
    pub fn commit(mut self, out: &Path) -> Result<(), (PathBuf, io::Error)> {
        let Some(staging) = self.staging.take() else {
            if let Some(error) = self.failed.take() {
                return Err(error);
            }
            return write_atomically(&self, out);
        };
        let staging = Arc::try_unwrap(staging).map_err(|_| {
            // A programming error (a branch not merged), reported rather than a panic.
            let error = io::Error::other("a branch of the build's files was not merged");
            (out.to_path_buf(), error)
        })?;
        if let Some(error) = self.failed.take() {
            staging.abandon();
            return Err(error);
        }
        let keep: BTreeSet<&str> = self.paths().collect();
        staging.complete(&self.carried, &keep)
    }
}

#[cfg(test)]
mod tests {
    use super::Files;

    /// A branch writes into the same staging folder; once merged, its files are the build's
    /// (kept by the sweep, listed in `paths`), and a file it adds wins over a carried one.
    #[test]
    fn a_merged_branch_s_files_are_committed_with_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.pdf"), b"pdf").unwrap();
        let mut files = Files::staged(&out).unwrap();
        files.carry("search/x.json", out.join("old.pdf"));
        let mut side = files.branch();
        std::thread::scope(|s| {
            s.spawn(|| side.add("search/x.json", "index"));
            files.add("index.html", "page");
        });
        files.merge(side);
        assert_eq!(
            files.paths().collect::<Vec<_>>(),
            ["index.html", "search/x.json"]
        );
        files.commit(&out).unwrap();
        assert_eq!(std::fs::read(out.join("search/x.json")).unwrap(), b"index");
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"page");
    }

    /// Committing while a branch still holds the staging folder is an error, not a panic, and
    /// leaves the output as it was.
    #[test]
    fn an_unmerged_branch_fails_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("index.html"), b"old").unwrap();
        let mut files = Files::staged(&out).unwrap();
        files.add("index.html", "new");
        let side = files.branch();
        assert!(files.commit(&out).is_err());
        drop(side);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
    }

    #[test]
    fn a_file_written_in_pieces_is_staged_or_held_like_any_other() {
        use std::io;
        let write = |out: &mut (dyn io::Write + Send)| {
            out.write_all(b"<html>")?;
            out.write_all("印刷".as_bytes())?;
            out.write_all(b"</html>")
        };
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut staged = Files::staged(&out).unwrap();
        staged.add_written("print/index.html", write);
        assert_eq!(
            staged.get("print/index.html").as_deref(),
            Some("<html>印刷</html>".as_bytes())
        );
        staged.commit(&out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("print/index.html")).unwrap(),
            "<html>印刷</html>"
        );

        let mut held = Files::default();
        held.add_written("print/index.html", write);
        assert_eq!(
            held.get("print/index.html").as_deref(),
            Some("<html>印刷</html>".as_bytes())
        );
        // A writer that fails fails the build when it commits, and writes nothing.
        held.add_written("broken.html", |_| Err(io::Error::other("no")));
        assert!(held.commit(&dir.path().join("other")).is_err());
    }

    /// A file made in pieces (the print document, the open data) that the spare already holds
    /// is left as it is too; one that differs anywhere is exactly the new bytes.
    #[test]
    fn a_file_made_in_pieces_that_the_spare_holds_is_not_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let spare = dir.path().join(".output.spare");
        std::fs::create_dir_all(spare.join("print")).unwrap();
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
        let document = "<article>一</article>".repeat(10_000);
        for name in ["print/index.html", "entries.csv"] {
            std::fs::write(spare.join(name), &document).unwrap();
            let file = std::fs::File::options()
                .write(true)
                .open(spare.join(name))
                .unwrap();
            file.set_modified(long_ago).unwrap();
        }
        let changed = document.replacen("一", "二", 9_000);
        let mut files = Files::staged(&out).unwrap();
        let in_pieces = |text: String| {
            move |out: &mut (dyn std::io::Write + Send)| {
                text.as_bytes()
                    .chunks(1000)
                    .try_for_each(|p| out.write_all(p))
            }
        };
        files.add_written("print/index.html", in_pieces(document.clone()));
        files.add_written("entries.csv", in_pieces(changed.clone()));
        files.commit(&out).unwrap();
        let modified = |name: &str| {
            std::fs::metadata(out.join(name))
                .unwrap()
                .modified()
                .unwrap()
        };
        assert_eq!(modified("print/index.html"), long_ago, "left as it was");
        assert_ne!(modified("entries.csv"), long_ago);
        assert_eq!(
            std::fs::read_to_string(out.join("entries.csv")).unwrap(),
            changed
        );
        assert_eq!(
            std::fs::read_to_string(out.join("print/index.html")).unwrap(),
            document
        );
    }
}
