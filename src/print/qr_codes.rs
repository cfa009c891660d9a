//! QR codes made by earlier builds, kept in the site's cache (`.shirube-cache/qr/codes`): a code
//! is made from its address alone, and a guide's addresses stay the same from build to build,
//! but making one (its error correction, and its mask chosen by scoring all eight) is most of
//! the print document's work for an entry. Ten thousand codes were 1.35 of a plain national
//! build's 20.3 billion instructions.
//!
//! - A kept code is drawn only after a check that it encodes its address (`qr::encodes`: the
//!   codewords made and placed again, a small part of making the code): the file lies in the site
//!   folder, where a pull request could put one, and a printed code must never lead elsewhere. A
//!   code that fails is made again, as one not kept.
//! - One file: a header (the format, shirube's version, and the code the encoder makes of a
//!   fixed address: another encoder or another choice of masks would make other codes, and the
//!   file is then not used), then each code: a 128-bit hash of its level and text, its width
//!   and its rows of modules (codes up to 64 modules wide, as every address a guide prints;
//!   wider ones are made each time).
//! - `build` writes it again, through a temporary file renamed into place, when the print
//!   document used a code the file did not have or left one of its codes unused: the file
//!   holds the codes of the last build. `print`, which may print one district, only adds.
//! - As for the photo cache (`assets/cache.rs`): a file that cannot be read is no cache, one
//!   that cannot be written is only slower next time, and either way the codes are the same.

use super::qr::{self, Modules};
use crate::hashing::FastMap;
use crate::text::Html;
use qrcode::types::QrError;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The file's first line.
const MAGIC: &[u8] = b"shirube-qr 1\n";
/// The address the encoder's check codes (see the module's documentation).
const PROBE: &str = "https://shirube.example/entries/probe/";

/// A code kept: its width and rows (bit x of row y is the module at x, y).
#[derive(Debug, PartialEq, Eq)]
struct Code {
    width: usize,
    rows: Vec<u64>,
}

/// The codes of the cache file, and those the print document uses as it is made.
#[derive(Debug, Default)]
pub struct QrCodes {
    file: Option<PathBuf>,
    /// The file's header for this shirube and its encoder (`None`: nothing is kept).
    header: Option<Vec<u8>>,
    known: FastMap<u128, Arc<Code>>,
    /// Every code used, by key, and whether one was made (not found in the file).
    used: Mutex<(FastMap<u128, Arc<Code>>, bool)>,
}

/// What [`QrCodes::save`] keeps of the codes the file had but the print document did not use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Only the codes used: the whole guide was printed (`build`).
    Used,
    /// The file's codes too: part of the guide was printed (`print --area …`).
    All,
}

impl QrCodes {
    /// No file: every code is made.
    pub fn none() -> QrCodes {
        QrCodes::default()
    }

    /// The codes kept in the cache of the site in `site_dir`.
    pub fn for_site(site_dir: &Path) -> QrCodes {
        let file = site_dir
            .join(crate::assets::cache::CACHE_DIR)
            .join("qr")
            .join("codes");
        let header = header();
        let known = std::fs::read(&file)
            .ok()
            .and_then(|bytes| read(&bytes, header.as_ref()?))
            .unwrap_or_default();
        QrCodes {
            file: Some(file),
            header,
            known,
            used: Mutex::default(),
        }
    }

    /// The `<svg>` of `text`'s code (as [`qr::svg`] draws it), labelled with `label`.
    pub fn svg(&self, text: &str, label: &str) -> Result<Html, QrError> {
        let key = key(text);
        let kept = self
            .known
            .get(&key)
            .filter(|code| qr::encodes(text, qr::LEVEL, code.width, &code.rows));
        let (code, made) = match kept {
            Some(code) => (Arc::clone(code), false),
            None => {
                let (width, modules) = qr::modules(text, qr::LEVEL)?;
                let Modules::Rows(rows) = modules else {
                    return Ok(qr::draw(width, &modules, label));
                };
                (Arc::new(Code { width, rows }), true)
            }
        };
        // Drawn from the rows: the same `<svg>` as a code just made.
        let svg = qr::draw(code.width, &Modules::Rows(code.rows.clone()), label);
        if let Ok(mut used) = self.used.lock() {
            used.0.insert(key, code);
            used.1 |= made;
        }
        Ok(svg)
    }

    /// Notes that `text`'s code is still in use, if the file has it: its entry's part was
    /// read from the cache of parts (`part_cache.rs`), not drawn.
    pub fn note_used(&self, text: &str) {
        let key = key(text);
        if let (Some(code), Ok(mut used)) = (self.known.get(&key), self.used.lock()) {
            used.0.insert(key, Arc::clone(code));
        }
    }

    /// Writes the file again if it changed: with the codes used, and, with [`Keep::All`], the
    /// file's others.
    pub fn save(self, keep: Keep) {
        let (Some(file), Some(header)) = (self.file, self.header) else {
            return;
        };
        let Ok((mut used, made)) = self.used.into_inner() else {
            return;
        };
        let unused = self.known.keys().any(|key| !used.contains_key(key));
        let changed = made || (keep == Keep::Used && unused);
        if !changed {
            return;
        }
        if keep == Keep::All {
            for (key, code) in self.known {
                used.entry(key).or_insert(code);
            }
        }
        let mut codes: Vec<(u128, Arc<Code>)> = used.into_iter().collect();
        codes.sort_unstable_by_key(|(key, _)| *key);
        let mut bytes = header;
        for (key, code) in &codes {
            bytes.extend_from_slice(&key.to_le_bytes());
            bytes.push(code.width as u8);
            for row in &code.rows {
                bytes.extend_from_slice(&row.to_le_bytes());
            }
        }
        if let (Some(dir), Some(name)) = (file.parent(), file.file_name()) {
            crate::assets::cache::store(dir, &name.to_string_lossy(), &bytes);
        }
    }
}

/// The key of `text`'s code: a hash of its level and its bytes.
fn key(text: &str) -> u128 {
    let mut keyed = Vec::with_capacity(text.len() + 1);
    keyed.push(b'M');
    keyed.extend_from_slice(text.as_bytes());
    xxhash_rust::xxh3::xxh3_128(&keyed)
}

/// The file's header for this shirube and this encoder: `None` if the encoder cannot code the
/// probe in rows (then nothing is kept).
fn header() -> Option<Vec<u8>> {
    let (width, Modules::Rows(rows)) = qr::modules(PROBE, qr::LEVEL).ok()? else {
        return None;
    };
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    header.push(b'\n');
    header.push(width as u8);
    for row in rows {
        header.extend_from_slice(&row.to_le_bytes());
    }
    Some(header)
}

/// The codes of a file that begins with `header`; `None` if it does not, or is cut short.
fn read(bytes: &[u8], header: &[u8]) -> Option<FastMap<u128, Arc<Code>>> {
    let mut rest = bytes.strip_prefix(header)?;
    let mut codes = FastMap::default();
    while !rest.is_empty() {
        let (key, after) = rest.split_first_chunk::<16>()?;
        let (&width, after) = after.split_first()?;
        let width = usize::from(width);
        if width == 0 || width > 64 {
            return None;
        }
        let (rows, after) = after.split_at_checked(width * 8)?;
        let rows = rows
            .chunks_exact(8)
            .map(|row| u64::from_le_bytes(row.try_into().unwrap_or_default()))
            .collect();
        codes.insert(u128::from_le_bytes(*key), Arc::new(Code { width, rows }));
        rest = after;
    }
    Some(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(n: usize) -> String {
        format!("https://shirube.test/hikari/entries/office-{n}/")
    }

    /// QrCodes read from the file draw what codes just made draw; a build that used other codes
    /// leaves only those; a file of another encoder or cut short is no cache.
    #[test]
    fn kept_codes_draw_as_made() {
        let dir = tempfile::tempdir().unwrap();
        let codes = QrCodes::for_site(dir.path());
        for n in 0..5 {
            let made = codes.svg(&address(n), "ひかり").unwrap();
            assert_eq!(made, qr::svg(&address(n), "ひかり").unwrap());
        }
        codes.save(Keep::Used);
        let file = dir.path().join(".shirube-cache/qr/codes");
        let written = std::fs::read(&file).unwrap();
        assert!(dir.path().join(".shirube-cache/.gitignore").is_file());

        let codes = QrCodes::for_site(dir.path());
        assert_eq!(codes.known.len(), 5);
        for n in 0..5 {
            let kept = codes.svg(&address(n), "あおば").unwrap();
            assert_eq!(kept, qr::svg(&address(n), "あおば").unwrap());
        }
        assert!(!codes.used.lock().unwrap().1, "every code was kept");
        // Nothing new, nothing unused: the file is left as it is.
        let before = std::fs::metadata(&file).unwrap().modified().unwrap();
        codes.save(Keep::Used);
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            before
        );

        // Two used, one made: the three are kept, the other three dropped.
        let codes = QrCodes::for_site(dir.path());
        for n in [0, 1, 7] {
            codes.svg(&address(n), "ひかり").unwrap();
        }
        codes.save(Keep::Used);
        let codes = QrCodes::for_site(dir.path());
        let mut kept: Vec<u128> = codes.known.keys().copied().collect();
        kept.sort_unstable();
        let mut expected: Vec<u128> = [0, 1, 7].map(|n| key(&address(n))).to_vec();
        expected.sort_unstable();
        assert_eq!(kept, expected);
        // Printing part of the guide adds its codes and keeps the others.
        codes.svg(&address(9), "ひかり").unwrap();
        codes.save(Keep::All);
        assert_eq!(QrCodes::for_site(dir.path()).known.len(), 4);

        // A code of another address under this one's key is not drawn: the code is made.
        let mut forged = QrCodes::none();
        let (width, Modules::Rows(rows)) = qr::modules(&address(1), qr::LEVEL).unwrap() else {
            panic!("an address's code is narrow");
        };
        forged
            .known
            .insert(key(&address(0)), Arc::new(Code { width, rows }));
        assert_eq!(
            forged.svg(&address(0), "ひかり").unwrap(),
            qr::svg(&address(0), "ひかり").unwrap()
        );
        assert!(forged.used.lock().unwrap().1, "made again");

        let header = header().unwrap();
        assert!(read(&written, &header).is_some());
        assert!(read(&written[..written.len() - 3], &header).is_none());
        let mut other = written.clone();
        other[MAGIC.len() + 2] ^= 1;
        assert!(read(&other, &header).is_none());
        // A damaged file is a miss, never another code.
        std::fs::write(&file, &written[..written.len() - 3]).unwrap();
        let codes = QrCodes::for_site(dir.path());
        assert!(codes.known.is_empty());
        assert_eq!(
            codes.svg(&address(3), "ひかり").unwrap(),
            qr::svg(&address(3), "ひかり").unwrap()
        );
    }
}
