//! The printed editions one tap away, without Chromium: PDFs that `shirube print` left in an
//! output survive the next `build` (with their record in `print/pdfs.json`) and are linked from
//! the home page and the listings with their size and pages; an output without PDFs links none.
//! And every entry's address opens the phone's map app through a `geo:` link. (The manifest that
//! `print` writes, with the page count Chromium's PDF really has, is checked in tests/print.rs.)

mod common;

use shirube::content::date::Date;
use shirube::pdfs::{MANIFEST_PATH, Manifest, PdfRecord};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(out: &Path) {
    let base = OsStr::new("tests/fixtures/base");
    common::shirube_ok(
        &repo(),
        [OsStr::new("build"), base, OsStr::new("-o"), out.as_os_str()],
    );
}

fn read(out: &Path, page: &str) -> String {
    std::fs::read_to_string(out.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The base fixture's guide, as the build makes it.
fn base_guide() -> shirube::enrich::Guide {
    let (site, diags) = shirube::check_site(
        &repo().join("tests/fixtures/base"),
        Date::parse("2026-11-01").unwrap(),
    );
    assert!(!diags.has_errors());
    shirube::enrich::enrich(site.unwrap()).unwrap()
}

/// The base fixture's content fingerprint, as the build computes it.
fn current_fingerprint() -> String {
    shirube::pdfs::fingerprint(&base_guide().site)
}

/// The fingerprint is the start of the SHA-256 of the site's JSON, as the records that earlier
/// builds wrote hold it (it is hashed as it is serialised, never held whole).
#[test]
fn the_fingerprint_is_the_hash_of_the_sites_json() {
    use sha2::{Digest, Sha256};
    let site = base_guide().site;
    let json = serde_json::to_vec(&site).unwrap();
    assert!(
        json.len() > 1000,
        "the site serialises: {} bytes",
        json.len()
    );
    let whole: String = Sha256::digest(&json)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(shirube::pdfs::fingerprint(&site), whole);
}

fn record(file: &str, label: &str, area: Option<&str>, content: &str) -> PdfRecord {
    PdfRecord {
        file: file.into(),
        label: label.into(),
        area: area.map(Into::into),
        service: None,
        furigana: false,
        large_print: false,
        bytes: 1_234_567,
        pages: 48,
        content_date: Some("2026-04-01".into()),
        content: content.into(),
    }
}

/// A small PDF's bytes (what is in it does not matter to the build, which never reads it).
const FAKE_PDF: &[u8] = b"%PDF-1.4\n% a stand-in for a printed guide\n%%EOF\n";

#[test]
fn pdfs_are_kept_across_a_build_and_linked_with_size_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(&out);
    // What `shirube print` leaves: PDFs at the root and their records.
    std::fs::write(out.join("guidebook.pdf"), FAKE_PDF).unwrap();
    std::fs::write(out.join("guidebook-kita.pdf"), FAKE_PDF).unwrap();
    std::fs::write(out.join("guidebook-stray.pdf"), FAKE_PDF).unwrap();
    let mut manifest = Manifest::default();
    manifest.put(record(
        "guidebook.pdf",
        "ガイドブック全体",
        None,
        &current_fingerprint(),
    ));
    manifest.put(record("guidebook-kita.pdf", "北部", Some("kita"), "older"));
    // A record whose file is gone is dropped, never linked.
    manifest.put(record(
        "guidebook-gone.pdf",
        "東部",
        Some("higashi"),
        "older",
    ));
    manifest.write(&out).unwrap();

    build(&out);

    for file in ["guidebook.pdf", "guidebook-kita.pdf", "guidebook-stray.pdf"] {
        assert_eq!(std::fs::read(out.join(file)).unwrap(), FAKE_PDF, "{file}");
    }
    let kept = Manifest::read(&out);
    let files: Vec<_> = kept.pdfs.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(files, ["guidebook.pdf", "guidebook-kita.pdf"]);

    let home = read(&out, "index.html");
    assert!(
        home.contains("<h2 id=\"print-h\">印刷版（PDF）</h2>"),
        "{home}"
    );
    assert!(home.contains(
        "<a class=\"pdf-link\" href=\"guidebook.pdf\" type=\"application/pdf\">ガイドブック全体<span class=\"pdf-meta\">（PDF、1.2 MB、48ページ）</span></a>"
    ));
    assert!(home.contains("href=\"guidebook-kita.pdf\""));
    assert!(!home.contains("guidebook-gone.pdf") && !home.contains("guidebook-stray.pdf"));
    assert!(home.contains("href=\"print/index.html\""));
    // Its date; and the web edition is newer than the district's PDF, not the whole guide's.
    assert!(home.contains("2026年4月1日時点の情報で作った版です。"));
    assert_eq!(
        home.matches("いまのウェブ版のほうが、新しい情報です。")
            .count(),
        1
    );

    let kita = read(&out, "areas/kita/index.html");
    let kita_links: Vec<_> = kita.match_indices("class=\"pdf-link\" href=\"").collect();
    assert_eq!(
        kita_links.len(),
        2,
        "the district's PDF and the whole guide"
    );
    assert!(
        kita.find("href=\"../../guidebook-kita.pdf\"").unwrap()
            < kita.find("href=\"../../guidebook.pdf\"").unwrap()
    );
    let higashi = read(&out, "areas/higashi/index.html");
    assert!(higashi.contains("href=\"../../guidebook.pdf\""));
    assert!(!higashi.contains("guidebook-kita.pdf"));
    let service = read(&out, "services/b-type/index.html");
    assert!(service.contains("href=\"../../guidebook.pdf\""));
    // The furigana edition links the same files.
    let furigana = read(&out, "furigana/index.html");
    assert!(furigana.contains("href=\"../guidebook.pdf\""));

    // A third build of the same content writes the same bytes.
    let before = read(&out, "index.html");
    build(&out);
    assert_eq!(read(&out, "index.html"), before);
    assert_eq!(
        std::fs::read(out.join(MANIFEST_PATH)).unwrap(),
        kept.to_json()
    );
}

#[test]
fn without_pdfs_no_pdf_is_linked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(&out);
    assert!(!out.join(MANIFEST_PATH).exists());
    for page in ["index.html", "areas/kita/index.html", "furigana/index.html"] {
        let html = read(&out, page);
        assert!(!html.contains(".pdf\""), "{page} links a PDF");
        assert!(
            html.contains("print/index.html\""),
            "{page}: the print page"
        );
    }
}

#[test]
fn every_address_opens_the_map_app() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(&out);
    let (site, _) = shirube::check_site(
        &repo().join("tests/fixtures/base"),
        Date::parse("2026-11-01").unwrap(),
    );
    for entry in site.unwrap().entries {
        let page = read(&out, &format!("entries/{}/index.html", entry.id));
        let link = page
            .split("<a class=\"map-link\" href=\"")
            .nth(1)
            .unwrap_or_else(|| panic!("{}: no map link", entry.id));
        let href = &link[..link.find('"').unwrap()];
        match entry.geo {
            Some(g) => assert!(
                href.starts_with(&format!("geo:{},{}?q={},{}%28", g.lat, g.lon, g.lat, g.lon)),
                "{href}"
            ),
            None => assert!(href.starts_with("geo:0,0?q=%"), "{href}"),
        }
        assert!(link.contains("data-apple-maps=\"maps:?"), "{}", entry.id);
        assert!(link.contains(">地図アプリで開く</a>"));
        // Nothing is loaded for it: the page has no frame or script from elsewhere.
        assert!(!page.contains("<iframe") && !page.contains("src=\"http"));
    }
}
