//! What a build publishes for machines, read back as a consumer would: data/entries.json (every
//! entry, every field), data/entries.csv (デジタル庁's 自治体標準オープンデータセット「公共施設一覧」:
//! its header in its order, UTF-8 with a BOM), the HSDS 3.0 export (the required properties,
//! value lists and id formats of the HSDS 3.0 schema, and that every reference resolves), the
//! JSON-LD of every page (it parses, cannot close its element, and every node has a known
//! schema.org type and the properties that type needs), and events.ics and feed.xml read by
//! parsers that are not ours (Python's `icalendar` and XML parser, tests/opendata/read_feeds.py).
//!
//! The Python parsers live in tests/.venv, which scripts/test makes
//! (`python3 -m venv tests/.venv && tests/.venv/bin/pip install -r tests/opendata/requirements.txt`);
//! `SHIRUBE_TEST_PYTHON` may name another interpreter that has them.

mod python;
use python::python;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const TODAY: &str = "2026-11-01";
const BASE_URL: &str = "https://shirube.test/komorebi/";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(out: &Path, today: &str) {
    let output = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args([
            "build",
            "tests/fixtures/base",
            "--theme",
            "themes/default",
            "-o",
        ])
        .arg(out)
        .current_dir(repo())
        .env("SHIRUBE_TODAY", today)
        .output()
        .expect("run shirube");
    assert!(
        output.status.success(),
        "the base fixture must build: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The base fixture, built once for every test here.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build(&out, TODAY);
        (dir, out)
    });
    path
}

fn read_json(path: &str) -> Value {
    let text = std::fs::read_to_string(site().join(path)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
}

/// Top-level keys of a content file's front matter.
fn front_matter_keys(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.split("---\n").nth(1).unwrap();
    front
        .lines()
        .filter_map(|l| {
            let (key, _) = l.split_once(':')?;
            (!key.starts_with(' ') && !key.starts_with('#')).then(|| key.to_string())
        })
        .collect()
}

#[test]
fn entries_json_has_every_entry_with_every_field() {
    let doc = read_json("data/entries.json");
    assert_eq!(doc["format"], "shirube-entries");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["site"]["base_url"], BASE_URL);
    assert_eq!(doc["site"]["license"]["name"], "CC BY 4.0");
    let entries = doc["entries"].as_array().unwrap();
    let dir = repo().join("tests/fixtures/base/content/entries");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), files.len(), "one object per entry file");
    for file in files {
        let id = file.file_stem().unwrap().to_str().unwrap();
        let entry = entries
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("{id} is missing"));
        for key in front_matter_keys(&file) {
            assert!(
                entry.get(&key).is_some_and(|v| !v.is_null()),
                "{id}: the field {key} written in its file is not in entries.json"
            );
        }
        assert_eq!(entry["url"], format!("{BASE_URL}entries/{id}/"));
        assert!(entry.get("details").is_none() && entry.get("body_line").is_none());
    }
    let midori = entries.iter().find(|e| e["id"] == "midori").unwrap();
    assert_eq!(midori["kind"], "office");
    assert_eq!(midori["services"][0]["type"], "b-type");
    assert_eq!(midori["services"][0]["wage"]["monthly_average"], 16500);
    assert_eq!(midori["hours"]["weekdays"], "09:30-15:30");
    assert!(midori["hours"]["saturday"].is_null());
    assert_eq!(
        midori["accepts"],
        serde_json::json!(["intellectual", "mental"])
    );
    assert_eq!(midori["verified"], "2026-06-01");
    assert!(
        midori["body"]
            .as_str()
            .unwrap()
            .contains("パンを焼いています")
    );
}

/// The columns of 自治体標準オープンデータセット「公共施設一覧」, in the standard's order.
///
/// Where this order comes from, since デジタル庁's item definition (an xlsx) could not be read
/// from here: the names and the front are those of 江東区's data published in this form (38
/// columns). The rest follows the older 推奨データセット「公共施設一覧」 (24 columns: … 住所, 方書,
/// 緯度, 経度, 電話番号, 内線番号, 法人番号, 団体名, 利用可能曜日, 開始時間, 終了時間,
/// 利用可能日時特記事項, 説明, バリアフリー情報, URL, 備考) changed the way the 公衆トイレ一覧
/// standard visibly changed between its two versions: 住所 split into the 所在地_ parts, 方書 become
/// 建物名等(方書), 高度 after 緯度・経度, 画像 and 画像_ライセンス before 備考, every older column
/// keeping its place; the core data model's contact items (メールアドレス, FormURL, 備考, 郵便番号)
/// follow 内線番号 in the model's own order.
const STANDARD_HEADER: [&str; 38] = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "名称",
    "名称_カナ",
    "名称_英字",
    "名称_通称",
    "POIコード",
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
    "高度の種別",
    "高度の値",
    "電話番号",
    "内線番号",
    "連絡先メールアドレス",
    "連絡先FormURL",
    "連絡先備考（その他、SNSなど）",
    "郵便番号",
    "法人番号",
    "団体名",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "URL",
    "画像",
    "画像_ライセンス",
    "備考",
];

#[test]
fn entries_csv_follows_the_public_facility_standard() {
    let bytes = std::fs::read(site().join("data/entries.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(
        text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header, STANDARD_HEADER,
        "the standard's columns in its order"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "one row per entry");
    let col = |name: &str| STANDARD_HEADER.iter().position(|c| *c == name).unwrap();
    for row in &rows {
        assert_eq!(row.len(), 38);
        let kana = &row[col("名称_カナ")];
        assert!(
            !kana.is_empty()
                && kana
                    .chars()
                    .all(|c| ('\u{30A1}'..='\u{30FA}').contains(&c) || "ー・ 　".contains(c)),
            "名称_カナ in katakana: {kana}"
        );
        assert_eq!(&row[col("地方公共団体名")], "こもれび市");
    }
    let midori = rows.iter().find(|r| &r[col("ID")] == "midori").unwrap();
    assert_eq!(&midori[col("名称")], "みどり工房");
    assert_eq!(&midori[col("名称_カナ")], "ミドリコウボウ");
    assert_eq!(&midori[col("所在地_連結表記")], "こもれび市緑町1-2-3");
    assert_eq!(&midori[col("所在地_市区町村")], "こもれび市");
    assert_eq!(&midori[col("所在地_町字")], "緑町");
    assert_eq!(&midori[col("所在地_番地以下")], "1-2-3");
    assert_eq!(&midori[col("電話番号")], "0199-12-3456");
    assert_eq!(&midori[col("郵便番号")], "100-0001");
    assert_eq!(&midori[col("利用可能曜日")], "月,火,水,木,金");
    assert_eq!(&midori[col("開始時間")], "09:30");
    assert_eq!(&midori[col("終了時間")], "15:30");
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && groups.iter().all(|g| {
            g.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_uppercase())
        })
}

/// The properties an HSDS 3.0 object must have (the `required` lists of the schema's files) and
/// those whose values come from a closed list (`enum`).
///
/// CI cannot load the published schema, so these rules are copied from it by hand, from the
/// JSON Schema files of github.com/openreferral/specification, `schema/*.json`:
/// organization, service, phone, accessibility and organization_identifier as of commit
/// 01be272d5ecfbd596ce0de19e45883fb29c779e6 (3.0: `tax_id` deprecated, no 3.1
/// `additional_websites`); location, service_at_location, address and schedule as of commit
/// 149f77cdef6e8a2d617114a0ad31d3861a3bfe8a (`$id` on the 3.2 branch: no 3.0 version of these
/// four could be read); the list page (`Page`, `empty` required) from `schema/openapi.json` at 0adc618fc73f0f867a9a878f79bfa7f188876bde. The export was
/// checked against those files with Python's `jsonschema` (draft 2020-12, formats checked): no
/// error for the base fixture nor for 339 offices imported from WAM NET (神奈川県, 2025-03).
fn check_hsds_object(kind: &str, object: &Value, ids: &mut BTreeSet<String>) {
    let required: &[&str] = match kind {
        "organization" => &["id", "name", "description"],
        "service" => &["id", "name", "status"],
        "location" => &["id", "location_type"],
        "address" => &[
            "id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        "phone" => &["id", "number"],
        "schedule" | "service_at_location" | "accessibility" => &["id"],
        "organization_identifier" => &["id", "identifier_type", "identifier"],
        other => panic!("no rule for {other}"),
    };
    for key in required {
        assert!(
            object.get(*key).is_some_and(Value::is_string),
            "{kind} without {key}: {object}"
        );
    }
    let id = object["id"].as_str().unwrap();
    assert!(is_uuid(id), "{kind} id is not a UUID: {id}");
    ids.insert(format!("{kind}:{id}"));
    let one_of = |key: &str, allowed: &[&str]| {
        if let Some(v) = object.get(key) {
            assert!(
                allowed.contains(&v.as_str().unwrap_or("")),
                "{kind}.{key} = {v}"
            );
        }
    };
    one_of(
        "status",
        &["active", "inactive", "defunct", "temporarily closed"],
    );
    one_of("location_type", &["physical", "postal", "virtual"]);
    one_of("address_type", &["physical", "postal", "virtual"]);
    one_of("freq", &["WEEKLY", "MONTHLY"]);
    if kind == "address" {
        assert_eq!(object["country"], "JP", "ISO 3166-1 alpha-2");
    }
    if kind == "schedule" {
        let byday = object["byday"].as_str().unwrap();
        assert!(
            byday
                .split(',')
                .all(|d| ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].contains(&d))
        );
        for key in ["opens_at", "closes_at"] {
            let t = object[key].as_str().unwrap();
            assert!(t.len() == 5 && t.as_bytes()[2] == b':', "{key} = {t}");
        }
    }
    for key in ["latitude", "longitude", "timezone"] {
        if let Some(v) = object.get(key) {
            assert!(v.is_number(), "{kind}.{key} must be a number");
        }
    }
    let children: &[(&str, &str)] = &[
        ("addresses", "address"),
        ("phones", "phone"),
        ("schedules", "schedule"),
        ("accessibility", "accessibility"),
        ("locations", "location"),
        ("organization_identifiers", "organization_identifier"),
    ];
    for (key, child) in children {
        for item in object
            .get(*key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            check_hsds_object(child, item, ids);
        }
    }
}

/// Every HSDS record's `id` is unique (`"constraints": {"unique": true}` on each schema's `id`):
/// an id may come again only for the same record nested in another place (a location inside
/// its organization and inside each of its services).
fn check_ids_unique(value: &Value, seen: &mut BTreeMap<String, String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| check_ids_unique(v, seen)),
        Value::Object(map) => {
            if let Some(id) = map.get("id").and_then(Value::as_str) {
                let fields: String = map
                    .iter()
                    .filter(|(_, v)| !v.is_array() && !v.is_object())
                    .map(|(k, v)| format!("{k}={v};"))
                    .collect();
                if let Some(before) = seen.insert(id.to_string(), fields.clone()) {
                    assert_eq!(before, fields, "two HSDS records have the id {id}");
                }
            }
            map.values().for_each(|v| check_ids_unique(v, seen));
        }
        _ => {}
    }
}

fn check_page(page: &Value) -> &Vec<Value> {
    let contents = page["contents"].as_array().unwrap();
    assert_eq!(page["total_items"], contents.len());
    assert_eq!(page["total_pages"], 1);
    assert_eq!(page["page_number"], 1);
    assert_eq!(page["empty"], contents.is_empty());
    contents
}

#[test]
fn hsds_export_has_what_the_hsds_schema_requires() {
    let organizations = read_json("data/hsds/organizations.json");
    let services = read_json("data/hsds/services.json");
    let mut seen = BTreeMap::new();
    check_ids_unique(&organizations, &mut seen);
    check_ids_unique(&services, &mut seen);
    let mut org_ids = BTreeSet::new();
    for org in check_page(&organizations) {
        check_hsds_object("organization", org, &mut org_ids);
    }
    let locations: BTreeSet<String> = org_ids
        .iter()
        .filter_map(|id| id.strip_prefix("location:").map(String::from))
        .collect();
    assert_eq!(locations.len(), 4, "one location per entry");
    let services = check_page(&services);
    // みどり工房 offers two services; the centre and the family group one each; the employer none.
    assert_eq!(services.len(), 4);
    let mut service_ids = BTreeSet::new();
    for service in services {
        check_hsds_object("service", service, &mut service_ids);
        let org_id = service["organization_id"].as_str().unwrap();
        assert!(org_ids.contains(&format!("organization:{org_id}")));
        assert_eq!(service["organization"]["id"], org_id);
        check_hsds_object(
            "organization",
            &service["organization"],
            &mut BTreeSet::new(),
        );
        for sal in service["service_at_locations"].as_array().unwrap() {
            check_hsds_object("service_at_location", sal, &mut service_ids);
            assert_eq!(sal["service_id"], service["id"]);
            let location = sal["location_id"].as_str().unwrap();
            assert!(locations.contains(location), "unknown location {location}");
            check_hsds_object("location", &sal["location"], &mut service_ids);
        }
    }
    let names: Vec<&str> = services
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"みどり工房 就労継続支援B型"), "{names:?}");
}

/// schema.org types the JSON-LD may use, and the properties each needs.
fn required_properties(schema_type: &str) -> Option<&'static [&'static str]> {
    Some(match schema_type {
        "WebSite" => &["name", "url"],
        "BreadcrumbList" => &["itemListElement"],
        "ListItem" => &["position", "name", "item"],
        "LocalBusiness"
        | "GovernmentOffice"
        | "EmploymentAgency"
        | "EducationalOrganization"
        | "Organization" => &["name"],
        "Service" => &["name", "provider"],
        "Event" => &["name", "startDate", "location", "organizer"],
        "Place" => &["name"],
        "PostalAddress" => &["addressCountry"],
        "GeoCoordinates" => &["latitude", "longitude"],
        "OpeningHoursSpecification" => &["dayOfWeek", "opens", "closes"],
        "Offer" => &["price", "priceCurrency"],
        "AdministrativeArea" => &["name"],
        "LocationFeatureSpecification" => &["name", "value"],
        "PropertyValue" => &["propertyID", "value"],
        _ => return None,
    })
}

fn types(node: &Value) -> Vec<String> {
    match &node["@type"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(list) => list
            .iter()
            .map(|t| t.as_str().unwrap().to_string())
            .collect(),
        _ => Vec::new(),
    }
}

/// Every typed object in a JSON-LD value, checked against its type; returns the @ids defined.
fn check_node(page: &str, node: &Value, ids: &mut BTreeSet<String>, refs: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(id) = map.get("@id").and_then(Value::as_str) {
                if map.len() == 1 {
                    refs.push(id.to_string());
                } else {
                    ids.insert(id.to_string());
                }
            }
            for t in types(node) {
                let required = required_properties(&t)
                    .unwrap_or_else(|| panic!("{page}: unexpected @type {t}"));
                for key in required {
                    assert!(map.contains_key(*key), "{page}: {t} without {key}");
                }
            }
            if let Some(Value::Array(items)) = map.get("itemListElement") {
                assert!(!items.is_empty(), "{page}: an empty breadcrumb");
                for (i, item) in items.iter().enumerate() {
                    assert_eq!(item["position"], i + 1, "{page}: breadcrumb positions");
                    let url = item["item"].as_str().unwrap();
                    assert!(url.starts_with(BASE_URL), "{page}: {url}");
                }
            }
            for (key, value) in map {
                if key != "@id" {
                    check_node(page, value, ids, refs);
                }
            }
        }
        Value::Array(list) => {
            for item in list {
                check_node(page, item, ids, refs);
            }
        }
        // Every address inside the site that JSON-LD gives (url, item, image …) is a published
        // file: a search engine follows them.
        Value::String(text) if text.starts_with(BASE_URL) => {
            let rel = text[BASE_URL.len()..].split('#').next().unwrap();
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(
                site().join(&file).is_file(),
                "{page}: {text} is not published"
            );
        }
        _ => {}
    }
}

fn html_pages(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_pages(&path, out);
        } else if path.extension().is_some_and(|x| x == "html") {
            out.push(path);
        }
    }
}

const OPEN: &str = "<script type=\"application/ld+json\">";

#[test]
fn json_ld_on_every_page_parses_and_has_what_its_types_need() {
    let mut pages = Vec::new();
    html_pages(site(), &mut pages);
    let mut seen_types: BTreeMap<String, usize> = BTreeMap::new();
    let mut checked = 0;
    for path in pages {
        let rel = path
            .strip_prefix(site())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let html = std::fs::read_to_string(&path).unwrap();
        let blocks: Vec<&str> = html
            .split(OPEN)
            .skip(1)
            .map(|rest| rest.split("</script>").next().unwrap())
            .collect();
        // The furigana twin, the print document and the 404 page carry none.
        if rel.starts_with("furigana/") || rel.starts_with("print/") || rel == "404.html" {
            assert!(blocks.is_empty(), "{rel} should carry no JSON-LD");
            continue;
        }
        assert_eq!(blocks.len(), 1, "{rel}: one JSON-LD block");
        let block = blocks[0];
        assert!(
            !block.to_lowercase().contains("</script") && !block.contains('<'),
            "{rel}: the block could close its element"
        );
        let value: Value = serde_json::from_str(block)
            .unwrap_or_else(|e| panic!("{rel}: the JSON-LD does not parse: {e}"));
        assert_eq!(value["@context"], "https://schema.org", "{rel}");
        let (mut ids, mut refs) = (BTreeSet::new(), Vec::new());
        check_node(&rel, &value, &mut ids, &mut refs);
        for r in refs {
            assert!(ids.contains(&r), "{rel}: {r} refers to nothing on the page");
        }
        let nodes = match value.get("@graph") {
            Some(Value::Array(list)) => list.clone(),
            _ => vec![value.clone()],
        };
        for node in &nodes {
            for t in types(node) {
                *seen_types.entry(t).or_default() += 1;
            }
        }
        if rel != "index.html" {
            assert!(
                nodes.iter().any(|n| types(n) == ["BreadcrumbList"]),
                "{rel}: no breadcrumb"
            );
        }
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} pages checked");
    for t in [
        "WebSite",
        "BreadcrumbList",
        "LocalBusiness",
        "EmploymentAgency",
        "Organization",
        "Service",
        "Event",
    ] {
        assert!(
            seen_types.contains_key(t),
            "no page has a {t}: {seen_types:?}"
        );
    }
    let midori = std::fs::read_to_string(site().join("entries/midori/index.html")).unwrap();
    let block = midori
        .split(OPEN)
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let value: Value = serde_json::from_str(block).unwrap();
    let services: Vec<&Value> = value["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["@type"] == "Service")
        .collect();
    assert_eq!(services.len(), 2, "B型 and 就労移行: a Service node each");
    // Its photo is given (check_node has found the file published).
    assert!(value["@graph"][0]["image"][0].is_string(), "midori's photo");
    assert_eq!(
        services[0]["provider"]["@id"],
        format!("{BASE_URL}entries/midori/#organization")
    );
}

#[test]
fn events_ics_and_feed_read_by_independent_parsers() {
    let output = Command::new(python())
        .arg(repo().join("tests/opendata/read_feeds.py"))
        .arg(site())
        .output()
        .expect("run python");
    assert!(
        output.status.success(),
        "the parsers refused the files: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read: Value = serde_json::from_slice(&output.stdout).unwrap();
    let calendar = &read["calendar"];
    assert_eq!(calendar["version"], "2.0");
    assert_eq!(calendar["timezones"], serde_json::json!(["Asia/Tokyo"]));
    let events = calendar["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "every event, past and upcoming");
    let find = |uid: &str| {
        events
            .iter()
            .find(|e| e["uid"] == uid)
            .unwrap_or_else(|| panic!("no {uid}"))
    };
    let marche = find("marche@shirube.test");
    assert_eq!(marche["summary"], "こもれびマルシェ");
    assert_eq!(marche["tzid"], "Asia/Tokyo");
    assert_eq!(marche["dtstart"], "2026-12-05T10:00:00+09:00");
    assert_eq!(marche["dtend"], "2026-12-05T15:00:00+09:00");
    assert_eq!(
        marche["rrule"], "FREQ=DAILY;COUNT=2",
        "two days, same hours"
    );
    assert_eq!(marche["location"], "こもれび駅前広場（こもれび市緑町1-1）");
    assert_eq!(marche["url"], format!("{BASE_URL}events/marche/"));
    // The stamp is the event's `updated` day at 00:00 in Tokyo, never the build's clock.
    assert_eq!(marche["dtstamp"], "2026-10-14T15:00:00+00:00");
    let fair = find("mensetsukai@shirube.test");
    assert_eq!(
        fair["location"],
        "あおぞら 会議室（こもれび市空町4-5-6 福祉会館2階）"
    );
    assert!(
        fair["description"]
            .as_str()
            .unwrap()
            .contains("参加費: 500円（資料代）")
    );

    let feed = &read["feed"];
    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 6, "4 entries and 2 events");
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["updated"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(feed["updated"], dates[0]);
    assert!(
        entries
            .iter()
            .any(|e| e["link"] == format!("{BASE_URL}entries/midori/"))
    );
}

#[test]
fn exports_do_not_depend_on_the_day_of_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let later = dir.path().join("later");
    build(&later, "2027-03-01");
    for file in [
        "data/entries.json",
        "data/entries.csv",
        "data/hsds/organizations.json",
        "data/hsds/services.json",
        "feed.xml",
        "events.ics",
    ] {
        assert_eq!(
            std::fs::read(site().join(file)).unwrap(),
            std::fs::read(later.join(file)).unwrap(),
            "{file} changed with the day of the build"
        );
    }
    // Pages do: the market is upcoming on 2026-11-01 and archived by 2027-03-01.
    let archived = std::fs::read_to_string(later.join("events/past/index.html")).unwrap();
    assert!(archived.contains("events/marche/") && archived.contains("events/mensetsukai/"));
    let now = std::fs::read_to_string(site().join("events/index.html")).unwrap();
    assert!(now.contains("events/marche/") && !now.contains("events/mensetsukai/"));
}

/// Nothing published names the folder the site was built in: the open data once carried each
/// photo's original as a path on the building machine (`/home/runner/work/…/content/media/…`).
#[test]
fn nothing_published_names_the_build_machine_s_folders() {
    let folder = repo().join("tests/fixtures/base");
    let folder = folder.to_string_lossy();
    let entries = read_json("data/entries.json");
    let photos: Vec<&Value> = entries["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["photos"].as_array())
        .flatten()
        .collect();
    assert!(!photos.is_empty(), "the fixture has photos");
    for photo in &photos {
        assert!(
            photo["src"].is_string() && photo.get("file").is_none(),
            "{photo}"
        );
    }
    let mut files = Vec::new();
    list_files(site(), &mut files);
    for file in files {
        if let Ok(text) = std::fs::read_to_string(&file) {
            assert!(
                !text.contains(folder.as_ref()),
                "{} names the site's folder {folder}",
                file.display()
            );
        }
    }
}

fn list_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, out);
        } else {
            out.push(path);
        }
    }
}
