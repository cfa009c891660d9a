//! Escaping as a type (issue 17): what the theme's templates print with `| safe` is always a
//! `shirube::text::Html`, and `Html` is only made by the escaper or by a short list of producers
//! that escape every piece of text they take in.
//!
//! Tera cannot see Rust types, so this test reads both sides: every `| safe` expression in the
//! default theme is traced to the struct fields (in `src/view`, `src/print`, `src/render`) or
//! the context names it prints, and each of those must be `Html` (or a `&'static str`, which only
//! the program's own text can be). A new view field of type `String` printed with `| safe`, or a
//! new caller of `Html::from_trusted`, fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn rel(p: &Path) -> String {
    p.strip_prefix(repo())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// The producers that assemble markup themselves, each for a reason stated where it calls.
const TRUSTED_PRODUCERS: &[&str] = &[
    "src/view/markdown.rs", // pulldown-cmark's writer; text runs come escaped, raw HTML escaped
    "src/view/jsonld/mod.rs", // JSON with <, > and & as \u escapes
    "src/print/html.rs",    // moves the Markdown renderer's links around for paper
    "src/print/qr.rs",      // numbers and an escaped label
    "src/print/css.rs",     // CSS strings escaped by css_string
    "src/print/splice.rs",  // a fixed comment with a number, where an entry's part goes
    "src/render/frame.rs",  // the theme's menu and footer partials, rendered by tera (escaping)
    "src/view/kept_readings.rs", // the reader's own ruby, kept by this shirube in a file it checks
];

#[test]
fn only_listed_producers_make_html_without_the_escaper() {
    let mut callers = BTreeSet::new();
    for file in files_under(&repo().join("src"), "rs") {
        let text = std::fs::read_to_string(&file).unwrap();
        let calls =
            text.matches("from_trusted(").count() - text.matches("fn from_trusted(").count();
        if calls > 0 {
            callers.insert(rel(&file));
        }
    }
    let allowed: BTreeSet<String> = TRUSTED_PRODUCERS.iter().map(|s| s.to_string()).collect();
    let unexpected: Vec<_> = callers.difference(&allowed).collect();
    assert!(
        unexpected.is_empty(),
        "Html::from_trusted called outside the listed producers: {unexpected:?}. Build HTML \
         with Html::escape / push_text / push_markup, or add the file to TRUSTED_PRODUCERS \
         with the reason its output is safe."
    );
    // The list is not stale either: each producer still needs it.
    let stale: Vec<_> = allowed.difference(&callers).collect();
    assert!(stale.is_empty(), "listed but no longer calling: {stale:?}");
}

/// Every `X | safe` (with any filters between) in a template: where it is, and the expression `X`.
fn safe_expressions(template: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = template[from..].find("{{") {
        let at = from + open;
        let after = &template[at + 2..];
        let Some(close) = after.find("}}") else { break };
        let mut parts = after[..close].split('|').map(str::trim);
        let expr = parts.next().unwrap_or_default().to_string();
        if parts.any(|f| f == "safe") {
            out.push((at, expr));
        }
        from = at + 2 + close + 2;
    }
    out
}

/// The nearest `{% for v in a.b.items %}` before `before`: the expression `var` iterates.
fn loop_source(template: &str, var: &str, before: usize) -> Option<String> {
    let mut found = None;
    let mut from = 0;
    while let Some(i) = template[from..before].find("{% for ") {
        let start = from + i + "{% for ".len();
        let end = start + template[start..].find("%}")?;
        let words: Vec<&str> = template[start..end].split_whitespace().collect();
        if let [v, "in", source, ..] = words[..]
            && v == var
        {
            found = Some(source.to_string());
        }
        from = end.min(before);
    }
    found
}

/// Types a field printed with `| safe` may have.
const SAFE_TYPES: &[&str] = &[
    "Html",
    "Option<Html>",
    "Vec<Html>",
    "&'static str",
    "Option<&'static str>",
];

/// The declared types of struct fields named `field` in the view, print and render modules.
fn field_types(sources: &[(String, String)], field: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (file, text) in sources {
        let mut in_struct = false;
        let mut derives_serialize = false;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with("#[derive(") {
                derives_serialize = line.contains("Serialize");
                continue;
            }
            let name = ["struct ", "pub struct ", "pub(crate) struct "]
                .iter()
                .find_map(|p| line.strip_prefix(p))
                .and_then(|r| r.strip_suffix(" {"));
            if let Some(name) = name {
                // Templates see only what is serialized: derived, or by hand (`Fact`).
                in_struct = derives_serialize
                    || text.contains(&format!("impl Serialize for {name} "))
                    || text.contains(&format!("impl serde::Serialize for {name} "));
                derives_serialize = false;
                continue;
            }
            if !line.starts_with("#[") && !line.starts_with("///") && !in_struct {
                derives_serialize = derives_serialize && line.is_empty();
            }
            if line == "}" {
                in_struct = false;
            }
            if !in_struct {
                continue;
            }
            let line = line.strip_prefix("pub ").unwrap_or(line);
            if let Some(ty) = line
                .strip_prefix(field)
                .and_then(|r| r.strip_prefix(": "))
                .and_then(|r| r.strip_suffix(','))
            {
                out.push((file.clone(), ty.to_string()));
            }
        }
    }
    out
}

/// Folders whose serialized structs never reach a template: the JSON-LD nodes become JSON text
/// (`jsonld::script`, which escapes `<`, `>` and `&`), put in the context with `insert_html`.
/// Their fields (`name`, `description` …) share names with the views' and are not theirs.
const NOT_TEMPLATE_VIEWS: &[&str] = &["src/view/jsonld/"];

#[test]
fn templates_print_only_html_with_safe() {
    let sources: Vec<(String, String)> = ["src/view", "src/print", "src/render"]
        .iter()
        .flat_map(|d| files_under(&repo().join(d), "rs"))
        .filter(|f| !NOT_TEMPLATE_VIEWS.iter().any(|d| rel(f).starts_with(d)))
        .map(|f| (rel(&f), std::fs::read_to_string(&f).unwrap()))
        .collect();
    let render: String = files_under(&repo().join("src/render"), "rs")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let templates = files_under(&repo().join("themes/default/templates"), "html");
    assert!(templates.len() > 10, "the theme's templates are found");
    let mut problems = Vec::new();
    let mut checked = 0;
    for template in &templates {
        let text = std::fs::read_to_string(template).unwrap();
        for (at, expr) in safe_expressions(&text) {
            checked += 1;
            let segments: Vec<&str> = expr.split('.').collect();
            let field = if segments.len() == 1 {
                match loop_source(&text, &expr, at) {
                    // `{% for i in l.items %}{{ i | safe }}`: the list's field.
                    Some(source) => source.rsplit('.').next().unwrap_or_default().to_string(),
                    None => {
                        let name = &expr;
                        let typed = render.contains(&format!("insert_html(cx, \"{name}\""));
                        let untyped = render.contains(&format!(".insert(\"{name}\""));
                        if !typed || untyped {
                            problems.push(format!(
                                "{}: `{name} | safe` — put it in the context with insert_html, \
                                 never cx.insert",
                                rel(template)
                            ));
                        }
                        continue;
                    }
                }
            } else {
                segments[segments.len() - 1].to_string()
            };
            let types = field_types(&sources, &field);
            if types.is_empty() {
                problems.push(format!(
                    "{}: `{expr} | safe` — no view field `{field}` found",
                    rel(template)
                ));
            }
            for (file, ty) in types {
                if !SAFE_TYPES.contains(&ty.as_str()) {
                    problems.push(format!(
                        "{}: `{expr} | safe` prints `{field}`, declared `{ty}` in {file} — make \
                         it Html",
                        rel(template)
                    ));
                }
            }
        }
    }
    assert!(
        checked > 50,
        "only {checked} `| safe` found: the scanner is broken"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_scanner_finds_what_it_must() {
    let t = "{% for i in l.items %}<li>{{ i | safe }}</li>{% endfor %}{{ a.b | striptags | safe }}{{ c }}";
    let found = safe_expressions(t);
    assert_eq!(found, [(26, "i".to_string()), (57, "a.b".to_string())]);
    assert_eq!(loop_source(t, "i", 26).as_deref(), Some("l.items"));
    assert_eq!(loop_source(t, "i", 5), None);
    let sources = vec![(
        "x.rs".to_string(),
        "#[derive(Serialize)]\nstruct A {\n    pub b: String,\n    c: Option<Html>,\n}\nA { b: x, c: y };\nstruct N {\n    b: bool,\n}".to_string(),
    )];
    assert_eq!(
        field_types(&sources, "b"),
        [("x.rs".to_string(), "String".to_string())]
    );
    assert_eq!(field_types(&sources, "c")[0].1, "Option<Html>");
}
