//! The furigana edition of the example region: every plain page has a twin with ruby, the plain
//! pages carry none, ruby sits only over kanji, and `shirube reading` / `shirube ruby` honour the
//! region's own readings.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shirube(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .current_dir(dir)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .output()
        .expect("run shirube");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn html_pages(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_pages(root, &path, out);
        } else if path.extension().is_some_and(|x| x == "html") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

/// Every `<ruby>BASE<rp>(</rp><rt>READING</rt>…` in a page, as (base, reading).
fn rubies(html: &str) -> Vec<(String, String)> {
    html.split("<ruby>")
        .skip(1)
        .filter_map(|rest| {
            let base_end = rest.find('<')?;
            let rt = rest.find("<rt>")? + "<rt>".len();
            let rt_end = rest[rt..].find("</rt>")? + rt;
            Some((rest[..base_end].to_string(), rest[rt..rt_end].to_string()))
        })
        .collect()
}

#[test]
fn every_page_has_a_furigana_twin_and_ruby_only_there() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    shirube(&repo(), &["build", "-o", out.to_str().unwrap()]);
    let mut pages = Vec::new();
    html_pages(&out, &out, &mut pages);
    let plain: Vec<&String> = pages
        .iter()
        .filter(|p| !p.starts_with("furigana/") && !p.starts_with("print/"))
        .collect();
    assert!(plain.len() > 60, "only {} plain pages", plain.len());
    let mut problems = Vec::new();
    let mut ruby_count = 0;
    for page in plain {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        if html.contains("<ruby") {
            problems.push(format!("{page}: the plain page has ruby"));
        }
        if !html.contains("data-edition=\"furigana\"") {
            problems.push(format!("{page}: no switch to furigana"));
        }
        let twin_path = out.join("furigana").join(page);
        let Ok(twin) = std::fs::read_to_string(&twin_path) else {
            problems.push(format!("{page}: no furigana twin"));
            continue;
        };
        if !twin.contains("data-edition=\"plain\"") {
            problems.push(format!("furigana/{page}: no switch back to plain"));
        }
        // Search engines are told to show the plain page (its text carries no readings), by
        // its address where the guide is published (site.yaml's base_url); not the 404 page.
        let plain_url = format!("{BASE_URL}{}", page.trim_end_matches("index.html"));
        let canonical = format!("<link rel=\"canonical\" href=\"{plain_url}\">");
        match page.as_str() {
            "404.html" if twin.contains("rel=\"canonical\"") => {
                problems.push("furigana/404.html: a canonical page".into())
            }
            "404.html" => {}
            _ if twin.matches("rel=\"canonical\"").count() != 1 || !twin.contains(&canonical) => {
                problems.push(format!("furigana/{page}: not {canonical}"))
            }
            _ => {}
        }
        if html.contains("rel=\"canonical\"") {
            problems.push(format!("{page}: the plain page names another as canonical"));
        }
        if twin.contains("aria-hidden=\"true\"><rt") || twin.contains("<rt aria-hidden") {
            problems.push(format!(
                "furigana/{page}: rt hidden from assistive technology"
            ));
        }
        for (base, reading) in rubies(&twin) {
            ruby_count += 1;
            if !base.chars().any(is_kanji) {
                problems.push(format!(
                    "furigana/{page}: ruby over「{base}」, which has no kanji"
                ));
            }
            if !shirube::text::is_reading(&reading) {
                problems.push(format!(
                    "furigana/{page}: reading「{reading}」over「{base}」is not hiragana"
                ));
            }
        }
    }
    assert!(
        ruby_count > 1000,
        "only {ruby_count} ruby in the furigana edition"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The sitemap lists the canonical pages: every page of the plain edition (and the print
    // document) but 404, and no twin.
    let canonical_pages = pages
        .iter()
        .filter(|p| p.ends_with("index.html") && !p.starts_with("furigana/"))
        .count();
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let listed: Vec<&str> = sitemap
        .lines()
        .filter_map(|l| l.trim().strip_prefix("<url><loc>"))
        .filter_map(|l| l.strip_suffix("</loc></url>"))
        .collect();
    assert_eq!(listed.len(), canonical_pages, "{sitemap}");
    assert!(
        listed.iter().all(|url| url.starts_with(BASE_URL)
            && !url[BASE_URL.len()..].starts_with("furigana/")),
        "{sitemap}"
    );
}

/// site.yaml's `base_url` of the example region.
const BASE_URL: &str = "https://shirube.test/hikari/";

#[test]
fn the_regions_own_readings_are_used() {
    // 栄町 is in content/readings.yaml; the analyser alone reads it さかえまち.
    assert_eq!(
        shirube(&repo(), &["reading", "栄町"]).trim(),
        "さかえちょう"
    );
    assert_eq!(
        shirube(&repo(), &["reading", "定員20名"]).trim(),
        "ていいんにじゅうめい"
    );
    let ruby = shirube(&repo(), &["ruby", "--grade", "all", "働きます"]);
    assert_eq!(
        ruby.trim(),
        "<ruby>働<rp>(</rp><rt>はたら</rt><rp>)</rp></ruby>きます"
    );
    // Outside a site, the analyser alone.
    let elsewhere = tempfile::tempdir().unwrap();
    assert_eq!(
        shirube(elsewhere.path(), &["reading", "工賃"]).trim(),
        "こうちん"
    );
}
