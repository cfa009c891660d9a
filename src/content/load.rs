//! The load stage: walk the site folder, read every file, split front matter and parse YAML into
//! spanned trees. A file that cannot be read or parsed is reported and left out; the others go on.

use crate::content::frontmatter::{self, SplitError};
use crate::content::syntax_causes;
use crate::diagnostics::{Diagnostics, Pos, Problem};
use crate::paths::slash;
use crate::yaml::{self, Node, SyntaxErrorKind};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown file with front matter.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Relative to the site root.
    pub path: PathBuf,
    /// File name without `.md`: the default id or slug.
    pub stem: String,
    pub front: Node,
    pub body: String,
    pub body_line: u32,
}

/// A YAML file (site.yaml, glossary.yaml, readings.yaml).
#[derive(Debug, Clone)]
pub struct RawYaml {
    pub path: PathBuf,
    pub root: Node,
}

/// Everything read from disk, before any validation.
#[derive(Debug, Clone, Default)]
pub struct RawSite {
    pub root: PathBuf,
    pub config: Option<RawYaml>,
    /// The entry files as read ([`EntryFiles::Read`]); empty when they were only listed.
    pub entries: Vec<RawDoc>,
    /// The entry files, relative to the site root, when `load` only listed them
    /// ([`EntryFiles::Listed`]): `check` reads each as it checks it.
    pub entry_files: Vec<PathBuf>,
    pub pages: Vec<RawDoc>,
    /// content/events/*.md
    pub events: Vec<RawDoc>,
    pub glossary: Option<RawYaml>,
    pub readings: Option<RawYaml>,
    /// Every Markdown file present (relative, `/`-separated, e.g. `entries/a.md`), including those
    /// that failed to parse: links to them are not broken, the file is.
    pub markdown_files: BTreeSet<String>,
    /// content/glossary.yaml exists (even if it failed to parse: links to it are not broken).
    pub has_glossary_file: bool,
}

pub const CONFIG_FILE: &str = "site.yaml";

/// Limits for files that come from strangers' pull requests. An entry is a few kilobytes and the
/// national data is about 25,000 offices, so anything past these is a mistake or an attack; it is
/// reported, not read. (YAML nesting and aliases are limited in `yaml/mod.rs`, photos in `assets`.)
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;
pub const MAX_FILES_PER_FOLDER: usize = 100_000;

/// How [`load_with`] takes the entry files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryFiles {
    /// Read and parsed, and kept in `RawSite::entries` (the preview checks them again one by
    /// one as they change).
    Read,
    /// Only listed in `RawSite::entry_files`, for `check` to read and parse each as it checks
    /// it, and drop its tree then: a national guide's ten thousand trees, all held until the
    /// last was checked, were the load stage's peak and left the heap full of holes.
    Listed,
}

/// Everything read from disk, the entry files read and kept.
pub fn load(root: &Path, diags: &mut Diagnostics) -> RawSite {
    load_with(root, diags, EntryFiles::Read)
}

/// Everything read from disk, the entry files taken as `entry_files` says.
pub fn load_with(root: &Path, diags: &mut Diagnostics, entry_files: EntryFiles) -> RawSite {
    let mut site = RawSite {
        root: root.to_path_buf(),
        ..RawSite::default()
    };
    let config_path = PathBuf::from(CONFIG_FILE);
    if root.join(&config_path).is_file() {
        site.config = read_yaml(root, config_path, diags);
    } else {
        diags.error(
            &config_path,
            Pos { line: 1, column: 1 },
            "",
            Problem::MissingSiteConfig,
        );
    }
    let content = root.join("content");
    let entries = list_docs(
        root,
        &content.join("entries"),
        diags,
        &mut site.markdown_files,
    );
    match entry_files {
        EntryFiles::Read => site.entries = read_listed(root, &entries, diags),
        EntryFiles::Listed => site.entry_files = entries,
    }
    site.pages = read_docs(
        root,
        &content.join("pages"),
        diags,
        &mut site.markdown_files,
    );
    site.events = read_docs(
        root,
        &content.join("events"),
        diags,
        &mut site.markdown_files,
    );
    for (name, slot) in [
        ("glossary.yaml", &mut site.glossary),
        ("readings.yaml", &mut site.readings),
    ] {
        if content.join(name).is_file() {
            *slot = read_yaml(root, PathBuf::from("content").join(name), diags);
        }
    }
    site.has_glossary_file = content.join("glossary.yaml").is_file();
    site
}

fn read_docs(
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
    seen: &mut BTreeSet<String>,
) -> Vec<RawDoc> {
    let files = list_docs(root, dir, diags, seen);
    read_listed(root, &files, diags)
}

/// The Markdown files of `dir` (relative to `root`, in order), each noted in `seen`.
fn list_docs(
    root: &Path,
    dir: &Path,
    diags: &mut Diagnostics,
    seen: &mut BTreeSet<String>,
) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = WalkDir::new(dir)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    // Sorted so that diagnostics and output never depend on the file system's order. The files
    // of one folder, by their bytes: as `Path`s they are compared component by component, each
    // path taken apart again at every comparison (40 ms of a national build, before any core
    // but one had work).
    paths.sort_unstable_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    if paths.len() > MAX_FILES_PER_FOLDER {
        let rel = dir.strip_prefix(root).unwrap_or(dir);
        let problem = Problem::TooManyFiles {
            count: paths.len(),
            max: MAX_FILES_PER_FOLDER,
        };
        diags.error(rel, Pos { line: 1, column: 1 }, "", problem);
        return Vec::new();
    }
    let content = root.join("content");
    for abs in &paths {
        if let Ok(in_content) = abs.strip_prefix(&content) {
            seen.insert(slash(in_content));
        }
    }
    paths
        .into_iter()
        .map(|abs| abs.strip_prefix(root).map(Path::to_path_buf).unwrap_or(abs))
        .collect()
}

/// The files `files` (relative to `root`) read and parsed; the problems of those that could
/// not be, in `diags`.
fn read_listed(root: &Path, files: &[PathBuf], diags: &mut Diagnostics) -> Vec<RawDoc> {
    // Files are read and parsed on every core (a national guide has ten thousand), each with its
    // own problems, which are then taken in in the files' order.
    use rayon::prelude::*;
    let read: Vec<(Option<RawDoc>, Diagnostics)> = files
        .par_iter()
        .map(|rel| {
            let mut found = Diagnostics::default();
            (read_doc(root, rel.clone(), &mut found), found)
        })
        .collect();
    let mut docs = Vec::with_capacity(read.len());
    for (doc, found) in read {
        diags.append(found);
        docs.extend(doc);
    }
    docs
}

/// One Markdown file with front matter (`rel` from the site root), or its problems in `diags`.
/// The preview reads the files that changed with it, and no others.
pub fn read_doc(root: &Path, rel: PathBuf, diags: &mut Diagnostics) -> Option<RawDoc> {
    let text = read_text(root, &rel, diags)?;
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first_line = Pos { line: 1, column: 1 };
    let split = match frontmatter::split(&text) {
        Ok(split) => split,
        Err(SplitError::NoOpening) => {
            diags.error(&rel, first_line, "", Problem::NoFrontMatter);
            return None;
        }
        Err(SplitError::NoClosing) => {
            diags.error(&rel, first_line, "", Problem::UnclosedFrontMatter);
            return None;
        }
    };
    let front = parse_yaml(&rel, split.yaml, split.yaml_line_offset, diags)?;
    Some(RawDoc {
        path: rel,
        stem,
        front,
        // A provider's `<!-- note -->` is theirs: no stage sees it (comments.rs).
        body: super::comments::without_comments(split.body).into_owned(),
        body_line: split.body_line,
    })
}

fn read_yaml(root: &Path, rel: PathBuf, diags: &mut Diagnostics) -> Option<RawYaml> {
    let text = read_text(root, &rel, diags)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let node = parse_yaml(&rel, text, 0, diags)?;
    Some(RawYaml {
        path: rel,
        root: node,
    })
}

fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let first_line = Pos { line: 1, column: 1 };
    let unreadable = |diags: &mut Diagnostics, err: std::io::Error| {
        let problem = Problem::Unreadable {
            detail: err.to_string(),
        };
        diags.error(rel, first_line, "", problem);
    };
    // Opened once, its size asked of the open file: looking the path up again for its size
    // walked every folder of it a second time (ten thousand entry files at national scale).
    let mut file = match std::fs::File::open(root.join(rel)) {
        Ok(file) => file,
        Err(err) => {
            unreadable(diags, err);
            return None;
        }
    };
    let too_large = |diags: &mut Diagnostics, size: u64| {
        let problem = Problem::FileTooLarge {
            kilobytes: size / 1024,
            max_kilobytes: MAX_TEXT_BYTES / 1024,
        };
        diags.error(rel, first_line, "", problem);
    };
    let size = file.metadata().map_or(0, |m| m.len());
    if size > MAX_TEXT_BYTES {
        too_large(diags, size);
        return None;
    }
    // Room for one byte more than the size, where the read that finds the end goes. Read
    // through `take`: `File`'s own `read_to_end` asks the open file for its size and place again
    // (two system calls more for each of ten thousand entry files), where the buffer has the
    // room already. The limit also stops a file that grows while it is read.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    let mut limited = std::io::Read::take(&mut file, MAX_TEXT_BYTES + 1);
    if let Err(err) = std::io::Read::read_to_end(&mut limited, &mut bytes) {
        unreadable(diags, err);
        return None;
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        too_large(diags, bytes.len() as u64);
        return None;
    }
    match utf8_text(bytes) {
        Ok(text) => Some(text),
        Err(err) => {
            let bytes = err.as_bytes();
            let bad = err.utf8_error().valid_up_to();
            // The line of the first byte that is not UTF-8: where the editor shows 文字化け.
            let line = 1 + bytes[..bad].iter().filter(|b| **b == b'\n').count();
            let pos = Pos {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: 1,
            };
            let problem = match syntax_causes::looks_like_shift_jis(bytes) {
                true => Problem::ShiftJis,
                false => Problem::NotUtf8,
            };
            diags.error(rel, pos, "", problem);
            None
        }
    }
}

/// `bytes` as text, checked with SIMD and copied: the standard library's check goes a byte at a
/// time through text that is not ASCII (Japanese), 0.8% of a national build's instructions; the
/// copy is a hundredth of that. When the text is not UTF-8, the standard check says where.
fn utf8_text(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => String::from_utf8(bytes),
    }
}

fn parse_yaml(rel: &Path, text: &str, line_offset: u32, diags: &mut Diagnostics) -> Option<Node> {
    let err = match yaml::parse(text, line_offset) {
        Ok(node) => return Some(node),
        Err(err) => err,
    };
    let message = match err.kind {
        // A common copy-and-paste slip, in the provider's own words.
        SyntaxErrorKind::DuplicateKey(key) => {
            diags.error(rel, err.pos, "", Problem::DuplicateKey { key });
            return None;
        }
        SyntaxErrorKind::Parser(message) => message,
    };
    // Past the limits of `yaml::options` (aliases, nesting, size): an attack or a mistake, never
    // a provider's entry.
    if message.contains("budget") {
        diags.error(rel, err.pos, "", Problem::YamlTooComplex);
        return None;
    }
    // The mistakes a person can be told about in their own words, each on its line; the
    // parser's own message when none is recognised.
    let causes = syntax_causes::find(text, line_offset);
    if causes.is_empty() {
        diags.error(rel, err.pos, "", Problem::YamlSyntax { detail: message });
    }
    for (pos, problem) in causes {
        diags.error(rel, pos, "", problem);
    }
    None
}
