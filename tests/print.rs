//! The print edition of the example region: the HTML document's structure (every entry numbered,
//! index in 五十音 order, QR codes, nothing that points outside the document), its variants, and
//! the PDF that Chromium makes from it, read back with poppler's pdfinfo / pdftotext / pdffonts.
//!
//! The PDF tests need Chromium and poppler-utils (`scripts/test` installs them). Without them they
//! fail, never skip: a print edition nobody checked is how broken PDFs reach schools. Set
//! `SHIRUBE_SKIP_PDF_TESTS=1` to leave them out knowingly on a machine without Chromium.

mod common;
use std::ffi::OsStr;

use shirube::content::date::Date;
use shirube::content::model::PrintLayout;
use shirube::enrich::Guide;
use shirube::print::{self, PrintOptions, Subset};
use shirube::text::sort_key;
use shirube::text::strip_author_ruby;
use shirube::text::{Html, escape};
use shirube::theme::Theme;
use shirube::view::style::{Plain, TextStyle};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn guide(site: &Path) -> Guide {
    let (site, diags) = shirube::check_site(site, Date::parse("2026-11-01").unwrap());
    assert!(!diags.has_errors(), "{diags:?}");
    shirube::enrich::enrich(site.expect("the site checks")).expect("readings load")
}

fn print_html(guide: &Guide, options: &PrintOptions, tx: &dyn TextStyle) -> String {
    let theme = Theme::load(&repo().join("themes/default")).unwrap();
    let mut files = shirube::output::Files::default();
    print::render(
        guide,
        &theme,
        tx,
        options,
        "",
        &mut files,
        &print::QrCodes::none(),
        None,
        &print::PartCache::none(),
    )
    .unwrap();
    String::from_utf8(files.get(print::DOCUMENT_PATH).unwrap().to_vec()).unwrap()
}

/// Every value of `attr="…"` in document order.
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// The text between `start` and the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} not found"))
        + start.len();
    let to = html[from..].find(end).map_or(html.len(), |i| from + i);
    &html[from..to]
}

#[test]
fn every_entry_is_printed_once_with_its_number() {
    let guide = guide(&repo());
    let html = print_html(
        &guide,
        &PrintOptions::from_config(&guide.site.config),
        &Plain,
    );
    let mut numbers = Vec::new();
    for entry in &guide.site.entries {
        let open = format!("id=\"entry-{}\" data-number=\"", entry.id);
        assert_eq!(html.matches(&open).count(), 1, "{} printed once", entry.id);
        let number: usize = between(&html, &open, "\"").parse().unwrap();
        // The number is shown large at the top of the entry, with the name after it.
        let article = between(&html, &open, "</article>");
        let shown = between(article, "class=\"entry-number-value\">", "<");
        assert_eq!(shown, number.to_string());
        assert!(article.contains(&escape(&strip_author_ruby(&entry.name))));
        numbers.push(number);
    }
    numbers.sort_unstable();
    let expected: Vec<usize> = (1..=guide.site.entries.len()).collect();
    assert_eq!(
        numbers, expected,
        "entries are numbered 1, 2, 3 … without gaps"
    );
    // Printed in number order.
    let printed: Vec<usize> = attr_values(&html, "data-number")
        .iter()
        .zip(html.match_indices("<article "))
        .map(|(n, _)| n.parse().unwrap())
        .collect();
    assert!(printed.windows(2).all(|w| w[0] < w[1]), "{printed:?}");
}

#[test]
fn index_lists_every_entry_in_gojuon_order() {
    let guide = guide(&repo());
    let html = print_html(
        &guide,
        &PrintOptions::from_config(&guide.site.config),
        &Plain,
    );
    let index = between(&html, "id=\"index\"", "</section>\n</body>");
    let kana = attr_values(index, "data-kana");
    assert_eq!(kana.len(), guide.site.entries.len());
    let keys: Vec<String> = kana.iter().map(|k| sort_key(k)).collect();
    assert!(
        keys.windows(2).all(|w| w[0] <= w[1]),
        "index out of 五十音 order: {kana:?}"
    );
    for row in ["あ行", "か行", "さ行", "は行"] {
        assert!(index.contains(&format!(">{row}</h2>")), "{row}");
    }
    // Each index line points to the entry with the same number.
    for (anchor, number) in attr_values(index, "href")
        .iter()
        .zip(attr_values(index, "data-number"))
    {
        let target = format!("id=\"{}\" data-number=\"{number}\"", &anchor[1..]);
        assert!(html.contains(&target), "{anchor} → {number}");
    }
}

#[test]
fn document_is_self_contained_and_has_every_part() {
    let guide = guide(&repo());
    let html = print_html(
        &guide,
        &PrintOptions::from_config(&guide.site.config),
        &Plain,
    );
    assert!(html.contains("<html lang=\"ja\""));
    assert!(html.contains("<title>ひかり市 しごと応援ガイド</title>"));
    for part in [
        "id=\"cover\"",
        "id=\"contents\"",
        "id=\"where-to-ask\"",
        "id=\"section-b-type\"",
        "id=\"section-centers\"",
        "id=\"contacts\"",
        "id=\"glossary\"",
        "id=\"index\"",
    ] {
        assert!(html.contains(part), "{part} missing");
    }
    assert!(html.contains("この情報は 2026年10月1日 時点のものです"));
    // One QR code per entry, plus the web edition's on the cover; each encodes an absolute URL
    // whose text is printed too.
    assert_eq!(
        html.matches("<svg class=\"qr\"").count(),
        guide.site.entries.len() + 1
    );
    assert!(html.contains("https://shirube.test/hikari/entries/komugi/"));
    // Nothing is fetched or linked from outside: the stylesheet and photos are relative, links
    // are in-document and land on an element that exists.
    for value in attr_values(&html, "src")
        .into_iter()
        .chain(attr_values(&html, "href"))
    {
        assert!(
            !value.contains(':') && !value.starts_with("//"),
            "points outside the document: {value}"
        );
        if let Some(id) = value.strip_prefix('#') {
            assert!(html.contains(&format!("id=\"{id}\"")), "dangling #{id}");
        }
    }
    assert!(!html.contains("<script"));
    // Provider links to entries read as numbers on paper.
    let where_to_ask = between(&html, "id=\"where-to-ask\"", "</section>");
    assert!(
        where_to_ask.contains("<span class=\"ref\">（→ "),
        "{where_to_ask}"
    );
}

#[test]
fn subsets_name_themselves_and_hold_only_their_entries() {
    let guide = guide(&repo());
    let config = &guide.site.config;
    let mut options = PrintOptions::from_config(config);
    options.subset = Subset::new(config, Some("kita"), Some("b-type")).unwrap();
    let html = print_html(&guide, &options, &Plain);
    assert!(html.contains("<title>ひかり市 しごと応援ガイド（北部・就労継続支援B型）</title>"));
    assert!(html.contains("北部・就労継続支援B型だけの版"));
    let chosen: Vec<_> = guide
        .site
        .entries
        .iter()
        .filter(|e| e.area == "kita" && e.offers(shirube::content::model::ServiceType::BType))
        .collect();
    assert!(!chosen.is_empty());
    assert_eq!(html.matches("<article ").count(), chosen.len());
    for e in &chosen {
        assert!(html.contains(&format!("id=\"entry-{}\"", e.id)));
    }
    // Where to ask stays whole: every support centre's phone number, numbered or not.
    let centres = guide
        .site
        .entries
        .iter()
        .filter(|e| e.kind() == shirube::content::model::EntryKind::Center)
        .count();
    let contacts = between(&html, "id=\"contacts\"", "</table>");
    assert_eq!(contacts.matches("<tr>").count(), centres + 1);

    let err = Subset::new(config, Some("atlantis"), None).unwrap_err();
    assert!(err.to_string().contains("使えるもの: chuo"), "{err}");
    let err = Subset::new(config, None, Some("c-type")).unwrap_err();
    assert!(err.to_string().contains("b-type"), "{err}");
}

#[test]
fn large_print_and_compact_layout() {
    let guide = guide(&repo());
    let mut options = PrintOptions::from_config(&guide.site.config);
    options.large_print = true;
    options.layout = PrintLayout::Compact;
    let html = print_html(&guide, &options, &Plain);
    assert!(html.contains("class=\"print edition-plain paper-a4 layout-compact large-print\""));
    assert!(html.contains("<title>ひかり市 しごと応援ガイド 大きな文字版</title>"));
    assert!(html.contains("class=\"facts compact-facts\""));
    assert!(
        !html.contains("どんなところ？"),
        "compact entries leave the description to the web"
    );
    assert_eq!(html.matches("<article ").count(), guide.site.entries.len());
}

/// The furigana edition is the same render with another `TextStyle`: this stand-in shows that
/// every piece of provider text goes through it, and that attributes and the title stay plain.
#[test]
fn another_text_style_makes_another_edition() {
    struct Ruby;
    impl TextStyle for Ruby {
        fn html(&self, text: &str) -> Html {
            let mut h = Html::markup("<ruby>");
            h.push_text(&strip_author_ruby(text));
            h.push_markup("<rt>よみ</rt></ruby>");
            h
        }
        fn plain(&self, text: &str) -> String {
            strip_author_ruby(text)
        }
        fn edition(&self) -> &'static str {
            "furigana"
        }
        fn at<'s>(&'s self, _place: Option<&shirube::text::Place>) -> Box<dyn TextStyle + 's> {
            Box::new(Ruby)
        }
    }
    let guide = guide(&repo());
    let options = PrintOptions::from_config(&guide.site.config);
    let html = print_html(&guide, &options, &Ruby);
    assert!(html.contains("class=\"print edition-furigana"));
    assert!(html.contains("<title>ひかり市 しごと応援ガイド ふりがな版</title>"));
    assert!(
        html.contains("<h2 id=\"entry-komugi-h\"><ruby>パン工房こむぎ<rt>よみ</rt></ruby></h2>")
    );
    assert!(!between(&html, "<style>", "</style>").contains("<ruby>"));
    assert_eq!(print::pdf_name(&options, &Ruby), "guidebook-furigana.pdf");
    // Beside the furigana website, its print edition reaches the shared files two folders up.
    let theme = Theme::load(&repo().join("themes/default")).unwrap();
    let mut files = shirube::output::Files::default();
    let codes = print::QrCodes::none();
    print::render(
        &guide,
        &theme,
        &Ruby,
        &options,
        "furigana/",
        &mut files,
        &codes,
        None,
        &print::PartCache::none(),
    )
    .unwrap();
    let twin = String::from_utf8(files.get("furigana/print/index.html").unwrap().to_vec()).unwrap();
    assert!(twin.contains("href=\"../../static/css/print.css\""));
}

/// The print edition takes the widest JPEG (print resolution; Chromium embeds a JPEG as it is),
/// from the site's media folder, with its size, and a decorative photo gets no caption.
#[test]
fn photos_come_from_the_site_media_folder() {
    let site = repo().join("tests/fixtures/base");
    let guide = guide(&site);
    let html = print_html(
        &guide,
        &PrintOptions::from_config(&guide.site.config),
        &Plain,
    );
    assert!(
        html.contains("<img src=\"../media/midori-pan-")
            && html.contains("-960.jpg\" width=\"960\" height=\"720\" alt=\"エプロン"),
        "{html}"
    );
    assert!(html.contains("-360.jpg\" width=\"360\" height=\"480\" alt=\"\"></figure>"));
}

// ---- the PDF ----

fn pdf_tools_or_fail() -> bool {
    if std::env::var_os("SHIRUBE_SKIP_PDF_TESTS").is_some() {
        eprintln!("SHIRUBE_SKIP_PDF_TESTS is set: the PDF is not checked");
        return false;
    }
    if let Err(e) = print::pdf::Chromium::find(None) {
        panic!("{e}\n(scripts/test installs it; SHIRUBE_SKIP_PDF_TESTS=1 skips knowingly)");
    }
    for tool in ["pdfinfo", "pdftotext", "pdffonts"] {
        assert!(
            Command::new(tool).arg("-v").output().is_ok(),
            "{tool} is missing: sudo apt-get install poppler-utils"
        );
    }
    true
}

fn shirube_print(out: &Path, args: &[&str]) {
    let command = [OsStr::new("print"), OsStr::new("-o"), out.as_os_str()];
    common::shirube_ok(
        &repo(),
        command.into_iter().chain(args.iter().map(OsStr::new)),
    );
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap();
    assert!(out.status.success(), "{name} failed");
    String::from_utf8(out.stdout).unwrap()
}

fn info(pdf: &Path, field: &str) -> String {
    tool("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The text of one page.
fn page(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    squeeze(&tool("pdftotext", &["-f", &n, "-l", &n], pdf))
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdf_of_the_example_region() {
    if !pdf_tools_or_fail() {
        return;
    }
    let guide = guide(&repo());
    let dir = tempfile::tempdir().unwrap();
    shirube_print(dir.path(), &[]);
    let pdf = dir.path().join("guidebook.pdf");

    assert_eq!(info(&pdf, "Title"), "ひかり市 しごと応援ガイド");
    assert!(info(&pdf, "Page size").starts_with("594.96 x 841.92"), "A4");
    let pages: usize = info(&pdf, "Pages").parse().unwrap();
    let entries = guide.site.entries.len();
    assert!(
        pages > entries + 5,
        "{pages} pages for {entries} entries: one a page, plus cover, contents and the back"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.windows(10).any(|w| w == b"/Lang (ja)"),
        "the PDF says it is Japanese"
    );
    assert!(
        bytes.windows(9).any(|w| w == b"/Outlines"),
        "bookmarks from the headings (--generate-pdf-document-outline)"
    );

    let text = tool("pdftotext", &["-layout"], &pdf);
    let flat = squeeze(&text);
    for entry in &guide.site.entries {
        let name = squeeze(&strip_author_ruby(&entry.name));
        assert!(flat.contains(&name), "{name} is not in the PDF");
    }
    for heading in [
        "もくじ",
        "どこに相談すればいい？",
        "相談先の連絡先",
        "用語集",
        "さくいん（50音順）",
    ] {
        assert!(flat.contains(heading), "{heading}");
    }
    // The cover is one page, without header or page number; the contents follow.
    assert!(!page(&pdf, 1).contains(&format!("1/{pages}")));
    assert!(page(&pdf, 2).contains("もくじ"), "the cover spills over");
    // Page numbers from the `@page` margin box, on the last page too.
    assert!(flat.contains(&format!("{pages}/{pages}")), "page numbers");
    // Every font is embedded: the PDF prints the same anywhere, with no tofu.
    let fonts = tool("pdffonts", &[], &pdf);
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "a font is not embedded: {line}");
    }
}

#[test]
fn pdf_of_a_large_print_district_edition_on_b5() {
    if !pdf_tools_or_fail() {
        return;
    }
    let guide = guide(&repo());
    let dir = tempfile::tempdir().unwrap();
    shirube_print(
        dir.path(),
        &["--paper", "B5", "--large-print", "--area", "kita"],
    );
    let pdf = dir.path().join("guidebook-kita-large.pdf");
    assert_eq!(
        info(&pdf, "Title"),
        "ひかり市 しごと応援ガイド 大きな文字版（北部）"
    );
    assert!(info(&pdf, "Page size").starts_with("516 x 729"), "JIS B5");
    // The cover holds in the largest text on the smallest paper.
    assert!(page(&pdf, 2).contains("もくじ"), "the cover spills over");
    let flat = squeeze(&tool("pdftotext", &[], &pdf));
    // Which entries are in the subset is checked on the HTML above; here, that they reached
    // the PDF. (Others' names may appear in the where-to-ask text and the contact list.)
    for entry in guide.site.entries.iter().filter(|e| e.area == "kita") {
        let name = squeeze(&strip_author_ruby(&entry.name));
        assert!(flat.contains(&name), "{name} is missing");
    }

    // The manifest says what it is, with the pages the PDF really has (pdfinfo counts them).
    let manifest = shirube::pdfs::Manifest::read(dir.path());
    assert_eq!(manifest.pdfs.len(), 1);
    let record = &manifest.pdfs[0];
    assert_eq!(record.file, "guidebook-kita-large.pdf");
    assert_eq!(record.label, "ガイドブック 北部（大きな文字）");
    assert_eq!(record.area.as_deref(), Some("kita"));
    assert!(record.large_print && !record.furigana && record.service.is_none());
    assert_eq!(record.pages.to_string(), info(&pdf, "Pages"));
    assert_eq!(record.bytes, std::fs::metadata(&pdf).unwrap().len());
    assert_eq!(
        record.content_date.as_deref(),
        Some("2026-10-01"),
        "site.yaml's data_date"
    );
}

/// `build --pdf` makes the whole guide's PDF before the pages, so the home page of the same run
/// links it with the pages it has; a district's PDF printed earlier is carried along.
#[test]
fn build_with_pdf_links_its_own_pdf() {
    if !pdf_tools_or_fail() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    shirube_print(&out, &["--service", "centers"]);
    common::shirube_ok(
        &repo(),
        [
            OsStr::new("build"),
            OsStr::new("--pdf"),
            OsStr::new("-o"),
            out.as_os_str(),
        ],
    );
    let pdf = out.join("guidebook.pdf");
    let pages = info(&pdf, "Pages");
    // The same book as `shirube print` makes: laid out with the print stylesheet, which the build
    // must have in place before it prints.
    let printed = dir.path().join("printed");
    shirube_print(&printed, &[]);
    // Without its stylesheet the book came out 7 pages longer (126 against 119). Chromium itself
    // lays the same document out a page longer or shorter now and then when the machine is busy
    // (seen under CI-like load in either command, never when idle), so one page is allowed.
    let printed_pages = info(&printed.join("guidebook.pdf"), "Pages");
    let (a, b): (u32, u32) = (pages.parse().unwrap(), printed_pages.parse().unwrap());
    assert!(
        a.abs_diff(b) <= 1,
        "build --pdf made {a} pages, shirube print {b}: the same book must be laid out alike"
    );
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains(&format!("{pages}ページ）</span></a>")),
        "the home page says the PDF's {pages} pages"
    );
    assert!(home.contains("href=\"guidebook.pdf\" type=\"application/pdf\">ガイドブック全体"));
    assert!(home.contains("href=\"guidebook-centers.pdf\""));
    let centers = std::fs::read_to_string(out.join("centers/index.html")).unwrap();
    assert!(centers.contains("href=\"../guidebook-centers.pdf\""));
    assert!(out.join("guidebook-centers.pdf").is_file());
    // Made from the content being built: not called older than the web edition.
    assert!(!home.contains("いまのウェブ版のほうが"));
}

/// The browser that makes the PDF reaches no network, whatever a theme's print template asks
/// for: no host name resolves (`print::pdf::OFFLINE`), and the document's Content-Security-Policy
/// refuses every address that is not the document's own — a bare IP address included. A local
/// server stands in for the network and must see no request.
#[test]
fn the_pdf_browser_reaches_no_network() {
    if !pdf_tools_or_fail() {
        return;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&repo().join("tests/fixtures/base"), &site);
    let templates = site.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let print =
        std::fs::read_to_string(repo().join("themes/default/templates/print.html")).unwrap();
    let reaching = format!(
        "<img src=\"http://127.0.0.1:{port}/from-print.png\" alt=\"\"><img src=\"https://offline-check.example/x.png\" alt=\"\"><link rel=\"stylesheet\" href=\"http://127.0.0.1:{port}/from-print.css\"></body>"
    );
    std::fs::write(
        templates.join("print.html"),
        print.replacen("</body>", &reaching, 1),
    )
    .unwrap();

    let out = dir.path().join("out");
    let result = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .arg("print")
        .arg(&site)
        .arg("-o")
        .arg(&out)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .output()
        .expect("run shirube");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(out.join("guidebook.pdf").is_file());
    let mut requests = 0;
    while listener.accept().is_ok() {
        requests += 1;
    }
    assert_eq!(requests, 0, "the PDF browser connected to 127.0.0.1:{port}");
}
