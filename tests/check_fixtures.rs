//! The invalid-input catalogue: every folder under `tests/fixtures/invalid/` is one broken site,
//! and `shirube check` must describe it exactly as its `expected.snap` says, while `shirube build`
//! must refuse it without touching the previous output.
//!
//! A case folder holds only what differs from `tests/fixtures/base/` (a small valid site): its
//! files are laid over a copy of base, `<path>.delete` removes `<path>` from the copy, and
//! `<path>.symlink` makes `<path>` a symbolic link to the path written in it (on Unix).
//! Besides those, a case has (neither is copied into the site):
//! - `expected.snap`: an insta snapshot whose body, below the `---` header, is the exact stdout of
//!   `shirube check` (human format, Japanese). Its summary line decides the exit code: 1 with
//!   errors; 0 with only warnings (and 1 with `--strict`).
//! - `known-bug.txt` (optional): a checker bug that is reported but not fixed yet. Lines starting
//!   with `# ` say what is wrong; the rest is today's exact (wrong) stdout, and `expected.snap`
//!   keeps the right one. While the checker prints the wrong one, the case passes with a note; when
//!   it prints `expected.snap` the case fails so that the note gets deleted; anything else fails as
//!   a change to review. A known-bug case is compared with its snapshot but never writes it.
//!
//! Every case is run and every failure reported together, each changed report with insta's whole
//! diff. To accept changed reports (or create `expected.snap` for a new case): `cargo insta
//! review` (needs `cargo install cargo-insta`), or `INSTA_UPDATE=always cargo test --test
//! check_fixtures`. Read every accepted report: the line and column must point at the real problem
//! in the file.

#[macro_use]
mod exact_snapshot;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Staleness depends on today's date; a fixed one keeps the expected output stable.
const TODAY: &str = "2026-11-01";
/// The catalogue has at least this many cases; fewer means discovery broke, not that all passed.
const MIN_CASES: usize = 24;
/// The case's snapshot `expected.snap` (insta adds the extension); pending changes are written
/// beside it as `expected.snap.new`.
const SNAPSHOT: &str = "expected";
const KNOWN_BUG: &str = "known-bug.txt";
const MARKER: &str = "keep.txt";
const MARKER_TEXT: &str = "前のビルドの出力です。失敗したビルドは これを消してはいけません。\n";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn theme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")
}

/// Runs the real binary with a fixed date and, unless given, Japanese messages.
fn shirube(args: &[&OsStr], lang: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shirube"));
    cmd.args(args).env("SHIRUBE_TODAY", TODAY);
    match lang {
        Some(lang) => cmd.env("SHIRUBE_LANG", lang),
        None => cmd.env_remove("SHIRUBE_LANG"),
    };
    cmd.output().expect("the shirube binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn check(site: &Path, extra: &[&str]) -> Output {
    let mut args = vec![OsStr::new("check"), site.as_os_str()];
    args.extend(extra.iter().map(OsStr::new));
    shirube(&args, None)
}

/// An output folder holding only the marker file, as an earlier build would have left it.
fn output_with_marker() -> (tempfile::TempDir, PathBuf) {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
    (parent, out)
}

fn build(site: &Path, out: &Path, strict: bool) -> Output {
    let theme = theme();
    let mut args = vec![
        OsStr::new("build"),
        site.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--theme"),
        theme.as_os_str(),
    ];
    if strict {
        args.push(OsStr::new("--strict"));
    }
    shirube(&args, None)
}

/// A temporary copy of base with the case's files laid over it.
fn site_for(case: &Path) -> Result<tempfile::TempDir, String> {
    let site = tempfile::tempdir().unwrap();
    for file in files_under(&fixtures().join("base")) {
        copy(
            &fixtures().join("base").join(&file),
            &site.path().join(&file),
        );
    }
    for file in files_under(case) {
        if is_about_the_case(&file) {
            continue;
        }
        let name = file.to_string_lossy();
        if let Some(target) = name.strip_suffix(".delete") {
            // A marker that deletes nothing would silently test the valid base instead.
            fs::remove_file(site.path().join(target))
                .map_err(|e| format!("{name}: base has no {target} to delete: {e}"))?;
        } else if let Some(link) = name.strip_suffix(".symlink") {
            let to = fs::read_to_string(case.join(&file)).unwrap();
            let link = site.path().join(link);
            let _ = fs::remove_file(&link);
            symlink(to.trim(), &link)?;
        } else {
            copy(&case.join(&file), &site.path().join(&file));
        }
    }
    Ok(site)
}

#[cfg(unix)]
fn symlink(to: &str, link: &Path) -> Result<(), String> {
    std::os::unix::fs::symlink(to, link).map_err(|e| format!("symlink {}: {e}", link.display()))
}

#[cfg(not(unix))]
fn symlink(_to: &str, link: &Path) -> Result<(), String> {
    Err(format!(
        "{}: symbolic links are tested on Unix only",
        link.display()
    ))
}

/// The files of a case folder that describe the case rather than belong to its site: the snapshot,
/// insta's pending `expected.snap.new`, and the known-bug note.
fn is_about_the_case(file: &Path) -> bool {
    file == Path::new(KNOWN_BUG)
        || file
            .to_str()
            .is_some_and(|f| f.starts_with(&format!("{SNAPSHOT}.snap")))
}

/// The accepted report of a case, read from its snapshot without going through an assertion.
fn expected_report(case: &Path) -> Result<String, String> {
    let path = case.join(format!("{SNAPSHOT}.snap"));
    let snapshot =
        insta::Snapshot::from_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    // insta gives the body without its last newline; a report always ends with one.
    snapshot
        .contents()
        .as_text()
        .map(|text| format!("{text}\n"))
        .ok_or_else(|| format!("{}: not a text snapshot", path.display()))
}

/// The insta settings of a case's snapshot: `<case>/expected.snap`.
fn snapshot_settings(case: &Path) -> insta::Settings {
    let name = case.file_name().unwrap().to_string_lossy();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(case);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!(
        "stdout of `shirube check` on tests/fixtures/invalid/{name} laid over tests/fixtures/base"
    ));
    settings
}

/// Every file below `dir`, relative to it, sorted; not the build cache, which
/// `base_checks_clean_and_builds` writes into the base while other tests copy it (a file listed
/// here could be gone, renamed into place, by the time it was copied).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.file_name() != shirube::assets::cache::CACHE_DIR)
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

/// (errors, warnings) from the last line, `エラー 1件、警告 0件`.
fn counts(report: &str) -> Option<(usize, usize)> {
    let last = report.lines().last()?;
    let (errors, warnings) = last.strip_prefix("エラー ")?.split_once("件、警告 ")?;
    Some((
        errors.parse().ok()?,
        warnings.strip_suffix('件')?.parse().ok()?,
    ))
}

/// A line diff (longest common subsequence): `-` expected only, `+` actual only.
fn diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    // common[i][j] = length of the LCS of a[i..] and b[j..]
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out += &format!("  {}\n", a[i]);
            (i, j) = (i + 1, j + 1);
        } else if j == b.len() || (i < a.len() && common[i + 1][j] >= common[i][j + 1]) {
            out += &format!("- {}\n", a[i]);
            i += 1;
        } else {
            out += &format!("+ {}\n", b[j]);
            j += 1;
        }
    }
    out
}

fn mismatch(what: &str, expected: &str, actual: &str) -> String {
    format!(
        "{what}\n--- expected\n+++ actual\n{}--- actual text ---\n{actual}",
        diff(expected, actual)
    )
}

/// Checks one case; `Ok` carries a note to print (a known bug), `Err` every failure.
fn run_case(case: &Path) -> Result<Option<String>, String> {
    let site = site_for(case)?;
    let checked = check(site.path(), &[]);
    let actual = stdout(&checked);

    if let Ok(known) = fs::read_to_string(case.join(KNOWN_BUG)) {
        // Not through assert_snapshot!: INSTA_UPDATE=always would accept the wrong output as the
        // expected one, and the case would then look fixed.
        let expected = expected_report(case)?;
        let (note, today): (Vec<&str>, Vec<&str>) = known
            .split_inclusive('\n')
            .partition(|l| l.starts_with("# "));
        return if actual == today.concat() {
            Ok(Some(format!(
                "known bug, still present: {}",
                note.concat().trim_end()
            )))
        } else if actual == expected {
            Err(format!("the known bug looks fixed: delete {KNOWN_BUG}"))
        } else {
            Err(mismatch(
                "known-bug case changed output; review it, then update known-bug.txt (expected.snap \
                 keeps the right output: to change that, move known-bug.txt aside and accept as usual)",
                &expected,
                &actual,
            ))
        };
    }

    let mut failures = snapshot_settings(case).bind(|| snapshot_failures!(SNAPSHOT, &actual));
    let Some((errors, warnings)) = counts(&actual) else {
        failures.push(format!("no summary line in the output:\n{actual}"));
        return Err(failures.join("\n"));
    };

    let want = if errors > 0 { 1 } else { 0 };
    if checked.status.code() != Some(want) {
        failures.push(format!(
            "check exited {:?}, expected {want}",
            checked.status.code()
        ));
    }
    // A warning-only case passes plain `check` but must fail with --strict, in check and build.
    let strict = errors == 0;
    if strict {
        let code = check(site.path(), &["--strict"]).status.code();
        if warnings == 0 || code != Some(1) {
            failures.push(format!(
                "check --strict exited {code:?} with {warnings} warning(s), expected 1"
            ));
        }
    }

    // A failed build must leave the previous output exactly as it was.
    let (_out_parent, out) = output_with_marker();
    let built = build(site.path(), &out, strict);
    if built.status.code() != Some(1) {
        failures.push(format!(
            "build exited {:?}, expected 1",
            built.status.code()
        ));
    }
    // build reports the same problems as check, on stderr, before saying it wrote nothing.
    if !String::from_utf8_lossy(&built.stderr).starts_with(&actual) {
        failures.push("build's stderr does not start with check's report".into());
    }
    let left = files_under(&out);
    let marker = fs::read_to_string(out.join(MARKER)).unwrap_or_default();
    if left != [PathBuf::from(MARKER)] || marker != MARKER_TEXT {
        failures.push(format!("build touched the output folder: now {left:?}"));
    }

    if failures.is_empty() {
        Ok(None)
    } else {
        Err(failures.join("\n"))
    }
}

/// The folders of the invalid-input catalogue, in order.
fn invalid_case_dirs() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn invalid_cases() {
    let root = fixtures().join("invalid");
    let cases = invalid_case_dirs();
    assert!(
        cases.len() >= MIN_CASES,
        "found {} cases in {}, expected at least {MIN_CASES}",
        cases.len(),
        root.display()
    );

    // Run them all and report every failure together, not just the first.
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy();
        match run_case(case) {
            Ok(None) => {}
            Ok(Some(note)) => eprintln!("note: {name}: {note}"),
            Err(failure) => failures.push(format!("=== {name}\n{failure}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}\n\nIf a changed snapshot is intended: cargo insta review, or \
         INSTA_UPDATE=always cargo test --test check_fixtures",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn base_checks_clean_and_builds() {
    let base = fixtures().join("base");
    let checked = check(&base, &["--strict"]);
    assert_eq!(
        stdout(&checked),
        "",
        "base must have no problems, not even warnings"
    );
    assert_eq!(checked.status.code(), Some(0));

    // A successful build replaces the output folder whole: the old marker file goes away.
    let (_out_parent, out) = output_with_marker();
    let built = build(&base, &out, false);
    assert_eq!(
        built.status.code(),
        Some(0),
        "build failed:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        out.join("index.html").is_file(),
        "no index.html in the output"
    );
    assert!(
        !out.join(MARKER).exists(),
        "the old output was not replaced"
    );
}

#[test]
fn english_messages() {
    let site = site_for(&fixtures().join("invalid/kana-katakana")).unwrap();
    let checked = shirube(&[OsStr::new("check"), site.path().as_os_str()], Some("en"));
    let expected = "content/entries/sakura.md:4:7 kana: the reading \"サクラカゾクカイ\" has characters other than hiragana\n  fix: write the reading in hiragana (no katakana, kanji or Latin letters)\n1 error(s), 0 warning(s)\n";
    let actual = stdout(&checked);
    assert!(
        actual == expected,
        "{}",
        mismatch("English output differs", expected, &actual)
    );
    assert_eq!(checked.status.code(), Some(1));
}

/// `file:line:col` of every problem in a human report, in order.
fn human_locations(report: &str) -> Vec<String> {
    report
        .lines()
        .filter(|l| !l.starts_with(' ') && counts(l).is_none())
        .map(|l| l.split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn machine_formats_are_parseable() {
    // The case with problems in two files: both formats must list every one, where the human
    // report does.
    let case = fixtures().join("invalid/several-problems");
    let expected = human_locations(&expected_report(&case).unwrap());
    assert!(expected.len() >= 2);
    let site = site_for(&case).unwrap();
    let run = |format: &str| {
        let output = check(site.path(), &["--format", format]);
        assert_eq!(output.status.code(), Some(1), "--format {format}");
        stdout(&output)
    };

    // GitHub workflow commands: `::error file=F,line=L,col=C,title=T::message`, one per line.
    let github = run("github");
    let mut found = Vec::new();
    for line in github.lines() {
        let rest = line
            .strip_prefix("::error ")
            .or_else(|| line.strip_prefix("::warning "))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (props, message) = rest.split_once("::").expect("properties::message");
        assert!(!message.is_empty(), "no message: {line}");
        let prop = |key: &str| {
            props
                .split(',')
                .find_map(|p| p.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("no {key}= in {line}"))
                .to_string()
        };
        found.push(format!("{}:{}:{}", prop("file"), prop("line"), prop("col")));
    }
    assert_eq!(found, expected, "github format:\n{github}");

    // JSON: an array of objects with a position, a code and a message.
    let json = run("json");
    let items: Vec<serde_json::Value> = serde_json::from_str(&json).expect("valid JSON array");
    let found: Vec<String> = items
        .iter()
        .map(|item| {
            assert_eq!(item["severity"], "error");
            assert!(item["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert!(
                item["code"]["code"].is_string(),
                "no problem code in {item}"
            );
            format!(
                "{}:{}:{}",
                item["file"].as_str().unwrap(),
                item["line"],
                item["column"]
            )
        })
        .collect();
    assert_eq!(found, expected, "json format:\n{json}");
}

/// A build reads and checks each entry file in one step (`EntryFiles::Listed`); the preview
/// reads them all first and keeps them (`EntryFiles::Read`). Both must find the same problems,
/// in the same order as reported, and the same site, for every broken case and the valid base.
#[test]
fn entry_files_read_first_or_one_by_one_check_alike() {
    use shirube::content::date::Date;
    use shirube::content::load::{EntryFiles, load_with};
    use shirube::diagnostics::Diagnostics;

    let today = Date::parse(TODAY).expect("a date");
    let check_as = |site: &Path, how: EntryFiles| {
        let mut diags = Diagnostics::default();
        let raw = load_with(site, &mut diags, how);
        let checked = shirube::check::check(&raw, today, &mut diags);
        let problems: Vec<String> = diags.sorted().iter().map(|d| format!("{d:?}")).collect();
        // What the files became (the config holds maps in no fixed order).
        let made = checked.map(|site| format!("{:?}", (site.entries, site.pages, site.events)));
        (problems, made)
    };
    let cases = invalid_case_dirs();
    assert!(cases.len() >= MIN_CASES);
    let mut compared = 0;
    let mut with_problems = 0;
    for case in &cases {
        let Ok(site) = site_for(case) else {
            continue;
        };
        let read = check_as(site.path(), EntryFiles::Read);
        let listed = check_as(site.path(), EntryFiles::Listed);
        assert_eq!(read, listed, "{}", case.display());
        compared += 1;
        with_problems += usize::from(!read.0.is_empty());
    }
    let base = check_as(&fixtures().join("base"), EntryFiles::Listed);
    assert_eq!(base, check_as(&fixtures().join("base"), EntryFiles::Read));
    assert!(base.1.is_some(), "the base site checks");
    assert!(
        compared >= MIN_CASES && with_problems >= MIN_CASES,
        "{compared} {with_problems}"
    );
}
