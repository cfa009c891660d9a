//! The print document's entries' parts and the open data's entries kept in the site's cache
//! (`.shirube-cache/print/`, `data-json/`, `data-csv/`, `data-hsds/`; see src/assets/slices.rs,
//! src/print/part_cache.rs, src/export/kept.rs), as a council's rebuilds meet them: a second
//! build reads them and writes the same site; a damaged file, an edited entry or a changed
//! setting give the documents a build without the cache gives.

mod common;
use common::example_site_copy;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const DOCUMENT: &str = "print/index.html";
/// The open data's files made from the entries, and the cache's folders of their slices.
const DATA: [&str; 4] = [
    "data/entries.json",
    "data/entries.csv",
    "data/hsds/organizations.json",
    "data/hsds/services.json",
];
const DATA_FOLDERS: [&str; 3] = ["data-json", "data-csv", "data-hsds"];

fn kept_slices(site: &Path) -> Vec<PathBuf> {
    common::kept_files(site, "print")
}

/// The slices of the open data kept, of every format.
fn kept_data(site: &Path) -> Vec<PathBuf> {
    (DATA_FOLDERS.iter())
        .flat_map(|folder| common::kept_files(site, folder))
        .collect()
}

/// Builds the site into a new folder `name` beside it: every file of the output, and what
/// `--timings` said of the print document's slices and the open data's.
fn build(site: &Path, name: &str) -> (BTreeMap<String, Vec<u8>>, String) {
    let said_of = ["印刷版の事業所の区切り", "オープンデータの区切り"];
    common::build_beside(site, name, &said_of)
}

fn document(site: &BTreeMap<String, Vec<u8>>) -> String {
    String::from_utf8(site[DOCUMENT].clone()).unwrap()
}

/// The files made from the entries alone: the print document and the open data's.
fn documents(site: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let paths = std::iter::once(DOCUMENT).chain(DATA);
    paths
        .map(|path| (path.to_string(), site[path].clone()))
        .collect()
}

/// What a build says when it made every slice: the example is one slice of each.
const ALL_MADE: &str = "印刷版の事業所の区切り 1 つ（いま作ったもの 1 つ、ほかは .shirube-cache から）\n\
                        オープンデータの区切り 3 つ（いま作ったもの 3 つ、ほかは .shirube-cache から）";

/// The print document and the open data of the site as it is now, built with nothing kept
/// (the cache is put back afterwards as it was).
fn uncached_documents(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let cache = site.join(".shirube-cache");
    let aside = site.join("cache-aside");
    fs::rename(&cache, &aside).unwrap();
    let (files, said) = build(site, "uncached");
    fs::remove_dir_all(&cache).unwrap();
    fs::rename(&aside, &cache).unwrap();
    assert_eq!(said, ALL_MADE);
    documents(&files)
}

#[test]
fn a_rebuild_reads_the_kept_parts_and_writes_the_same_site() {
    let site = example_site_copy();
    let (first, said) = build(site.path(), "first");
    assert_eq!(said, ALL_MADE);
    assert_eq!(kept_data(site.path()).len(), 3);
    let kept = kept_slices(site.path());
    assert_eq!(
        kept.len(),
        1,
        "the example's entries are one slice: {kept:?}"
    );
    let stamp = common::modified(&kept[0]);

    let data = kept_data(site.path());
    let (second, said) = build(site.path(), "second");
    assert_eq!(
        said,
        "印刷版の事業所の区切り 1 つ（いま作ったもの 0 つ、ほかは .shirube-cache から）\n\
         オープンデータの区切り 3 つ（いま作ったもの 0 つ、ほかは .shirube-cache から）"
    );
    assert_eq!(kept_data(site.path()), data);
    assert!(
        second == first,
        "a rebuild from the cache writes the same files"
    );
    common::assert_kept_as_they_were(site.path(), "print", &kept, stamp);

    // A file changed by a byte is no cache: the parts are rendered again, and kept whole.
    let bytes = fs::read(&kept[0]).unwrap();
    let mut changed = bytes.clone();
    let at = changed.len() / 2;
    changed[at] ^= 1;
    fs::write(&kept[0], &changed).unwrap();
    let (third, said) = build(site.path(), "third");
    assert!(
        third == first,
        "a damaged slice changes nothing in the site"
    );
    assert!(said.contains("いま作ったもの 1 つ"), "{said}");
    assert_eq!(fs::read(&kept[0]).unwrap(), bytes);
}

#[test]
fn an_edited_entry_is_printed_as_it_now_reads() {
    let site = example_site_copy();
    let (before, _) = build(site.path(), "before");
    let old = kept_slices(site.path());

    let entry = site.path().join("content/entries/komugi.md");
    let text = fs::read_to_string(&entry).unwrap();
    fs::write(
        &entry,
        format!("{text}\n石窯でライ麦パンを焼いています。\n"),
    )
    .unwrap();
    let old_data = kept_data(site.path());
    let (edited, said) = build(site.path(), "edited");
    assert_eq!(said, ALL_MADE);
    let new = kept_slices(site.path());
    assert_eq!(new.len(), 1);
    assert_ne!(
        new, old,
        "the edited slice is kept under its new key, the old one is gone"
    );
    assert!(document(&edited).contains("石窯でライ麦パンを焼いています。"));
    assert!(!document(&before).contains("石窯でライ麦パンを焼いています。"));
    let new_data = kept_data(site.path());
    assert_eq!(new_data.len(), 3);
    assert!(
        new_data.iter().all(|file| !old_data.contains(file)),
        "every format's slice is kept under its new key, the old ones are gone"
    );
    let json = String::from_utf8_lossy(&edited["data/entries.json"]).into_owned();
    assert!(json.contains("石窯でライ麦パンを焼いています。"));
    assert_eq!(documents(&edited), uncached_documents(site.path()));
}

#[test]
fn a_changed_setting_reaches_every_part() {
    let site = example_site_copy();
    let (before, _) = build(site.path(), "before");
    // The address of the site is in every entry's QR code and printed web address.
    let config = site.path().join("site.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let old_url = "https://shirube.test/hikari/";
    assert!(text.contains(old_url), "the example's base_url");
    fs::write(&config, text.replace(old_url, "https://guide.example.jp/")).unwrap();
    let (after, said) = build(site.path(), "after");
    assert_eq!(said, ALL_MADE);
    assert!(document(&before).contains("https://shirube.test/hikari/entries/"));
    assert!(!document(&after).contains("https://shirube.test/hikari/entries/"));
    assert!(document(&after).contains("https://guide.example.jp/entries/"));
    let csv = String::from_utf8_lossy(&after["data/entries.csv"]).into_owned();
    assert!(csv.contains("https://guide.example.jp/entries/"));
    assert_eq!(documents(&after), uncached_documents(site.path()));
}
