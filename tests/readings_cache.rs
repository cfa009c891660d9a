//! The furigana edition's readings kept in the site's cache (`.shirube-cache/readings/`, see
//! src/view/kept_readings.rs), as a council's rebuilds meet them: a second build reads no text
//! and writes the same site; an edited entry is read again alone; edited readings, a damaged
//! file or a removed cache give the site that a build without the cache gives.

mod common;
use common::{example_site_copy, numbers_in, shirube_ok, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn kept_files(site: &Path) -> Vec<PathBuf> {
    let dir = site.join(".shirube-cache/readings");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|listing| listing.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// What a build made and said of its readings.
struct Built {
    files: BTreeMap<String, Vec<u8>>,
    /// The texts given furigana, and of those, read now.
    texts: usize,
    read: usize,
}

/// Builds the site into a new folder `name` beside it.
fn build(site: &Path, name: &str) -> Built {
    let out = site.join("..").join(format!(
        "{}-{name}",
        site.file_name().unwrap().to_string_lossy()
    ));
    let said = shirube_ok(site, ["build", "--timings", "-o", out.to_str().unwrap()]).stdout;
    let said = String::from_utf8_lossy(&said);
    let line = said
        .lines()
        .find(|line| line.starts_with("ふりがなをつけた文 "))
        .unwrap_or_else(|| panic!("no line of the readings in:\n{said}"));
    // ふりがなをつけた文 N（いま読んだもの M、ほかは .shirube-cache から）
    let numbers = numbers_in(line);
    assert_eq!(
        line,
        format!(
            "ふりがなをつけた文 {}（いま読んだもの {}、ほかは .shirube-cache から）",
            numbers[0], numbers[1]
        )
    );
    let files = tree(&out);
    fs::remove_dir_all(&out).unwrap();
    Built {
        files,
        texts: numbers[0],
        read: numbers[1],
    }
}

#[test]
fn a_rebuild_reads_no_text_and_writes_the_same_site() {
    let site = example_site_copy();
    let first = build(site.path(), "first");
    assert!(
        first.texts > 100,
        "the example has more to read: {}",
        first.texts
    );
    assert_eq!(first.read, first.texts, "nothing was kept before");
    let kept = kept_files(site.path());
    assert_eq!(kept.len(), 1, "one file of readings: {kept:?}");
    let stamp = fs::metadata(&kept[0]).unwrap().modified().unwrap();

    let second = build(site.path(), "second");
    assert_eq!(second.read, 0, "every text is found in the cache");
    assert_eq!(second.texts, first.texts);
    assert!(
        second.files == first.files,
        "a rebuild from the cache writes the same files"
    );
    // Nothing new: read, not written again.
    assert_eq!(kept_files(site.path()), kept);
    assert_eq!(fs::metadata(&kept[0]).unwrap().modified().unwrap(), stamp);

    // A file cut short is no cache: every text is read again, the same, and kept whole.
    let bytes = fs::read(&kept[0]).unwrap();
    fs::write(&kept[0], &bytes[..bytes.len() / 2]).unwrap();
    let third = build(site.path(), "third");
    assert_eq!(third.read, first.texts);
    assert!(
        third.files == first.files,
        "a damaged cache changes nothing in the site"
    );
    // Written again whole: the same readings, in the order this build's pages read them.
    assert_eq!(fs::read(&kept[0]).unwrap().len(), bytes.len());
    let fourth = build(site.path(), "fourth");
    assert_eq!(
        fourth.read, 0,
        "every text is found in the file written again"
    );
}

#[test]
fn an_edited_entry_is_read_again_alone() {
    let site = example_site_copy();
    let before = build(site.path(), "before");

    let entry = site.path().join("content/entries/komugi.md");
    let text = fs::read_to_string(&entry).unwrap();
    let edited_text = text.replace(
        "summary: 毎朝パンを焼き、駅前の店と配達で売っています。",
        "summary: 毎朝石窯でパンを焼き、駅前の店と配達で売っています。",
    );
    assert_ne!(
        edited_text, text,
        "the summary is where the test expects it"
    );
    fs::write(&entry, edited_text).unwrap();
    let edited = build(site.path(), "edited");
    assert!(
        (1..10).contains(&edited.read),
        "the new summary, and not the rest: {} of {}",
        edited.read,
        edited.texts
    );
    let page = "furigana/entries/komugi/index.html";
    let shown = String::from_utf8_lossy(&edited.files[page]);
    assert!(
        shown.contains("<ruby>石窯<rp>(</rp><rt>いしがま</rt><rp>)</rp></ruby>"),
        "the new words have their ruby"
    );
    assert_ne!(edited.files[page], before.files[page]);

    // The same site built with nothing kept.
    fs::remove_dir_all(site.path().join(".shirube-cache/readings")).unwrap();
    let uncached = build(site.path(), "uncached");
    assert_eq!(uncached.read, uncached.texts);
    assert!(edited.files == uncached.files);
}

#[test]
fn edited_readings_are_a_new_cache() {
    let site = example_site_copy();
    build(site.path(), "before");
    let old = kept_files(site.path());

    // A word of the site's readings read otherwise: every text may read otherwise.
    let readings = site.path().join("content/readings.yaml");
    let words = fs::read_to_string(&readings).unwrap();
    fs::write(
        &readings,
        words.replace(
            "{ word: 本町, kana: ほんちょう }",
            "{ word: 本町, kana: もとまち }",
        ),
    )
    .unwrap();
    let edited = build(site.path(), "edited");
    assert_eq!(
        edited.read, edited.texts,
        "nothing is read from the old file"
    );
    let new = kept_files(site.path());
    assert_eq!(new.len(), 1);
    assert_ne!(new, old, "kept under the new key, the old file gone");

    fs::remove_dir_all(site.path().join(".shirube-cache/readings")).unwrap();
    let uncached = build(site.path(), "uncached");
    assert!(edited.files == uncached.files);
}
