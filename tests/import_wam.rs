//! `shirube import wam` on CSVs in the shape of the national open data (tests/fixtures/wam/,
//! made-up offices carrying the real data's quirks), into a copy of the base fixture site.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("base"), dir.path());
    dir
}

fn shirube(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .arg("--dir")
        .arg(dir)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .output()
        .unwrap()
}

fn import(dir: &Path, city: &str) -> Output {
    let a = fixture("wam/a-type.csv");
    let t = fixture("wam/transition-and-retention.csv");
    let (a, t) = (a.to_str().unwrap(), t.to_str().unwrap());
    shirube(dir, &["import", "wam", a, t, "--city", city])
}

fn entry(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join(format!("content/entries/{id}.md"))).unwrap()
}

#[test]
fn offices_of_the_city_become_entries_that_pass_check() {
    let site = site();
    let out = import(site.path(), "ひかり市");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("3 か所のうち、3 か所を新しく取り込みました"),
        "{stdout}"
    );

    // The 多機能型 office is one entry with a service from each file, by its 事業所番号.
    let works = entry(site.path(), "wam-9910100010");
    assert!(works.contains("name: \"ワークス ひかり\""), "{works}");
    assert!(works.contains("kana: \"わーくす ひかり\""));
    assert!(works.contains("  - type: \"a-type\"\n    capacity: 20\n"));
    assert!(works.contains("  - type: \"transition\"\n    capacity: 6\n"));
    // Full-width digits, bare digits grouped like the FAX beside them, 00:00-00:00 closed.
    assert!(works.contains("phone: \"0299-12-3456\""));
    assert!(works.contains("saturday: null"));
    assert!(works.contains("street: \"緑町1−2−3\""));
    assert!(works.contains("出典：障害福祉サービス等情報公表システム（WAM NET）"));

    // Half-width katakana, no reading in the data (the reader's, marked), malformed 法人番号
    // left out.
    let komorebi = entry(site.path(), "wam-9910100020");
    assert!(komorebi.contains("name: \"コモレビ工房\""));
    assert!(komorebi.contains("正しいか確かめてください\nkana: \"こもれびこうぼう\""));
    assert!(!komorebi.contains("corporate_number"));
    // Without weekday hours there is no `hours` block (a day left out reads as closed): what
    // the data says is kept in a comment.
    assert!(komorebi.contains("# hours（データより）: 利用可能な時間帯（平日）: 9時から16時"));
    assert!(!komorebi.contains("\nhours:"));

    // Retention has no capacity; a reading in katakana becomes hiragana; quotes stay text.
    let ashita = entry(site.path(), "wam-9910100030");
    assert!(ashita.contains("kana: \"あした ていちゃくしえんしつ\""));
    assert!(!ashita.contains("capacity"));
    assert!(ashita.contains(r#"street: "栄町2-2 \"あした\"ビル #3""#));

    // The office in another town is not imported.
    assert!(
        !site
            .path()
            .join("content/entries/wam-9910200010.md")
            .exists()
    );

    // The only problem check finds is the one the import pointed out: no phone in the data.
    assert!(
        stdout.contains("wam-9910100030.md: 電話番号がデータにない"),
        "{stdout}"
    );
    let check = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(["check", "--format", "json"])
        .arg(site.path())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(report.matches("\"file\"").count(), 1, "{report}");
    assert!(report.contains("wam-9910100030.md"), "{report}");
}

#[test]
fn an_existing_entry_is_never_overwritten() {
    let site = site();
    assert!(import(site.path(), "ひかり市").status.success());
    let path = site.path().join("content/entries/wam-9910100010.md");
    let edited = entry(site.path(), "wam-9910100010").replace("capacity: 20", "capacity: 21");
    std::fs::write(&path, &edited).unwrap();
    let again = import(site.path(), "ひかり市");
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("0 か所を新しく取り込みました（すでにある 3 か所はそのままです）"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
}

#[test]
fn wrong_input_gets_a_japanese_error_and_writes_nothing() {
    let site = site();
    let before = std::fs::read_dir(site.path().join("content/entries"))
        .unwrap()
        .count();

    let out = import(site.path(), "どこにもない市");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("事業所住所が「どこにもない市」の事業所は")
    );

    let not_wam = site.path().join("site.yaml");
    let out = shirube(
        site.path(),
        &[
            "import",
            "wam",
            not_wam.to_str().unwrap(),
            "--city",
            "ひかり市",
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("WAM NET のオープンデータの形ではありません")
    );

    let out = shirube(
        site.path(),
        &["import", "wam", "nai.csv", "--city", "ひかり市"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nai.csv を読めません"));

    let out = import(site.path(), " ");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--city に市区町村を書いてください"));

    let a = fixture("wam/a-type.csv");
    let out = shirube(
        site.path(),
        &[
            "import",
            "wam",
            a.to_str().unwrap(),
            "--city",
            "ひかり市",
            "--area",
            "minami",
        ],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("地域「minami」は site.yaml の areas にありません")
    );

    let after = std::fs::read_dir(site.path().join("content/entries"))
        .unwrap()
        .count();
    assert_eq!(before, after);
}
