//! Snapshot tests of rendered pages: the small valid site in tests/fixtures/base is built with the
//! default theme and each page in PAGES is compared with its insta snapshot in tests/snapshots/,
//! named after the page with `/` as `__` (`entries/midori/index.html` →
//! `tests/snapshots/entries__midori__index.html.snap`; the body below the `---` header is the
//! page's exact bytes). Every page is compared, and a failure shows the whole diff of each page that
//! changed. After an intended change to templates or views, accept it with `cargo insta review`
//! (needs `cargo install cargo-insta`) or `INSTA_UPDATE=always cargo test --test snapshots`, and
//! read the diff before committing. See the Tests section of README.md.

#[macro_use]
mod exact_snapshot;

use std::path::{Path, PathBuf};
use std::process::Command;

const PAGES: &[&str] = &[
    "index.html",
    "services/b-type/index.html",
    "areas/kita/index.html",
    "entries/midori/index.html",
    "entries/hoshino/index.html",
    "glossary/index.html",
    "pages/about/index.html",
    "search/index.html",
    "compare/index.html",
    "furigana/entries/midori/index.html",
    "furigana/index.html",
    "print/index.html",
    "404.html",
    "sitemap.xml",
    "events/index.html",
    "events/past/index.html",
    "events/marche/index.html",
    "feed.xml",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build_base(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args([
            "build",
            "tests/fixtures/base",
            "--theme",
            "themes/default",
            "-o",
        ])
        .arg(out)
        .current_dir(repo())
        .env("SHIRUBE_TODAY", "2026-11-01")
        .status()
        .expect("run shirube");
    assert!(status.success(), "the base fixture must build");
}

/// Snapshot name for a page: `entries/midori/index.html` → `entries__midori__index.html`.
fn snapshot_name(page: &str) -> String {
    page.replace('/', "__")
}

/// The insta settings of the page snapshots: `tests/snapshots/<name>.snap`, no module prefix.
fn snapshot_settings(page: &str) -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!(
        "{page} of tests/fixtures/base, built with themes/default"
    ));
    settings
}

#[test]
fn rendered_pages_match_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_base(&out);
    let mut failures = Vec::new();
    for page in PAGES {
        let actual = std::fs::read_to_string(out.join(page))
            .unwrap_or_else(|e| panic!("{page} was not built: {e}"));
        let name = snapshot_name(page);
        failures.extend(snapshot_settings(page).bind(|| snapshot_failures!(&name, &actual)));
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) with the {} pages (every page was compared):\n{}\n\
         If a changed snapshot is intended: cargo insta review, or INSTA_UPDATE=always cargo test --test snapshots",
        failures.len(),
        PAGES.len(),
        failures.join("\n")
    );
}

/// Every snapshot in tests/snapshots/ belongs to a page in PAGES: a page taken off the list must
/// not leave a snapshot behind that nothing checks any more.
#[test]
fn every_snapshot_is_a_listed_page() {
    let mut snapshots: Vec<String> = std::fs::read_dir(repo().join("tests/snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".snap").map(str::to_string))
        .collect();
    snapshots.sort();
    let mut pages: Vec<String> = PAGES.iter().map(|p| snapshot_name(p)).collect();
    pages.sort();
    assert_eq!(
        snapshots, pages,
        "tests/snapshots/*.snap and PAGES differ (delete the snapshot of a page taken off the list; a \
         new page's snapshot appears once accepted)"
    );
}

/// The output is the same bytes on every run: council staff diff it to review a change.
#[test]
fn builds_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_base(&a);
    build_base(&b);
    for page in PAGES {
        assert_eq!(
            std::fs::read(a.join(page)).unwrap(),
            std::fs::read(b.join(page)).unwrap(),
            "{page} differs between two builds"
        );
    }
}
