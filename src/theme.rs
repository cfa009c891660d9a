//! The theme: tera templates and static files (CSS, the search and preference scripts) that give
//! the guide its look. Loaded once per build and shared by the website and the print edition.

use crate::lang::{Localized, Msg, msg};
use crate::paths::{files_under, slash};
use std::path::{Path, PathBuf};

/// Where a site keeps its theme unless told otherwise: `<site>/themes/default`.
pub fn default_dir(site_dir: &Path) -> PathBuf {
    site_dir.join("themes").join("default")
}

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    NoTemplates(PathBuf),
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
            ThemeError::NoTemplates(dir) => msg(
                format!(
                    "テーマのフォルダ {} に templates/ がありません（--theme でテーマのフォルダを指定できます）",
                    slash(dir)
                ),
                format!(
                    "the theme folder {} has no templates/ folder (--theme chooses another)",
                    slash(dir)
                ),
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
    dir: PathBuf,
}

impl Theme {
    pub fn load(theme_dir: &Path) -> Result<Theme, ThemeError> {
        let templates = theme_dir.join("templates");
        if !templates.is_dir() {
            return Err(ThemeError::NoTemplates(theme_dir.to_path_buf()));
        }
        let mut sources = Vec::new();
        for (name, path) in files_under(&templates) {
            let text =
                std::fs::read_to_string(&path).map_err(|error| ThemeError::Read { path, error })?;
            sources.push((name, text));
        }
        let mut tera = tera::Tera::new();
        // Autoescaping stays on for every template: provider text reaches pages only as HTML
        // already escaped by a `TextStyle`, marked `| safe` where it is used.
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(sources)
            .map_err(|error| ThemeError::Template {
                name: "(loading)".into(),
                error,
            })?;
        Ok(Theme {
            tera,
            dir: theme_dir.to_path_buf(),
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, ThemeError> {
        self.tera
            .render(name, context)
            .map_err(|error| ThemeError::Template {
                name: name.to_string(),
                error,
            })
    }

    /// Every file under the theme's `static/`, as (path relative to it, bytes).
    pub fn static_files(&self) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
        files_under(&self.dir.join("static"))
            .into_iter()
            .map(|(rel, path)| {
                std::fs::read(&path)
                    .map(|bytes| (rel, bytes))
                    .map_err(|error| ThemeError::Read { path, error })
            })
            .collect()
    }

    /// One file under the theme's `static/` (e.g. `css/print.css`).
    pub fn static_file(&self, rel: &str) -> Result<Vec<u8>, ThemeError> {
        let path = self.dir.join("static").join(rel);
        std::fs::read(&path).map_err(|error| ThemeError::Read { path, error })
    }
}
