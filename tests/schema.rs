//! `shirube schema` read by an independent JSON Schema validator (Python's `jsonschema`, draft
//! 2020-12, from tests/.venv — see tests/opendata/requirements.txt): every example file of the
//! repository's region and of the base fixture is valid, and every invalid fixture whose mistake
//! is in a field's value is refused. Fixtures whose mistake is in the syntax, in a file (photos),
//! in the Markdown body or across files (a duplicate id, an unknown entry, dates out of order) are
//! check's alone: a schema cannot see them.

mod python;
use python::python;
use serde_json::{Value, json};
use shirube::diagnostics::Format;
use shirube::yaml::{Node, Value as Yaml};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Invalid fixtures whose front matter (or site.yaml) the schema must refuse.
const REFUSED: &[&str] = &[
    "bad-accepts",
    "bad-email",
    "bad-kind",
    "bad-phone",
    "bad-postal-code",
    "bad-service-type",
    "bad-url",
    "boolean-unclear",
    "choice-ambiguous",
    "choice-unknown-word",
    "contact-missing",
    "date-outside-its-era",
    "event-bad-time",
    "event-end-without-start",
    "event-missing-fields",
    "fiscal-year-without-century",
    "geo-out-of-range",
    "kana-empty",
    "kana-katakana",
    "kana-required",
    "missing-name",
    "name-empty",
    "number-badly-grouped",
    "number-with-words",
    "photo-alt-and-decorative",
    "photo-without-alt",
    "several-problems",
    "site-missing-base-url",
    "unknown-area",
    "unknown-field-typo",
    "wage-on-transition",
    "wage-without-year",
    "wrong-type-capacity",
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The schemas `shirube schema` writes for a site, by file name.
fn schemas_of(site: &Path) -> serde_json::Map<String, Value> {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .arg("schema")
        .arg(site)
        .arg("--out")
        .arg(out.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "shirube schema {}", site.display());
    let mut schemas = serde_json::Map::new();
    for name in ["entry.schema.json", "event.schema.json", "site.schema.json"] {
        let text = std::fs::read_to_string(out.path().join(name)).unwrap();
        schemas.insert(name.into(), serde_json::from_str(&text).unwrap());
    }
    schemas
}

/// YAML as check reads it (a date stays text), as JSON.
fn json_of(node: &Node) -> Value {
    match &node.value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Int(i) => json!(i),
        Yaml::Float(f) => json!(f),
        Yaml::Str(s) => Value::String(s.clone()),
        Yaml::Seq(items) => Value::Array(items.iter().map(json_of).collect()),
        Yaml::Map(pairs) => Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.name.clone(), json_of(v)))
                .collect(),
        ),
    }
}

/// The YAML of a file (a Markdown file's front matter), or None when it does not parse.
fn instance(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        shirube::content::frontmatter::split(&text).ok()?.yaml
    } else {
        &text
    };
    shirube::yaml::parse(yaml, 0)
        .ok()
        .map(|node| json_of(&node))
}

/// Which schema a file of a site is read with, by where it is.
fn schema_for(relative: &Path) -> Option<&'static str> {
    let text = relative.to_string_lossy().replace('\\', "/");
    if text == "site.yaml" {
        Some("site.schema.json")
    } else if text.starts_with("content/entries/") && text.ends_with(".md") {
        Some("entry.schema.json")
    } else if text.starts_with("content/events/") && text.ends_with(".md") {
        Some("event.schema.json")
    } else {
        None
    }
}

/// site.yaml, entries and events of a site: (name, schema, file).
fn files_of(site: &Path) -> Vec<(String, &'static str, PathBuf)> {
    let mut files = Vec::new();
    let site_yaml = site.join("site.yaml");
    if site_yaml.is_file() {
        files.push(("site.yaml".into(), "site.schema.json", site_yaml));
    }
    // Only content/: the repository's root also holds target/ and node_modules/.
    for entry in walkdir::WalkDir::new(site.join("content")).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let relative = entry.path().strip_prefix(site).unwrap();
        if let Some(schema) = schema_for(relative) {
            files.push((
                relative.display().to_string(),
                schema,
                entry.path().to_path_buf(),
            ));
        }
    }
    files
}

/// Runs the validator: the errors of each instance, by name.
fn validate(
    schemas: &serde_json::Map<String, Value>,
    instances: Vec<(String, &str, Value)>,
) -> Vec<(String, Vec<String>)> {
    let request = json!({
        "schemas": schemas,
        "instances": instances
            .iter()
            .map(|(name, schema, instance)| json!({ "name": name, "schema": schema, "instance": instance }))
            .collect::<Vec<_>>(),
    });
    let mut child = Command::new(python())
        .arg(repo().join("tests/schema/validate.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), &request).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the validator failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    results
        .iter()
        .map(|r| {
            let errors = r["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e.as_str().unwrap().to_string())
                .collect();
            (r["name"].as_str().unwrap().to_string(), errors)
        })
        .collect()
}

fn assert_all_valid(site: &Path) {
    let schemas = schemas_of(site);
    let files = files_of(site);
    assert!(files.len() >= 5, "found the example files of {site:?}");
    let instances = files
        .into_iter()
        .map(|(name, schema, path)| {
            let value = instance(&path).unwrap_or_else(|| panic!("{name} parses"));
            (name, schema, value)
        })
        .collect();
    let refused: Vec<_> = validate(&schemas, instances)
        .into_iter()
        .filter(|(_, errors)| !errors.is_empty())
        .collect();
    assert!(
        refused.is_empty(),
        "valid files refused by the schema: {refused:#?}"
    );
}

#[test]
fn the_example_region_is_valid() {
    assert_all_valid(&repo());
}

#[test]
fn the_base_fixture_is_valid() {
    assert_all_valid(&repo().join("tests/fixtures/base"));
}

#[test]
fn invalid_field_values_are_refused() {
    let base = repo().join("tests/fixtures/base");
    let schemas = schemas_of(&base);
    let mut instances = Vec::new();
    for case in REFUSED {
        let dir = repo().join("tests/fixtures/invalid").join(case);
        let files = files_of(&dir);
        assert!(!files.is_empty(), "{case} has a file the schema reads");
        for (name, schema, path) in files {
            let value = instance(&path).unwrap_or_else(|| panic!("{case}/{name} parses"));
            instances.push((format!("{case}/{name}"), schema, value));
        }
    }
    let accepted: Vec<String> = validate(&schemas, instances)
        .into_iter()
        .filter(|(_, errors)| errors.is_empty())
        .map(|(name, _)| name)
        .collect();
    assert!(
        accepted.is_empty(),
        "invalid files the schema accepts: {accepted:#?}"
    );
}

/// Each schema names its fields in Japanese, with examples, as an editor shows them.
#[test]
fn schemas_speak_japanese() {
    let schemas = schemas_of(&repo());
    let entry = &schemas["entry.schema.json"];
    assert_eq!(entry["properties"]["verified"]["title"], "確かめた日");
    assert_eq!(
        entry["properties"]["contact"]["properties"]["phone"]["examples"][0],
        "0299-01-2345"
    );
    // The example region's areas are the choices of `area`, with their names.
    let areas = entry["properties"]["area"]["oneOf"].as_array().unwrap();
    assert!(areas.iter().all(|a| a["title"].is_string()));
    let services = &entry["allOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["if"]["properties"]["kind"]["const"] == "office")
        .unwrap()["then"]["properties"]["services"];
    let types = services["items"]["properties"]["type"]["oneOf"]
        .as_array()
        .unwrap();
    assert!(types.contains(&json!({ "const": "b-type", "title": "就労継続支援B型" })));
}

/// Each format's pattern accepts and refuses what check's own rule does (`check::formats`), as the
/// independent validator reads it.
#[test]
fn patterns_agree_with_check_formats() {
    let cases: &[(Format, &[&str])] = &[
        (
            Format::Phone,
            &[
                "0123-45-6789",
                "03-1234-5678",
                "090-1234-5678",
                "0120-123-456",
                "0123456789",
                "123-45-6789",
                "0123-45-678a",
                "０１２３-45-6789",
                "0123--45-6789",
                "0123-45-67890",
                "01-2-3",
                "0123-45-6789-",
                "0299-01-22310",
                "03-1234-56789",
                "0120-123-4567",
                "090-1234-567",
                "050-1234-5678",
                "0800-123-4567",
                "0570-12-3456",
                "0299-01-2231-1",
                "0000-00-0000",
                "0-299-01-2231",
            ],
        ),
        (Format::PostalCode, &["299-0101", "2990101", "299-01010"]),
        (
            Format::Url,
            &[
                "https://example.jp/a?b=c",
                "javascript:alert(1)",
                "example.jp",
                "https://.example.jp/",
                "http://localhost/",
                "https://example.jp/a b",
                "https://example.jp/a/(公式サイト)",
                "https://example.jp/a/。",
                "https://en.wikipedia.org/wiki/A_(b)",
                "http://vitaferiche.or.jp/工房フェリーチェ/",
            ],
        ),
        (
            Format::Email,
            &[
                "info@example.jp",
                "info@example",
                "info.example.jp",
                "a@b@c.jp",
                "a@.b.jp",
                "a@b.jp.",
                "あ@example.jp",
                "mailto:info@example.jp",
                "a,b@example.jp",
                "o'brien+1@example.jp",
            ],
        ),
        (
            Format::Date,
            &["2026-04-01", "2026-4-1", "2026/04/01", "2026-13-01"],
        ),
        (
            Format::TimeRange,
            &[
                "09:30-15:30",
                "9:30-15:30",
                "25:00-26:00",
                "0930-1530",
                "09:30 - 15:30",
            ],
        ),
        (Format::Time, &["10:00", "9:05", "24:00", "24:30", "10:0"]),
        (
            Format::Id,
            &["midori-bakery", "Midori", "-a", "a-", "a_b", "kita2"],
        ),
        (
            Format::OfficeNumber,
            &["1234567890", "123456789", "12345678901"],
        ),
        (Format::LgCode, &["122181", "12218"]),
    ];
    let mut schemas = serde_json::Map::new();
    let mut instances = Vec::new();
    let mut expected = Vec::new();
    for (format, values) in cases {
        let name = format!("{format:?}");
        schemas.insert(
            name.clone(),
            json!({ "type": "string", "pattern": shirube::schema::pattern(*format) }),
        );
        for value in *values {
            instances.push((format!("{name} {value:?}"), name.clone(), json!(value)));
            expected.push(shirube::check::formats::is_valid(*format, value));
        }
    }
    let instances = instances
        .iter()
        .map(|(n, s, v)| (n.clone(), s.as_str(), v.clone()))
        .collect();
    let results = validate(&schemas, instances);
    let wrong: Vec<_> = results
        .iter()
        .zip(&expected)
        .filter(|((_, errors), valid)| errors.is_empty() != **valid)
        .map(|((name, _), valid)| format!("{name}: check says {valid}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "patterns that disagree with check: {wrong:#?}"
    );
}
