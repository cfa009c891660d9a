//! Every message a person can see is Japanese by default and English with `SHIRUBE_LANG=en`.
//!
//! Two halves: every variant of every error type of the library says itself in both languages
//! (its Japanese has Japanese in it, its English has none but the values it quotes), and the
//! commands, run as a person runs them, speak the language asked for — success lines, errors
//! of build, theme, print, serve, import and new, and the stale report.

use shirube::assets::AssetError;
use shirube::cms::CmsError;
use shirube::diff::DiffError;
use shirube::import::wam::{ImportError, RegionError};
use shirube::init::{Field, InitError};
use shirube::lang::{Localized, Msg};
use shirube::new::NewError;
use shirube::pipeline::print::PrintCommandError;
use shirube::print::PrintError;
use shirube::print::pdf::PdfError;
use shirube::schema::WriteError;
use shirube::search::SearchError;
use shirube::serve::ServeError;
use shirube::text::TextError;
use shirube::theme::{Theme, ThemeError};
use shirube::{BuildError, diagnostics::Diagnostics};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

fn io() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied")
}

fn template_error() -> ThemeError {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/x.html"), "{{ oops ").unwrap();
    match Theme::load(dir.path()) {
        Err(error) => error,
        Ok(_) => panic!("a broken template must not load"),
    }
}

fn image_error() -> image::ImageError {
    image::load_from_memory(b"not an image").unwrap_err()
}

/// One value of every variant of every error type a person can meet.
fn every_error() -> Vec<(String, Msg)> {
    let p = || PathBuf::from("content/x");
    let mut all: Vec<(String, Msg)> = Vec::new();
    let mut add = |e: &dyn Localized, name: &str| all.push((name.to_string(), e.msg()));
    let theme = [
        ThemeError::NoFolder(p()),
        ThemeError::NotUtf8("templates/x.html".into()),
        ThemeError::Read {
            path: p(),
            error: io(),
        },
        template_error(),
    ];
    for e in &theme {
        add(e, &format!("{e:?}"));
    }
    for e in [
        AssetError::Read {
            path: p(),
            error: io(),
        },
        AssetError::Decode {
            path: p(),
            detail: image_error().to_string(),
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        TextError::EmptyWord {
            reading: "a".into(),
        },
        TextError::InvalidReading {
            word: "x".into(),
            reading: "y".into(),
        },
        TextError::Dictionary("broken".into()),
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        SearchError::DuplicateId("a".into()),
        SearchError::EmptyId("a".into()),
        SearchError::TooManyDocs(1),
        SearchError::Json(serde_json::from_str::<u8>("x").unwrap_err()),
        SearchError::IndexShape("x".into()),
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        PrintError::UnknownArea {
            given: "x".into(),
            known: "kita".into(),
        },
        PrintError::UnknownService {
            given: "x".into(),
            known: "b-type".into(),
        },
        PrintError::Qr {
            url: "https://example.jp/".into(),
            error: qrcode::types::QrError::DataTooLong,
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        PdfError::ChromiumMissing,
        PdfError::ChromiumNotAt(p()),
        PdfError::Launch {
            path: p(),
            error: io(),
        },
        PdfError::Failed {
            status: "exit 1".into(),
            stderr: "x".into(),
        },
        PdfError::TimedOut,
        PdfError::NoDocument(p()),
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        BuildError::Invalid(Diagnostics::default()),
        BuildError::Write {
            path: p(),
            error: io(),
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        PrintCommandError::Invalid(Diagnostics::default()),
        PrintCommandError::Write {
            path: p(),
            error: io(),
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        ServeError::Bind {
            port: 8000,
            error: Box::new(io()),
        },
        ServeError::TempDir(io()),
        ServeError::Watch(notify::Error::generic("inotify limit")),
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        DiffError::NoGit(io()),
        DiffError::NoFolder(p()),
        DiffError::NotARepository {
            dir: p(),
            detail: "fatal: not a git repository".into(),
        },
        DiffError::UnknownRevision("origin/main".into()),
        DiffError::Git {
            command: "read-tree".into(),
            detail: "fatal: x".into(),
        },
        DiffError::TempDir(io()),
    ] {
        add(&e, &format!("{e:?}"));
    }
    let e = WriteError {
        path: p(),
        error: io(),
    };
    add(&e, &format!("{e:?}"));
    for e in [
        CmsError::BadRepo("guide".into()),
        CmsError::BadAuthUrl("http://x".into()),
        CmsError::NoSite,
        CmsError::Write(WriteError {
            path: p(),
            error: io(),
        }),
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        NewError::UnknownKind("x".into()),
        NewError::BadId("X".into()),
        NewError::Exists(p()),
        NewError::Write {
            path: p(),
            error: io(),
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    for e in [
        ImportError::Read {
            path: p(),
            error: io(),
        },
        ImportError::Csv {
            path: p(),
            line: 3,
            message: "x".into(),
        },
        ImportError::NotWam {
            path: p(),
            column: "事業所番号",
        },
        ImportError::NoOffices,
        ImportError::Region(RegionError::UnknownCity("x".into())),
        ImportError::Region(RegionError::AmbiguousCity {
            given: "中区".into(),
            candidates: vec!["横浜市中区".into(), "名古屋市中区".into()],
        }),
        ImportError::Region(RegionError::UnknownPrefecture("x".into())),
        ImportError::Write {
            path: p(),
            error: io(),
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    let invalid = |field, value: &str| InitError::Invalid {
        field,
        value: value.into(),
    };
    for e in [
        InitError::NotEmpty {
            dir: p(),
            found: vec!["site.yaml".into()],
            more: 0,
        },
        InitError::NotEmpty {
            dir: p(),
            found: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            more: 2,
        },
        InitError::NotAFolder(p()),
        invalid(Field::Region, ""),
        invalid(Field::Title, "a\nb"),
        invalid(Field::Publisher, ""),
        invalid(Field::Contact, "a\nb"),
        invalid(Field::RegionKana, "x"),
        invalid(Field::TitleKana, "x"),
        invalid(Field::BaseUrl, "x"),
        invalid(Field::AreaId, "X"),
        invalid(Field::Version, "x y"),
        InitError::Unread {
            field: Field::RegionKana,
            text: "x".into(),
        },
        InitError::Read {
            path: p(),
            error: io(),
        },
        InitError::Write {
            path: p(),
            error: io(),
        },
    ] {
        add(&e, &format!("{e:?}"));
    }
    all
}

#[test]
fn every_error_is_worded_in_both_languages() {
    let all = every_error();
    assert!(all.len() >= 38, "only {} errors listed", all.len());
    let mut wrong = Vec::new();
    for (name, msg) in &all {
        if !has_japanese(&msg.ja) {
            wrong.push(format!("{name}: no Japanese: {}", msg.ja));
        }
        // The one quoted Japanese value among the samples is a WAM column name.
        let mut english = msg.en.clone();
        for quoted in [
            "事業所番号",
            "横浜市",
            "東京都中野区",
            "札幌市中央区",
            "中区",
            "名古屋市",
            "北海道",
            "神奈川県",
            // Examples in init's messages: --region 札幌市, --region-kana さっぽろし.
            "札幌市自立支援協議会就労部会",
            "札幌市",
            "さっぽろし",
        ] {
            english = english.replace(quoted, "");
        }
        if msg.en.is_empty() || has_japanese(&english) {
            wrong.push(format!(
                "{name}: English missing or in Japanese: {}",
                msg.en
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The search error says "search index" once, whatever wraps it.
#[test]
fn wrapped_errors_do_not_repeat_themselves() {
    let inner = SearchError::DuplicateId("a".into());
    let outer = BuildError::Search(inner);
    assert_eq!(outer.msg().en.matches("search index").count(), 1);
    assert_eq!(outer.msg().ja.matches("検索の索引").count(), 1);
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shirube(args: &[&str], dir: &Path, lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shirube"));
    cmd.args(args)
        .current_dir(dir)
        .env("SHIRUBE_TODAY", "2028-01-01");
    match lang {
        Some(lang) => cmd.env("SHIRUBE_LANG", lang),
        None => cmd.env_remove("SHIRUBE_LANG"),
    };
    cmd.output().expect("the shirube binary runs")
}

fn all_output(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A copy of the base fixture site, with the default theme in it.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join("tests/fixtures/base"), dir.path());
    common::copy_dir(
        &repo().join("themes/default"),
        &dir.path().join("themes/default"),
    );
    dir
}

/// Runs the same command in both languages and checks each says it in its own.
fn speaks_both(args: &[&str], dir: &Path, ja_has: &str, en_has: &str) {
    let ja = all_output(&shirube(args, dir, None));
    let en = all_output(&shirube(args, dir, Some("en")));
    assert!(ja.contains(ja_has), "{args:?} in Japanese:\n{ja}");
    assert!(en.contains(en_has), "{args:?} in English:\n{en}");
    // Provider text (names, addresses) is Japanese in both; the sentences around it must not be.
    for line in en.lines() {
        let leak = JAPANESE_SENTENCE_PARTS.iter().find(|p| line.contains(*p));
        assert!(
            leak.is_none(),
            "{args:?}: Japanese message in English output ({leak:?}): {line}"
        );
    }
}

/// Parts of Japanese sentences that never occur in a provider's name or address.
const JAPANESE_SENTENCE_PARTS: &[&str] = &[
    "ません",
    "ください",
    "ました",
    "です",
    "件",
    "直しかた",
    "警告",
    "か月",
    "してい",
];

#[test]
fn commands_speak_the_language_asked_for() {
    let site = site();
    let dir = site.path();
    speaks_both(&["build", "."], dir, "ページ", "wrote");
    speaks_both(&["stale", "."], dir, "確かめていない項目", "not confirmed");
    speaks_both(
        &["build", ".", "--theme", "no-such-theme"],
        dir,
        "テーマのフォルダ",
        "theme folder",
    );
    speaks_both(
        &["print", ".", "--chromium", "/no/such/chromium"],
        dir,
        "がありません",
        "does not exist",
    );
    speaks_both(
        &["new", "shop", "x", "--dir", "."],
        dir,
        "種類",
        "not a kind",
    );
    speaks_both(
        &[
            "import",
            "wam",
            &repo()
                .join("tests/fixtures/wam/a-type.csv")
                .to_string_lossy(),
            "--city",
            "存在しない市",
            "--dir",
            ".",
        ],
        dir,
        "市区町村が見つかりません",
        "there is no municipality",
    );
    // diff: a site folder that is not there (tests/diff.rs has the unknown revision in both).
    speaks_both(
        &[
            "diff",
            "main",
            "--dir",
            &dir.join("nowhere").to_string_lossy(),
        ],
        dir,
        "というフォルダがありません",
        "there is no folder",
    );
    // A site with errors: the check report and build's note both follow the language.
    std::fs::remove_file(dir.join("site.yaml")).unwrap();
    speaks_both(&["build", "."], dir, "書きかえていません", "left as it was");
    speaks_both(&["check", "."], dir, "直しかた", "fix:");
    // init: a new guide, then the same folder again, which it leaves alone.
    let fresh = tempfile::tempdir().unwrap();
    let ja = fresh.path().join("ja");
    let en = fresh.path().join("en");
    let new_guide = |to: &Path, lang| {
        shirube(
            &["init", &to.to_string_lossy(), "--region", "札幌市"],
            dir,
            lang,
        )
    };
    let said = all_output(&new_guide(&ja, None));
    assert!(
        said.contains("札幌市のガイドを") && said.contains("つぎにすること"),
        "{said}"
    );
    let said = all_output(&new_guide(&en, Some("en")));
    assert!(
        said.contains("made the guide of 札幌市") && said.contains("next:"),
        "{said}"
    );
    for line in said.lines() {
        let leak = JAPANESE_SENTENCE_PARTS.iter().find(|p| line.contains(*p));
        assert!(
            leak.is_none(),
            "init: Japanese message in English output ({leak:?}): {line}"
        );
    }
    speaks_both(
        &["init", &ja.to_string_lossy(), "--region", "札幌市"],
        dir,
        "空のフォルダではありません",
        "is not empty",
    );
}

#[test]
fn serve_speaks_the_language_asked_for() {
    // A port already taken: serve cannot listen, and says so.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = site();
    speaks_both(
        &["serve", ".", "--port", &port],
        site.path(),
        "待ち受けできません",
        "cannot listen",
    );
}
