//! The project's own shell scripts (`scripts/`, `bench/`, `.ci/run`): each passes shellcheck,
//! and `scripts/build-pgo` refuses what is not a guide before it builds anything (a build of
//! it takes two release builds of shirube, too long for every test run; BENCHMARKS.md has what
//! it was measured to do).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether `path` is a shell script: a `#!` line naming bash or sh, or a shellcheck directive
/// naming the shell of a file that is only sourced (bench/common.sh).
fn is_shell_script(path: &Path) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return false;
    };
    let first = text.lines().next().unwrap_or_default();
    (first.starts_with("#!") && (first.ends_with("bash") || first.ends_with("/sh")))
        || first.starts_with("# shellcheck shell=")
}

/// Every shell script of scripts/ and bench/ (not their subfolders), and .ci/run.
fn shell_scripts() -> Vec<PathBuf> {
    let mut scripts = vec![repo().join(".ci/run")];
    for folder in ["scripts", "bench"] {
        let entries = fs::read_dir(repo().join(folder)).expect("the folder is in the repository");
        for entry in entries {
            let path = entry.expect("a readable folder entry").path();
            if path.is_file() && is_shell_script(&path) {
                scripts.push(path);
            }
        }
    }
    scripts.sort();
    scripts
}

#[test]
fn every_shell_script_passes_shellcheck() {
    let scripts = shell_scripts();
    let names: Vec<String> = scripts
        .iter()
        .map(|p| p.strip_prefix(repo()).unwrap().display().to_string())
        .collect();
    for expected in [
        ".ci/run",
        "bench/common.sh",
        "bench/first",
        "bench/profile",
        "bench/run",
        "scripts/build-pgo",
        "scripts/test",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} is not among the scripts found: {names:?}"
        );
    }
    let mut problems = String::new();
    for (path, name) in scripts.iter().zip(&names) {
        // From the repository's root, as the scripts are run: `-x` follows their `source`.
        let out = Command::new("shellcheck")
            .arg("-x")
            .arg(name)
            .current_dir(repo())
            .output()
            .expect("shellcheck runs (scripts/test installs it)");
        if !out.status.success() {
            problems.push_str(&format!(
                "{}:\n{}\n",
                path.display(),
                String::from_utf8_lossy(&out.stdout)
            ));
        }
    }
    assert!(problems.is_empty(), "shellcheck:\n{problems}");
}

/// `scripts/build-pgo` with `args`: its exit code and what it said.
fn build_pgo(args: &[&Path]) -> (Option<i32>, String) {
    let out = Command::new(repo().join("scripts/build-pgo"))
        .args(args)
        .output()
        .expect("scripts/build-pgo runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn build_pgo_refuses_a_folder_that_is_not_a_guide_before_building() {
    let (code, said) = build_pgo(&[]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("usage: scripts/build-pgo GUIDE [BINARY]"),
        "{said}"
    );

    let empty = tempfile::tempdir().unwrap();
    let (code, said) = build_pgo(&[empty.path()]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("is not a guide: it has no site.yaml"),
        "{said}"
    );
    // Refused before the first step: nothing was built.
    assert!(!said.contains("1/3"), "{said}");

    let too_many = [empty.path(), empty.path(), empty.path()];
    let (code, said) = build_pgo(&too_many);
    assert_eq!(code, Some(2), "{said}");
}
