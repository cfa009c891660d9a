//! What the last two builds into an output wrote: each file's identity on disk and a hash of its
//! bytes, kept beside the output (`.<out>.files`, and the build before's in `.<out>.files.1`).
//!
//! A rebuild makes most pages again the same, and a page that is the same is not written again
//! (writing over every file of a national site took twice as long as the whole build): the
//! staging folder's file was read back and compared, 5.5 % of a national build's CPU time (perf),
//! and a wait on the disk where the spare had left the page cache. With a record, a file whose
//! identity is still the recorded one holds the recorded bytes, and the page's hash is compared
//! with the record's instead: at N = 10,000, both editions over the spare took 2.80–2.95 s
//! against 3.03–3.14 s reading back (alternating runs).
//!
//! The identity is what `git` trusts for its index: device, inode, length, and the times of the
//! last change of contents (`mtime`) and of the inode (`ctime`, which no program can set back:
//! every write, truncation, link or unlink moves it). A record is trusted only while all of them
//! are as recorded, so a file edited by hand, copied, linked or replaced since is read again. A
//! change in the same tick of the file system's clock as the file's recorded change would leave
//! the times as they were: records are taken in the build's own staging folder, where nothing else
//! writes while it runs, and a record whose `ctime` is not older than its manifest file (written at
//! the end of the build) is not trusted, so a change made just after the build, in the tick it
//! ended in, is not missed either (git's "racy" entries). Any record that does not fit falls back
//! to reading, never to trusting.

use crate::hashing::FastMap;
use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::Mutex;

/// A file's identity on disk (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    /// Nanoseconds since 1970 (as far as the year 2262).
    mtime: i64,
    ctime: i64,
}

/// Seconds and nanoseconds as nanoseconds.
fn nanos(seconds: i64, nanoseconds: i64) -> i64 {
    seconds
        .saturating_mul(1_000_000_000)
        .saturating_add(nanoseconds)
}

impl Stamp {
    #[cfg(unix)]
    pub(super) fn of(meta: &fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.size(),
            mtime: nanos(meta.mtime(), meta.mtime_nsec()),
            ctime: nanos(meta.ctime(), meta.ctime_nsec()),
        })
    }

    /// Elsewhere there is no `ctime` to trust: every file is read back.
    #[cfg(not(unix))]
    pub(super) fn of(_meta: &fs::Metadata) -> Option<Stamp> {
        None
    }
}

impl Stamp {
    /// Whether `now` is this file, unchanged but for links made or removed since (which move
    /// only its change time).
    pub(super) fn same_but_linked(&self, now: &Stamp) -> bool {
        (self.dev, self.ino, self.len, self.mtime) == (now.dev, now.ino, now.len, now.mtime)
    }
}

/// A hash of a file's bytes: 128 bits of XXH3, so that two different pages at the same path
/// never pass for each other by chance.
pub(super) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The key of a file's records: a hash of its path in the output (kept instead of the path:
/// a national site's records are then a few MB, not twice that in strings and maps).
pub(super) fn key(rel: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_bytes())
}

/// One file's record: the key of its path, its identity, the hash of its bytes.
pub(super) type Record = (u64, Stamp, u128);

/// The records of the last builds, sorted by key.
#[derive(Debug, Default)]
pub(super) struct Known(Vec<Record>);

impl Known {
    /// The records of the manifests at `paths` (missing or unreadable ones hold none).
    pub(super) fn load(paths: &[&Path]) -> Known {
        let mut records = Vec::new();
        for path in paths {
            // Read whole and taken apart where it lies: a line at a time, each line was a
            // string of its own (a national site's two manifests: 30,000 lines, read before
            // any other core has work).
            let mut text = String::new();
            if let Ok(mut file) = fs::File::open(path)
                && let Ok(meta) = file.metadata()
                && let Some(written) = Stamp::of(&meta)
                && file.read_to_string(&mut text).is_ok()
            {
                records.extend(read(&text, written.mtime));
            }
        }
        records.sort_unstable_by_key(|(key, _, _)| *key);
        records.shrink_to_fit();
        Known(records)
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the file at `rel`, whose identity is `stamp`, is recorded to hold bytes of
    /// this hash.
    pub(super) fn holds(&self, rel: &str, stamp: Stamp, hash: u128) -> bool {
        self.hash_of(rel, stamp) == Some(hash)
    }

    /// The hash of the bytes the file at `rel` is recorded to hold while its identity is
    /// `stamp`.
    pub(super) fn hash_of(&self, rel: &str, stamp: Stamp) -> Option<u128> {
        let key = key(rel);
        let first = self.0.partition_point(|(k, _, _)| *k < key);
        self.0[first..]
            .iter()
            .take_while(|(k, _, _)| *k == key)
            .find(|(_, s, _)| *s == stamp)
            .map(|(_, _, h)| *h)
    }
}

/// The live output's files linked into a new staging folder whose records held when they were
/// linked (`tree::link_tree`), by the key of their path: the identity each had then, and the
/// hash of its bytes. A link moves the inode's change time, so the record no longer fits the
/// staging folder's file, and every linked page was read back and compared (373 MB at
/// N = 10,000, plain: alternating second builds took 1.52–1.72 s, 1.46–1.51 s with these
/// records). The file is the same while its device, inode, length and modification time are as
/// they were before the link: a write after the record was checked moves the modification time.
/// What that does not see is a write in those microseconds that also put the modification time
/// back (a program setting file times on the output while it is being built).
#[derive(Debug, Default)]
pub(super) struct Linked(Mutex<FastMap<u64, (Stamp, u128)>>);

impl Linked {
    /// `rel`, whose identity was `before` and whose record gave `hash`, is linked.
    pub(super) fn add(&self, rel: &str, before: Stamp, hash: u128) {
        if let Ok(mut linked) = self.0.lock() {
            linked.insert(key(rel), (before, hash));
        }
    }

    /// Whether the file at `rel`, whose identity is now `stamp`, is one linked with a record of
    /// this hash, unchanged since.
    pub(super) fn holds(&self, rel: &str, stamp: Stamp, hash: u128) -> bool {
        let Ok(linked) = self.0.lock() else {
            return false;
        };
        linked
            .get(&key(rel))
            .is_some_and(|(before, recorded)| *recorded == hash && before.same_but_linked(&stamp))
    }
}

/// The records of one manifest written at `written`, but those not older than it. A manifest
/// with a line that cannot be read gives none.
fn read(text: &str, written: i64) -> Vec<Record> {
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Vec::new();
    }
    let mut records = Vec::new();
    for line in lines {
        match parse(line) {
            Some(record) if record.1.ctime < written => records.push(record),
            Some(_) => {}
            None => return Vec::new(),
        }
    }
    records
}

/// The first line of a manifest: its format.
const HEADER: &str = "shirube files 1";

/// `<hash> <key> <dev> <ino> <len> <mtime> <ctime>`, times in nanoseconds.
fn parse(line: &str) -> Option<Record> {
    let mut fields = line.split(' ');
    let hash = u128::from_str_radix(fields.next()?, 16).ok()?;
    let key = u64::from_str_radix(fields.next()?, 16).ok()?;
    let mut number = || fields.next()?.parse::<i64>().ok();
    let (dev, ino, len) = (number()?, number()?, number()?);
    let stamp = Stamp {
        dev: dev as u64,
        ino: ino as u64,
        len: u64::try_from(len).ok()?,
        mtime: number()?,
        ctime: number()?,
    };
    fields.next().is_none().then_some((key, stamp, hash))
}

/// Writes the records of a build to `path` (through a temporary file beside it, renamed into
/// place: a manifest is whole or absent), after moving the one there to `previous`.
pub(super) fn save(path: &Path, previous: &Path, records: &[Record]) -> io::Result<()> {
    let temporary = path.with_extension("files-new");
    let mut out = io::BufWriter::new(fs::File::create(&temporary)?);
    writeln!(out, "{HEADER}")?;
    for (key, s, hash) in records {
        writeln!(
            out,
            "{hash:032x} {key:016x} {} {} {} {} {}",
            s.dev as i64, s.ino as i64, s.len, s.mtime, s.ctime
        )?;
    }
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    if path.exists() {
        fs::rename(path, previous)?;
    }
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn stamp_of(path: &Path) -> Stamp {
        Stamp::of(&fs::metadata(path).unwrap()).unwrap()
    }

    /// Sets the modification time of the file at `path`.
    fn set_time(path: &Path, time: SystemTime) {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(time).unwrap();
    }

    /// A manifest written after the file's last change, as at the end of a build: its time
    /// set a second on, past the file system clock's tick.
    fn saved(dir: &Path, records: &[Record]) -> std::path::PathBuf {
        let manifest = dir.join(".out.files");
        save(&manifest, &dir.join(".out.files.1"), records).unwrap();
        let later = SystemTime::now() + Duration::from_secs(1);
        set_time(&manifest, later);
        manifest
    }

    #[test]
    fn a_recorded_file_is_known_by_its_identity_and_hash() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("index.html");
        fs::write(&page, "<p>ひかり</p>").unwrap();
        let stamp = stamp_of(&page);
        let records = [(key("index.html"), stamp, hash("<p>ひかり</p>".as_bytes()))];
        let known = Known::load(&[&saved(dir.path(), &records)]);
        assert!(known.holds("index.html", stamp, hash("<p>ひかり</p>".as_bytes())));
        // Other bytes of the same length, another path: not known.
        assert!(!known.holds("index.html", stamp, hash("<p>ひかる</p>".as_bytes())));
        assert!(!known.holds("other.html", stamp, hash("<p>ひかり</p>".as_bytes())));
    }

    #[test]
    fn a_file_changed_since_its_record_is_not_known() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("index.html");
        fs::write(&page, "<p>ひかり</p>").unwrap();
        let records = [(
            key("index.html"),
            stamp_of(&page),
            hash("<p>ひかり</p>".as_bytes()),
        )];
        let known = Known::load(&[&saved(dir.path(), &records)]);
        // Edited by hand to other bytes of the same length, then its modification time put
        // back: the inode's change time still moved.
        let before = fs::metadata(&page).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        fs::write(&page, "<p>ひかる</p>").unwrap();
        set_time(&page, before);
        assert!(!known.holds(
            "index.html",
            stamp_of(&page),
            hash("<p>ひかり</p>".as_bytes())
        ));
    }

    #[test]
    fn records_as_new_as_their_manifest_are_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("index.html");
        fs::write(&page, "x").unwrap();
        let stamp = stamp_of(&page);
        let manifest = dir.path().join(".out.files");
        save(
            &manifest,
            &dir.path().join(".out.files.1"),
            &[(key("index.html"), stamp, hash(b"x"))],
        )
        .unwrap();
        // The manifest's time put back to the file's change: the same tick.
        let changed = SystemTime::UNIX_EPOCH + Duration::from_nanos(stamp.ctime as u64);
        set_time(&manifest, changed);
        assert!(!Known::load(&[&manifest]).holds("index.html", stamp, hash(b"x")));
    }

    #[test]
    fn the_previous_manifest_is_kept_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("a.html");
        fs::write(&page, "a").unwrap();
        let stamp = stamp_of(&page);
        saved(dir.path(), &[(key("a.html"), stamp, hash(b"a"))]);
        let manifest = saved(dir.path(), &[]);
        let previous = dir.path().join(".out.files.1");
        assert!(Known::load(&[&manifest, &previous]).holds("a.html", stamp, hash(b"a")));
        let text = fs::read_to_string(&previous).unwrap();
        fs::write(&previous, format!("{text}not a record\n")).unwrap();
        assert!(!Known::load(&[&previous]).holds("a.html", stamp, hash(b"a")));
    }
}
