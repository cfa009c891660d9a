//! Pages left as the last build made them (src/render/page_key.rs, src/output/made.rs): a
//! rebuild into the same output does not render a page whose key did not change, and whatever
//! changed — an entry's facts, the site's words, a template, a file of the output edited by
//! hand — the output is exactly what a build into a new folder makes.

mod common;
use common::{example_site_copy, numbers_in, shirube_ok, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The files made from the guide alone, kept when it is the same (`Guide::fingerprint`).
const DOCUMENTS: [&str; 5] = [
    "print/index.html",
    "data/entries.json",
    "data/entries.csv",
    "data/hsds/organizations.json",
    "data/hsds/services.json",
];

/// Builds `site` into `out`; (pages, pages left as they were) from `--timings`.
fn build(site: &Path, out: &Path) -> (usize, usize) {
    build_counting(site, out).0
}

/// [`build`], and how many of [`DOCUMENTS`] were left as they were.
fn build_counting(site: &Path, out: &Path) -> ((usize, usize), usize) {
    let said = shirube_ok(site, ["build", "--timings", "-o", out.to_str().unwrap()]).stdout;
    let said = String::from_utf8_lossy(&said).into_owned();
    let documents = said
        .lines()
        .find(|line| line.starts_with("印刷版とオープンデータ"))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("--timings names the documents kept:\n{said}"));
    let line = said
        .lines()
        .find(|line| line.starts_with("ページ "))
        .unwrap_or_else(|| panic!("--timings names the pages kept:\n{said}"));
    let numbers = numbers_in(line);
    assert_eq!(numbers.len(), 3, "{line}");
    assert_eq!(numbers[0], numbers[1] + numbers[2], "{line}");
    ((numbers[0], numbers[1]), documents)
}

/// What a build of `site` into a new folder (with nothing beside it) writes.
fn fresh(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(site, &out);
    tree(&out)
}

/// The paths whose bytes differ between two outputs.
fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|path| a.get(*path) != b.get(*path))
        .cloned()
        .collect()
}

fn assert_same(built: &BTreeMap<String, Vec<u8>>, fresh: &BTreeMap<String, Vec<u8>>, when: &str) {
    let differ = differing(built, fresh);
    assert!(
        differ.is_empty(),
        "{when}: the output differs from a new folder's build at {differ:?}"
    );
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_rebuild_renders_only_what_changed_and_writes_what_a_new_build_writes() {
    let site = example_site_copy();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");

    // The first build makes every page. The second links the output's files into its staging
    // folder beside the build (a page made before its file is linked is made again); the third
    // builds over the spare and makes none of the entries' and listings' pages again.
    let ((pages, kept), documents) = build_counting(site.path(), &out);
    assert_eq!(
        (kept, documents),
        (0, 0),
        "a new folder has nothing to keep"
    );
    let ((again, _), documents) = build_counting(site.path(), &out);
    assert_eq!(again, pages);
    assert_eq!(
        documents,
        DOCUMENTS.len(),
        "second build: linked from the output"
    );
    assert_same(&tree(&out), &fresh(site.path()), "second build");
    let ((again, kept), documents) = build_counting(site.path(), &out);
    assert_eq!(again, pages);
    assert_eq!(documents, DOCUMENTS.len(), "third build: the spare's");
    // The two 404 pages are always made, and a page written in the last tick of the file
    // system's clock before the last build ended is read back, not trusted (`manifest.rs`).
    assert!(
        kept + 2 <= pages && kept * 10 >= pages * 9,
        "third build: {kept} of {pages} pages kept"
    );
    assert_same(&tree(&out), &fresh(site.path()), "third build");

    // An entry's facts: its page and the listings with its card are made again.
    edit(
        &site.path().join("content/entries/asahi-kobo.md"),
        "monthly_average: 12600",
        "monthly_average: 13800",
    );
    let ((_, kept), documents) = build_counting(site.path(), &out);
    assert!(kept > 0 && kept + 2 < pages, "{kept} of {pages} kept");
    assert_eq!(documents, 0, "another guide: its documents are made again");
    let built = tree(&out);
    assert!(
        String::from_utf8_lossy(&built["entries/asahi-kobo/index.html"]).contains("13,800"),
        "the edited wage is on the entry's page"
    );
    assert!(
        String::from_utf8_lossy(&built["print/index.html"]).contains("13,800"),
        "and in the print document"
    );
    assert_same(&built, &fresh(site.path()), "after a wage was edited");

    // The site's words: the furigana edition reads the theme's text with them. This phrase is
    // only the theme's (the entry page's map link), so no page's context changes with it.
    let readings = site.path().join("content/readings.yaml");
    let mut words = fs::read_to_string(&readings).unwrap();
    words.push_str("- { word: 地図アプリで開く, kana: ちずあぷりでひらく }\n");
    fs::write(&readings, words).unwrap();
    build(site.path(), &out);
    let built = tree(&out);
    assert!(
        String::from_utf8_lossy(&built["furigana/entries/asahi-kobo/index.html"])
            .contains("<rt>ちず</rt>"),
        "the new reading is on the furigana page"
    );
    assert_same(&built, &fresh(site.path()), "after a reading was added");

    // A template of the site's own theme.
    let theme = site.path().join("themes/default/templates");
    fs::create_dir_all(&theme).unwrap();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let entry = fs::read_to_string(repo.join("themes/default/templates/entry.html")).unwrap();
    let marked = entry.replacen("<p class=\"lead\">", "<p class=\"lead\" data-own-theme>", 1);
    assert_ne!(marked, entry);
    fs::write(theme.join("entry.html"), marked).unwrap();
    build(site.path(), &out);
    let built = tree(&out);
    assert!(
        String::from_utf8_lossy(&built["entries/asahi-kobo/index.html"]).contains("data-own-theme")
    );
    assert_same(&built, &fresh(site.path()), "after a template was changed");
}

/// A page of the output changed by hand is made again by the next builds: a page is kept only
/// while its file is the one the last build recorded.
#[test]
fn a_page_changed_by_hand_is_made_again() {
    let site = example_site_copy();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    build(site.path(), &out);
    build(site.path(), &out);
    // A page, and a document made from the guide alone.
    let changed_paths = ["entries/asahi-kobo/index.html", "data/entries.csv"];
    let made: Vec<Vec<u8>> = changed_paths
        .iter()
        .map(|path| fs::read(out.join(path)).unwrap())
        .collect();
    // The spare (the next build's staging folder) and the output, both changed, with the same
    // length: only the records of the files tell.
    for (path, made) in changed_paths.iter().zip(&made) {
        for file in [out.join(path), dir.path().join(".output.spare").join(path)] {
            let mut changed = made.clone();
            let at = changed.len() / 2;
            changed[at] = if changed[at] == b'x' { b'y' } else { b'x' };
            fs::write(&file, changed).unwrap();
        }
    }
    for _ in 0..2 {
        let (_, documents) = build_counting(site.path(), &out);
        assert_eq!(documents, DOCUMENTS.len() - 1, "all but the changed one");
        for (path, made) in changed_paths.iter().zip(&made) {
            assert_eq!(&fs::read(out.join(path)).unwrap(), made, "{path}");
        }
    }
    assert_same(&tree(&out), &fresh(site.path()), "after a page was edited");
}
