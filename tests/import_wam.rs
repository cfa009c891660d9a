//! `shirube import wam` on CSVs in the shape of the national open data (tests/fixtures/wam/,
//! made-up offices carrying the real data's quirks), into a copy of the base fixture site: the
//! import makes entries and areas, the site checks with no errors, builds, and every link of the
//! built site resolves; a re-import follows the data where nobody edited and keeps what people
//! wrote.

mod common;
use common::copy_dir;

use std::collections::BTreeSet;
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

fn shirube(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .current_dir(dir)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .env_remove("SHIRUBE_LANG")
        .output()
        .unwrap()
}

fn csvs(dir: &Path) -> (String, String) {
    // Copies, so that a test can change the data and import again.
    let (a, t) = (dir.join("a-type.csv"), dir.join("t.csv"));
    if !a.exists() {
        std::fs::copy(fixture("wam/a-type.csv"), &a).unwrap();
        std::fs::copy(fixture("wam/transition-and-retention.csv"), &t).unwrap();
    }
    (
        a.to_string_lossy().into_owned(),
        t.to_string_lossy().into_owned(),
    )
}

fn import(dir: &Path, extra: &[&str]) -> Output {
    let (a, t) = csvs(dir);
    let mut args = vec!["import", "wam", &a, &t, "--as-of", "2025-03", "--dir", "."];
    args.extend(extra);
    shirube(&args, dir)
}

fn ok(out: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    text
}

fn entry(dir: &Path, id: &str) -> String {
    std::fs::read_to_string(dir.join(format!("content/entries/{id}.md"))).unwrap()
}

#[test]
fn a_city_imports_into_its_own_area_and_the_site_builds_with_no_broken_link() {
    let site = site();
    let dir = site.path();
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(
        stdout.contains("事業所 5 か所を読みました（多機能型で まとめたもの 1 か所）"),
        "{stdout}"
    );
    assert!(stdout.contains("新しく 5 か所"), "{stdout}");

    // The municipality becomes an area, with its reading from Japan Post's data and its
    // prefecture as its group.
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(
        yaml.contains("- { id: kashima, name: \"鹿嶋市\", kana: \"かしまし\", group: \"茨城県\" }"),
        "{yaml}"
    );

    // The 多機能型 office is one entry with a service from each file, by its 事業所番号.
    let works = entry(dir, "wam-9910100010");
    assert!(works.contains("name: \"ワークス ひかり\""), "{works}");
    assert!(works.contains("kana: \"わーくす ひかり\""));
    assert!(works.contains("area: \"kashima\""));
    assert!(works.contains("  - type: \"a-type\"\n    capacity: 20\n"));
    assert!(works.contains("  - type: \"transition\"\n    capacity: 6\n"));
    // Full-width digits, bare digits grouped like the FAX beside them, 00:00-00:00 closed.
    assert!(works.contains("phone: \"0299-12-3456\""));
    assert!(works.contains("saturday: null"));
    assert!(works.contains("street: \"緑町1−2−3\""));
    assert!(works.contains("出典：障害福祉サービス等情報公表システム（WAM NET）"));
    // Honest dates: the data's month, and no confirmation that did not happen.
    assert!(works.contains("imported:\n  from: wam\n  as_of: 2025-03-01\n"));
    assert!(!works.contains("\nverified:"));

    // Half-width katakana, no reading in the data (the reader's, marked), malformed 法人番号
    // left out; without weekday hours no `hours` block, what the data says in a comment.
    let komorebi = entry(dir, "wam-9910100020");
    assert!(komorebi.contains("name: \"コモレビ工房\""));
    assert!(komorebi.contains("正しいか確かめてください\nkana: \"こもれびこうぼう\""));
    assert!(!komorebi.contains("corporate_number"));
    assert!(komorebi.contains("# hours（データより）: 利用可能な時間帯（平日）: 9時から16時"));
    assert!(!komorebi.contains("\nhours:"));

    // Retention has no capacity; a reading in katakana becomes hiragana; quotes stay text.
    let ashita = entry(dir, "wam-9910100030");
    assert!(ashita.contains("kana: \"あした ていちゃくしえんしつ\""));
    assert!(!ashita.contains("capacity"));
    assert!(ashita.contains(r#"street: "栄町2-2 \"あした\"ビル #3""#));

    // B型 and 相談支援 come from the サービス種別 column, whatever the file is called.
    assert!(entry(dir, "wam-9910100040").contains("  - type: \"b-type\"\n    capacity: 20\n"));
    let sora = entry(dir, "wam-9910100050");
    assert!(sora.contains("kind: center\n"), "{sora}");
    assert!(sora.contains("center_type: consultation\noffers: [\"計画相談支援\"]"));

    // The office in another town is not imported.
    assert!(!dir.join("content/entries/wam-9910200010.md").exists());

    // check: no errors. The office without a phone is a warning (the data's gap), and every
    // imported entry says it is not confirmed yet.
    let check = shirube(&["check", "."], dir);
    let report = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{report}");
    assert!(report.contains("エラー 0件、警告 6件"), "{report}");
    assert!(report.contains("wam-9910100030.md:") && report.contains("連絡先に電話番号"));
    assert_eq!(report.matches("事業所への確認がまだです").count(), 5);
    // --strict lists them as failures, and stale lists the unconfirmed first.
    assert_eq!(
        shirube(&["check", ".", "--strict"], dir).status.code(),
        Some(1)
    );
    let stale = ok(&shirube(&["stale", "."], dir));
    assert!(
        stale.starts_with("未確認（公開データ 2025年3月時点）"),
        "{stale}"
    );

    // The site builds; pages say where the facts come from; no link is broken.
    let out = dir.join("out");
    ok(&shirube(&["build", ".", "-o", "out"], dir));
    let page = std::fs::read_to_string(out.join("entries/wam-9910100010/index.html")).unwrap();
    assert!(
        page.contains("公開データ（2025年3月時点）。事業所への確認はまだです。"),
        "the entry page must not claim a confirmation"
    );
    assert!(
        std::fs::read_to_string(out.join("print/index.html"))
            .unwrap()
            .contains("公開データ（2025年3月時点）。事業所への確認はまだです。")
    );
    let broken = broken_links(&out, "/komorebi/");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_doubled_street_of_the_data_is_repaired() {
    let site = site();
    let stdout = ok(&import(site.path(), &["--city", "茨城県行方市"]));
    assert!(
        stdout.contains("二重に書かれていたもの 1 か所を直しました"),
        "{stdout}"
    );
    let other = entry(site.path(), "wam-9910200010");
    assert!(other.contains("street: \"本町1-1\""), "{other}");
    assert!(other.contains("area: \"namegata\""), "{other}");
}

#[test]
fn a_reimport_follows_the_data_and_keeps_what_people_wrote() {
    let site = site();
    let dir = site.path();
    ok(&import(dir, &["--city", "鹿嶋市"]));
    // A provider confirms and writes about their work, in one entry; a person corrects the
    // name of another (a field the data owns).
    let works_path = dir.join("content/entries/wam-9910100010.md");
    let works = entry(dir, "wam-9910100010").replace(
        "    capacity: 20\n",
        "    capacity: 20\n    work: [\"パンづくり\"]\n",
    ) + "パンを焼いています。\n";
    let works = works.replace("imported:", "verified: 2026-10-01\nimported:");
    std::fs::write(&works_path, &works).unwrap();
    let sora_path = dir.join("content/entries/wam-9910100050.md");
    let sora = entry(dir, "wam-9910100050").replace("相談室 そら", "相談室そら");
    std::fs::write(&sora_path, &sora).unwrap();

    // New data: both offices changed their phone numbers.
    let (a, t) = csvs(dir);
    for path in [&a, &t] {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text
            .replace("0299123456", "0299123499")
            .replace("0299-12-5000", "0299-12-5099");
        std::fs::write(path, text).unwrap();
    }
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(stdout.contains("データに合わせて更新 1 か所"), "{stdout}");
    assert!(stdout.contains("wam-9910100010.md: contact"), "{stdout}");
    assert!(
        stdout.contains("wam-9910100050.md: データでは name, contact が変わりましたが"),
        "{stdout}"
    );

    let works = entry(dir, "wam-9910100010");
    assert!(works.contains("phone: \"0299-12-3499\""), "{works}");
    assert!(works.contains("work: [\"パンづくり\"]"));
    assert!(works.contains("verified: 2026-10-01"));
    assert!(works.ends_with("パンを焼いています。\n"));
    assert_eq!(entry(dir, "wam-9910100050"), sora, "a person's edit stays");
    assert_eq!(shirube(&["check", "."], dir).status.code(), Some(0));
}

/// An earlier import's area has no group (areas had none then): once an import makes the guide's
/// groups two or more, the area it uses gets its prefecture, so that it is listed under it and
/// not above the prefectures on its own. With one group, site.yaml's old lines stay as they are.
#[test]
fn an_older_area_gets_its_prefecture_when_the_guide_has_two() {
    let site = site();
    let dir = site.path();
    let yaml_path = dir.join("site.yaml");
    let base = std::fs::read_to_string(&yaml_path).unwrap();
    let old_line = "  - { id: kashima, name: 鹿嶋市, kana: かしまし }";
    let with_old = base.replace(
        "  - { id: nishi, name: 西部, kana: せいぶ }",
        &format!("  - {{ id: nishi, name: 西部, kana: せいぶ }}\n{old_line}"),
    );
    std::fs::write(&yaml_path, &with_old).unwrap();

    // One prefecture: nothing to list by prefecture, and the line is left alone.
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(!stdout.contains("group"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&yaml_path).unwrap(), with_old);
    assert!(entry(dir, "wam-9910100010").contains("area: \"kashima\""));

    // A guide with a prefecture's areas already: the old area joins its own prefecture.
    let two = with_old.replace(
        old_line,
        &format!("{old_line}\n  - {{ id: aomori, name: 青森市, kana: あおもりし, group: 青森県 }}"),
    );
    std::fs::write(&yaml_path, &two).unwrap();
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(
        stdout.contains(
            "地域 1 に、都道府県（group）を書きたしました（都道府県ごとに ならべるため）: kashima"
        ),
        "{stdout}"
    );
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    assert!(
        yaml.contains("  - { id: kashima, name: 鹿嶋市, kana: かしまし, group: \"茨城県\" }\n"),
        "{yaml}"
    );
    // An area no entry is in is named, as check names it (青森市: the data has no office there).
    assert!(
        stdout.contains("地域「青森市」（aomori）には、のっている事業所などがひとつもありません"),
        "{stdout}"
    );
    // Areas the import did not use keep no group (北部 is no town of the data's).
    assert!(
        yaml.contains("  - { id: kita, name: 北部, kana: ほくぶ }\n"),
        "{yaml}"
    );
    assert_eq!(shirube(&["check", "."], dir).status.code(), Some(0));

    // An entry in another town's area (as an older import left an office merged with another
    // site of its number) keeps its area, and the import names it with the area it belongs in.
    let works = dir.join("content/entries/wam-9910100010.md");
    let text = std::fs::read_to_string(&works).unwrap();
    std::fs::write(
        &works,
        text.replace("area: \"kashima\"", "area: \"aomori\""),
    )
    .unwrap();
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(
        stdout.contains(
            "地域は「青森市」（aomori）ですが、住所の「茨城県鹿嶋市」は青森市にありません"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("「area: kashima」（鹿嶋市）に直してください"),
        "{stdout}"
    );
    assert!(entry(dir, "wam-9910100010").contains("area: \"aomori\""));
}

/// A 事業所番号 also covers an office's other sites (従たる事業所), listed with their own
/// name, street and phone: each is an entry of its own, not merged into the office.
#[test]
fn another_site_of_an_office_number_is_an_office_of_its_own() {
    let site = site();
    let dir = site.path();
    let (a, _) = csvs(dir);
    let mut data = std::fs::read_to_string(&a).unwrap();
    data.push_str(concat!(
        r#""99000","T0000000009","ひかり県","社会福祉法人ひかり会","しゃかいふくしほうじんひかりかい","1234567890123","茨城県鹿嶋市","1-1","","","","就労継続支援Ａ型","ワークス ひかり 分室","わーくす ひかり ぶんしつ","9910100010","茨城県鹿嶋市","宮中9-8","0299-12-9999","","","","","09:00-16:00","","","","","","10""#,
        "\n"
    ));
    std::fs::write(&a, data).unwrap();
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(stdout.contains("事業所 6 か所を読みました"), "{stdout}");
    assert!(
        stdout.contains("場所のちがう事業所（従たる事業所）が 1 か所"),
        "{stdout}"
    );
    // The office keeps its number, its services and its street; the other site follows it.
    let works = entry(dir, "wam-9910100010");
    assert!(works.contains("name: \"ワークス ひかり\""), "{works}");
    assert!(works.contains("street: \"緑町1−2−3\""), "{works}");
    assert!(works.contains("type: \"transition\""), "{works}");
    let annex = entry(dir, "wam-9910100010-2");
    assert!(annex.contains("name: \"ワークス ひかり 分室\""), "{annex}");
    assert!(annex.contains("street: \"宮中9-8\""), "{annex}");
    assert!(annex.contains("office_number: \"9910100010\""), "{annex}");
    assert!(!annex.contains("transition"), "{annex}");
    let check = shirube(&["check", "."], dir);
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn a_hand_written_entry_is_never_touched() {
    let site = site();
    let dir = site.path();
    let path = dir.join("content/entries/wam-9910100020.md");
    let own = std::fs::read_to_string(dir.join("content/entries/midori.md")).unwrap();
    std::fs::write(&path, &own).unwrap();
    let stdout = ok(&import(dir, &["--city", "鹿嶋市"]));
    assert!(
        stdout.contains("手で書いた項目 1 か所は そのままです"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), own);
}

#[test]
fn wrong_input_gets_a_japanese_error_and_writes_nothing() {
    let site = site();
    let dir = site.path();
    let before = std::fs::read_dir(dir.join("content/entries"))
        .unwrap()
        .count();
    let yaml_before = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    let stderr = |out: Output| String::from_utf8_lossy(&out.stderr).into_owned();

    let err = stderr(import(dir, &["--city", "中区"]));
    assert!(err.contains("「中区」はいくつかの場所にあります"), "{err}");
    assert!(err.contains("神奈川県横浜市中区") && err.contains("愛知県名古屋市中区"));
    let err = stderr(import(dir, &["--city", "どこにもない市"]));
    assert!(
        err.contains("「どこにもない市」という市区町村が見つかりません"),
        "{err}"
    );
    let err = stderr(import(dir, &["--city", "札幌市"]));
    assert!(
        err.contains("指定した地域の事業所は、指定したファイルにありません"),
        "{err}"
    );
    let err = stderr(import(dir, &["--pref", "ハワイ"]));
    assert!(
        err.contains("「ハワイ」という都道府県はありません"),
        "{err}"
    );
    let err = stderr(import(dir, &["--city", "鹿嶋市", "--area", "minami"]));
    assert!(
        err.contains("地域「minami」は site.yaml の areas にありません"),
        "{err}"
    );

    let (a, _) = csvs(dir);
    let err = stderr(shirube(&["import", "wam", &a, "--dir", "."], dir));
    assert!(err.contains("--as-of 2025-03 のように"), "{err}");
    let err = stderr(shirube(
        &[
            "import",
            "wam",
            "site.yaml",
            "--as-of",
            "2025-03",
            "--dir",
            ".",
        ],
        dir,
    ));
    assert!(
        err.contains("WAM NET のオープンデータの形ではありません"),
        "{err}"
    );
    let err = stderr(shirube(
        &[
            "import", "wam", "nai.csv", "--as-of", "2025-03", "--dir", ".",
        ],
        dir,
    ));
    assert!(err.contains("nai.csv を読めません"), "{err}");

    let after = std::fs::read_dir(dir.join("content/entries"))
        .unwrap()
        .count();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read_to_string(dir.join("site.yaml")).unwrap(),
        yaml_before
    );
}

/// Every `href` and `src` of every HTML page in `out` that points inside the site, resolved
/// against its page, must name a file there (a folder means its index.html).
fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut broken = BTreeSet::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let page_dir = entry.path().parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for part in html.split(attr).skip(1) {
                let link = part.split('"').next().unwrap_or_default();
                let link = link.split(['#', '?']).next().unwrap_or_default();
                let external = link.contains(':') || link.starts_with("//");
                if link.is_empty() || external {
                    continue;
                }
                // 404.html links from the site's base path (`/komorebi/`, from site.yaml).
                let target = match link.strip_prefix(base_path) {
                    Some(rooted) if link.starts_with('/') => out.join(rooted),
                    _ => page_dir.join(link),
                };
                let target = if link.ends_with('/') || target.is_dir() {
                    target.join("index.html")
                } else {
                    target
                };
                if !target.is_file() {
                    broken.insert(format!(
                        "{} → {link}",
                        entry.path().strip_prefix(out).unwrap().display()
                    ));
                }
            }
        }
    }
    assert!(pages > 20, "only {pages} pages crawled");
    broken.into_iter().collect()
}
