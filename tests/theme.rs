//! The default theme lives in the binary: a site without `themes/` builds with it, and a site's
//! own `themes/default/templates/x.html` replaces just that template.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `shirube build site -o out [--theme theme]`, whatever its outcome.
fn run_build(site: &Path, out: &Path, theme: Option<&Path>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shirube"));
    cmd.arg("build").arg(site).arg("-o").arg(out);
    if let Some(theme) = theme {
        cmd.arg("--theme").arg(theme);
    }
    cmd.env("SHIRUBE_TODAY", "2026-11-01")
        .output()
        .expect("run shirube")
}

fn build(site: &Path, out: &Path, theme: Option<&Path>) {
    let run = run_build(site, out, theme);
    assert!(
        run.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_site_without_a_theme_builds_with_the_embedded_one() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&repo().join("tests/fixtures/base"), &site);
    assert!(!site.join("themes").exists());
    let (embedded, from_repo) = (dir.path().join("a"), dir.path().join("b"));
    build(&site, &embedded, None);
    build(&site, &from_repo, Some(&repo().join("themes/default")));
    for page in [
        "index.html",
        "entries/midori/index.html",
        "print/index.html",
        "static/css/site.css",
        "static/js/search.js",
    ] {
        assert_eq!(
            read(&embedded.join(page)),
            read(&from_repo.join(page)),
            "{page}: the embedded theme differs from themes/default"
        );
    }
}

/// The base fixture, with `template` (relative to the theme's templates) of its own holding
/// `text`, in a new folder; built into its `out`, which is returned.
fn build_with_own_template(dir: &Path, template: &str, text: &str) -> PathBuf {
    let site = dir.join("site");
    common::copy_dir(&repo().join("tests/fixtures/base"), &site);
    let own = site.join("themes/default/templates").join(template);
    std::fs::create_dir_all(own.parent().unwrap()).unwrap();
    std::fs::write(own, text).unwrap();
    let out = dir.join("out");
    build(&site, &out, None);
    out
}

#[test]
fn a_site_template_overrides_only_that_template() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_own_template(
        dir.path(),
        "404.html",
        "<!doctype html><title>ない</title><p>このページはありません（地域のテーマ）</p>\n",
    );
    assert!(read(&out.join("404.html")).contains("地域のテーマ"));
    let entry = read(&out.join("entries/midori/index.html"));
    assert!(
        entry.contains("みどり工房") && !entry.contains("地域のテーマ"),
        "other pages keep the default templates"
    );
    assert!(out.join("static/css/site.css").is_file());
}

/// A site's own `base.html`, copied from an earlier default theme, keeps building when the
/// default templates it does not override change: they add no block that base must have (tera
/// refuses a child's block that no parent defines). Here, the default base before the furigana
/// pages' canonical link.
#[test]
fn a_site_base_template_from_an_earlier_theme_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let default_base = read(&repo().join("themes/default/templates/base.html"));
    let earlier: String = default_base
        .lines()
        .filter(|line| !line.contains("canonical"))
        .map(|line| format!("{line}\n"))
        .collect::<String>()
        .replacen("{% endif %}{% if jsonld %}", "{% if jsonld %}", 1);
    assert_ne!(
        earlier, default_base,
        "the default base has the canonical link"
    );
    let out = build_with_own_template(dir.path(), "base.html", &earlier);
    let twin = read(&out.join("furigana/entries/midori/index.html"));
    assert!(twin.contains("<ruby>") && !twin.contains("rel=\"canonical\""));
    assert!(read(&out.join("furigana/404.html")).contains("ページが見つかりません"));
}

/// The menu and the footer are made once for each depth of each edition (`render/frame.rs`),
/// not for each page: a site's own footer is still on every page, its links relative to each,
/// and in the furigana edition with ruby over its kanji (given once, and put in each page).
#[test]
fn a_site_footer_is_on_every_page_with_links_from_that_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_with_own_template(
        dir.path(),
        "partials/footer.html",
        "<footer>地域の あしもと {{ edition }} <a href=\"{{ root }}search/\">さがす</a> \
         <a href=\"{{ asset_root }}data/entries.csv\">CSV</a></footer>",
    );
    let words = "地域の あしもと";
    let ruby = "<ruby>地域<rp>(</rp><rt>ちいき</rt><rp>)</rp></ruby>の あしもと";
    for (page, text, edition, search, csv) in [
        ("index.html", words, "plain", "search/", "data/entries.csv"),
        (
            "entries/midori/index.html",
            words,
            "plain",
            "../../search/",
            "../../data/entries.csv",
        ),
        (
            "furigana/entries/midori/index.html",
            ruby,
            "furigana",
            "../../../furigana/search/",
            "../../../data/entries.csv",
        ),
        (
            "furigana/index.html",
            ruby,
            "furigana",
            "../furigana/search/",
            "../data/entries.csv",
        ),
        (
            "services/b-type/index.html",
            words,
            "plain",
            "../../search/",
            "../../data/entries.csv",
        ),
        (
            "404.html",
            words,
            "plain",
            "/komorebi/search/",
            "/komorebi/data/entries.csv",
        ),
    ] {
        let html = read(&out.join(page));
        let footer = format!(
            "<footer>{text} {edition} <a href=\"{search}\">さがす</a> <a href=\"{csv}\">CSV</a></footer>"
        );
        assert!(html.contains(&footer), "{page}: no {footer}");
        assert_eq!(html.matches("<footer").count(), 1, "{page}");
        assert!(!html.contains("shirube-frame"), "{page}: a marker is left");
    }
    // The default menu is still there, from the default partial, with ruby in the furigana
    // edition.
    let entry = read(&out.join("entries/midori/index.html"));
    assert!(entry.contains(r#"<nav class="site-nav" aria-label="サイト全体">"#));
    assert!(entry.contains(r#"<li><a href="../../search/">さがす</a></li>"#));
    let furigana = read(&out.join("furigana/entries/midori/index.html"));
    assert!(furigana.contains(r#"<nav class="site-nav" aria-label="サイト全体">"#));
    assert!(
        furigana.contains("用語<ruby>集<rp>"),
        "the menu's 集 (grade 3) has ruby"
    );
}

/// The markers that stand for the menu and the footer while the furigana pass runs
/// (`render/frame.rs`) cannot be made by a provider: written in an entry's text, a marker is
/// printed as text, and the footer is on the page once.
#[test]
fn a_frame_marker_in_provider_text_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&repo().join("tests/fixtures/base"), &site);
    let entry = site.join("content/entries/midori.md");
    let marker = "<!--shirube-frame:footer-->";
    let text: String = read(&entry)
        .lines()
        .map(|line| match line.starts_with("summary:") {
            true => format!("summary: \"見学 {marker}\"\n"),
            false => format!("{line}\n"),
        })
        .collect();
    let text = text + &format!("\n{marker}\n\n<p>{marker}</p>\n");
    std::fs::write(&entry, text).unwrap();
    let out = dir.path().join("out");
    build(&site, &out, None);
    for page in [
        "entries/midori/index.html",
        "furigana/entries/midori/index.html",
    ] {
        let html = read(&out.join(page));
        assert_eq!(html.matches("<footer").count(), 1, "{page}");
        assert!(!html.contains(marker), "{page}: a marker as markup");
        assert!(html.contains("&lt;!--shirube-frame:footer--&gt;"), "{page}");
    }
}

#[test]
fn a_missing_theme_folder_is_an_error() {
    let run = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args([
            "build",
            "tests/fixtures/base",
            "--theme",
            "no/such/theme",
            "-o",
        ])
        .arg(tempfile::tempdir().unwrap().path().join("out"))
        .current_dir(repo())
        .output()
        .expect("run shirube");
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr)
            .contains("テーマのフォルダ no/such/theme がありません")
    );
}

/// The print document's entries are rendered as the document is written: a theme whose entry
/// template fails stops the build with the template's name, and the last good output stays.
#[test]
fn a_failing_print_entry_template_stops_the_build_and_keeps_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&repo().join("tests/fixtures/base"), &site);
    let out = dir.path().join("out");
    build(&site, &out, None);
    let before = common::tree(&out);

    let own = site.join("themes/default/templates/partials");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("print-entry.html"),
        "<article>{{ e.no_such_field.deeper }}</article>\n",
    )
    .unwrap();
    let run = run_build(&site, &out, None);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "the build went on:\n{stderr}");
    assert!(
        stderr.contains("テーマのテンプレート partials/print-entry.html を使えません"),
        "{stderr}"
    );
    assert!(common::tree(&out) == before, "the last good output changed");
}

/// The words with kanji that the theme's scripts write (their string literals) are in the
/// phrases the furigana edition reads for them (static/js/script-words.txt): a word left out is
/// shown without ruby in that edition, beside text that has it.
#[test]
fn every_word_a_script_writes_is_in_its_phrases() {
    let js = repo().join("themes/default/static/js");
    let phrases = read(&js.join("script-words.txt"));
    let phrases: String = phrases
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let is_kanji = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c) || c == '々';
    // Scripts whose literals are the analyser's data, not words shown to anyone.
    let not_shown = ["search-analyze.js", "search-highlight.js"];
    let mut missing = Vec::new();
    let mut words = 0;
    for entry in std::fs::read_dir(&js).expect("the theme's scripts") {
        let path = entry.expect("a script").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.ends_with(".js") || not_shown.contains(&name) {
            continue;
        }
        for line in read(&path).lines() {
            let code = line.trim_start();
            if code.starts_with("//") || code.starts_with('*') || code.starts_with("/*") {
                continue;
            }
            // The literals of the line: between quotes or backticks.
            for literal in string_literals(code) {
                let mut run = String::new();
                for c in literal.chars().chain([' ']) {
                    if is_kanji(c) {
                        run.push(c);
                    } else if !run.is_empty() {
                        words += 1;
                        if !phrases.contains(&run) {
                            missing.push(format!("{name}: {run}"));
                        }
                        run.clear();
                    }
                }
            }
        }
    }
    assert!(words > 20, "the scripts' words are found ({words})");
    assert!(
        missing.is_empty(),
        "add these words to script-words.txt, in the phrase a script writes: {missing:?}"
    );
}

/// The string literals of a line of JavaScript (quotes and backticks, escapes skipped).
fn string_literals(code: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        if !matches!(c, '\'' | '"' | '`') {
            continue;
        }
        let mut literal = String::new();
        while let Some(next) = chars.next() {
            match next {
                '\\' => {
                    chars.next();
                }
                end if end == c => break,
                other => literal.push(other),
            }
        }
        literals.push(literal);
    }
    literals
}
