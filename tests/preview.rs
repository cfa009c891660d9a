//! The preview's builds after an edit (`pipeline::preview`): an edit of entries' facts renders
//! only the pages that show them, then (`finish`) what shows every entry; any other edit builds
//! the whole site. Whatever the path, the served folder must end equal, file for file, to a
//! whole build of the same files, and the problems reported must be those a whole check finds.

mod common;
use common::tree;

use shirube::content::date::Date;
use shirube::pipeline::preview::{Preview, Update};
use shirube::{BuildError, BuildOptions};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn today() -> Date {
    Date::parse("2026-11-01").unwrap()
}

fn options(site: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        site_dir: site.to_path_buf(),
        out_dir: out.to_path_buf(),
        theme_dir: None,
        today: today(),
        strict: false,
        furigana: true,
        pdf: None,
    }
}

/// The example region in a folder of its own.
fn example_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo().join("site.yaml"), site.join("site.yaml")).unwrap();
    common::copy_dir(&repo().join("content"), &site.join("content"));
    site
}

/// The files that differ between two output folders, by name.
fn differences(a: &Path, b: &Path) -> Vec<String> {
    let (a, b) = (tree(a), tree(b));
    let mut names: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    names.sort();
    names.dedup();
    names.into_iter().filter(|n| a.get(n) != b.get(n)).collect()
}

/// A whole build of `site` in a fresh folder, and its problems as text (sorted).
fn whole_build(site: &Path, dir: &Path) -> (PathBuf, Vec<String>) {
    let out = dir.join(format!("whole-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let report = shirube::build(&options(site, &out)).expect("the whole build succeeds");
    (out, problems(&report.diagnostics))
}

fn problems(diags: &shirube::diagnostics::Diagnostics) -> Vec<String> {
    let mut lines: Vec<String> = diags
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();
    lines.sort();
    lines
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    PathBuf::from(rel)
}

/// The served folder equals a whole build of the same files, and the problems the preview's
/// last `update` reported are those a whole check finds.
fn assert_as_whole(site: &Path, dir: &Path, served: &Path, update: &Update) {
    let (whole, expected) = whole_build(site, dir);
    let differ = differences(served, &whole);
    assert!(
        differ.is_empty(),
        "the preview differs from a whole build in {differ:?}"
    );
    assert_eq!(
        problems(&update.report.diagnostics),
        expected,
        "the problems of a whole check"
    );
    std::fs::remove_dir_all(&whole).unwrap();
}

#[test]
fn edits_of_entries_facts_render_only_their_pages_and_end_as_a_whole_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = example_site(dir.path());
    let served = dir.path().join("served");
    let mut preview = Preview::new(options(&site, &served));
    let first = preview.update(&[]).expect("the first build");
    assert!(first.changed.is_none(), "the first build is a whole build");

    // A summary: the entry's pages and the listing pages with its card, in both editions.
    let file = edit(
        &site,
        "content/entries/asahi-kobo.md",
        "座ってできる軽作業",
        "座ってできる手作業",
    );
    let update = preview.update(&[file]).expect("builds");
    let changed = update
        .changed
        .as_ref()
        .expect("an edit of facts renders only some pages");
    for page in [
        "entries/asahi-kobo/index.html",
        "furigana/entries/asahi-kobo/index.html",
        "services/b-type/index.html",
        "furigana/services/b-type/index.html",
        "areas/higashi/index.html",
    ] {
        assert!(changed.contains(&page.to_string()), "{page} in {changed:?}");
    }
    assert!(
        changed.len() < 20,
        "only the pages showing the entry: {changed:?}"
    );
    assert!(preview.behind());
    let rest = preview.finish().expect("finishes");
    for file in ["data/entries.json", "data/entries.csv"] {
        assert!(rest.contains(&file.to_string()), "{file} in {rest:?}");
    }
    assert!(rest.iter().any(|f| f.starts_with("search/")), "{rest:?}");
    assert!(!preview.behind());
    assert_as_whole(&site, dir.path(), &served, &update);

    // Two files at once, in the body, the hours and a phone number; then one more before the
    // rest is made (`finish` once for both).
    let a = edit(
        &site,
        "content/entries/asahi-kobo.md",
        "\"09:30-15:30\"",
        "\"09:00-15:30\"",
    );
    let b = edit(
        &site,
        "content/entries/hidamari-works.md",
        "\n---\n",
        "\n---\n\n作業のあとに、みんなでお茶を飲みます。\n",
    );
    let update = preview.update(&[a, b]).expect("builds");
    assert!(update.changed.is_some());
    let c = edit(
        &site,
        "content/entries/asahi-kobo.md",
        "0299-03-2264",
        "0299-03-2266",
    );
    let update = preview.update(&[c]).expect("builds");
    assert!(update.changed.is_some());
    preview.finish().expect("finishes");
    assert_as_whole(&site, dir.path(), &served, &update);

    // A name is read on every page and orders the listings: the whole site is built.
    let file = edit(
        &site,
        "content/entries/asahi-kobo.md",
        "name: あさひ工房",
        "name: あさひ工房北",
    );
    let update = preview.update(&[file]).expect("builds");
    assert!(update.changed.is_none(), "a new name builds the whole site");
    assert!(!preview.behind());
}

/// An edited address is weighed against its area as a whole check weighs it: the warning of an
/// entry away from its area goes when the address is put right, and comes back with it.
#[test]
fn an_edited_address_is_weighed_against_its_area() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let fixtures = repo().join("tests/fixtures");
    common::copy_dir(&fixtures.join("base"), &site);
    common::copy_dir(&fixtures.join("invalid/area-not-at-address"), &site);
    let served = dir.path().join("served");
    let mut preview = Preview::new(options(&site, &served));
    let away = |update: &Update| {
        update
            .report
            .diagnostics
            .iter()
            .filter(|d| d.field == "area" && d.file.ends_with("sakura.md"))
            .count()
    };
    let first = preview.update(&[]).expect("the first build");
    assert_eq!(away(&first), 1, "sakura.md's 弘前市 is not in 青森市");

    let file = edit(
        &site,
        "content/entries/sakura.md",
        "city: 弘前市",
        "city: 青森市",
    );
    let update = preview.update(&[file]).expect("builds");
    assert!(
        update.changed.is_some(),
        "an address is a fact: only some pages"
    );
    assert_eq!(away(&update), 0);
    preview.finish().expect("finishes");
    assert_as_whole(&site, dir.path(), &served, &update);

    let file = edit(
        &site,
        "content/entries/sakura.md",
        "city: 青森市",
        "city: 弘前市",
    );
    let update = preview.update(&[file]).expect("builds");
    assert!(update.changed.is_some());
    assert_eq!(away(&update), 1);
    preview.finish().expect("finishes");
    assert_as_whole(&site, dir.path(), &served, &update);
}

#[test]
fn a_broken_edit_keeps_the_served_site_and_its_fix_takes_in_every_edit_since() {
    let dir = tempfile::tempdir().unwrap();
    let site = example_site(dir.path());
    let served = dir.path().join("served");
    let mut preview = Preview::new(options(&site, &served));
    preview.update(&[]).expect("the first build");
    let before = tree(&served);

    // One file broken, another edited in the same save: nothing is served of either.
    let broken = edit(&site, "content/entries/asahi-kobo.md", "kana: ", "kana：");
    let other = edit(
        &site,
        "content/entries/hidamari-works.md",
        "\n---\n",
        "\n---\n\n見学は、いつでもどうぞ。\n",
    );
    match preview.update(&[broken.clone(), other]) {
        Err(BuildError::Invalid(diags)) => {
            let files: Vec<String> = diags.iter().map(|d| d.file.display().to_string()).collect();
            assert_eq!(files, ["content/entries/asahi-kobo.md"]);
        }
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("a broken file does not build"),
    }
    assert!(tree(&served) == before, "the served site is left as it was");

    // Fixed: the preview takes in both files, though only the broken one changed now.
    let fixed = edit(&site, "content/entries/asahi-kobo.md", "kana：", "kana: ");
    let update = preview.update(&[fixed]).expect("builds");
    let changed = update.changed.as_ref().expect("facts only");
    assert!(
        changed.contains(&"entries/hidamari-works/index.html".to_string()),
        "{changed:?}"
    );
    preview.finish().expect("finishes");
    assert_as_whole(&site, dir.path(), &served, &update);
}

#[test]
fn files_other_than_entries_and_editors_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let site = example_site(dir.path());
    let served = dir.path().join("served");
    let mut preview = Preview::new(options(&site, &served));
    preview.update(&[]).expect("the first build");

    // An editor's swap file and a backup that is gone: nothing to render, nothing rebuilt.
    std::fs::write(site.join("content/entries/.asahi-kobo.md.swp"), "x").unwrap();
    let update = preview
        .update(&[
            PathBuf::from("content/entries/.asahi-kobo.md.swp"),
            PathBuf::from("content/entries/asahi-kobo.md~"),
        ])
        .expect("builds");
    assert_eq!(update.changed, Some(Vec::new()));

    // A new entry builds the whole site (a page, site.yaml or the theme too: they are not
    // entries).
    let new_entry = site.join("content/entries/zz-new.md");
    let asahi = std::fs::read_to_string(site.join("content/entries/asahi-kobo.md")).unwrap();
    std::fs::write(
        &new_entry,
        asahi.replace("name: あさひ工房", "name: あさひ工房第二"),
    )
    .unwrap();
    assert!(preview.update(&[new_entry]).unwrap().changed.is_none());
    // An entry an event names as its place or organiser: the events show its address.
    let named = edit(
        &site,
        "content/entries/nakapotsu-hikari.md",
        "\n---\n",
        "\n---\n\n予約してからお越しください。\n",
    );
    assert!(preview.update(&[named]).unwrap().changed.is_none());
}
