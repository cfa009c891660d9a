//! The example region in the repository root, as a newcomer meets it: `check` is silent,
//! `build` writes a page for every entry, and `new` gives files that pass `check`.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shirube(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .current_dir(dir)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .env_remove("SHIRUBE_LANG")
        .output()
        .expect("run shirube")
}

#[test]
fn example_checks_silently() {
    let out = shirube(&repo(), &["check"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "check should print nothing on the example"
    );
    assert!(out.status.success());
}

#[test]
fn example_builds_a_page_for_every_entry() {
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("site");
    let out = shirube(&repo(), &["build", "-o", target.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(target.join("index.html").is_file());
    let entries: Vec<_> = std::fs::read_dir(repo().join("content/entries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    assert!(entries.len() >= 40, "the example has at least 40 entries");
    for source in entries {
        let text = std::fs::read_to_string(&source).unwrap();
        // The id is the file name unless the front matter gives one.
        let id = text
            .lines()
            .find_map(|l| l.strip_prefix("id: "))
            .map(|s| s.split('#').next().unwrap().trim().to_string())
            .unwrap_or_else(|| source.file_stem().unwrap().to_string_lossy().into_owned());
        let page = target.join("entries").join(&id).join("index.html");
        assert!(page.is_file(), "no page for {}", source.display());
    }
    for listing in [
        "services/b-type/index.html",
        "services/a-type/index.html",
        "services/transition/index.html",
        "services/retention/index.html",
        "services/selection/index.html",
        "centers/index.html",
        "workplaces/index.html",
        "community/index.html",
        "glossary/index.html",
        "pages/where-to-ask/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(target.join(listing).is_file(), "missing {listing}");
    }
}

/// `--timings` names every stage once, in pipeline order, with its seconds; without a terminal
/// no progress bar is drawn (its carriage returns would litter CI logs).
#[test]
fn timings_name_every_stage_and_no_bar_off_a_terminal() {
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("site");
    let out = shirube(
        &repo(),
        &["build", "--timings", "-o", target.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stages = [
        "読みこみとチェック",
        "よみがなと並び順",
        "写真",
        "印刷版",
        "PDF",
        "ページ",
        "検索の索引",
        "オープンデータ",
        "書きこみ",
        "ぜんぶ",
    ];
    // `     0.31 秒  読みこみとチェック`
    let named: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once(" 秒  "))
        .filter(|(seconds, _)| seconds.trim().parse::<f64>().is_ok())
        .map(|(_, name)| name)
        .collect();
    assert_eq!(named, stages, "{stdout}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\r'));
}

#[test]
fn new_templates_pass_check() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &site.path().join("content"));
    std::fs::copy(repo().join("site.yaml"), site.path().join("site.yaml")).unwrap();
    for (kind, id) in [
        ("office", "new-office"),
        ("workplace", "new-workplace"),
        ("center", "new-center"),
        ("community", "new-community"),
        ("page", "new-page"),
    ] {
        let out = shirube(site.path(), &["new", kind, id]);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // No errors; the sample values left in each file are warnings, so a new file builds while a
    // provider fills it in, and the council sees what is left.
    let out = shirube(site.path(), &["check"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    let problems: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("content/"))
        .collect();
    assert!(problems.len() >= 5, "{report}");
    assert!(
        problems
            .iter()
            .all(|l| l.contains("警告") && l.contains("ひな形の例")),
        "{report}"
    );
    assert!(report.ends_with(&format!("エラー 0件、警告 {}件\n", problems.len())));

    let again = shirube(site.path(), &["new", "office", "new-office"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file is never overwritten"
    );
    let bad = shirube(site.path(), &["new", "bakery", "x"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("種類として使えません"));
}

#[test]
fn stale_lists_old_entries_oldest_first_with_phone() {
    let run = |today: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_shirube"))
            .args(["stale"])
            .current_dir(repo())
            .env("SHIRUBE_TODAY", today)
            .output()
            .expect("run shirube");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run("2026-11-01"),
        "12か月以上 確かめていない項目: 0件（うち まだ一度も確かめていない項目: 0件）\n"
    );
    let report = run("2027-10-01");
    let dates: Vec<&str> = report
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|d| d.len() == 10)
        .collect();
    assert!(dates.len() > 10, "{report}");
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {report}"
    );
    assert!(report.contains("0299-"), "each line has the phone to call");
}
