//! Forgiving input: what providers type in another unambiguous way passes check, and the site
//! shows the canonical form (`src/check/forgiving.rs`). The fixture is `tests/fixtures/base` with
//! `tests/fixtures/forgiving/` laid over it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn shirube(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .env_remove("SHIRUBE_LANG")
        .output()
        .unwrap()
}

#[test]
fn typed_forms_pass_check_and_pages_show_the_canonical_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    common::copy_dir(&fixtures().join("base"), &site);
    let entry = "content/entries/midori.md";
    std::fs::copy(fixtures().join("forgiving").join(entry), site.join(entry)).unwrap();
    let typed = std::fs::read_to_string(site.join(entry)).unwrap();
    for form in [
        "〒１０００００１",
        "0299822911",
        "B型",
        "[知的, 精神障害]",
        "transport: あり",
        "21,300円",
        "令和7年度",
        "令和8年6月1日",
        "２０人",
        "9:30〜15:30",
        "mailto:midori@example.jp",
        "<!-- 内部メモ",
    ] {
        assert!(typed.contains(form), "the fixture no longer has {form:?}");
    }

    let check = shirube(&[Path::new("check"), &site]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "check refuses the typed forms:\n{report}"
    );
    assert!(
        !report.contains(entry),
        "check reports on the entry:\n{report}"
    );

    let out = tmp.path().join("out");
    let build = shirube(&[Path::new("build"), &site, Path::new("-o"), &out]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let page = std::fs::read_to_string(out.join("entries/midori/index.html")).unwrap();
    for shown in [
        "0299-82-2911",
        "100-0001",
        "21,300円",
        "2025年度",
        "20人",
        "知的障害",
        "精神障害",
        "就労継続支援B型",
        "就労移行支援",
        "送迎",
        "2026年6月1日",
    ] {
        assert!(page.contains(shown), "the page does not show {shown:?}");
    }
    assert!(
        page.contains("href=\"tel:0299822911\""),
        "the phone link dials the digits"
    );
    assert!(
        page.contains("href=\"mailto:midori@example.jp\""),
        "the mail link has its scheme once"
    );
    // A provider's HTML comments (one with a link to no page in it) reach no file of the site:
    // not the page, the open data, the search index nor the print edition.
    for (path, bytes) in common::tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("内部メモ"),
            "{path} has the body's comment"
        );
    }

    // The open data holds the canonical values, as if they had been typed so.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/entries.json")).unwrap())
            .unwrap();
    let midori = json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "midori")
        .unwrap();
    assert_eq!(midori["contact"]["phone"], "0299-82-2911");
    assert_eq!(midori["contact"]["email"], "midori@example.jp");
    assert_eq!(midori["address"]["postal_code"], "100-0001");
    assert_eq!(
        midori["accepts"],
        serde_json::json!(["intellectual", "mental"])
    );
    assert_eq!(midori["services"][0]["type"], "b-type");
    assert_eq!(midori["services"][0]["capacity"], 20);
    assert_eq!(midori["services"][0]["wage"]["monthly_average"], 21300);
    assert_eq!(midori["services"][0]["wage"]["fiscal_year"], 2025);
    assert_eq!(midori["transport"]["available"], true);
    assert_eq!(midori["verified"], "2026-06-01");
    assert_eq!(midori["office_number"], "1210100011");
    assert_eq!(midori["hours"]["weekdays"], "09:30-15:30");
}
