//! `shirube cms` on the command line: the files it writes, and what it refuses. The form itself is
//! used in Chromium by tests/browser/cms.test.mjs.

use std::path::PathBuf;
use std::process::{Command, Output};

fn base() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base")
}

fn shirube(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(args)
        .env("SHIRUBE_LANG", "en")
        .output()
        .unwrap()
}

#[test]
fn writes_the_admin_page_for_a_github_repository() {
    let out = tempfile::tempdir().unwrap();
    let admin = out.path().join("admin");
    let run = shirube(&[
        "cms",
        base().to_str().unwrap(),
        "--repo",
        "komorebi-city/guide",
        "--auth-url",
        "https://auth.example.jp",
        "-o",
        admin.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{run:?}");
    let config = std::fs::read_to_string(admin.join("config.yml")).unwrap();
    // YAML, as Decap reads it (the body is JSON, which YAML reads too).
    let node = shirube::yaml::parse(&config, 0).expect("config.yml is YAML");
    assert!(matches!(node.value, shirube::yaml::Value::Map(_)));
    for expected in [
        "\"name\": \"github\"",
        "\"repo\": \"komorebi-city/guide\"",
        "\"base_url\": \"https://auth.example.jp\"",
        "\"open_authoring\": true",
        "\"publish_mode\": \"editorial_workflow\"",
        "\"locale\": \"ja\"",
        "\"label\": \"北部\"",
    ] {
        assert!(config.contains(expected), "{expected} in\n{config}");
    }
    let index = std::fs::read_to_string(admin.join("index.html")).unwrap();
    assert!(index.contains("<script src=\"decap-cms.js\"></script>"));
    // The page loads nothing from elsewhere: Decap's script is served beside it.
    assert!(!index.contains("http"), "{index}");
}

#[test]
fn refuses_a_repository_that_is_not_owner_and_name() {
    let out = tempfile::tempdir().unwrap();
    let run = shirube(&[
        "cms",
        base().to_str().unwrap(),
        "--repo",
        "guide",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("owner/name"), "{stderr}");
    assert!(!out.path().join("config.yml").exists());
}

#[test]
fn needs_a_repository_or_the_test_backend() {
    let run = shirube(&["cms", base().to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
}
