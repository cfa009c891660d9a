//! The furigana edition's readings of provider text, kept between builds in the site's cache
//! (`.shirube-cache/readings/`). Reading a text with the dictionary is the slowest thing the
//! edition does per character: at N = 10,000 the 37,700 provider texts it reads (names,
//! summaries, facts, addresses) and 19,000 runs of the theme's own text were a tenth of a first
//! build's CPU time, and as much of a rebuild, which reads every text to make the pages' keys. A
//! build with the cache restored reads only the texts that changed; a text's ruby is one look-up.
//!
//! - The file is named by its key: a 128-bit hash of this shirube (its version and its
//!   executable's size and time, as the search cache's keys), the reader's words (the site's
//!   readings and names) and the grade above which kanji get ruby. Another shirube, an edited
//!   `readings.yaml` or another grade looks for another file, never a stale reading. A pull
//!   request cannot put a file there that a build would read: it cannot know the key.
//! - Each reading is found by a hash of what it was read from: its text, how it was read (as
//!   text anywhere, as text at a place, as an address, as the theme's text) and the place's
//!   words where the place can change it (`Furigana::ruby` says when). Two texts read alike
//!   share one.
//! - The file: a header (the format and the key), the readings with their hashes, and a hash of
//!   all that. A file cut short or changed is no cache: every text is read again.
//! - The build writes the readings it used, so the file holds one build's, and only when they
//!   are not already the file's (a rebuild with nothing new writes nothing).

use crate::hashing::{FastMap, FastSet};
use crate::text::Html;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// The file's first bytes: the format.
const MAGIC: &[u8] = b"shirube-readings 1\n";
const EXTENSION: &str = "readings";
/// The cache's folder for these files, under the site's `.shirube-cache/`.
const FOLDER: &str = "readings";

/// How a text was read: the same text read another way may be read otherwise.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Way {
    /// As text whose reading no place changes.
    Anywhere,
    /// As text at a place, whose names it holds.
    AtPlace,
    /// As an address at its place.
    Address,
    /// As the theme's own text on a page (`furigana_pass.rs`), by the text as the page has it
    /// (escaped).
    Theme,
}

/// What builds with the same reader read, kept in and found from the site's cache.
#[derive(Debug)]
pub(crate) struct KeptReadings {
    dir: PathBuf,
    /// The file's key (see the module's comment).
    key: u128,
    /// The last build's readings, read from the file when the first text is looked up (beside
    /// the pages, not before them).
    last: OnceLock<Last>,
    /// Readings made now, not found in `last`: written into the next file as they are made,
    /// not held (a national guide's are 10 MB, and a first build holds its pages' too).
    made: Mutex<Made>,
}

/// The readings this build made, and the file they go into.
#[derive(Debug, Default)]
struct Made {
    keys: FastSet<u128>,
    /// Made with the first reading.
    file: Option<NewFile>,
    /// A write failed: this build keeps nothing (the next is only slower).
    failed: bool,
}

/// The next file, written beside the last one under a temporary name, then renamed over it.
struct NewFile {
    path: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    hash: Xxh3,
    count: u64,
}

/// A file of readings as read: its bytes and where each reading lies in them.
#[derive(Debug, Default)]
struct Last {
    bytes: Vec<u8>,
    /// By the hash of what it was read from: the reading's range in `bytes`, and its number.
    at: FastMap<u128, (usize, usize, usize)>,
    /// Which readings this build used (by number).
    used: Vec<AtomicBool>,
}

/// How many texts a build looked up, and of those how many it found in the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadingCounts {
    pub texts: usize,
    pub kept: usize,
}

impl KeptReadings {
    /// The readings kept in `site_dir`'s cache for a reader whose fingerprint (with the
    /// filter's) is `reader`; none when this shirube's executable cannot be found (its
    /// identity is part of the key).
    pub(crate) fn for_site(site_dir: &Path, reader: u128) -> Option<KeptReadings> {
        let identity = crate::hashing::shirube_identity()?;
        let mut hash = Xxh3::new();
        hash.update(MAGIC);
        hash.update(&identity.to_le_bytes());
        hash.update(&reader.to_le_bytes());
        Some(KeptReadings {
            dir: site_dir.join(crate::assets::cache::CACHE_DIR).join(FOLDER),
            key: hash.digest128(),
            last: OnceLock::new(),
            made: Mutex::default(),
        })
    }

    /// The hash a reading of `text` read `way` at the place whose words make `place` is kept
    /// by (`place` is ignored for [`Way::Anywhere`] and [`Way::Theme`]).
    pub(crate) fn text_key(way: Way, place: &str, text: &str) -> u128 {
        let mut hash = Xxh3::new();
        let place = match way {
            Way::Anywhere => {
                hash.update(&[0]);
                ""
            }
            Way::AtPlace => {
                hash.update(&[1]);
                place
            }
            Way::Address => {
                hash.update(&[2]);
                place
            }
            Way::Theme => {
                hash.update(&[3]);
                ""
            }
        };
        // Each part's length first: parts that only join the same are another text.
        for part in [place, text] {
            hash.update(&(part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
        hash.digest128()
    }

    /// The reading kept under `key`, or `read` now (and kept for the next build).
    pub(crate) fn get_or_read(&self, key: u128, read: impl FnOnce() -> Html) -> Html {
        let last = self.last.get_or_init(|| self.read_file());
        if let Some(&(start, end, number)) = last.at.get(&key) {
            last.used[number].store(true, Ordering::Relaxed);
            // The reader's own HTML (escaped text and its ruby tags), as this shirube wrote it:
            // the file's key is one only it can make, and its hash is checked. Checked as UTF-8
            // when the file was read, at every reading's bounds.
            let text = std::str::from_utf8(&last.bytes[start..end]).unwrap_or_default();
            return Html::from_trusted(text.to_string());
        }
        let html = read();
        if let Ok(mut made) = self.made.lock() {
            self.keep(&mut made, key, html.as_bytes());
        }
        html
    }

    /// Writes `reading` into the next file under `key`, once (two pages made at once may both
    /// have read it).
    fn keep(&self, made: &mut Made, key: u128, reading: &[u8]) {
        if made.failed || !made.keys.insert(key) {
            return;
        }
        self.write(made, key, reading);
    }

    /// Writes `reading` into the next file under `key` (the file made with the first).
    fn write(&self, made: &mut Made, key: u128, reading: &[u8]) {
        if made.failed {
            return;
        }
        let written = match &mut made.file {
            Some(file) => file.push(key, reading),
            None => NewFile::create(&self.dir, &self.file_name(), self.key).and_then(|mut file| {
                let pushed = file.push(key, reading);
                made.file = Some(file);
                pushed
            }),
        };
        if written.is_err() {
            made.failed = true;
        }
    }

    /// How many texts were looked up, and how many of them were found: each once, though
    /// two pages made at once may both have looked it up (or read it).
    pub fn counts(&self) -> ReadingCounts {
        let made = self.made.lock().map_or(0, |made| made.keys.len());
        let kept = self.last.get().map_or(0, |last| {
            last.used
                .iter()
                .filter(|used| used.load(Ordering::Relaxed))
                .count()
        });
        ReadingCounts {
            texts: kept + made,
            kept,
        }
    }

    /// Keeps the readings this build used in the cache, in place of the last build's, when they
    /// are not the file's already (quietly not, if it cannot be written).
    pub(crate) fn save(&self) {
        let Some(last) = self.last.get() else {
            // Nothing was looked up: the file is left as it is.
            return;
        };
        let Ok(mut made) = self.made.lock() else {
            return;
        };
        let all_used = last.used.iter().all(|used| used.load(Ordering::Relaxed));
        if made.keys.is_empty() && all_used {
            return;
        }
        // The last file's readings that this build used, after those it made (none of which
        // the last file had): written, not counted as made now.
        for (key, &(start, end, number)) in &last.at {
            if last.used[number].load(Ordering::Relaxed) {
                self.write(&mut made, *key, &last.bytes[start..end]);
            }
        }
        let name = self.file_name();
        let Some(file) = made.file.take().filter(|_| !made.failed) else {
            self.forget(|other| other.starts_with(".tmp-"));
            return;
        };
        if file.finish(&self.dir.join(&name)).is_ok() {
            self.forget(|other| other != name);
        }
    }

    fn file_name(&self) -> String {
        format!("{:032x}.{EXTENSION}", self.key)
    }

    /// The last build's readings for this key, or none (no file, or not a good one).
    fn read_file(&self) -> Last {
        std::fs::read(self.dir.join(self.file_name()))
            .ok()
            .and_then(|bytes| decode(bytes, self.key))
            .unwrap_or_default()
    }

    /// Removes the files of readings that `unwanted` names: other keys' (a reader's words
    /// edited, another shirube), and what a build stopped before saving left.
    fn forget(&self, unwanted: impl Fn(&str) -> bool) {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for file in listing.flatten() {
            let other = file.file_name().to_string_lossy().into_owned();
            if other.ends_with(&format!(".{EXTENSION}")) && unwanted(&other) {
                let _ = std::fs::remove_file(file.path());
            }
        }
    }
}

impl std::fmt::Debug for NewFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewFile")
            .field("path", &self.path)
            .field("count", &self.count)
            .finish()
    }
}

impl NewFile {
    /// The next file of `key`'s readings, to be renamed `name` in `dir` when it is whole.
    fn create(dir: &Path, name: &str, key: u128) -> std::io::Result<NewFile> {
        crate::assets::cache::make_dir(dir)?;
        let path = dir.join(format!(".tmp-{}-{name}", std::process::id()));
        let mut file = NewFile {
            out: std::io::BufWriter::new(std::fs::File::create(&path)?),
            path,
            hash: Xxh3::new(),
            count: 0,
        };
        file.write(MAGIC)?;
        file.write(&key.to_le_bytes())?;
        Ok(file)
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        self.hash.update(bytes);
        self.out.write_all(bytes)
    }

    fn push(&mut self, key: u128, reading: &[u8]) -> std::io::Result<()> {
        self.write(&key.to_le_bytes())?;
        self.write(&(reading.len() as u64).to_le_bytes())?;
        self.write(reading)?;
        self.count += 1;
        Ok(())
    }

    /// The number of readings and the hash of all before it, and the file renamed to `to`.
    fn finish(mut self, to: &Path) -> std::io::Result<()> {
        use std::io::Write;
        let count = self.count;
        self.write(&count.to_le_bytes())?;
        let check = self.hash.digest();
        self.out.write_all(&check.to_le_bytes())?;
        self.out.flush()?;
        std::fs::rename(&self.path, to)
    }
}

/// The file: `MAGIC`, the key, each reading's hash and length and bytes, the number of
/// readings, and an xxh3 of all that (`NewFile`).
/// The readings of a file made by `NewFile` with `key`; none when it is not one, or not whole.
fn decode(bytes: Vec<u8>, key: u128) -> Option<Last> {
    let body_len = bytes.len().checked_sub(8)?;
    let (body, check) = bytes.split_at(body_len);
    if xxh3_64(body).to_le_bytes() != check {
        return None;
    }
    // The readings lie between the key and their number.
    let readings_end = body_len.checked_sub(8)?;
    let mut cursor = Cursor {
        bytes: &body[..readings_end],
        at: MAGIC.len(),
    };
    if !body.starts_with(MAGIC) || cursor.u128()? != key {
        return None;
    }
    let mut at = FastMap::default();
    let mut number = 0;
    while cursor.at < readings_end {
        let hash = cursor.u128()?;
        let len = usize::try_from(cursor.u64()?).ok()?;
        let start = cursor.at;
        simdutf8::basic::from_utf8(cursor.take(len)?).ok()?;
        // A reading written twice (not by this shirube) is one reading.
        at.entry(hash).or_insert((start, start + len, number));
        number += 1;
    }
    let count = u64::from_le_bytes(body[readings_end..].try_into().ok()?);
    if u64::try_from(number).ok()? != count {
        return None;
    }
    let used = (0..number).map(|_| AtomicBool::new(false)).collect();
    Some(Last { bytes, at, used })
}

/// Reads a file's numbers and readings in turn.
struct Cursor<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Cursor<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(taken)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(dir: &Path) -> KeptReadings {
        KeptReadings::for_site(dir, 7).unwrap()
    }

    /// The file `kept` reads and writes.
    fn file_of(kept: &KeptReadings) -> std::path::PathBuf {
        kept.dir.join(kept.file_name())
    }

    fn ruby(text: &str) -> Html {
        Html::from_trusted(format!("<ruby>{text}<rt>よみ</rt></ruby>"))
    }

    /// A build reads what the last one did not keep, and finds what it kept; the file then
    /// holds what this build used, and only that.
    #[test]
    fn a_build_finds_what_the_last_kept_and_keeps_what_it_used() {
        let dir = tempfile::tempdir().unwrap();
        let key = |text| KeptReadings::text_key(Way::Anywhere, "", text);
        let first = kept(dir.path());
        for text in ["定員", "工賃"] {
            assert_eq!(first.get_or_read(key(text), || ruby(text)), ruby(text));
        }
        assert_eq!(first.counts(), ReadingCounts { texts: 2, kept: 0 });
        first.save();

        let second = kept(dir.path());
        let never = || panic!("read again");
        assert_eq!(second.get_or_read(key("定員"), never), ruby("定員"));
        assert_eq!(
            second.get_or_read(key("送迎"), || ruby("送迎")),
            ruby("送迎")
        );
        assert_eq!(second.counts(), ReadingCounts { texts: 2, kept: 1 });
        second.save();

        // 工賃 was not used by the second build: it is read again.
        let third = kept(dir.path());
        assert_eq!(third.get_or_read(key("送迎"), never), ruby("送迎"));
        assert_eq!(third.get_or_read(key("定員"), never), ruby("定員"));
        assert_eq!(
            third.get_or_read(key("工賃"), || ruby("工賃!")),
            ruby("工賃!")
        );
    }

    /// Texts read at a place are kept by the place's words, texts read anywhere without them,
    /// and the three ways of reading never share a reading.
    #[test]
    fn a_reading_is_kept_by_how_and_where_it_was_read() {
        let at = |way, place| KeptReadings::text_key(way, place, "水戸市");
        assert_eq!(at(Way::Anywhere, "水戸"), at(Way::Anywhere, "日立"));
        assert_ne!(at(Way::AtPlace, "水戸"), at(Way::AtPlace, "日立"));
        assert_ne!(at(Way::AtPlace, "水戸"), at(Way::Address, "水戸"));
        assert_ne!(at(Way::Anywhere, ""), at(Way::AtPlace, ""));
        // Place and text are told apart where they join.
        assert_ne!(
            KeptReadings::text_key(Way::AtPlace, "水戸", "市"),
            KeptReadings::text_key(Way::AtPlace, "水", "戸市")
        );
    }

    /// A file for another key (another shirube, other words) is not read, and is removed when
    /// this key's file is written; a damaged file is no cache.
    #[test]
    fn other_keys_and_damaged_files_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let key = KeptReadings::text_key(Way::Anywhere, "", "定員");
        let first = kept(dir.path());
        first.get_or_read(key, || ruby("定員"));
        first.save();
        let other = KeptReadings::for_site(dir.path(), 8).unwrap();
        assert_eq!(other.get_or_read(key, || ruby("別")), ruby("別"));
        other.save();
        let names: Vec<_> = std::fs::read_dir(&other.dir)
            .unwrap()
            .map(|f| f.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".readings"))
            .collect();
        assert_eq!(names, [other.file_name()]);

        let path = file_of(&other);
        let mut bytes = std::fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        let damaged = KeptReadings::for_site(dir.path(), 8).unwrap();
        assert_eq!(damaged.get_or_read(key, || ruby("新")), ruby("新"));
        std::fs::write(&path, &bytes[..middle]).unwrap();
        let cut = KeptReadings::for_site(dir.path(), 8).unwrap();
        assert_eq!(cut.get_or_read(key, || ruby("新")), ruby("新"));
    }

    /// The counts a build reports are what it looked up, before its readings are saved and
    /// after (the last file's readings go into the next one, not into the count made now).
    #[test]
    fn saving_leaves_the_counts_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let key = |text| KeptReadings::text_key(Way::Anywhere, "", text);
        let first = kept(dir.path());
        first.get_or_read(key("定員"), || ruby("定員"));
        first.save();
        let second = kept(dir.path());
        second.get_or_read(key("定員"), || panic!("read again"));
        second.get_or_read(key("送迎"), || ruby("送迎"));
        let before = second.counts();
        assert_eq!((before.texts, before.kept), (2, 1));
        second.save();
        assert_eq!(second.counts(), before);
    }

    /// A build that used every kept reading and read nothing new leaves the file as it is.
    #[test]
    fn nothing_new_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let key = KeptReadings::text_key(Way::Anywhere, "", "定員");
        let first = kept(dir.path());
        first.get_or_read(key, || ruby("定員"));
        first.save();
        let path = file_of(&first);
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = kept(dir.path());
        second.get_or_read(key, || panic!("read again"));
        second.save();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
    }
}
