//! The house rules of the source tree, checked on every test run:
//!
//! - no two modules import each other, at any level (`content` ↔ `check`, or `view::style` ↔
//!   `view::markdown`), directly or round a longer loop; re-exports are followed to the module
//!   that defines the item, so a cycle cannot hide behind one;
//! - no source file is over 600 lines unless a `//! Why this file is long:` line near its top
//!   says why.
//!
//! `cargo test --test architecture -- --nocapture` also prints the crate's top-level module graph.
//! The reading is done with a small scanner of `use` declarations and `crate::`/`super::` paths,
//! not a Rust parser: enough for this crate's style (no macros that import, no `#[path]`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;
const LONG_REASON: &str = "//! Why this file is long:";

type ModPath = Vec<String>;

struct SourceFile {
    path: PathBuf,
    module: ModPath,
    /// `mod.rs`/`lib.rs`: relative paths and `super` start from the module itself.
    is_dir_module: bool,
    text: String,
}

fn library_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let mut parts: Vec<String> = rel
            .with_extension("")
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        // The binary (main.rs and cmd/) is a crate of its own that only calls the library.
        if parts[0] == "main" || parts[0] == "cmd" || parts[0] == "bin" {
            continue;
        }
        let last = parts.last().unwrap().clone();
        let is_dir_module = last == "mod" || last == "lib";
        if is_dir_module {
            parts.pop();
        }
        files.push(SourceFile {
            path: path.to_path_buf(),
            module: parts,
            is_dir_module,
            text: std::fs::read_to_string(path).unwrap(),
        });
    }
    files
}

/// The text without comments, so paths named in docs do not count.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `a::{b, c::{self, D}}` → `a::b`, `a::c`, `a::c::D`.
fn expand_use(tree: &str) -> Vec<String> {
    // Whitespace dropped, `x as y` kept as `x@y` so the alias can be cut off below.
    let tree = tree
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" as ", "@")
        .replace(' ', "");
    let Some(open) = tree.find('{') else {
        let path = tree.split('@').next().unwrap_or(&tree);
        return vec![path.trim_end_matches("::*").to_string()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().filter(|p| !p.is_empty()) {
        for sub in expand_use(part) {
            let sub = sub.split('@').next().unwrap_or(&sub).to_string();
            if sub == "self" {
                out.push(prefix.to_string());
            } else if prefix.is_empty() {
                out.push(sub);
            } else {
                out.push(format!("{prefix}::{sub}"));
            }
        }
    }
    out
}

/// Every path a file names: from its `use` declarations (with `pub use` marked) and inline.
fn paths_in(code: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = find_word(rest, "use") {
        let before = rest[..i].trim_end();
        let public = before.ends_with("pub");
        let after = &rest[i + 3..];
        let Some(end) = after.find(';') else { break };
        let decl = after[..end].trim();
        // Only a declaration: at the start of a statement, and nothing but a use tree after it
        // (the word "use" in an English message is neither).
        let statement_start = before.is_empty()
            || before.ends_with(['{', '}', ';', ']'])
            || before.ends_with("pub")
            || before.ends_with(')');
        let is_tree = decl
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_:{},*".contains(c));
        if statement_start && is_tree {
            for path in expand_use(decl) {
                out.push((path, public));
            }
        }
        rest = &after[3.min(after.len())..];
    }
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let at = from + i;
            let boundary = at == 0
                || !code[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            if boundary {
                out.push((path.trim_end_matches(':').to_string(), false));
            }
            from = at + start.len();
        }
    }
    out
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before_ok = at == 0
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let after_ok = text[at + word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_whitespace);
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

struct Crate {
    modules: BTreeSet<ModPath>,
    /// (module, name) → the module whose item `pub use` re-exports under that name.
    reexports: BTreeMap<(ModPath, String), ModPath>,
}

impl Crate {
    /// A written path, seen from `file`, as segments from the crate root.
    fn absolute(&self, file: &SourceFile, path: &str) -> Option<ModPath> {
        let mut segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let mut base: ModPath = match segs.first().copied() {
            Some("crate") => {
                segs.remove(0);
                Vec::new()
            }
            Some("self") => {
                segs.remove(0);
                self_module(file)
            }
            Some("super") => {
                let mut m = self_module(file);
                while segs.first() == Some(&"super") {
                    segs.remove(0);
                    m.pop();
                }
                m
            }
            Some(first) => {
                // A path relative to the file's module: only when it names a child module.
                let mut child = self_module(file);
                child.push(first.to_string());
                if !self.modules.contains(&child) {
                    return None;
                }
                self_module(file)
            }
            None => return None,
        };
        base.extend(segs.iter().map(|s| s.to_string()));
        Some(base)
    }

    /// The module that defines what an absolute path names, through re-exports.
    fn defining_module(&self, path: &[String]) -> ModPath {
        let mut module: ModPath = Vec::new();
        for (i, seg) in path.iter().enumerate() {
            let mut next = module.clone();
            next.push(seg.clone());
            if self.modules.contains(&next) {
                module = next;
                continue;
            }
            if let Some(target) = self.reexports.get(&(module.clone(), seg.clone()))
                && target != &module
            {
                let mut rest = target.clone();
                rest.extend(path[i + 1..].iter().cloned());
                return self.defining_module(&rest);
            }
            break;
        }
        module
    }
}

fn self_module(file: &SourceFile) -> ModPath {
    // Inside `a/b.rs`, `self` is `a::b` and `super` is `a`; inside `a/mod.rs`, `self` is `a`.
    let _ = file.is_dir_module;
    file.module.clone()
}

fn analyse() -> (Crate, Vec<(ModPath, ModPath, PathBuf)>) {
    let files = library_files();
    let modules: BTreeSet<ModPath> = files.iter().map(|f| f.module.clone()).collect();
    let mut krate = Crate {
        modules,
        reexports: BTreeMap::new(),
    };
    // Re-exports first, so that imports through them resolve to where the item lives.
    let codes: Vec<String> = files.iter().map(|f| code_of(&f.text)).collect();
    for (file, code) in files.iter().zip(&codes) {
        for (path, public) in paths_in(code) {
            if !public {
                continue;
            }
            if let Some(abs) = krate.absolute(file, &path) {
                let name = abs.last().cloned().unwrap_or_default();
                let target = abs[..abs.len().saturating_sub(1)].to_vec();
                krate.reexports.insert((file.module.clone(), name), target);
            }
        }
    }
    let mut edges = Vec::new();
    for (file, code) in files.iter().zip(&codes) {
        for (path, _) in paths_in(code) {
            let Some(abs) = krate.absolute(file, &path) else {
                continue;
            };
            let target = krate.defining_module(&abs);
            edges.push((file.module.clone(), target, file.path.clone()));
        }
    }
    (krate, edges)
}

/// Sibling edges: a file in `a::b::x` naming `a::c::y` is an edge `b → c` under `a`.
fn sibling_edges(
    edges: &[(ModPath, ModPath, PathBuf)],
) -> BTreeMap<ModPath, BTreeMap<(String, String), Vec<PathBuf>>> {
    let mut by_parent: BTreeMap<ModPath, BTreeMap<(String, String), Vec<PathBuf>>> =
        BTreeMap::new();
    for (from, to, file) in edges {
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        if common == from.len() || common == to.len() {
            continue; // a module and its own parent or child
        }
        let files = by_parent
            .entry(from[..common].to_vec())
            .or_default()
            .entry((from[common].clone(), to[common].clone()))
            .or_default();
        if !files.contains(file) {
            files.push(file.clone());
        }
    }
    by_parent
}

fn reachable(graph: &BTreeMap<(String, String), Vec<PathBuf>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node.clone()) {
            for (a, b) in graph.keys() {
                if *a == node {
                    stack.push(b.clone());
                }
            }
        }
    }
    false
}

fn name(parent: &ModPath, child: &str) -> String {
    let mut p = parent.clone();
    p.push(child.to_string());
    format!("crate::{}", p.join("::"))
}

#[test]
fn no_two_modules_import_each_other() {
    let (krate, edges) = analyse();
    assert!(
        krate.modules.len() > 50,
        "the scanner found only {} modules: it is broken, not the crate",
        krate.modules.len()
    );
    let siblings = sibling_edges(&edges);
    let root = siblings.get(&Vec::new()).expect("top-level edges");
    assert!(
        root.contains_key(&("render".into(), "view".into())),
        "the scanner must see render → view"
    );
    println!("Top-level modules and what they use:");
    let mut uses: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in root.keys() {
        uses.entry(a).or_default().push(b);
    }
    for (a, bs) in &uses {
        println!("  {a} → {}", bs.join(", "));
    }

    let mut cycles = Vec::new();
    for (parent, graph) in &siblings {
        for ((a, b), files) in graph {
            if reachable(graph, b, a) {
                let back = graph
                    .iter()
                    .filter(|((x, _), _)| x == b)
                    .flat_map(|(_, f)| f)
                    .next();
                cycles.push(format!(
                    "{} → {} (in {}), and {} reaches back (e.g. {})",
                    name(parent, a),
                    name(parent, b),
                    files[0].display(),
                    name(parent, b),
                    back.map_or("?".into(), |f| f.display().to_string())
                ));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that import each other (directly or round a loop):\n{}",
        cycles.join("\n")
    );
}

#[test]
fn long_files_say_why() {
    let mut unexplained = Vec::new();
    for file in library_files() {
        let lines = file.text.lines().count();
        let head: Vec<&str> = file.text.lines().take(30).collect();
        if lines > MAX_LINES && !head.iter().any(|l| l.starts_with(LONG_REASON)) {
            unexplained.push(format!("{} ({lines} lines)", file.path.display()));
        }
    }
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs");
    let main_lines = std::fs::read_to_string(&bin).unwrap().lines().count();
    assert!(
        main_lines < 150,
        "main.rs parses and dispatches; commands live in src/cmd/ ({main_lines} lines)"
    );
    assert!(
        unexplained.is_empty(),
        "files over {MAX_LINES} lines without a `{LONG_REASON}` line near the top:\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn the_scanner_reads_use_trees() {
    assert_eq!(
        expand_use("crate::view::{self, style::{Plain, TextStyle}}"),
        vec![
            "crate::view",
            "crate::view::style::Plain",
            "crate::view::style::TextStyle"
        ]
    );
    assert_eq!(expand_use("super::entry"), vec!["super::entry"]);
    assert_eq!(
        expand_use("crate::a::{classify as c, Basis}"),
        vec!["crate::a::classify", "crate::a::Basis"]
    );
}

/// Every file or folder the map and the README name in backticks exists, so the map stays true
/// when code moves.
#[test]
fn paths_named_in_the_docs_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // What `scripts/test` installs (`tests/.venv` …) is named in the docs but exists only once
    // the tests have run: .gitignore lists it, as a path from the root.
    let gitignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    let made_by_tools: Vec<&str> = gitignore
        .lines()
        .filter_map(|line| line.strip_prefix('/'))
        .collect();
    let mut missing = Vec::new();
    let mut seen = 0;
    for doc in ["docs/ARCHITECTURE.md", "README.md"] {
        let text = std::fs::read_to_string(root.join(doc)).unwrap();
        for (i, quoted) in text.split('`').enumerate() {
            let is_code = i % 2 == 1;
            let named = ["src/", "tests/", "themes/", "docs/", "scripts/"]
                .iter()
                .any(|p| quoted.starts_with(p));
            // Placeholders (`<case>`, `…`) and globs name no single file.
            let placeholder = quoted.contains(['<', '…', '*', ' ']);
            if !is_code || !named || placeholder {
                continue;
            }
            seen += 1;
            if !root.join(quoted).exists() && !made_by_tools.contains(&quoted.trim_end_matches('/'))
            {
                missing.push(format!("{doc}: {quoted}"));
            }
        }
    }
    assert!(seen > 30, "only {seen} paths found: the scan is broken");
    assert!(
        missing.is_empty(),
        "paths named in the docs that do not exist:\n{}",
        missing.join("\n")
    );
}
