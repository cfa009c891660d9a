//! `shirube init`: a new guide that checks and builds as written, a folder with files left
//! alone, and GitHub workflows that actionlint accepts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs shirube with no terminal on stdin (so init asks nothing), in Japanese unless `en`.
fn shirube(args: &[&str], en: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shirube"));
    cmd.args(args).env("SHIRUBE_TODAY", "2026-04-01");
    match en {
        true => cmd.env("SHIRUBE_LANG", "en"),
        false => cmd.env_remove("SHIRUBE_LANG"),
    };
    cmd.output().expect("the shirube binary runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A new guide for 札幌市 in `<tmp>/guide`.
fn new_guide(tmp: &Path, extra: &[&str]) -> PathBuf {
    let dir = tmp.join("guide");
    let mut args = vec!["init", path(&dir), "--region", "札幌市"];
    args.extend_from_slice(extra);
    let out = shirube(&args, false);
    assert!(out.status.success(), "init failed:\n{}", text(&out));
    dir
}

const WRITTEN: &[&str] = &[
    ".github/CONTRIBUTING.md",
    ".github/actions/install-shirube/action.yml",
    ".github/pull_request_template.md",
    ".github/workflows/check.yml",
    ".github/workflows/comment.yml",
    ".github/workflows/daily.yml",
    ".github/workflows/publish.yml",
    ".gitignore",
    "README.md",
    "content/entries/.gitkeep",
    "content/glossary.yaml",
    "content/media/.gitkeep",
    "content/pages/about.md",
    "content/pages/accessibility.md",
    "content/pages/how-to-use.md",
    "content/pages/services.md",
    "content/pages/where-to-ask.md",
    "content/readings.yaml",
    "docs/事業所のみなさまへ.md",
    "site.yaml",
];

#[test]
fn a_new_guide_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_guide(tmp.path(), &[]);
    for file in WRITTEN {
        assert!(dir.join(file).is_file(), "{file} was not written");
    }
    assert!(
        !dir.join("themes").exists(),
        "the theme lives in the binary"
    );
    let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(site.contains("region_kana: \"さっぽろし\""), "{site}");
    assert!(site.contains("- { id: sapporo, name: \"札幌市\", kana: \"さっぽろし\" }"));

    let check = shirube(&["check", path(&dir), "--format", "json"], false);
    let report = String::from_utf8_lossy(&check.stdout);
    let items: Vec<serde_json::Value> = serde_json::from_str(&report).expect("a JSON report");
    let errors = items.iter().filter(|d| d["severity"] == "error").count();
    assert_eq!(errors, 0, "check found errors:\n{report}");
    // What the council still has to do is said: the placeholder address.
    assert!(report.contains("https://example.org/"), "{report}");
    assert!(check.status.success(), "{report}");

    // No themes/ in the new guide: it builds with the theme inside the binary.
    let out = tmp.path().join("out");
    let build = shirube(&["build", path(&dir), "-o", path(&out)], false);
    assert!(build.status.success(), "build failed:\n{}", text(&build));
    for page in [
        "index.html",
        "pages/where-to-ask/index.html",
        "pages/how-to-use/index.html",
        "pages/services/index.html",
        "pages/about/index.html",
        "pages/accessibility/index.html",
        "glossary/index.html",
        "areas/sapporo/index.html",
        "print/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    let about = std::fs::read_to_string(out.join("pages/about/index.html")).unwrap();
    assert!(about.contains("札幌市自立支援協議会 就労部会"), "{about}");
    let broken = broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The path a council takes, on a small CSV in the national data's shape: init, import the
/// offices of a city (placed in their own area, made by the import), check with no errors, build,
/// and not one broken link.
#[test]
fn init_then_import_checks_builds_and_links() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("guide");
    let out = shirube(
        &[
            "init",
            path(&dir),
            "--region",
            "鹿嶋市",
            "--base-url",
            "https://kashima-shigoto.test/",
        ],
        false,
    );
    assert!(out.status.success(), "init failed:\n{}", text(&out));
    let csvs = [
        repo().join("tests/fixtures/wam/a-type.csv"),
        repo().join("tests/fixtures/wam/transition-and-retention.csv"),
    ];
    let import = shirube(
        &[
            "import",
            "wam",
            path(&csvs[0]),
            path(&csvs[1]),
            "--city",
            "鹿嶋市",
            "--as-of",
            "2025-03",
            "--dir",
            path(&dir),
        ],
        false,
    );
    assert!(import.status.success(), "import failed:\n{}", text(&import));
    assert!(text(&import).contains("新しく 5 か所"), "{}", text(&import));
    let check = shirube(&["check", path(&dir)], false);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    assert!(text(&check).contains("エラー 0件"), "{}", text(&check));
    let site = tmp.path().join("site");
    let build = shirube(&["build", path(&dir), "-o", path(&site)], false);
    assert!(build.status.success(), "build failed:\n{}", text(&build));
    assert!(site.join("entries/wam-9910100010/index.html").is_file());
    let broken = broken_links(&site);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Every relative link and source of every page that does not lead to a file. The 404 pages
/// are left out: they link from the site's root, wherever they are shown.
fn broken_links(out: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walk(out) {
        if entry.extension().is_none_or(|x| x != "html") || entry.ends_with("404.html") {
            continue;
        }
        let html = std::fs::read_to_string(&entry).unwrap();
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let target = piece.split('"').next().unwrap_or("");
                let target = target.split(['#', '?']).next().unwrap_or("");
                // Any scheme leaves the site: http:, mailto:, tel:, data:, and the map app's geo:.
                let external = target.contains(':') || target.starts_with("//");
                if target.is_empty() || external {
                    continue;
                }
                let mut to = entry.parent().unwrap().join(target);
                if target.ends_with('/') {
                    to = to.join("index.html");
                }
                if !to.exists() {
                    let page = entry.strip_prefix(out).unwrap().display();
                    broken.push(format!("{page}: {target}"));
                }
            }
        }
    }
    broken
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        match p.is_dir() {
            true => files.extend(walk(&p)),
            false => files.push(p),
        }
    }
    files
}

#[test]
fn the_region_reading_is_guessed_and_said_so_or_taken_as_given() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("guessed");
    let out = shirube(&["init", path(&dir), "--region", "札幌市"], false);
    assert!(
        text(&out).contains("地域のよみ「さっぽろし」は辞書からの推測です"),
        "{}",
        text(&out)
    );
    let dir = tmp.path().join("given");
    let out = shirube(
        &[
            "init",
            path(&dir),
            "--region",
            "札幌市",
            "--region-kana",
            "サッポロシ",
            "--title",
            "さっぽろ はたらくガイド",
            "--title-kana",
            "さっぽろ はたらくがいど",
            "--base-url",
            "https://sapporo-guide.github.io/guide/",
            "--publisher",
            "札幌市障がい者協議会 就労部会",
            "--contact",
            "札幌市役所 障がい福祉課、電話 011-000-0000",
        ],
        false,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("推測"), "{}", text(&out));
    let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(
        site.contains("region_kana: \"さっぽろし\""),
        "katakana becomes hiragana: {site}"
    );
    assert!(site.contains("base_url: \"https://sapporo-guide.github.io/guide/\""));
    assert!(!site.contains("仮のアドレス"), "{site}");
    let about = std::fs::read_to_string(dir.join("content/pages/about.md")).unwrap();
    assert!(about.contains("札幌市障がい者協議会 就労部会"));
    assert!(about.contains("電話 011-000-0000"));
    assert!(!about.contains("【"), "{about}");
}

#[test]
fn a_folder_with_files_is_left_alone_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("guide");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("site.yaml"), "title: mine\n").unwrap();
    for (en, says) in [
        (false, "空のフォルダではありません"),
        (true, "is not empty"),
    ] {
        let out = shirube(&["init", path(&dir), "--region", "札幌市"], en);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(text(&out).contains(says), "{}", text(&out));
        assert!(text(&out).contains("site.yaml"), "{}", text(&out));
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("site.yaml")).unwrap(),
        "title: mine\n"
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // A file is not a folder.
    let out = shirube(
        &["init", path(&dir.join("site.yaml")), "--region", "札幌市"],
        false,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("はファイルです"), "{}", text(&out));
}

#[test]
fn without_a_terminal_the_region_is_required() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("guide");
    for (en, says) in [
        (false, "--region がありません"),
        (true, "--region is missing"),
    ] {
        let out = shirube(&["init", path(&dir)], en);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(text(&out).contains(says), "{}", text(&out));
    }
    assert!(!dir.exists(), "nothing is written");
    let out = shirube(
        &[
            "init",
            path(&dir),
            "--region",
            "札幌市",
            "--base-url",
            "sapporo",
        ],
        true,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("is not an address"), "{}", text(&out));
    assert!(!dir.exists(), "nothing is written");
}

/// Where scripts/test installs actionlint, or `ACTIONLINT`, or the one on `PATH`.
fn actionlint() -> PathBuf {
    if let Some(path) = std::env::var_os("ACTIONLINT") {
        return PathBuf::from(path);
    }
    let local = repo().join(".tools/actionlint/bin/actionlint");
    if local.is_file() {
        return local;
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("actionlint"))
        .find(|p| p.is_file());
    on_path.unwrap_or_else(|| {
        panic!("actionlint is not installed: scripts/test installs it (into .tools/actionlint)")
    })
}

#[test]
fn the_workflows_pass_actionlint_and_shellcheck() {
    let tmp = tempfile::tempdir().unwrap();
    // As a council would: into a clone of a new, empty repository (only .git in it).
    std::fs::create_dir_all(tmp.path().join("guide/.git")).unwrap();
    let dir = new_guide(tmp.path(), &[]);
    // actionlint checks `run:` scripts with shellcheck only when it finds one: make sure it does.
    let shellcheck = Command::new("shellcheck").arg("--version").output();
    assert!(
        shellcheck.is_ok_and(|o| o.status.success()),
        "shellcheck is not installed: scripts/test installs it"
    );
    let out = Command::new(actionlint())
        .arg("-color=false")
        .current_dir(&dir)
        .output()
        .expect("actionlint runs");
    assert!(out.status.success(), "actionlint:\n{}", text(&out));
    // The composite action's scripts, which actionlint does not read as scripts.
    let action =
        std::fs::read_to_string(dir.join(".github/actions/install-shirube/action.yml")).unwrap();
    let scripts = run_blocks(&action);
    assert_eq!(scripts.len(), 3, "{action}");
    for script in scripts {
        let mut child = Command::new("shellcheck")
            .args(["--shell=bash", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(script.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "shellcheck:\n{}\n{script}",
            text(&out)
        );
    }
}

/// The guide shown depends on the day (an event that has passed leaves the upcoming ones), and
/// GitHub drops a cache no run used for seven days: daily.yml starts the publication every day.
/// The schedule is in a file of its own, as GitHub disables a scheduled workflow (the whole file)
/// after 60 days without activity, and publish.yml must go on publishing each push.
#[test]
fn the_guide_is_published_again_every_day() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_guide(tmp.path(), &[]);
    let workflow = |name: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(dir.join(".github/workflows").join(name)).unwrap();
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"))
    };
    let publish = workflow("publish.yml");
    assert_eq!(
        publish["on"]["push"]["branches"],
        serde_json::json!(["main"])
    );
    assert!(
        publish["on"]["schedule"].is_null(),
        "publish.yml has no schedule"
    );
    assert!(
        publish["on"].get("workflow_dispatch").is_some(),
        "publish.yml can be started"
    );

    let daily = workflow("daily.yml");
    let schedules = daily["on"]["schedule"]
        .as_array()
        .expect("daily.yml has a schedule");
    assert_eq!(schedules.len(), 1, "{schedules:?}");
    let cron = schedules[0]["cron"].as_str().expect("a cron line");
    let fields: Vec<&str> = cron.split_whitespace().collect();
    // minute, hour, and every day of every month, whatever the weekday
    assert_eq!(fields.len(), 5, "{cron}");
    assert!(fields[0].parse::<u8>().is_ok_and(|m| m < 60), "{cron}");
    assert!(fields[1].parse::<u8>().is_ok_and(|h| h < 24), "{cron}");
    assert_eq!(&fields[2..], ["*", "*", "*"], "{cron}");
    // On the default branch only: no other trigger, which could start it from another branch.
    assert_eq!(
        daily["on"].as_object().map(|on| on.len()),
        Some(1),
        "{}",
        daily["on"]
    );
    // It starts publish.yml, with the one permission that takes.
    let job = &daily["jobs"]["publish"];
    assert_eq!(job["permissions"], serde_json::json!({"actions": "write"}));
    let runs: Vec<&str> = job["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect();
    assert!(
        runs.iter()
            .any(|run| run.starts_with("gh workflow run publish.yml")),
        "{runs:?}"
    );
}

/// The `run:` scripts of a YAML file: each `run: |` block, or a one-line `run:`.
fn run_blocks(yaml: &str) -> Vec<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut scripts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find("run: ") else {
            continue;
        };
        let value = line[at + 5..].trim();
        if value != "|" {
            scripts.push(format!("{value}\n"));
            continue;
        }
        let indent = |l: &str| l.len() - l.trim_start().len();
        let body: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| l.trim().is_empty() || indent(l) > at)
            .copied()
            .collect();
        let strip = body.first().map(|l| indent(l)).unwrap_or(0);
        let script: Vec<&str> = body.iter().map(|l| l.get(strip..).unwrap_or("")).collect();
        scripts.push(script.join("\n") + "\n");
    }
    scripts
}

/// The office template in 「事業所のみなさまへ」.
fn guide_template(guide: &str) -> String {
    let start = guide
        .find("```markdown\n---\nkind: office")
        .expect("the guide has an office template")
        + "```markdown\n".len();
    let len = guide[start..].find("```").unwrap();
    guide[start..start + len].to_string()
}

/// 「事業所のみなさまへ」 stays true: its template passes check as it is, and every mistake it
/// shows gets, from check, the very message the guide quotes.
#[test]
fn the_providers_guide_quotes_what_check_says() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = new_guide(tmp.path(), &["--region-kana", "さっぽろし"]);
    let guide = std::fs::read_to_string(dir.join("docs/事業所のみなさまへ.md")).unwrap();
    let template = guide_template(&guide);
    let entry = dir.join("content/entries/midori-kobo.md");
    let check = |text: &str| {
        std::fs::write(&entry, text).unwrap();
        text_of_check(&dir)
    };
    let report = check(&template);
    assert!(
        !report.contains("エラー 1") && report.contains("エラー 0件"),
        "{report}"
    );
    assert!(
        report.contains("ひな形の例「0123-45-6789」のままです"),
        "{report}"
    );
    let mistakes: &[(&str, &str, &str)] = &[
        (
            "name: みどり工房",
            "name：みどり工房",
            "「name」のあとのコロンが 全角の「：」です",
        ),
        (
            "capacity: 20",
            "capacity:20",
            "「capacity:」のあとにスペースがありません",
        ),
        (
            "  phone:",
            "\tphone:",
            "行のはじめの字下げに タブ文字 が使われています",
        ),
        (
            "  phone:",
            "\u{3000} phone:",
            "行のはじめの字下げに 全角スペース が使われています",
        ),
        (
            "name: みどり工房",
            "name: \"みどり工房",
            "引用符（\" か '）で はじまった値が、その行で閉じていません",
        ),
        (
            "kana: みどりこうぼう",
            "kana: ミドリコウボウ",
            "kana: よみがな \"ミドリコウボウ\" にひらがな以外の文字があります",
        ),
        (
            "      fiscal_year: 2025\n",
            "",
            "services[0].wage.fiscal_year: 工賃・賃金に何年度の数字かが書かれていません",
        ),
        (
            "      monthly_average: 16500\n      fiscal_year: 2025",
            "    monthly_average: 16500\n    fiscal_year: 2025",
            "services[0].monthly_average: 「monthly_average」という項目はありません",
        ),
        (
            "access:",
            "acess:",
            "acess: 「acess」という項目はありません",
        ),
        (
            "access:",
            "acess:",
            "直しかた: 「access」のまちがいではありませんか",
        ),
        (
            "verified: 2026-04-01",
            "verified: 4月1日",
            "verified: \"4月1日\" は日付として読めません",
        ),
        (
            "phone: \"0123-45-6789\"",
            "phone: 0123-45-678",
            "contact.phone: 電話番号「0123-45-678」は 9けたです（この番号は 10けたのはずです）",
        ),
        (
            "transport:\n  available: true",
            "transport:\n  available: 要相談",
            "transport.available: あり か なし（true か false）を書くところに文字が書かれています",
        ),
        (
            "  - type: b-type",
            "  - type: 就労継続",
            "services[0].type: 「就労継続」では、a-type（就労継続支援A型）、b-type（就労継続支援B型） のどれのことか分かりません",
        ),
        (
            "area: sapporo",
            "area: 中央",
            "area: \"中央\" は site.yaml の areas にありません（使えるもの: sapporo）",
        ),
        (
            "---\nkind: office",
            "kind: office",
            "はじめの行が --- ではありません（項目の書き出しがありません）",
        ),
        (
            "name: みどり工房",
            "name: みどり工房南",
            "kana: kana に、名前の「南」の よみが ありません（名前を変えて kana を そのままにしていませんか）",
        ),
        (
            "name: みどり工房",
            "name: みどり工房南",
            "直しかた: kana に名前ぜんぶの よみを書いてください（例: みどりこうぼうみなみ。辞書の よみなので、ちがうところは直してください）",
        ),
        (
            "    work: [パンづくり, 販売, 清掃]\n",
            "    work: [パンづくり, 販売, 清掃]\n  - type: b-type\n    capacity: 6\n",
            ":28:5 services[1]: 「就労継続支援B型」のサービスが2つあります（22行目にもあります）",
        ),
        (
            "summary: パンとお菓子をつくっています",
            "summary: {工房|こうぼう}でパンとお菓子をつくっています",
            ":5:10 値が {漢字|かんじ} のふりがなで始まっているので、{ } が YAML の書きかたと読まれました",
        ),
        (
            "summary: パンとお菓子をつくっています",
            "summary: {工房|こうぼう}でパンとお菓子をつくっています",
            "直しかた: 値の前後を \" でかこんでください（summary: \"{工房|こうぼう}でパンとお菓子をつくっています\"）",
        ),
    ];
    // What the guide says may be written another way is read without a problem.
    let forgiven: &[(&str, &str)] = &[
        ("verified: 2026-04-01", "verified: 令和8年4月1日"),
        ("verified: 2026-04-01", "verified: 2026/4/1"),
        ("phone: \"0123-45-6789\"", "phone: ０１２３４５６７８９"),
        (
            "transport:\n  available: true",
            "transport:\n  available: あり",
        ),
        ("  - type: b-type", "  - type: B型"),
    ];
    for (from, to) in forgiven {
        assert!(template.contains(from), "the template has no {from:?}");
        let report = check(&template.replacen(from, to, 1));
        assert!(report.contains("エラー 0件"), "{to:?}:\n{report}");
    }
    let mut wrong = Vec::new();
    for (from, to, says) in mistakes {
        assert!(template.contains(from), "the template has no {from:?}");
        let report = check(&template.replacen(from, to, 1));
        if !report.contains(says) {
            wrong.push(format!(
                "{from:?} → {to:?}: check does not say {says:?}:\n{report}"
            ));
        }
        if !guide.contains(says) {
            wrong.push(format!("the guide does not quote {says:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

fn text_of_check(dir: &Path) -> String {
    text(&shirube(&["check", path(dir)], false))
}
