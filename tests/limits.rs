//! Limits for files from strangers' pull requests (`content::load`): a text file past 1 MB and a
//! folder of more than 100,000 files are reported with their own message — check exits 1, build
//! writes nothing — instead of being read. (YAML aliases and nesting: the `yaml-alias-bomb`
//! fixture; photo bytes and pixels: the `photo-*` fixtures.)

mod common;

use shirube::content::load::{MAX_FILES_PER_FOLDER, MAX_TEXT_BYTES};
use std::path::Path;
use std::process::{Command, Output};

fn shirube(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .env_remove("SHIRUBE_LANG")
        .output()
        .unwrap()
}

fn base_copy(dir: &Path) -> std::path::PathBuf {
    let site = dir.join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&repo.join("tests/fixtures/base"), &site);
    site
}

#[test]
fn a_text_file_past_the_limit_is_reported_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let site = base_copy(tmp.path());
    let entry = site.join("content/entries/midori.md");
    let mut text = std::fs::read_to_string(&entry).unwrap();
    while (text.len() as u64) <= MAX_TEXT_BYTES {
        text.push_str("みどり工房では、朝からパンを焼いています。\n");
    }
    std::fs::write(&entry, &text).unwrap();
    let check = shirube(&[Path::new("check"), &site]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{report}");
    let expected = format!(
        "content/entries/midori.md:1:1 ファイルが大きすぎます（{} KB。{} KB まで）",
        text.len() / 1024,
        MAX_TEXT_BYTES / 1024
    );
    assert!(report.contains(&expected), "{report}");
}

#[test]
fn a_folder_past_the_file_limit_is_reported_once() {
    let tmp = tempfile::tempdir().unwrap();
    let site = base_copy(tmp.path());
    let pages = site.join("content/pages");
    for i in 0..=MAX_FILES_PER_FOLDER {
        std::fs::write(pages.join(format!("p{i}.md")), "").unwrap();
    }
    let check = shirube(&[Path::new("check"), &site]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{report}");
    let count = MAX_FILES_PER_FOLDER + 3; // and about.md, where-to-ask.md
    assert!(
        report.contains(&format!(
            "content/pages:1:1 このフォルダのファイルが多すぎます（{count} 個。{MAX_FILES_PER_FOLDER} 個まで）"
        )),
        "{}",
        &report[..report.len().min(2000)]
    );
    assert!(report.lines().count() < 20, "one problem, not one per file");
}
