//! Helpers shared by the integration tests.

use std::path::Path;

/// Copy a fixture site (or any folder) recursively.
#[allow(dead_code)] // not every test binary that shares this module copies folders
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// The repository's example region (`site.yaml` and `content/`), copied into a new folder that
/// a test may edit and build in (builds write their cache into the site folder).
#[allow(dead_code)] // not every test binary that shares this module builds the example
pub fn example_site_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(repo.join("site.yaml"), site.path().join("site.yaml")).unwrap();
    site
}

/// Runs `shirube` in `dir` with `args` on a fixed day (2026-11-01) and Japanese messages, and
/// asserts it succeeded; the output, for what the test reads of it.
#[allow(dead_code)] // not every test binary that shares this module runs commands
pub fn shirube_ok<I, S>(dir: &Path, args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(&args)
        .current_dir(dir)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .env_remove("SHIRUBE_LANG")
        .output()
        .expect("run shirube");
    assert!(
        out.status.success(),
        "shirube {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Every file under `dir`, by relative path, with its bytes: two outputs compared file for file.
#[allow(dead_code)] // not every test binary that shares this module compares folders
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The numbers a line of `shirube build --timings` gives, in order
/// (「ページ 150 のうち、前のビルドのまま残したもの 150（作りなおしたもの 0）」 → 150, 150, 0).
#[allow(dead_code)] // not every test binary that shares this module reads --timings
pub fn numbers_in(line: &str) -> Vec<usize> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().unwrap())
        .collect()
}

/// The files kept in the site's cache folder `folder` (`.shirube-cache/<folder>`), sorted.
#[allow(dead_code)] // only the tests of the cache's folders read them
pub fn kept_files(site: &Path, folder: &str) -> Vec<std::path::PathBuf> {
    let dir = site.join(".shirube-cache").join(folder);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|listing| listing.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// When `file` was last written.
#[allow(dead_code)] // only the tests of the cache's folders ask
pub fn modified(file: &Path) -> std::time::SystemTime {
    std::fs::metadata(file).unwrap().modified().unwrap()
}

/// The cache folder `folder` of `site` keeps the files `kept`, and the first of them was read
/// since `stamp` (its [`modified`] then), not written again.
#[allow(dead_code)] // only the tests of the cache's folders ask
pub fn assert_kept_as_they_were(
    site: &Path,
    folder: &str,
    kept: &[std::path::PathBuf],
    stamp: std::time::SystemTime,
) {
    assert_eq!(kept_files(site, folder), kept);
    // Read, not written again.
    assert_eq!(modified(&kept[0]), stamp);
}

/// Builds `site` with `--timings` into a new folder `<site>-<name>` beside it, which is removed
/// again: every file of the output, and the lines of what it said that begin with one of
/// `said_of`, joined with newlines.
#[allow(dead_code)] // only the tests of the cache's folders ask what a build said of them
pub fn build_beside(
    site: &Path,
    name: &str,
    said_of: &[&str],
) -> (std::collections::BTreeMap<String, Vec<u8>>, String) {
    let out = site.join("..").join(format!(
        "{}-{name}",
        site.file_name().unwrap().to_string_lossy()
    ));
    let said = shirube_ok(site, ["build", "--timings", "-o", out.to_str().unwrap()]).stdout;
    let said = String::from_utf8_lossy(&said)
        .lines()
        .filter(|line| said_of.iter().any(|start| line.starts_with(start)))
        .collect::<Vec<_>>()
        .join("\n");
    let files = tree(&out);
    std::fs::remove_dir_all(&out).unwrap();
    (files, said)
}
