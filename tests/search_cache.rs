//! The search index's slices kept in the site's cache (`.shirube-cache/search/`, see
//! src/search/cache.rs), as a council's rebuilds meet them: a second build reads them and writes
//! the same site; a damaged file, an edited entry or a removed cache give the site a build
//! without the cache gives.

mod common;
use common::example_site_copy;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn kept_slices(site: &Path) -> Vec<PathBuf> {
    common::kept_files(site, "search")
}

/// Builds the site into a new folder `name` beside it; every file of the output.
fn build(site: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
    build_saying(site, name).0
}

/// [`build`], and what `--timings` said of the index's slices.
fn build_saying(site: &Path, name: &str) -> (BTreeMap<String, Vec<u8>>, String) {
    common::build_beside(site, name, &["検索の索引の区切り"])
}

fn search_files(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&String, &Vec<u8>> {
    site.iter()
        .filter(|(path, _)| path.starts_with("search/"))
        .collect()
}

#[test]
fn a_rebuild_reads_the_kept_slices_and_writes_the_same_site() {
    let site = example_site_copy();
    let (first, said) = build_saying(site.path(), "first");
    assert_eq!(
        said,
        "検索の索引の区切り 1 つ（いま作ったもの 1 つ、ほかは .shirube-cache から）"
    );
    let kept = kept_slices(site.path());
    assert_eq!(
        kept.len(),
        1,
        "the example's entries are one slice: {kept:?}"
    );
    let stamp = common::modified(&kept[0]);

    let (second, said) = build_saying(site.path(), "second");
    assert_eq!(
        said,
        "検索の索引の区切り 1 つ（いま作ったもの 0 つ、ほかは .shirube-cache から）"
    );
    assert!(
        second == first,
        "a rebuild from the cache writes the same files"
    );
    common::assert_kept_as_they_were(site.path(), "search", &kept, stamp);

    // A file cut short is no cache: the slice is inverted again, and kept whole.
    let bytes = fs::read(&kept[0]).unwrap();
    fs::write(&kept[0], &bytes[..bytes.len() / 2]).unwrap();
    let third = build(site.path(), "third");
    assert!(
        third == first,
        "a damaged slice changes nothing in the site"
    );
    assert_eq!(fs::read(&kept[0]).unwrap(), bytes);
}

#[test]
fn an_edited_entry_is_found_by_its_new_words() {
    let site = example_site_copy();
    let before = build(site.path(), "before");
    let old = kept_slices(site.path());

    let entry = site.path().join("content/entries/komugi.md");
    let text = fs::read_to_string(&entry).unwrap();
    fs::write(
        &entry,
        format!("{text}\n石窯でライ麦パンを焼いています。\n"),
    )
    .unwrap();
    let edited = build(site.path(), "edited");
    let new = kept_slices(site.path());
    assert_eq!(new.len(), 1);
    assert_ne!(
        new, old,
        "the edited slice is kept under its new key, the old one is gone"
    );
    assert_ne!(search_files(&edited), search_files(&before));

    // The same site built with nothing kept.
    fs::remove_dir_all(site.path().join(".shirube-cache/search")).unwrap();
    let uncached = build(site.path(), "uncached");
    assert!(search_files(&edited) == search_files(&uncached));
    let shards = uncached
        .iter()
        .filter(|(path, _)| path.contains("/t/"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect::<String>();
    assert!(shards.contains("\"石窯\""), "the new words are indexed");
}
