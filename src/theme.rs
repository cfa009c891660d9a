//! The theme: tera templates and static files (CSS, the search and preference scripts) that give
//! the guide its look. Loaded once per build and shared by the website and the print edition.
//!
//! The default theme (`themes/default/` of this repository) is inside the binary, so a site needs
//! no theme of its own. A site's `themes/default/`, or the folder given with `--theme`, overrides
//! it file by file: `templates/entry.html` there replaces that one template and the rest stay the
//! default (as Hugo and Zola themes do).

use crate::lang::{Localized, Msg, msg};
use crate::paths::{files_under, slash};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a site keeps its own theme files: `<site>/themes/default`.
pub fn default_dir(site_dir: &Path) -> PathBuf {
    site_dir.join("themes").join("default")
}

/// The default theme, embedded at compile time.
#[derive(rust_embed::Embed)]
#[folder = "themes/default/"]
struct DefaultTheme;

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// `--theme` named a folder that is not there.
    NoFolder(PathBuf),
    NotUtf8(String),
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Template {
        name: String,
        error: tera::Error,
    },
}

impl Localized for ThemeError {
    fn msg(&self) -> Msg {
        match self {
            ThemeError::NoFolder(dir) => msg(
                format!(
                    "テーマのフォルダ {} がありません（--theme で指定したフォルダを確かめてください）",
                    slash(dir)
                ),
                format!(
                    "the theme folder {} does not exist (check the folder given with --theme)",
                    slash(dir)
                ),
            ),
            ThemeError::NotUtf8(name) => msg(
                format!("テーマのテンプレート {name} の文字コードが UTF-8 ではありません"),
                format!("the theme template {name} is not UTF-8"),
            ),
            ThemeError::Read { path, error } => msg(
                format!("テーマのファイル {} を読めません（{error}）", slash(path)),
                format!("cannot read the theme file {} ({error})", slash(path)),
            ),
            ThemeError::Template { name, error } => {
                // tera's own explanation is English; its chain says which line and variable.
                let detail = error_chain(error);
                msg(
                    format!("テーマのテンプレート {name} を使えません: {detail}"),
                    format!("template {name}: {detail}"),
                )
            }
        }
    }
}

crate::display_localized!(ThemeError);

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

pub struct Theme {
    tera: tera::Tera,
    /// A hash of every template's name and text: part of every page's key
    /// (`render/page_key.rs`).
    fingerprint: u128,
    /// Files under `static/`, by path relative to it.
    statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The default theme overridden by a site's own theme files: `dir` when given (it must
    /// exist), else `<site>/themes/default` when the site has one.
    pub fn for_site(site_dir: &Path, dir: Option<&Path>) -> Result<Theme, ThemeError> {
        match dir {
            Some(dir) => Theme::load(dir),
            None => {
                let own = default_dir(site_dir);
                match own.is_dir() {
                    true => Theme::load(&own),
                    false => Theme::from_files(default_files()),
                }
            }
        }
    }

    /// The default theme overridden by the files of `theme_dir`.
    pub fn load(theme_dir: &Path) -> Result<Theme, ThemeError> {
        if !theme_dir.is_dir() {
            return Err(ThemeError::NoFolder(theme_dir.to_path_buf()));
        }
        let mut files = default_files();
        for (rel, path) in files_under(theme_dir) {
            let bytes = std::fs::read(&path).map_err(|error| ThemeError::Read { path, error })?;
            files.insert(rel, bytes);
        }
        Theme::from_files(files)
    }

    /// The default theme alone.
    pub fn embedded() -> Result<Theme, ThemeError> {
        Theme::from_files(default_files())
    }

    fn from_files(files: BTreeMap<String, Vec<u8>>) -> Result<Theme, ThemeError> {
        let mut templates = Vec::new();
        let mut statics = BTreeMap::new();
        let mut fingerprint = xxhash_rust::xxh3::Xxh3::new();
        for (rel, bytes) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                let text =
                    String::from_utf8(bytes).map_err(|_| ThemeError::NotUtf8(rel.clone()))?;
                for part in [name, &text] {
                    fingerprint.update(&(part.len() as u64).to_le_bytes());
                    fingerprint.update(part.as_bytes());
                }
                templates.push((name.to_string(), text));
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_string(), bytes);
            }
        }
        let mut tera = tera::Tera::new();
        // Autoescaping stays on for every template: provider text reaches pages only as HTML
        // already escaped by a `TextStyle`, marked `| safe` where it is used.
        tera.autoescape_on([".html", ".xml"]);
        tera.register_filter("safe", safe);
        tera.add_raw_templates(templates)
            .map_err(|error| ThemeError::Template {
                name: "(loading)".into(),
                error,
            })?;
        Ok(Theme {
            tera,
            fingerprint: fingerprint.digest128(),
            statics,
        })
    }

    /// A hash of the templates: the same for the same templates.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// The template `name` filled with `context`, as the UTF-8 bytes tera writes: pages go to
    /// disk as they are, and checking that a national site's 700 MB of pages are UTF-8 again
    /// (tera writes only strings) was 2% of its build.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, ThemeError> {
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(name, context, &mut html)
            .map_err(|error| ThemeError::Template {
                name: name.to_string(),
                error,
            })?;
        Ok(html)
    }

    /// Every file under the theme's `static/`, as (path relative to it, bytes).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.statics.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// One file under the theme's `static/` (e.g. `css/print.css`).
    pub fn static_file(&self, rel: &str) -> Option<&[u8]> {
        self.statics.get(rel).map(Vec::as_slice)
    }
}

/// The embedded default theme's files, by path relative to the theme folder.
fn default_files() -> BTreeMap<String, Vec<u8>> {
    DefaultTheme::iter()
        .filter_map(|name| {
            let file = DefaultTheme::get(&name)?;
            Some((name.into_owned(), file.data.into_owned()))
        })
        .collect()
}

/// tera's `safe` filter, without a copy: tera's own makes a new string of the value's text for
/// every `| safe` (each provider text on every page: most of a page's filter calls), where a
/// string value is marked safe as it is (its text shared). Anything else is printed and marked
/// safe, as tera's does.
fn safe(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    match value.as_str() {
        Some(_) => value.clone().mark_safe(),
        None => tera::Value::safe_string(&value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_inside_the_binary() {
        let theme = Theme::embedded().unwrap();
        for template in [
            "base.html",
            "entry.html",
            "listing.html",
            "print.html",
            "404.html",
        ] {
            assert!(theme.has(template), "{template} is missing");
        }
        assert!(theme.static_file("css/site.css").is_some());
    }

    /// `| safe` prints a string as it is and anything else as tera prints it, and what is not
    /// marked safe is still escaped: the filter that shares the text says what tera's said.
    #[test]
    fn safe_prints_as_it_is_and_the_rest_stays_escaped() {
        let mut files = BTreeMap::new();
        files.insert(
            "templates/t.html".to_string(),
            b"{{ long | safe }}|{{ short | safe }}|{{ n | safe }}|{{ list | safe }}|{{ short }}|{{ long | safe | upper }}".to_vec(),
        );
        let theme = Theme::from_files(files).unwrap();
        let mut cx = tera::Context::new();
        let long = "<b>就労継続支援B型</b> と <i>工房</i>";
        cx.insert("long", long);
        cx.insert("short", "<a>&");
        cx.insert("n", &5);
        cx.insert("list", &["<x>"]);
        let page = String::from_utf8(theme.render("t.html", &cx).unwrap()).unwrap();
        assert_eq!(
            page,
            format!(
                "{long}|<a>&|5|[\"<x>\"]|&lt;a&gt;&amp;|{}",
                long.to_uppercase()
            )
        );
    }

    #[test]
    fn a_site_file_overrides_one_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/404.html"), "own 404").unwrap();
        let theme = Theme::load(dir.path()).unwrap();
        let page = theme.render("404.html", &tera::Context::new()).unwrap();
        assert_eq!(page, b"own 404");
        assert!(
            theme.has("entry.html"),
            "the other templates stay the default"
        );
    }
}
