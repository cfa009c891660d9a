//! The printed editions as the pages link them: the home page lists every PDF, a listing the
//! PDF of its area or service and the whole guide's. Each link says what the PDF covers, its size
//! and its page count, and the date of the content it was made from — with a word when the web
//! edition has changed since (see `crate::pdfs` for why an older PDF is kept).

use crate::content::date::Date;
use crate::content::model::Site;
use crate::pdfs::{Manifest, PdfRecord, size_text};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PdfLink {
    pub url: String,
    /// What it covers: 「ガイドブック全体」, 「ガイドブック 北部」.
    pub covers: String,
    /// 「1.2 MB」
    pub size: String,
    pub pages: u32,
    /// 「2026年4月1日」: the date of the content it was made from.
    pub date: Option<String>,
    /// Made from content older than the web edition's.
    pub outdated: bool,
}

/// The PDFs an output holds, and the fingerprint of the content being built.
#[derive(Debug, Clone, Default)]
pub struct Shelf {
    records: Vec<PdfRecord>,
    current: String,
}

impl Shelf {
    pub fn new(manifest: &Manifest, current_fingerprint: &str) -> Shelf {
        Shelf {
            records: manifest.pdfs.clone(),
            current: current_fingerprint.to_string(),
        }
    }

    /// The manifest's PDFs, each marked outdated unless it was made from `site` as it is now.
    /// Without PDFs the site's fingerprint is never shown, and not worth serialising and
    /// hashing the whole site for (2% of a national build's instructions, on the pages' path).
    pub fn for_site(manifest: &Manifest, site: &Site) -> Shelf {
        match manifest.pdfs.is_empty() {
            true => Shelf::empty(),
            false => Shelf::new(manifest, &crate::pdfs::fingerprint(site)),
        }
    }

    /// No PDF: the pages say nothing of PDFs.
    pub fn empty() -> Shelf {
        Shelf::default()
    }

    /// Every PDF, the whole guide first (home page). `asset_root` leads to the output root.
    pub fn all(&self, asset_root: &str) -> Vec<PdfLink> {
        self.links(asset_root, |_| true)
    }

    /// An area's PDFs, then the whole guide's.
    pub fn for_area(&self, area: &str, asset_root: &str) -> Vec<PdfLink> {
        self.own_then_whole(asset_root, |r| {
            r.area.as_deref() == Some(area) && r.service.is_none()
        })
    }

    /// A listing's (service's) PDFs, then the whole guide's.
    pub fn for_service(&self, service: &str, asset_root: &str) -> Vec<PdfLink> {
        self.own_then_whole(asset_root, |r| {
            r.service.as_deref() == Some(service) && r.area.is_none()
        })
    }

    fn own_then_whole(&self, asset_root: &str, own: impl Fn(&PdfRecord) -> bool) -> Vec<PdfLink> {
        let mut links = self.links(asset_root, &own);
        links.extend(self.links(asset_root, PdfRecord::is_whole));
        links
    }

    fn links(&self, asset_root: &str, keep: impl Fn(&PdfRecord) -> bool) -> Vec<PdfLink> {
        self.records
            .iter()
            .filter(|r| keep(r))
            .map(|r| PdfLink {
                url: format!("{asset_root}{}", r.file),
                covers: r.label.clone(),
                size: size_text(r.bytes),
                pages: r.pages,
                date: r
                    .content_date
                    .as_deref()
                    .and_then(Date::parse)
                    .map(Date::japanese),
                outdated: r.content != self.current,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(file: &str, area: Option<&str>, service: Option<&str>) -> PdfRecord {
        PdfRecord {
            file: file.into(),
            label: file.into(),
            area: area.map(Into::into),
            service: service.map(Into::into),
            furigana: false,
            large_print: false,
            bytes: 1_234_567,
            pages: 48,
            content_date: Some("2026-04-01".into()),
            content: "abc".into(),
        }
    }

    #[test]
    fn listings_get_their_own_then_the_whole_guide() {
        let mut manifest = Manifest::default();
        manifest.put(record("guidebook.pdf", None, None));
        manifest.put(record("guidebook-kita.pdf", Some("kita"), None));
        manifest.put(record("guidebook-b-type.pdf", None, Some("b-type")));
        manifest.put(record(
            "guidebook-kita-b-type.pdf",
            Some("kita"),
            Some("b-type"),
        ));
        let shelf = Shelf::new(&manifest, "abc");
        let files = |links: Vec<PdfLink>| links.into_iter().map(|l| l.url).collect::<Vec<_>>();
        assert_eq!(
            files(shelf.for_area("kita", "../../")),
            ["../../guidebook-kita.pdf", "../../guidebook.pdf"]
        );
        assert_eq!(
            files(shelf.for_service("b-type", "")),
            ["guidebook-b-type.pdf", "guidebook.pdf"]
        );
        assert_eq!(shelf.all("").len(), 4);
        let link = &shelf.all("")[0];
        assert_eq!(link.url, "guidebook.pdf");
        assert_eq!(link.size, "1.2 MB");
        assert_eq!(link.date.as_deref(), Some("2026年4月1日"));
        assert!(!link.outdated);
        assert!(Shelf::new(&manifest, "changed").all("")[0].outdated);
    }
}
