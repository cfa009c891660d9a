//! The shelf of PDFs: which printed editions were made (`shirube print`, `build --pdf`), and what
//! each one is — kept in the output as `print/pdfs.json`, so that a later `build` carries the
//! PDFs into the new output and links them from the home page and the listings.
//!
//! Each record says what the PDF covers (whole guide, an area, a service; furigana; large print),
//! its size and page count, and the content it was made from: the content's own date (site.yaml's
//! `data_date`, else the newest `verified` of an entry — never the clock, so two builds of the
//! same content write the same bytes) and a fingerprint of the content. A PDF made from older
//! content is kept, never dropped: a council may have handed it out and linked it, and making a
//! new one needs Chromium, which the machine that builds may not have. The pages say the date of
//! its content, and say that the web edition is newer when the fingerprint differs.

use crate::content::date::Date;
use crate::content::model::Site;
use crate::lang::{Localized, Msg, msg};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where the manifest is, relative to the output root.
pub const MANIFEST_PATH: &str = "print/pdfs.json";

/// One PDF at the output root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfRecord {
    /// The file name at the output root: `guidebook.pdf`, `guidebook-kita-b-type-large.pdf`.
    pub file: String,
    /// What it covers, in Japanese: 「ガイドブック全体」, 「北部・就労継続支援B型（大きな文字）」.
    pub label: String,
    /// The area id of an area's edition.
    #[serde(default)]
    pub area: Option<String>,
    /// The listing id of a service's edition (`b-type`, `centers` …).
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub furigana: bool,
    #[serde(default)]
    pub large_print: bool,
    pub bytes: u64,
    pub pages: u32,
    /// The date of the content it was made from (`YYYY-MM-DD`), when the content has one.
    #[serde(default)]
    pub content_date: Option<String>,
    /// `fingerprint` of the content it was made from.
    pub content: String,
}

impl PdfRecord {
    /// The whole guide (every entry), in any of its editions.
    pub fn is_whole(&self) -> bool {
        self.area.is_none() && self.service.is_none()
    }
}

/// Every PDF in an output, in file-name order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub pdfs: Vec<PdfRecord>,
}

impl Manifest {
    /// The manifest in an output folder. A missing or unreadable one is an empty shelf: the
    /// manifest is the build's own file, and losing it loses links, never the site.
    pub fn read(out_dir: &Path) -> Manifest {
        std::fs::read(out_dir.join(MANIFEST_PATH))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
            .map(|mut m| {
                m.pdfs.retain(|r| is_pdf_name(&r.file));
                m.sort();
                m
            })
            .unwrap_or_default()
    }

    /// Adds or replaces the record of `record.file`.
    pub fn put(&mut self, record: PdfRecord) {
        self.pdfs.retain(|r| r.file != record.file);
        self.pdfs.push(record);
        self.sort();
    }

    fn sort(&mut self) {
        // The whole guide first, its ordinary edition before furigana and large print, then by
        // file name: the order never depends on when each was made.
        let key = |r: &PdfRecord| (!r.is_whole(), r.furigana || r.large_print, r.file.clone());
        self.pdfs.sort_by_key(key);
        self.pdfs.dedup_by(|a, b| a.file == b.file);
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Writes the manifest into `out_dir`, through a temporary file renamed into place.
    pub fn write(&self, out_dir: &Path) -> std::io::Result<()> {
        let path = out_dir.join(MANIFEST_PATH);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let staging = path.with_extension("json.tmp");
        std::fs::write(&staging, self.to_json())?;
        std::fs::rename(&staging, &path)
    }
}

/// Only names `shirube print` makes are carried or linked: `guidebook.pdf`, `guidebook-….pdf`
/// with lowercase letters, digits and hyphens — never a path, whatever a manifest says.
pub fn is_pdf_name(name: &str) -> bool {
    name.strip_prefix("guidebook")
        .and_then(|rest| rest.strip_suffix(".pdf"))
        .is_some_and(|middle| {
            middle.is_empty()
                || (middle.starts_with('-')
                    && middle
                        .bytes()
                        .all(|b| b == b'-' || b.is_ascii_lowercase() || b.is_ascii_digit()))
        })
}

/// The content's date: site.yaml's `data_date`, else the newest `verified` of an entry.
pub fn content_date(site: &Site) -> Option<Date> {
    site.config
        .data_date
        .or_else(|| site.entries.iter().filter_map(|e| e.verified).max())
}

/// A fingerprint of the content (every typed fact, page and term): the same content gives the
/// same fingerprint, any change of it another.
pub fn fingerprint(site: &Site) -> String {
    // The JSON goes straight into the hash: a national site's is tens of MB.
    let mut hasher = Sha256::new();
    let _ = serde_json::to_writer(crate::hashing::Feed(|bytes| hasher.update(bytes)), site);
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// A PDF whose pages could not be counted (Chromium wrote something that is not a PDF).
#[derive(Debug, thiserror::Error)]
pub struct PageCountError(String);

impl Localized for PageCountError {
    fn msg(&self) -> Msg {
        msg(
            format!("できた PDF のページ数を読めません（{}）", self.0),
            format!("cannot count the pages of the PDF made ({})", self.0),
        )
    }
}

crate::display_localized!(PageCountError);

/// The number of pages of a PDF, from its page tree: the `/Count` of the catalogue's root
/// `/Pages` node (PDF 32000-1, 7.7.3.2), read by lopdf through the cross-reference table or
/// stream, as any PDF reader does.
pub fn page_count(bytes: &[u8]) -> Result<u32, PageCountError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| PageCountError(e.to_string()))?;
    let count = doc.get_pages().len();
    u32::try_from(count).map_err(|e| PageCountError(e.to_string()))
}

/// 「1.2 MB」, 「350 KB」: the size as a family reads it (1 MB = 1,000,000 bytes, as phones
/// show file sizes), rounded to the nearest.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..999_500 => format!("{} KB", (bytes + 500) / 1_000),
        _ => {
            let tenths = (bytes + 50_000) / 100_000;
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_pdf_name("guidebook.pdf"));
        assert!(is_pdf_name("guidebook-kita-b-type-large.pdf"));
        assert!(!is_pdf_name("guidebook-../x.pdf"));
        assert!(!is_pdf_name("guidebook/x.pdf"));
        assert!(!is_pdf_name("guidebookx.pdf"));
        assert!(!is_pdf_name("notes.pdf"));
    }

    #[test]
    fn sizes() {
        assert_eq!(size_text(999), "999 B");
        assert_eq!(size_text(350_200), "350 KB");
        assert_eq!(size_text(999_600), "1.0 MB");
        assert_eq!(size_text(1_234_567), "1.2 MB");
        assert_eq!(size_text(12_000_000), "12.0 MB");
    }

    #[test]
    fn bad_manifest_is_an_empty_shelf() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("print")).unwrap();
        std::fs::write(dir.path().join(MANIFEST_PATH), "{ not json").unwrap();
        assert_eq!(Manifest::read(dir.path()), Manifest::default());
    }

    #[test]
    fn not_a_pdf_has_no_page_count() {
        assert!(page_count(b"%PDF-1.4 garbage").is_err());
    }
}
