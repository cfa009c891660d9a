//! A prefecture-sized guide (#18): a listing of hundreds of offices is split into pages of 100,
//! every office on exactly one page, in 五十音 order, with links to every page that lead to
//! pages that exist; a region-sized listing stays one page (the snapshots hold that).

mod common;
use common::copy_dir;
use std::ffi::OsStr;

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The base fixture with `n` more B型 offices, `b-000` … (readings in the order of their ids).
fn site_with_offices(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/base"), dir.path());
    let entries = dir.path().join("content/entries");
    for i in 0..n {
        // かな in 五十音 order of i, so the listing's order is the ids'.
        let kana = digits_in_kana(&format!("{i:03}"));
        let text = format!(
            "---\nkind: office\nname: 作業所{i:03}\nkana: さぎょうしょ{kana}\narea: kita\n\
             address:\n  city: こもれび市\n  street: 緑町{i}\ncontact:\n  phone: \"0199-12-3456\"\n\
             accepts: [intellectual]\nservices:\n  - type: b-type\n    capacity: 20\n\
             easy: しごとを れんしゅうします。\nverified: 2026-06-01\n---\n"
        );
        std::fs::write(entries.join(format!("b-{i:03}.md")), text).unwrap();
    }
    dir
}

/// Each digit of `digits` as a kana: 0 → あ, 1 → い … 9 → こ (in 五十音 order).
fn digits_in_kana(digits: &str) -> String {
    digits
        .chars()
        .filter_map(|d| d.to_digit(10))
        .map(|d| "あいうえおかきくけこ".chars().nth(d as usize).unwrap())
        .collect()
}

fn build(site: &Path, out: &Path) {
    common::shirube_ok(
        site,
        [OsStr::new("build"), OsStr::new("-o"), out.as_os_str()],
    );
}

/// The ids of the entries a listing page shows, in order.
fn card_ids(html: &str) -> Vec<String> {
    ids_after(html, "data-compare-id=\"")
}

/// The ids that follow each `marker` in `html`, in order.
fn ids_after(html: &str, marker: &str) -> Vec<String> {
    html.split(marker)
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn a_long_listing_is_split_into_pages_with_every_office_once() {
    let site = site_with_offices(320);
    let out = site.path().join("output");
    build(site.path(), &out);
    let base = out.join("services/b-type");
    let mut pages = vec![std::fs::read_to_string(base.join("index.html")).unwrap()];
    for n in 2.. {
        match std::fs::read_to_string(base.join(format!("page/{n}/index.html"))) {
            Ok(html) => pages.push(html),
            Err(_) => break,
        }
    }
    // The fixture's own B型 offices and the 320 made here.
    let ids: Vec<Vec<String>> = pages.iter().map(|p| card_ids(p)).collect();
    let total: usize = ids.iter().map(Vec::len).sum();
    assert!(total > 320, "{total}");
    assert_eq!(pages.len(), total.div_ceil(100), "pages of 100");
    for (i, page_ids) in ids.iter().enumerate() {
        let expected = if i + 1 < pages.len() {
            100
        } else {
            total - 100 * i
        };
        assert_eq!(page_ids.len(), expected, "page {}", i + 1);
    }
    let all: Vec<&String> = ids.iter().flatten().collect();
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "no office on two pages");
    let made: Vec<&&String> = all.iter().filter(|id| id.starts_with("b-")).collect();
    let mut sorted = made.clone();
    sorted.sort();
    assert_eq!(made, sorted, "五十音 order runs across the pages");

    for (i, html) in pages.iter().enumerate() {
        let page_dir = if i == 0 {
            base.clone()
        } else {
            base.join(format!("page/{}", i + 1))
        };
        assert!(
            html.contains(&format!("{total}件のうち {}〜", 100 * i + 1)),
            "page {} says which cards it shows",
            i + 1
        );
        // Every page link leads to a page that exists; the current one is marked.
        let nav = html.split("<nav class=\"pagination\"").nth(1).unwrap();
        let nav = nav.split("</nav>").next().unwrap();
        for href in nav.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap();
            let target = page_dir.join(href).join("index.html");
            assert!(target.is_file(), "page {}: {href} leads nowhere", i + 1);
        }
        assert_eq!(nav.matches("aria-current=\"page\"").count(), 1);
        assert!(html.contains(&format!(">{}</a>", i + 1)));
    }
    // The furigana edition splits the same way, and the sitemap lists the pages.
    assert!(
        out.join("furigana/services/b-type/page/2/index.html")
            .is_file()
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("services/b-type/page/2/"));
}

/// The `<tr data-compare-id>` rows of a compare table page, in order.
fn row_ids(html: &str) -> Vec<String> {
    ids_after(html, "<tr data-compare-id=\"")
}

#[test]
fn a_long_guides_compare_page_links_to_pages_of_whole_area_tables() {
    let site = site_with_offices(320);
    // 250 offices in 北部, 50 in 東部, 20 in 西部: 北部's table fills a page of its own, and the
    // two smaller ones share the next.
    for i in 250..320 {
        let path = site.path().join(format!("content/entries/b-{i:03}.md"));
        let area = if i < 300 { "higashi" } else { "nishi" };
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("area: kita", &format!("area: {area}"))).unwrap();
    }
    let out = site.path().join("output");
    build(site.path(), &out);

    let compare = std::fs::read_to_string(out.join("compare/index.html")).unwrap();
    assert!(
        row_ids(&compare).is_empty(),
        "the compare page holds no rows"
    );
    assert!(compare.contains("data-rows-from=\"entries\""));
    let first = std::fs::read_to_string(out.join("compare/b-type/index.html")).unwrap();
    let second = std::fs::read_to_string(out.join("compare/b-type/page/2/index.html")).unwrap();
    assert!(!out.join("compare/b-type/page/3").exists());
    assert_eq!(first.matches("<table class=\"compare-table\">").count(), 1);
    assert!(first.contains("id=\"compare-b-type-kita\""));
    assert_eq!(second.matches("<table class=\"compare-table\">").count(), 2);
    assert!(
        second.contains("id=\"compare-b-type-higashi\"")
            && second.contains("id=\"compare-b-type-nishi\"")
    );
    assert!(row_ids(&first).len() >= 250);
    assert!(row_ids(&second).len() >= 70 && row_ids(&second).len() <= 100);

    // Every made office is in exactly one row, and every link of the compare page leads to a
    // table that is there.
    let mut rows: Vec<String> = row_ids(&first)
        .into_iter()
        .chain(row_ids(&second))
        .collect();
    let made = rows.iter().filter(|id| id.starts_with("b-")).count();
    assert_eq!(made, 320);
    rows.sort();
    let before = rows.len();
    rows.dedup();
    assert_eq!(rows.len(), before, "no office in two rows");
    let lists = compare.split("<ul class=\"compare-tables\">").skip(1);
    let links: Vec<&str> = lists
        .flat_map(|list| list.split("</ul>").next().unwrap().split("href=\"").skip(1))
        .collect();
    assert!(links.len() >= 3, "{links:?}");
    for href in links {
        let href = href.split('"').next().unwrap();
        let (page, anchor) = href.split_once('#').unwrap();
        let html = std::fs::read_to_string(out.join("compare").join(page).join("index.html"))
            .unwrap_or_else(|_| panic!("{href} leads nowhere"));
        assert!(html.contains(&format!("id=\"{anchor}\"")), "{href}");
    }

    // Each office's page carries its row for the side-by-side table.
    let office = std::fs::read_to_string(out.join("entries/b-007/index.html")).unwrap();
    let template = office
        .split("<template class=\"compare-row\">")
        .nth(1)
        .unwrap();
    let template = template.split("</template>").next().unwrap();
    assert_eq!(row_ids(template), ["b-007"]);
    assert!(template.contains("<th scope=\"col\">定員</th>") && template.contains("20人"));

    // The furigana edition splits the same way, and the sitemap lists the pages.
    assert!(
        out.join("furigana/compare/b-type/page/2/index.html")
            .is_file()
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("compare/b-type/page/2/"));
}

#[test]
fn a_region_sized_compare_page_holds_every_table() {
    let site = site_with_offices(0);
    let out = site.path().join("output");
    build(site.path(), &out);
    let compare = std::fs::read_to_string(out.join("compare/index.html")).unwrap();
    assert!(!row_ids(&compare).is_empty());
    assert!(!compare.contains("data-rows-from"));
    assert!(!out.join("compare/b-type").exists());
    let office = std::fs::read_to_string(out.join("entries/midori/index.html")).unwrap();
    assert!(!office.contains("compare-row"), "no row to carry");
}

/// A guide with more areas than a footer lists (`FOOTER_AREAS_MAX`, 30) links them from the
/// home page only; every page's footer still says how many there are.
#[test]
fn a_guide_with_many_areas_counts_them_in_every_footer() {
    let site = site_with_offices(0);
    let yaml = site.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    let more: String = (0..40)
        .map(|i| {
            format!(
                "  - {{ id: a{i:02}, name: 区{i:02}, kana: く{} }}\n",
                digits_in_kana(&format!("{i:02}"))
            )
        })
        .collect();
    text = text.replacen("areas:\n", &format!("areas:\n{more}"), 1);
    std::fs::write(&yaml, text).unwrap();
    let out = site.path().join("output");
    build(site.path(), &out);
    for page in [
        "index.html",
        "entries/midori/index.html",
        "centers/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let footer = html.split("<footer").nth(1).expect("a footer");
        assert!(footer.contains("地域の一覧（43）"), "{page}");
        assert!(
            !footer.contains("areas/a07/"),
            "{page}: the footer lists no area"
        );
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("areas/a07/"), "the home page lists the areas");
}

/// Areas in two or more groups (a national guide's prefectures) are listed group by group on
/// the home and search pages, each group with its entries' count, the areas without a group
/// first; with one group or none the list stays flat.
#[test]
fn areas_in_groups_are_listed_group_by_group() {
    let site = site_with_offices(3);
    let yaml_path = site.path().join("site.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let grouped = yaml
        .replace("kana: ほくぶ }", "kana: ほくぶ, group: 北の県 }")
        .replace("kana: とうぶ }", "kana: とうぶ, group: 北の県 }")
        .replace("kana: せいぶ }", "kana: せいぶ, group: 西の県 }");
    let areas = |html: &str| ids_after(html, "href=\"areas/");
    let groups = |html: &str| -> Vec<String> {
        html.split("<details class=\"area-group\">")
            .skip(1)
            .map(|g| {
                let summary = g.split("</summary>").next().unwrap();
                summary.replace(['<', '>'], " ")
            })
            .collect()
    };

    let out = site.path().join("flat");
    build(site.path(), &out);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        groups(&home).is_empty(),
        "no group in site.yaml: a flat list"
    );

    std::fs::write(&yaml_path, &grouped).unwrap();
    let out = site.path().join("grouped");
    build(site.path(), &out);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let found = groups(&home);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].contains("北の県") && found[1].contains("西の県"),
        "{found:?}"
    );
    // 北の県 holds 北部 (the three offices and the base's entries there) and 東部.
    let count = |summary: &str| -> usize {
        let digits: String = summary
            .split("件")
            .next()
            .unwrap()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits.parse().unwrap()
    };
    assert!(count(&found[0]) >= 3, "{found:?}");
    // (the footer lists them again, flat)
    assert_eq!(
        areas(&home)[..3],
        ["kita/", "higashi/", "nishi/"].map(String::from)
    );
    let search = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    assert_eq!(
        groups(&search).len(),
        4,
        "the filter's groups and the browse list's"
    );

    // One group is no grouping.
    let one = grouped.replace("group: 西の県", "group: 北の県");
    std::fs::write(&yaml_path, one).unwrap();
    let out = site.path().join("one-group");
    build(site.path(), &out);
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(groups(&home).is_empty());
}
