//! The staging folder: where a build's files go before they replace the output in one swap.
//!
//! Whatever moment the process is killed at, the output is the last complete build: before the
//! swap the old one, after it the new one. The previous output, swapped out, is not deleted: it
//! stays beside the output as `.<out>.spare` and becomes the next build's staging folder, whose
//! files are overwritten in place and whose files the next build does not make are removed at
//! the end. Removing a national site's 23,000 files and creating them again took longer than
//! writing them; overwriting costs only the writes. A killed build's staging folder is a spare
//! like any other. A build that finds an output but no spare (the second build into a folder)
//! hard-links the output's files into its staging folder: the files it makes again the same stay
//! links, and a linked file is never written into (it is unlinked first), so the live output
//! cannot change before the swap.

use super::Files;
use super::made::{self, MadePages, MadeRecord};
use super::manifest::{self, Known, Linked, Record, Stamp};
use super::place::{Existing, holds, make_folders_once, make_room, open_for_writing};
use super::rewrite::rewrite;
use super::swap::{WriteError, recover, swap};
use super::tree::{link_tree, list};
use crate::hashing::FastSet;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Writes the files held in memory into a staging folder beside `out`, then puts it in place of
/// `out` in one step.
pub fn write_atomically(files: &Files, out: &Path) -> Result<(), WriteError> {
    use rayon::prelude::*;
    let staging = Staging::begin(out)?;
    files
        .files
        .par_iter()
        .try_for_each(|(rel, bytes)| staging.write(rel, bytes))?;
    let keep: BTreeSet<&str> = files.paths().collect();
    staging.complete(&files.carried, &keep)
}

/// A staging folder `.<out>.tmp-<pid>` beside the output `out`. Dropped without
/// [`Staging::complete`], it is kept as the spare.
#[derive(Debug)]
pub(super) struct Staging {
    root: PathBuf,
    out: PathBuf,
    spare: PathBuf,
    /// Where the two-step swap moves the old output for a moment.
    old: PathBuf,
    done: bool,
    /// Folders this build has made sure of: twenty thousand files in a few thousand folders
    /// need not ask the file system about each file's folder again.
    folders: Mutex<FastSet<PathBuf>>,
    /// The folder was made empty for this build and nothing is linked into it (the first build
    /// into a folder): a path holds nothing this build did not put there, and is not asked
    /// about. Asking was a failed look-up for every file, a tenth of a fresh build's time in
    /// the kernel.
    empty: bool,
    /// The live output, when it is being linked in beside the build (the second build into a
    /// folder): a page found made already is linked from it at once (`holds_made`).
    linking_from: Option<PathBuf>,
    /// What the spare held when the build began, listed by a thread of its own while the build
    /// reads the site (when a core is often idle), for the sweep at the end: walking a
    /// national site's 50,000 files and folders there held one core for a quarter of a second
    /// after every page was made.
    listing: Option<std::thread::JoinHandle<io::Result<Vec<String>>>>,
    /// What the last two builds recorded of their files (`manifest.rs`), and where; the live
    /// output's files linked in with their records (the second build into a folder).
    known: Arc<Known>,
    linked: Arc<Linked>,
    manifests: Manifests,
    /// This build's records: every file it wrote or found already holding its bytes.
    records: Mutex<Vec<Record>>,
    /// The keys the last build's pages were made with (`made.rs`), and this build's.
    made: MadePages,
    made_now: Mutex<Vec<MadeRecord>>,
    /// How many pages, and how many documents made in pieces, were found made already
    /// ([`Staging::holds_made`]).
    pub(super) kept_pages: std::sync::atomic::AtomicUsize,
    pub(super) kept_documents: std::sync::atomic::AtomicUsize,
}

/// The manifests beside the output: the last build's and the one before's; and the keys of the
/// last build's pages.
#[derive(Debug)]
struct Manifests {
    last: PathBuf,
    previous: PathBuf,
    pages: PathBuf,
}

impl Staging {
    /// The spare of the last build (or a new folder), renamed to this build's staging folder;
    /// leftovers of killed builds are dealt with first.
    pub(super) fn begin(out: &Path) -> Result<Staging, WriteError> {
        let out = absolute(out);
        let parent = out.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        fs::create_dir_all(&parent).map_err(|e| (parent.clone(), e))?;
        let spare = parent.join(format!(".{name}.spare"));
        recover(&parent, &name, &out, &spare);
        let manifests = Manifests {
            last: parent.join(format!(".{name}.files")),
            previous: parent.join(format!(".{name}.files.1")),
            pages: parent.join(format!(".{name}.pages")),
        };
        let known = Arc::new(Known::load(&[&manifests.last, &manifests.previous]));
        let linked = Arc::<Linked>::default();
        let root = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if root.exists() {
            let _ = fs::remove_dir_all(&root);
        }
        // Another build into the same folder may take the spare first: then start empty. With
        // no spare (the second build into a folder), the output is linked in file by file: its
        // pages are this build's too, mostly, and a link costs a fraction of a new file.
        let mut link_from = None;
        let mut empty = false;
        if fs::rename(&spare, &root).is_err() {
            fs::create_dir_all(&root).map_err(|e| (root.clone(), e))?;
            link_from = out.is_dir().then(|| out.clone());
            empty = link_from.is_none();
        }
        let linking_from = link_from.clone();
        let listing = {
            let (root, known, linked) = (root.clone(), known.clone(), linked.clone());
            std::thread::Builder::new()
                .name("staging-list".into())
                .spawn(move || {
                    if let Some(from) = link_from
                        && let Some(listed) = link_tree(&from, &root, &known, &linked)
                    {
                        return Ok(listed);
                    }
                    list(&root)
                })
                .ok()
        };
        Ok(Staging {
            root,
            out,
            spare,
            old: parent.join(format!(".{name}.old-{}", std::process::id())),
            done: false,
            folders: Mutex::default(),
            empty,
            linking_from,
            listing,
            // A build records about as many files as the last (half of the two builds known).
            records: Mutex::new(Vec::with_capacity(known.len() / 2 + 64)),
            made: MadePages::load(&manifests.pages),
            made_now: Mutex::new(Vec::with_capacity(known.len() / 2 + 64)),
            kept_pages: Default::default(),
            kept_documents: Default::default(),
            known,
            linked,
            manifests,
        })
    }

    /// Writes `rel` over whatever an earlier build left at that path. A file that already
    /// holds exactly these bytes is left as it is: most pages of a rebuild are the same as two
    /// builds ago, and finding that out costs less than writing it again. It is known from the
    /// last builds' records when the file is still the one recorded, else read back and
    /// compared. One that shares its contents with another (the live output's file, linked in)
    /// is only ever read, never written: it is unlinked before new bytes go to its path.
    pub(super) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.write_hashed(rel, bytes).map(|_| ())
    }

    /// [`Staging::write`] for a page made with `key` (see [`Staging::holds_made`]).
    pub(super) fn write_made(
        &self,
        rel: &str,
        bytes: &[u8],
        key: Option<u128>,
    ) -> Result<(), WriteError> {
        let hash = self.write_hashed(rel, bytes)?;
        if let Some(key) = key {
            self.note_made(rel, key, hash);
        }
        Ok(())
    }

    /// Whether the file at `rel` is the page that `key` makes: the last build made the page
    /// with this key (`made.rs`), and the file is recorded to hold the bytes it gave. It is
    /// then this build's file as it is, as if written.
    pub(super) fn holds_made(&self, rel: &str, key: u128) -> bool {
        let Some(hash) = self.made.hash_of(rel, key) else {
            return false;
        };
        let path = self.root.join(rel);
        let held = match self.make_room(&path) {
            Ok(Some(existing)) => existing
                .stamp
                .filter(|_| self.recorded(rel, &existing, hash)),
            Ok(None) => self.link_live(rel, &path, hash),
            Err(_) => None,
        };
        let Some(stamp) = held else {
            return false;
        };
        self.record(rel, Some(stamp), hash);
        self.note_made(rel, key, hash);
        true
    }

    /// While the live output is linked in beside the build, its file at `rel`, linked to `path`
    /// now when its record says it holds bytes of `hash`; the link's identity. The linking
    /// walks the output in the file system's order and the pages are made in the site's, so
    /// a third of a national site's pages were asked for before their link was there, and made
    /// and written again for nothing.
    fn link_live(&self, rel: &str, path: &Path, hash: u128) -> Option<Stamp> {
        let from = self.linking_from.as_ref()?.join(rel);
        let before = fs::symlink_metadata(&from)
            .ok()
            .filter(fs::Metadata::is_file)?;
        let before = Stamp::of(&before)?;
        // Linked beside the build since the build looked, the live file's change time moved:
        // its record is then the linking's.
        if !(self.known.holds(rel, before, hash) || self.linked.holds(rel, before, hash)) {
            return None;
        }
        match fs::hard_link(&from, path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(_) => return None,
        }
        // The file now at `path` is the live file looked at, linked by the build or beside it.
        let now = Stamp::of(&fs::symlink_metadata(path).ok()?)?;
        before.same_but_linked(&now).then_some(now)
    }

    /// Whether the file `existing` at `rel` is recorded to hold bytes of `hash`: by the last
    /// builds' records, or, linked in from the live output, by the record it had then.
    fn recorded(&self, rel: &str, existing: &Existing, hash: u128) -> bool {
        existing.stamp.is_some_and(|stamp| {
            self.known.holds(rel, stamp, hash)
                || (existing.shared && self.linked.holds(rel, stamp, hash))
        })
    }

    fn note_made(&self, rel: &str, key: u128, hash: u128) {
        if let Ok(mut made) = self.made_now.lock() {
            made.push(made::record(rel, key, hash));
        }
    }

    /// [`Staging::write`], giving the hash of the bytes.
    fn write_hashed(&self, rel: &str, bytes: &[u8]) -> Result<u128, WriteError> {
        use io::Write;
        let path = self.root.join(rel);
        let fail = |e| (path.clone(), e);
        let existing = self.make_room(&path).map_err(fail)?;
        let hash = manifest::hash(bytes);
        if let Some(existing) = existing
            && existing.len == bytes.len() as u64
            && (self.recorded(rel, &existing, hash) || holds(&path, bytes))
        {
            self.record(rel, existing.stamp, hash);
            return Ok(hash);
        }
        let written = open_for_writing(&path, existing)
            .and_then(|mut file| {
                file.write_all(bytes)?;
                file.metadata()
            })
            .map_err(fail)?;
        self.record(rel, Stamp::of(&written), hash);
        Ok(hash)
    }

    fn record(&self, rel: &str, stamp: Option<Stamp>, hash: u128) {
        if let Some(stamp) = stamp
            && let Ok(mut records) = self.records.lock()
        {
            records.push((manifest::key(rel), stamp, hash));
        }
    }

    /// Writes `rel` in pieces, as `write` makes them: for a document too large to hold twice.
    /// What an earlier build left at the path is kept as far as the new bytes agree with it.
    /// The file is recorded with the hash of its bytes, and with `key` noted as made with it
    /// (see [`Staging::holds_made`]).
    pub(super) fn write_with(
        &self,
        rel: &str,
        key: Option<u128>,
        write: impl FnOnce(&mut (dyn io::Write + Send)) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        let path = self.root.join(rel);
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        self.make_room(&path)
            .and_then(|existing| {
                rewrite(&path, existing, |out| {
                    write(&mut Hashing {
                        out,
                        hash: &mut hash,
                    })
                })
            })
            .map_err(|e| (path.clone(), e))?;
        let hash = hash.digest128();
        self.record(
            rel,
            fs::symlink_metadata(&path)
                .ok()
                .and_then(|meta| Stamp::of(&meta)),
            hash,
        );
        if let Some(key) = key {
            self.note_made(rel, key, hash);
        }
        Ok(())
    }

    /// See [`make_room`]; in an empty folder, only the folders are made (a path written
    /// twice is found when it is opened: `open_for_writing`).
    fn make_room(&self, path: &Path) -> io::Result<Option<Existing>> {
        match self.empty {
            true => make_folders_once(&self.root, &self.folders, path).map(|()| None),
            false => make_room(&self.root, &self.folders, path),
        }
    }

    pub(super) fn read(&self, rel: &str) -> Option<Vec<u8>> {
        fs::read(self.root.join(rel)).ok()
    }

    /// Gives up: the folder is kept as the spare, the output is not touched.
    pub(super) fn abandon(mut self) {
        self.retire(&self.root.clone());
        self.done = true;
    }

    /// Links the carried files in, removes what this build did not make (`keep` lists every
    /// file it made or carried), and swaps the folder with the output; the previous output
    /// becomes the spare.
    pub(super) fn complete(
        mut self,
        carried: &BTreeMap<String, PathBuf>,
        keep: &BTreeSet<&str>,
    ) -> Result<(), WriteError> {
        // The output's files are all linked in before the carried ones: linked at the same
        // moment, a carried file's copy (where the file system cannot link) could land on the
        // live file itself.
        let listed = self.listed();
        let result = self
            .link(carried)
            .and_then(|()| self.sweep(listed, keep))
            .and_then(|()| swap(&self.root, &self.out, &self.old));
        match result {
            Ok(previous) => {
                self.done = true;
                if let Some(previous) = previous {
                    self.retire(&previous);
                }
                // Only a help to the next builds: without it they read their files back.
                if let Ok(records) = self.records.get_mut() {
                    let _ = manifest::save(&self.manifests.last, &self.manifests.previous, records);
                }
                // The keys are of pages made by a key; a build that made none (a document
                // written alone) leaves the last build's, which stay true.
                if let Ok(made) = self.made_now.get_mut()
                    && !made.is_empty()
                {
                    let _ = made::save(&self.manifests.pages, made);
                }
                Ok(())
            }
            Err(error) => {
                self.abandon();
                Err(error)
            }
        }
    }

    fn link(&self, carried: &BTreeMap<String, PathBuf>) -> Result<(), WriteError> {
        for (rel, from) in carried {
            let path = self.root.join(rel);
            self.make_room(&path).map_err(|e| (path.clone(), e))?;
            let _ = fs::remove_file(&path);
            // A hard link costs nothing and survives the old output's removal.
            if fs::hard_link(from, &path).is_err() {
                fs::copy(from, &path).map_err(|e| (from.clone(), e))?;
            }
        }
        Ok(())
    }

    /// What the folder held when the build began, once the output is linked in (when it is).
    /// Everything this build made is kept, so what the sweep may remove was there then; listed
    /// again here only if that listing failed (a folder removed under it).
    fn listed(&mut self) -> io::Result<Vec<String>> {
        match self.listing.take().map(std::thread::JoinHandle::join) {
            Some(Ok(Ok(listed))) => Ok(listed),
            _ => list(&self.root),
        }
    }

    /// Removes every file of the folder that is not in `keep` (of those `listed`), and the
    /// folders left empty.
    fn sweep(
        &self,
        listed: io::Result<Vec<String>>,
        keep: &BTreeSet<&str>,
    ) -> Result<(), WriteError> {
        // A folder is empty once the sweep has passed through it exactly when no kept file lies
        // under it: known from the paths, without reading each of the site's ten thousand
        // folders a second time.
        let holding: HashSet<&str> = keep
            .iter()
            .flat_map(|rel| rel.match_indices('/').map(|(end, _)| &rel[..end]))
            .collect();
        let listed = listed.map_err(|e| (self.root.clone(), e))?;
        for rel in listed {
            if keep.contains(rel.as_str()) || holding.contains(rel.as_str()) {
                continue;
            }
            // Asked now, not taken from the listing: the build may have put a folder where a
            // file was, or removed what was in the way of its own files.
            let path = self.root.join(&rel);
            let removed = match fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => fs::remove_dir(&path),
                Ok(_) => fs::remove_file(&path),
                Err(_) => continue,
            };
            removed.map_err(|e| (path, e))?;
        }
        // An empty site still gets its folder.
        fs::create_dir_all(&self.root).map_err(|e| (self.root.clone(), e))
    }

    /// `folder` (a previous output, or an unfinished staging folder) becomes the spare; when
    /// there already is one, it is removed instead.
    fn retire(&self, folder: &Path) {
        if self.spare.exists() || fs::rename(folder, &self.spare).is_err() {
            let _ = fs::remove_dir_all(folder);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            self.retire(&self.root.clone());
        }
    }
}

/// A writer that hashes what goes through it (as `manifest::hash` hashes a whole file).
struct Hashing<'a> {
    out: &'a mut (dyn io::Write + Send),
    hash: &'a mut xxhash_rust::xxh3::Xxh3,
}

impl io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.hash.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

#[cfg(test)]
mod tests;
