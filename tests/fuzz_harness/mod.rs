//! The fuzzing harness shared by `examples/fuzz.rs` (which mutates inputs for minutes) and
//! `tests/fuzz_regressions.rs` (which replays every input that once panicked): the targets, the
//! seeds and the mutations.

#![allow(dead_code)]

use shirube::content::date::Date;
use shirube::content::frontmatter;
use shirube::content::load::{self, RawDoc};
use shirube::diagnostics::Diagnostics;
use shirube::text::{GradeFilter, Reader, parse_author_ruby, strip_author_ruby};
use shirube::view::markdown::{Links, to_html, to_plain_text};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const TARGETS: &[&str] = &["frontmatter", "entry", "ruby", "markdown", "wam-csv"];

/// What the parsers care about, to insert.
const TOKENS: &[&str] = &[
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
    ">",
    "&a",
    "*a",
    "#",
    "---",
    "｜",
    "《",
    "》",
    "{漢字|",
    "|かんじ}",
    "](",
    "[",
    "![",
    "<",
    ">",
    "`",
    "```",
    "*",
    "_",
    "\\",
    "\u{3000}",
    "：",
    "0",
    "-1",
    "99999999999999999999",
    "null",
    "~",
    "!!",
    "%",
    "@/",
    "..",
    "\u{feff}",
    "\r",
    "\"\"",
    ",",
    "\u{0}",
    "令和",
    "元年",
    "円",
    "B型",
    "あり",
];

/// xorshift64*: reproducible from the seed printed at the start.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub fn mutate(seed: &[u8], other: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 | 1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(64)).min(data.len());
                let copy = data[at..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            4 if at < data.len() => data[at] ^= 1 << rng.below(8),
            _ => {
                // Splice a piece of another input in.
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(128)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    data
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = match target {
        "wam-csv" => repo().join("tests/fixtures/wam"),
        _ => repo().join("tests/fixtures/base/content/entries"),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the seed folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "csv"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Runs one input through a target. Panics are what the fuzzer looks for.
pub struct Harness {
    reader: Reader,
    site: load::RawSite,
    scratch: tempfile::TempDir,
}

impl Harness {
    pub fn new() -> Harness {
        let mut diags = Diagnostics::default();
        let site = load::load(&repo().join("tests/fixtures/base"), &mut diags);
        Harness {
            reader: Reader::new(&[]).expect("the dictionary"),
            site,
            scratch: tempfile::tempdir().unwrap(),
        }
    }

    pub fn run(&self, target: &str, input: &[u8]) {
        let text = String::from_utf8_lossy(input);
        match target {
            "frontmatter" => {
                let _ = frontmatter::split(&text);
            }
            "entry" => {
                let Ok(split) = frontmatter::split(&text) else {
                    return;
                };
                let Ok(front) = shirube::yaml::parse(split.yaml, split.yaml_line_offset) else {
                    return;
                };
                let mut raw = self.site.clone();
                raw.entries.push(RawDoc {
                    path: PathBuf::from("content/entries/fuzz.md"),
                    stem: "fuzz".into(),
                    front,
                    body: split.body.to_string(),
                    body_line: split.body_line,
                });
                let mut diags = Diagnostics::default();
                let today = Date::parse("2026-11-01").unwrap();
                let _ = shirube::check::check(&raw, today, &mut diags);
            }
            "ruby" => {
                let _ = parse_author_ruby(&text);
                let _ = strip_author_ruby(&text);
                let _ = self.reader.ruby_html(&text, GradeFilter::All);
                let _ = self.reader.ruby_html(&text, GradeFilter::AboveGrade(2));
            }
            "markdown" => {
                let urls = BTreeMap::from([(
                    "entries/midori.md".to_string(),
                    "entries/midori/".to_string(),
                )]);
                let links = Links {
                    urls: &urls,
                    root: "../../",
                    doc_dir: "entries",
                };
                let _ = to_html(&text, &links, &shirube::text::Html::escape, 2);
                let _ = to_plain_text(&text);
            }
            "wam-csv" => {
                let path = self.scratch.path().join("fuzz.csv");
                std::fs::write(&path, input).unwrap();
                if let Ok(rows) = shirube::import::wam::rows::read_rows(&path) {
                    for row in &rows {
                        let _ = shirube::import::wam::rows::office_key(row);
                    }
                }
            }
            other => panic!("unknown target {other}"),
        }
    }
}
