//! A build killed at any moment leaves the output folder exactly as the last complete build made
//! it, and killed builds' temporary folders do not pile up.
//!
//! Each round changes the site (its title carries the round's marker, `ver-0007`), starts a build
//! into `out` and kills it with SIGKILL after a delay: the rounds' delays are spread over the whole
//! length of a build, from before the first file is written to after the swap. After each kill,
//! `out` must be a complete build of one version — the last complete one, or the new one if the
//! build finished in time: file for file the first build's output with that version's marker,
//! and no other marker anywhere.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

mod common;
use common::tree;

const ROUNDS: u32 = 24;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(site: &Path, out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shirube"));
    cmd.arg("build")
        .arg(site)
        .arg("-o")
        .arg(out)
        .env("SHIRUBE_TODAY", "2026-11-01")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

fn marker(round: u32) -> String {
    format!("ver-{round:04}")
}

fn set_version(site: &Path, round: u32) {
    let path = site.join("site.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let title = yaml.lines().find(|l| l.starts_with("title: ")).unwrap();
    let yaml = yaml.replacen(
        title,
        &format!("title: こもれび市 しごと案内 {}", marker(round)),
        1,
    );
    std::fs::write(path, yaml).unwrap();
}

/// The tree with one version's marker made neutral; `None` when its files carry any other marker
/// (a mix of two builds) or none at all.
fn as_version(tree: &BTreeMap<String, Vec<u8>>, round: u32) -> Option<BTreeMap<String, Vec<u8>>> {
    let (mine, any) = (marker(round), "ver-0");
    let mut seen = false;
    let mut out = BTreeMap::new();
    for (path, bytes) in tree {
        let text = String::from_utf8_lossy(bytes);
        seen |= text.contains(&mine);
        let neutral = neutral(&text, round);
        if neutral.contains(any) {
            return None;
        }
        out.insert(path.clone(), neutral.into_bytes());
    }
    seen.then_some(out)
}

/// A file's text with version `round`'s marker and the CSP hashes made neutral.
fn neutral(text: &str, round: u32) -> String {
    without_hashes(&text.replace(&marker(round), "ver-XXXX"))
}

/// The text with every CSP hash (`sha256-…`) made neutral: the print document's policy hashes
/// its style, which holds the title, so it changes with the marker.
fn without_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("sha256-") {
        out.push_str(&rest[..at]);
        out.push_str("sha256-X");
        let after = &rest[at + "sha256-".len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')))
            .unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// What sets `now` apart from `complete` as version `round`: files missing, extra, or differing
/// (with the markers a differing file carries), the first few of each.
fn differences(
    now: &BTreeMap<String, Vec<u8>>,
    complete: &BTreeMap<String, Vec<u8>>,
    round: u32,
) -> String {
    let markers = |bytes: &[u8]| -> Vec<String> {
        let text = String::from_utf8_lossy(bytes);
        let mut found: Vec<String> = text
            .match_indices("ver-0")
            .map(|(at, _)| text[at..].chars().take(8).collect())
            .collect();
        found.sort();
        found.dedup();
        found
    };
    let missing: Vec<&String> = complete.keys().filter(|p| !now.contains_key(*p)).collect();
    let extra: Vec<&String> = now.keys().filter(|p| !complete.contains_key(*p)).collect();
    let differing: Vec<String> = now
        .iter()
        .filter_map(|(path, bytes)| {
            let expected = complete.get(path)?;
            (neutral(&String::from_utf8_lossy(bytes), round).as_bytes() != expected.as_slice())
                .then(|| format!("{path} {:?} ({} bytes)", markers(bytes), bytes.len()))
        })
        .collect();
    format!(
        "{} missing {:?}, {} extra {:?}, {} differing {:?}",
        missing.len(),
        missing.iter().take(5).collect::<Vec<_>>(),
        extra.len(),
        extra.iter().take(5).collect::<Vec<_>>(),
        differing.len(),
        differing.iter().take(5).collect::<Vec<_>>()
    )
}

fn leftovers(parent: &Path) -> Vec<String> {
    std::fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The spare, the records of the last two builds' files (`src/output/manifest.rs`) and
        // the keys of the last build's pages (`src/output/made.rs`) stay on purpose.
        .filter(|n| {
            n.starts_with(".out.")
                && ![".out.spare", ".out.files", ".out.files.1", ".out.pages"].contains(&n.as_str())
        })
        .collect()
}

#[test]
fn a_killed_build_leaves_the_last_complete_output() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    common::copy_dir(&repo().join("tests/fixtures/base"), &site);
    let out = dir.path().join("out");

    // A build as the rounds' are, timed: a new version over an output and a spare, the site's
    // cache of QR codes filled. The first build into a new folder, which also makes every code,
    // took twice as long in a debug build, and the rounds' kills then landed after most builds.
    // The shorter of two such builds: a kill must land mid-build often enough on a loaded
    // machine too (the rounds past the whole length are never killed, so some always finish).
    let timed = |round: u32| {
        set_version(&site, round);
        let start = Instant::now();
        assert!(build(&site, &out).status().unwrap().success());
        start.elapsed()
    };
    timed(ROUNDS + 2);
    timed(ROUNDS + 3);
    let full = timed(ROUNDS + 4).min(timed(0));
    let complete = as_version(&tree(&out), 0).expect("round 0 is one version");
    assert!(complete.len() > 20);
    let mut last = 0;

    let (mut interrupted, mut finished) = (0, 0);
    for round in 1..=ROUNDS {
        set_version(&site, round);
        // From 5 % to 120 % of a build's length. Past 100 % the build is left to finish rather
        // than killed at a time: on a loaded machine a build can take longer than the timed one,
        // and the rounds that should complete must not depend on the machine's speed.
        let fraction = 0.05 + 1.15 * f64::from(round - 1) / f64::from(ROUNDS - 1);
        let delay = full.mul_f64(fraction);
        let mut child = build(&site, &out).spawn().unwrap();
        if fraction < 1.0 {
            std::thread::sleep(delay);
            let _ = child.kill(); // SIGKILL
        }
        let status = child.wait().unwrap();

        let now = tree(&out);
        if as_version(&now, round).as_ref() == Some(&complete) {
            finished += 1;
            last = round;
        } else {
            assert!(
                as_version(&now, last).as_ref() == Some(&complete),
                "round {round}: killed after {delay:?} (exit {status:?}), the output is neither the \
                 last complete build ({}) nor the new one ({} files): {}",
                marker(last),
                now.len(),
                differences(&now, &complete, last)
            );
            interrupted += 1;
        }
        // At most the one killed build's staging folder, until the next build cleans it.
        let left = leftovers(dir.path());
        assert!(
            left.len() <= 1,
            "round {round}: temporary folders pile up: {left:?}"
        );
    }
    assert!(
        interrupted >= 5 && finished >= 1,
        "the kills must land both mid-build and after it: {interrupted} interrupted, {finished} finished \
         (a build takes {full:?})"
    );

    // A complete build after all that: the new site, and nothing left beside it but the spare
    // (the previous output, which the next build overwrites in place).
    set_version(&site, ROUNDS + 1);
    assert!(build(&site, &out).status().unwrap().success());
    assert_eq!(
        as_version(&tree(&out), ROUNDS + 1).as_ref(),
        Some(&complete),
        "built over the spare that killed builds left, the output is exactly a clean build's"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}
