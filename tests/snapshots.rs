//! Snapshot tests of rendered pages: the small valid site in tests/fixtures/base is built with the
//! default theme and selected pages are compared with tests/snapshots/. After an intended change
//! to templates or views, `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites them; review
//! the diff before committing.

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
    "furigana/entries/midori/index.html",
    "furigana/index.html",
    "print/index.html",
    "404.html",
    "sitemap.xml",
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

/// File name for a page's snapshot: `entries/midori/index.html` → `entries__midori__index.html`.
fn snapshot_name(page: &str) -> String {
    page.replace('/', "__")
}

#[test]
fn rendered_pages_match_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_base(&out);
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let snapshots = repo().join("tests/snapshots");
    let mut mismatches = Vec::new();
    for page in PAGES {
        let actual = std::fs::read_to_string(out.join(page))
            .unwrap_or_else(|e| panic!("{page} was not built: {e}"));
        let path = snapshots.join(snapshot_name(page));
        if update {
            std::fs::create_dir_all(&snapshots).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            let first_difference = expected
                .lines()
                .zip(actual.lines())
                .enumerate()
                .find(|(_, (e, a))| e != a)
                .map(|(i, (e, a))| format!("line {}:\n- {e}\n+ {a}", i + 1))
                .unwrap_or_else(|| "(one is a prefix of the other)".into());
            mismatches.push(format!("{page}: {first_difference}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} page(s) differ from tests/snapshots (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        mismatches.len(),
        mismatches.join("\n\n")
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
