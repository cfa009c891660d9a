//! Provider files come from strangers' pull requests: whatever they hold, `check` must report, not
//! panic. This mutates real example entries byte by byte (deterministically) and checks each one.

// The fuzzer's reproducible random sequence (xorshift64*): a failure is reproducible from its
// case number.
mod fuzz_harness;
use fuzz_harness::Rng;
use shirube::content::date::Date;
use std::path::PathBuf;

/// Characters that matter to YAML, Markdown and our own parsers.
const INSERTS: &[&str] = &[
    ":",
    "-",
    " ",
    "\n",
    "\t",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "|",
    "&a",
    "*a",
    "#",
    "---",
    "｜",
    "《",
    "》",
    "\u{feff}",
    "null",
    "0x1F",
    "1e400",
    "ー",
    "あ",
    "@/entries/",
    "](",
    "<",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(3) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => {
                let insert = INSERTS[rng.below(INSERTS.len())];
                for (i, c) in insert.chars().enumerate() {
                    chars.insert(at + i, c);
                }
            }
            _ => {
                let end = (at + rng.below(40)).min(chars.len());
                chars.drain(at..end);
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn check_never_panics_on_mutated_entries() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<PathBuf> = std::fs::read_dir(repo.join("content/entries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    let site = tempfile::tempdir().unwrap();
    let entries = site.path().join("content/entries");
    std::fs::create_dir_all(&entries).unwrap();
    std::fs::copy(repo.join("site.yaml"), site.path().join("site.yaml")).unwrap();
    let today = Date::parse("2026-11-01").unwrap();
    let mut rng = Rng(0x5eed_cafe_f00d_beef);
    let mut reported = 0;
    for case in 0..400 {
        let source = &sources[case % sources.len()];
        let text = std::fs::read_to_string(source).unwrap();
        let mutated = mutate(&text, &mut rng);
        let path = entries.join("mutated.md");
        std::fs::write(&path, &mutated).unwrap();
        let result = std::panic::catch_unwind(|| shirube::check_site(site.path(), today));
        match result {
            Ok((_, diags)) => reported += usize::from(!diags.is_empty()),
            Err(_) => panic!(
                "check panicked on case {case} ({}):\n{mutated}",
                source.display()
            ),
        }
    }
    // Most mutations break something; if none were reported, the checker is not looking.
    assert!(
        reported > 100,
        "only {reported} of 400 mutations were reported"
    );
}

/// `shirube diff` compares whatever a pull request holds with what was there: it must write its
/// comment, never panic, whatever the mutated entry holds.
#[test]
fn diff_never_panics_on_mutated_entries() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut sources: Vec<PathBuf> = std::fs::read_dir(repo.join("content/entries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    let today = Date::parse("2026-11-01").unwrap();
    let site = || {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/entries")).unwrap();
        std::fs::copy(repo.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
        dir
    };
    let (before, after) = (site(), site());
    let mut rng = Rng(0xd1ff_5eed_0bad_cafe);
    for case in 0..150 {
        let source = &sources[case % sources.len()];
        let text = std::fs::read_to_string(source).unwrap();
        let mutated = mutate(&text, &mut rng);
        std::fs::write(before.path().join("content/entries/x.md"), &text).unwrap();
        std::fs::write(after.path().join("content/entries/x.md"), &mutated).unwrap();
        let result = std::panic::catch_unwind(|| {
            let old = shirube::diff::revision::working_tree(before.path(), today);
            let new = shirube::diff::revision::working_tree(after.path(), today);
            shirube::diff::compare_snapshots(&old, &new)
        });
        match result {
            Ok(comment) => assert!(comment.starts_with("## ガイドの変わるところ"), "{comment}"),
            Err(_) => panic!(
                "diff panicked on case {case} ({}):\n{mutated}",
                source.display()
            ),
        }
    }
}
