//! One revision of the site, read out of git with the `git` command line: the revision is
//! resolved to a commit, its tree is written into a temporary folder through a temporary index
//! (`read-tree` + `checkout-index`, so the repository's own index and working tree are never
//! touched), and the site in it is loaded and checked like any other.

use crate::content::date::Date;
use crate::content::model::Site;
use crate::diagnostics::Diagnostics;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why a revision could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// The `git` program could not be started.
    NoGit(std::io::Error),
    /// The site folder does not exist.
    NoFolder(PathBuf),
    /// The site folder is not inside a git repository.
    NotARepository { dir: PathBuf, detail: String },
    /// No commit, branch or tag of that name.
    UnknownRevision(String),
    /// A git command failed.
    Git { command: String, detail: String },
    /// A temporary folder could not be made.
    TempDir(std::io::Error),
}

impl Localized for DiffError {
    fn msg(&self) -> Msg {
        match self {
            DiffError::NoGit(error) => msg(
                format!("git を動かせません（{error}）。git をインストールしてください"),
                format!("cannot run git ({error}); please install git"),
            ),
            DiffError::NoFolder(dir) => msg(
                format!("{} というフォルダがありません", slash(dir)),
                format!("there is no folder {}", slash(dir)),
            ),
            DiffError::NotARepository { dir, detail } => msg(
                format!(
                    "{} は git のリポジトリの中にありません（{detail}）",
                    slash(dir)
                ),
                format!("{} is not inside a git repository ({detail})", slash(dir)),
            ),
            DiffError::UnknownRevision(rev) => msg(
                format!(
                    "「{rev}」というコミット・ブランチ・タグが見つかりません（git log や git branch -a で名前を確かめてください）"
                ),
                format!(
                    "no commit, branch or tag called \"{rev}\" (see git log or git branch -a for the names)"
                ),
            ),
            DiffError::Git { command, detail } => msg(
                format!("git {command} がうまくいきませんでした: {detail}"),
                format!("git {command} failed: {detail}"),
            ),
            DiffError::TempDir(error) => msg(
                format!("一時フォルダを作れません（{error}）"),
                format!("cannot make a temporary folder ({error})"),
            ),
        }
    }
}

crate::display_localized!(DiffError);

/// A revision as loaded and checked.
pub struct Snapshot {
    /// As the person named it (`origin/main`), or `None` for the working tree.
    pub name: Option<String>,
    /// The commit's short hash, `None` for the working tree.
    pub commit: Option<String>,
    /// Where its site is on disk (a temporary folder for a commit).
    pub site_dir: PathBuf,
    pub site: Option<Site>,
    pub diagnostics: Diagnostics,
    /// Keeps a commit's files until the comparison is done.
    _files: Option<tempfile::TempDir>,
}

/// The repository that holds `site_dir`: its top folder, and where the site is inside it
/// (`""` at the top, else `sub/dir/`).
pub struct Repository {
    top: PathBuf,
    prefix: String,
}

impl Repository {
    pub fn find(site_dir: &Path) -> Result<Repository, DiffError> {
        if !site_dir.is_dir() {
            return Err(DiffError::NoFolder(site_dir.to_path_buf()));
        }
        let not_repo = |detail: String| DiffError::NotARepository {
            dir: site_dir.to_path_buf(),
            detail,
        };
        let top = git_in(site_dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
            DiffError::Git { detail, .. } => not_repo(detail),
            other => other,
        })?;
        let prefix = git_in(site_dir, &["rev-parse", "--show-prefix"])?;
        Ok(Repository {
            top: PathBuf::from(top),
            prefix,
        })
    }

    /// The full hash of the commit `rev` names.
    pub fn resolve(&self, rev: &str) -> Result<String, DiffError> {
        // A name starting with `-` would be read as an option.
        if rev.is_empty() || rev.starts_with('-') {
            return Err(DiffError::UnknownRevision(rev.to_string()));
        }
        let spec = format!("{rev}^{{commit}}");
        git_in(
            &self.top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &spec,
            ],
        )
        .map_err(|e| match e {
            DiffError::Git { .. } => DiffError::UnknownRevision(rev.to_string()),
            other => other,
        })
    }

    /// The site as it is in commit `rev`, loaded and checked.
    pub fn snapshot(&self, rev: &str, today: Date) -> Result<Snapshot, DiffError> {
        let commit = self.resolve(rev)?;
        let files = tempfile::Builder::new()
            .prefix("shirube-diff-")
            .tempdir()
            .map_err(DiffError::TempDir)?;
        let tree = files.path().join("tree");
        let index = files.path().join("index");
        std::fs::create_dir_all(&tree).map_err(DiffError::TempDir)?;
        // `checkout-index --prefix` puts the prefix in front of each path as text: it needs the
        // trailing separator.
        let mut prefix = tree.to_string_lossy().into_owned();
        prefix.push(std::path::MAIN_SEPARATOR);
        let with_index = |args: &[&str]| {
            run(Command::new("git")
                .current_dir(&self.top)
                .env("GIT_INDEX_FILE", &index)
                .args(args))
        };
        with_index(&["read-tree", &commit])?;
        with_index(&[
            "checkout-index",
            "--all",
            "--force",
            &format!("--prefix={prefix}"),
        ])?;
        let site_dir = tree.join(&self.prefix);
        let (site, diagnostics) = crate::pipeline::check_site(&site_dir, today);
        Ok(Snapshot {
            name: Some(rev.to_string()),
            commit: Some(commit.chars().take(7).collect()),
            site_dir,
            site,
            diagnostics,
            _files: Some(files),
        })
    }
}

/// The site as it is on disk now, loaded and checked.
pub fn working_tree(site_dir: &Path, today: Date) -> Snapshot {
    let (site, diagnostics) = crate::pipeline::check_site(site_dir, today);
    Snapshot {
        name: None,
        commit: None,
        site_dir: site_dir.to_path_buf(),
        site,
        diagnostics,
        _files: None,
    }
}

/// `git <args>` in `dir`, its output trimmed.
fn git_in(dir: &Path, args: &[&str]) -> Result<String, DiffError> {
    run(Command::new("git").current_dir(dir).args(args))
}

fn run(command: &mut Command) -> Result<String, DiffError> {
    let words: Vec<String> = command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let output = command
        // git's own messages in one language, for the report of a failure.
        .env("LC_ALL", "C")
        .output()
        .map_err(DiffError::NoGit)?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(DiffError::Git {
            command: words.first().cloned().unwrap_or_default(),
            detail: if stderr.is_empty() {
                output.status.to_string()
            } else {
                stderr
            },
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}
