//! `shirube diff` on a real git repository: the base fixture committed, then edited as providers
//! edit it (a wage, a service, an entry removed and one added, a photo replaced, an event's fee, a
//! page's body, a file only reformatted), committed, and the comment compared in full.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

const TODAY: &str = "2026-11-01";

/// A temporary repository holding a copy of the base fixture, committed on `main`.
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        common::copy_dir(Path::new("tests/fixtures/base"), &root);
        let repo = Repo { _dir: dir, root };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo.commit("base");
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        self.try_git(args)
            .unwrap_or_else(|| panic!("git {args:?} failed"))
    }

    fn try_git(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("git")
            .current_dir(&self.root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", self.root.join("../no-gitconfig"))
            .args([
                "-c",
                "user.name=shirube test",
                "-c",
                "user.email=test@shirube.test",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8(out.stdout).unwrap())
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--allow-empty", "-m", message]);
    }

    fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.path(file), text).unwrap();
    }

    /// Replaces `from` by `to` in a file, which must contain it.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        self.write(file, &text.replacen(from, to, 1));
    }

    fn shirube(&self, args: &[&str], lang: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_shirube"))
            .current_dir(&self.root)
            .env("SHIRUBE_TODAY", TODAY)
            .env("SHIRUBE_LANG", lang)
            .arg("diff")
            .args(args)
            .output()
            .unwrap()
    }

    /// `shirube diff`'s comment, with the commits' hashes as `BASE` and `HEAD` (they differ
    /// in every run); it must succeed.
    fn diff(&self, args: &[&str]) -> String {
        let out = self.shirube(args, "ja");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut comment = String::from_utf8(out.stdout).unwrap();
        for (rev, name) in [("main~1", "BASE"), ("main", "HEAD")] {
            if let Some(hash) = self.try_git(&["rev-parse", "--short=7", rev]) {
                comment = comment.replace(&format!("`{}`", hash.trim()), &format!("`{name}`"));
            }
        }
        comment
    }
}

/// A provider's pull request, and the council's other edits, in one commit.
fn edit_everything(repo: &Repo) {
    let midori = "content/entries/midori.md";
    // A new wage for the same fiscal year, and a service more.
    repo.edit(midori, "monthly_average: 16500", "monthly_average: 18000");
    repo.edit(
        midori,
        "transport:",
        "  - type: a-type\n    capacity: 10\n    wage: { monthly_average: 85000, fiscal_year: 2025 }\ntransport:",
    );
    repo.edit(midori, "parking: 2台（無料）", "parking: 3台（無料）");
    // A new photo in place of the old one (the old file stays in the folder, unused).
    std::fs::copy(
        repo.path("content/media/sakura-hatake.jpg"),
        repo.path("content/media/midori-mise.jpg"),
    )
    .unwrap();
    repo.edit(midori, "src: midori-pan.jpg", "src: midori-mise.jpg");
    // An employer leaves the guide; a new office joins it.
    std::fs::remove_file(repo.path("content/entries/hoshino.md")).unwrap();
    repo.write(
        "content/entries/asahi.md",
        "---\nkind: office\nname: あさひ作業所\nkana: あさひさぎょうしょ\narea: higashi\n\
         address: { city: こもれび市, street: 朝日町1-1 }\ncontact: { phone: \"0199-44-5566\" }\n\
         services:\n  - type: b-type\n    capacity: 15\n    wage: { monthly_average: 12000, fiscal_year: 2025 }\n\
         verified: 2026-10-20\n---\n木工品をつくっています。\n",
    );
    // The family group's photo is replaced by another file under the same name.
    std::fs::copy(
        repo.path("content/media/midori-pan.jpg"),
        repo.path("content/media/sakura-hatake.jpg"),
    )
    .unwrap();
    // Only reformatted: flow style, other quotes, a comment. Nothing a reader sees changes.
    repo.edit(
        "content/entries/aozora.md",
        "contact:\n  phone: \"0199-22-1100\"",
        "contact: { phone: '0199-22-1100' }  # 代表番号",
    );
    // The council renames the guide and words a term more plainly.
    repo.edit(
        "site.yaml",
        "title: こもれび市 しごと案内",
        "title: こもれび市 はたらく案内",
    );
    repo.edit(
        "content/glossary.yaml",
        "definition: 雇用契約を結ばずに、自分のペースで働く福祉サービスです。",
        "definition: 雇用契約を結ばずに、体調に合わせて自分のペースで働く福祉サービスです。",
    );
    // An event costs something now; a page says more.
    repo.edit(
        "content/events/marche.md",
        "fee: { yen: 0 }",
        "fee: { yen: 300, notes: 当日払い }",
    );
    let about = repo.read("content/pages/about.md");
    repo.write(
        "content/pages/about.md",
        &format!("{about}\n問い合わせは事務局へ。\n"),
    );
}

#[test]
fn a_pull_request_said_field_by_field() {
    let repo = Repo::new();
    edit_everything(&repo);
    repo.commit("edits");
    let comment = repo.diff(&["main~1", "main"]);
    in_own_folder(|| insta::assert_snapshot!("diff_edits", comment));
}

#[test]
fn reformatting_alone_changes_nothing() {
    let repo = Repo::new();
    repo.edit(
        "content/entries/aozora.md",
        "contact:\n  phone: \"0199-22-1100\"",
        "contact: { phone: '0199-22-1100' }",
    );
    repo.edit(
        "content/entries/midori.md",
        "accepts: [intellectual, mental]",
        "accepts:\n  - intellectual\n  - mental",
    );
    repo.commit("reformat");
    let comment = repo.diff(&["main~1", "main"]);
    assert!(
        comment.contains("読む人に見える変更はありません"),
        "{comment}"
    );
    assert!(!comment.contains("###"), "{comment}");
}

#[test]
fn without_a_head_the_working_tree_is_compared() {
    let repo = Repo::new();
    repo.edit(
        "content/entries/midori.md",
        "monthly_average: 16500, fiscal_year: 2025",
        "monthly_average: 17000, fiscal_year: 2026",
    );
    let comment = repo.diff(&["HEAD"]);
    assert!(
        comment.contains("と いまの作業中のファイル をくらべました"),
        "{comment}"
    );
    // With no revision at all: HEAD against the files.
    assert_eq!(repo.diff(&[]), comment);
    assert!(
        comment.contains("  - 平均工賃月額: 16,500円（2025年度） → 17,000円（2026年度）\n"),
        "{comment}"
    );
}

#[test]
fn a_revision_with_errors_is_said_in_the_comment() {
    let repo = Repo::new();
    repo.edit("content/entries/midori.md", ", fiscal_year: 2025", "");
    repo.edit(
        "content/entries/sakura.md",
        "verified: 2026-10-15",
        "verified: 2026-10-15\nfee: 500円",
    );
    repo.edit("content/entries/aozora.md", "空町4-5-6", "空町4-5-7");
    repo.commit("broken");
    let comment = repo.diff(&["main~1", "main"]);
    in_own_folder(|| insta::assert_snapshot!("diff_errors", comment));
}

#[test]
fn an_unknown_revision_is_a_clear_error() {
    let repo = Repo::new();
    let out = repo.shirube(&["no-such-branch"], "ja");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("「no-such-branch」というコミット・ブランチ・タグが見つかりません"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    let out = repo.shirube(&["main", "--", "--end-of-options"], "en");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no commit, branch or tag called \"--end-of-options\""),
        "{stderr}"
    );
}

#[test]
fn a_folder_outside_git_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shirube"))
        .args(["diff", "main", "--dir"])
        .arg(dir.path())
        .env("SHIRUBE_LANG", "en")
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not inside a git repository"),
        "{stderr}"
    );
}

/// The council's pull-request workflow (`shirube init`'s check.yml) runs `shirube diff` against
/// the base branch as `actions/checkout` leaves it: a clone with the base at `origin/<base>`.
#[test]
fn the_council_workflow_compares_with_the_base_branch_of_a_clone() {
    let workflow = std::fs::read_to_string("src/init/starter/github/workflows/check.yml").unwrap();
    assert!(
        workflow.contains(r#"shirube diff "origin/$BASE_REF" HEAD > summary/diff.md"#),
        "{workflow}"
    );
    assert!(workflow.contains("fetch-depth: 0"), "{workflow}");
    assert!(!workflow.contains("TODO(shirube diff)"), "{workflow}");

    let origin = Repo::new();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clone");
    let out = Command::new("git")
        .args(["clone", "--quiet"])
        .arg(&origin.root)
        .arg(&root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let clone = Repo { _dir: dir, root };
    clone.git(&["checkout", "--quiet", "-b", "provider-edit"]);
    clone.edit("content/entries/midori.md", "capacity: 20", "capacity: 25");
    clone.commit("more places");
    let comment = clone.diff(&["origin/main", "HEAD"]);
    assert!(comment.contains("`origin/main`（`"), "{comment}");
    assert!(
        comment.contains(
            "- **みどり工房**（`content/entries/midori.md`）\n  - B型の定員: 20人 → 25人\n"
        ),
        "{comment}"
    );
}

/// A revision whose site.yaml cannot be read: the comment says why there is nothing to compare.
#[test]
fn a_site_that_cannot_be_read_gives_its_errors_only() {
    let repo = Repo::new();
    repo.edit("site.yaml", "region: こもれび市", "region: [こもれび市");
    let comment = repo.diff(&["main"]);
    assert!(
        comment.contains("⚠️ いまの作業中のファイル のサイトには、エラーが 1件 あります。"),
        "{comment}"
    );
    assert!(comment.contains("- `site.yaml` 4行目 "), "{comment}");
    assert!(
        comment.ends_with("サイト全体を読めないため、変更をくらべられません。エラーを直すと、ここに変更が出ます。\n"),
        "{comment}"
    );
}

/// The comments' snapshots live in `tests/snapshots/diff/`: `tests/snapshots/` holds the pages'
/// snapshots, which `tests/snapshots.rs` checks against its list of pages.
fn in_own_folder(assert: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/diff");
    settings.bind(assert);
}
