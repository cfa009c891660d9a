//! `shirube init <dir>`: a new guide repository for a region. It holds site.yaml, starter pages
//! and a glossary written for any region, a README for the council, a guide for providers
//! (「事業所のみなさまへ」), and GitHub workflows that check pull requests and publish the site.
//!
//! The starter files are real files under `init/starter/`, embedded in the binary; `%%NAME%%`
//! marks what is filled in (`%%NAME_Q%%`: the same value as a double-quoted YAML scalar). The
//! theme is not among them: a site without `themes/` builds with the one in the binary.

use crate::check::formats::{is_id, is_url};
use crate::content::date::Date;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use crate::text::{Reader, is_reading, romaji, to_hiragana};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The address site.yaml gets until the council knows where the guide is published; a reserved
/// domain, which `check` warns about.
pub const PLACEHOLDER_BASE_URL: &str = "https://example.org/";

/// What the pages say where the secretariat's contact belongs, until someone writes it.
pub const PLACEHOLDER_CONTACT: &str = "【ここに事務局の窓口と電話番号を書いてください】";

/// Where the workflows fetch shirube's source from: the crate's `repository` once Cargo.toml
/// has one, and until then a marked placeholder the council replaces.
pub const SHIRUBE_REPOSITORY: &str = match option_env!("CARGO_PKG_REPOSITORY") {
    Some(url) if !url.is_empty() => url,
    _ => PLACEHOLDER_REPOSITORY,
};
const PLACEHOLDER_REPOSITORY: &str = "https://github.com/OWNER/shirube";

/// Every file a new guide starts with: its path in the new repository and its template.
const STARTER: &[(&str, &str)] = &[
    (".gitignore", include_str!("starter/gitignore")),
    (
        ".github/CONTRIBUTING.md",
        include_str!("starter/github/CONTRIBUTING.md"),
    ),
    (
        ".github/actions/install-shirube/action.yml",
        include_str!("starter/github/actions/install-shirube/action.yml"),
    ),
    (
        ".github/pull_request_template.md",
        include_str!("starter/github/pull_request_template.md"),
    ),
    (
        ".github/workflows/check.yml",
        include_str!("starter/github/workflows/check.yml"),
    ),
    (
        ".github/workflows/comment.yml",
        include_str!("starter/github/workflows/comment.yml"),
    ),
    (
        ".github/workflows/publish.yml",
        include_str!("starter/github/workflows/publish.yml"),
    ),
    ("README.md", include_str!("starter/README.md")),
    (
        "content/entries/.gitkeep",
        "# 事業所などのファイル（1か所に1つ）がここに入ります。\n",
    ),
    (
        "content/glossary.yaml",
        include_str!("starter/content/glossary.yaml"),
    ),
    (
        "content/media/.gitkeep",
        "# 写真がここに入ります（項目の photos: の src は、このフォルダからの名前です）。\n",
    ),
    (
        "content/pages/about.md",
        include_str!("starter/content/pages/about.md"),
    ),
    (
        "content/pages/accessibility.md",
        include_str!("starter/content/pages/accessibility.md"),
    ),
    (
        "content/pages/how-to-use.md",
        include_str!("starter/content/pages/how-to-use.md"),
    ),
    (
        "content/pages/services.md",
        include_str!("starter/content/pages/services.md"),
    ),
    (
        "content/pages/where-to-ask.md",
        include_str!("starter/content/pages/where-to-ask.md"),
    ),
    (
        "content/readings.yaml",
        include_str!("starter/content/readings.yaml"),
    ),
    (
        "docs/事業所のみなさまへ.md",
        include_str!("starter/docs/providers.md"),
    ),
    ("site.yaml", include_str!("starter/site.yaml")),
];

/// What a new guide is about, as the council gave it (or as it was guessed).
#[derive(Debug, Clone)]
pub struct Settings {
    /// 札幌市
    pub region: String,
    /// さっぽろし
    pub region_kana: String,
    pub title: String,
    pub title_kana: String,
    /// Where the guide will be published; `None` writes [`PLACEHOLDER_BASE_URL`].
    pub base_url: Option<String>,
    /// Who makes the guide: 札幌市自立支援協議会 就労部会.
    pub publisher: String,
    /// How to reach its secretariat; `None` writes [`PLACEHOLDER_CONTACT`].
    pub contact: Option<String>,
    /// The id of the region's own area in site.yaml.
    pub area_id: String,
    /// The shirube the workflows install: a tag, a branch or a commit.
    pub shirube_version: String,
    /// The day of the accessibility statement.
    pub today: Date,
}

/// A value of [`Settings`] that cannot be used, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Region,
    RegionKana,
    Title,
    TitleKana,
    BaseUrl,
    Publisher,
    Contact,
    AreaId,
    Version,
}

impl Field {
    /// The option that sets it.
    pub fn option(self) -> &'static str {
        match self {
            Field::Region => "--region",
            Field::RegionKana => "--region-kana",
            Field::Title => "--title",
            Field::TitleKana => "--title-kana",
            Field::BaseUrl => "--base-url",
            Field::Publisher => "--publisher",
            Field::Contact => "--contact",
            Field::AreaId => "--area-id",
            Field::Version => "--shirube-version",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder has files already; `found` names a few, `more` counts the rest.
    NotEmpty {
        dir: PathBuf,
        found: Vec<String>,
        more: usize,
    },
    NotAFolder(PathBuf),
    /// A value that is missing or cannot be used.
    Invalid {
        field: Field,
        value: String,
    },
    /// No reading was given and the reader could not read every character.
    Unread {
        field: Field,
        text: String,
    },
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Localized for InitError {
    fn msg(&self) -> Msg {
        match self {
            InitError::NotEmpty { dir, found, more } => {
                let (found, found_en) = match more {
                    0 => (found.join("、"), found.join(", ")),
                    n => (
                        format!("{} ほか{n}つ", found.join("、")),
                        format!("{} and {n} more", found.join(", ")),
                    ),
                };
                msg(
                    format!(
                        "{} は空のフォルダではありません（{found} があります）。ファイルを書きかえないよう、shirube init は、空のフォルダか、まだないフォルダにだけ書きます。新しいフォルダの名前を指定してください",
                        slash(dir)
                    ),
                    format!(
                        "{} is not empty (it has {found_en}): shirube init writes only into an empty or new folder, so that no file is overwritten. Give the name of a new folder",
                        slash(dir)
                    ),
                )
            }
            InitError::NotAFolder(dir) => msg(
                format!(
                    "{} はファイルです。新しいガイドを作るフォルダの名前を指定してください",
                    slash(dir)
                ),
                format!(
                    "{} is a file: give the name of a folder for the new guide",
                    slash(dir)
                ),
            ),
            InitError::Invalid { field, value } => invalid(*field, value),
            InitError::Unread { field, text } => msg(
                format!(
                    "「{text}」のよみがわかりません。{} で ひらがなのよみを指定してください（例: {} さっぽろし）",
                    field.option(),
                    field.option()
                ),
                format!(
                    "cannot tell how \"{text}\" is read: give its reading in hiragana with {} (e.g. {} さっぽろし)",
                    field.option(),
                    field.option()
                ),
            ),
            InitError::Read { path, error } => msg(
                format!("{} を読めません（{error}）", slash(path)),
                format!("cannot read {} ({error})", slash(path)),
            ),
            InitError::Write { path, error } => msg(
                format!("{} を書けません（{error}）", slash(path)),
                format!("cannot write {} ({error})", slash(path)),
            ),
        }
    }
}

crate::display_localized!(InitError);

fn invalid(field: Field, value: &str) -> Msg {
    let option = field.option();
    match field {
        Field::RegionKana | Field::TitleKana => msg(
            format!("{option}「{value}」は よみとして使えません。ひらがなで書いてください"),
            format!("{option} \"{value}\" is not a reading: write it in hiragana"),
        ),
        Field::BaseUrl => msg(
            format!(
                "{option}「{value}」は アドレスとして使えません。https:// ではじまる、公開するアドレスを書いてください（例: https://example.github.io/guide/）"
            ),
            format!(
                "{option} \"{value}\" is not an address: write the https:// address the guide will be published at (e.g. https://example.github.io/guide/)"
            ),
        ),
        Field::AreaId | Field::Version => msg(
            format!(
                "{option}「{value}」は使えません。半角の英小文字・数字・ハイフン（-）などで書いてください"
            ),
            format!(
                "{option} \"{value}\" cannot be used: write lower-case ASCII letters, digits and hyphens"
            ),
        ),
        Field::Region | Field::Title | Field::Publisher | Field::Contact => {
            match value.is_empty() {
                true => msg(
                    format!("{option} がありません（例: {option} {}）", example(field)),
                    format!("{option} is missing (e.g. {option} {})", example(field)),
                ),
                false => msg(
                    format!("{option}「{value}」は使えません。1行で書いてください"),
                    format!("{option} \"{value}\" cannot be used: write it on one line"),
                ),
            }
        }
    }
}

fn example(field: Field) -> &'static str {
    match field {
        Field::Region => "札幌市",
        Field::Title => "札幌市しごとガイド",
        Field::Publisher => "札幌市自立支援協議会就労部会",
        _ => "…",
    }
}

/// `{region} しごと応援ガイド`, the example region's kind of title.
pub fn default_title(region: &str) -> String {
    format!("{region} しごと応援ガイド")
}

/// The reading of [`default_title`].
pub fn default_title_kana(region_kana: &str) -> String {
    format!("{region_kana} しごとおうえんがいど")
}

/// Who usually makes such a guide: the employment section of the region's council.
pub fn default_publisher(region: &str) -> String {
    format!("{region}自立支援協議会 就労部会")
}

/// The reading the reader gives `text`, in hiragana, or `None` when part of it stayed unread.
pub fn guess_reading(reader: &Reader, text: &str) -> Option<String> {
    let reading = to_hiragana(&reader.reading_if_complete(text)?);
    is_reading(&reading).then_some(reading)
}

/// A reading as typed: katakana becomes hiragana, spaces at the ends go.
pub fn normalize_reading(text: &str) -> String {
    to_hiragana(text.trim())
}

/// The id of a region's area: its reading in romaji without 市, 区, 町 or 村 (札幌市 →
/// `sapporo`), as `import wam` names the areas it adds.
pub fn area_id(region: &str, region_kana: &str) -> String {
    let suffixes: &[&str] = match region.chars().last() {
        Some('市') => &["し"],
        Some('区') => &["く"],
        Some('町') => &["ちょう", "まち"],
        Some('村') => &["むら", "そん"],
        _ => &[],
    };
    let stem = suffixes
        .iter()
        .find_map(|s| region_kana.strip_suffix(s))
        .filter(|s| !s.is_empty())
        .unwrap_or(region_kana);
    let id: String = romaji(stem)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    match id.is_empty() {
        true => "region".to_string(),
        false => id,
    }
}

impl Settings {
    /// Every value usable as it will be written; the first that is not, as an error.
    pub fn validate(&self) -> Result<(), InitError> {
        let bad = |field: Field, value: &str| InitError::Invalid {
            field,
            value: value.to_string(),
        };
        let one_line = |s: &str| !s.trim().is_empty() && !s.chars().any(char::is_control);
        for (field, value) in [
            (Field::Region, &self.region),
            (Field::Title, &self.title),
            (Field::Publisher, &self.publisher),
        ] {
            if !one_line(value) {
                return Err(bad(field, value));
            }
        }
        if let Some(contact) = &self.contact
            && !one_line(contact)
        {
            return Err(bad(Field::Contact, contact));
        }
        for (field, value) in [
            (Field::RegionKana, &self.region_kana),
            (Field::TitleKana, &self.title_kana),
        ] {
            if !is_reading(value) {
                return Err(bad(field, value));
            }
        }
        if let Some(url) = &self.base_url
            && !is_url(url)
        {
            return Err(bad(Field::BaseUrl, url));
        }
        if !is_id(&self.area_id) {
            return Err(bad(Field::AreaId, &self.area_id));
        }
        let version_ok = !self.shirube_version.is_empty()
            && self
                .shirube_version
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
        if !version_ok {
            return Err(bad(Field::Version, &self.shirube_version));
        }
        Ok(())
    }

    /// The values the templates ask for.
    fn vars(&self) -> Vec<(&'static str, String)> {
        let base_url = match &self.base_url {
            Some(url) if url.ends_with('/') => url.clone(),
            Some(url) => format!("{url}/"),
            None => PLACEHOLDER_BASE_URL.to_string(),
        };
        let base_url_note = match &self.base_url {
            Some(_) => "# 公開するアドレス。印刷版の QR コードと sitemap.xml に使います",
            None => {
                "# 公開するアドレス。印刷版の QR コードと sitemap.xml に使います。\n\
                 # ↓ これは仮のアドレスです。公開する前に、本当のアドレスに書きかえてください\n\
                 #   （GitHub Pages なら https://<アカウント名>.github.io/<リポジトリ名>/ 。README.md の「公開のしくみ」）"
            }
        };
        let repository_note = match SHIRUBE_REPOSITORY == PLACEHOLDER_REPOSITORY {
            true => {
                "仮の URL です。shirube のリポジトリの URL に書きかえてください（README.md の「shirube の入れかた」）"
            }
            false => "shirube のリポジトリ",
        };
        let readme_repository_note = match SHIRUBE_REPOSITORY == PLACEHOLDER_REPOSITORY {
            true => {
                "**仮の URL です。GitHub で使う前に、shirube のリポジトリの URL に書きかえてください。**"
            }
            false => "",
        };
        let description = format!(
            "{}で はたらきたい 障害のある人と 家族のための ガイドです。事業所、会社、相談できるところ、地域の集まりを のせています。",
            self.region
        );
        vec![
            ("REGION", self.region.clone()),
            ("REGION_KANA", self.region_kana.clone()),
            ("TITLE", self.title.clone()),
            ("TITLE_KANA", self.title_kana.clone()),
            ("DESCRIPTION", description),
            ("BASE_URL", base_url),
            ("BASE_URL_NOTE", base_url_note.to_string()),
            ("PUBLISHER", self.publisher.clone()),
            (
                "CONTACT",
                self.contact
                    .clone()
                    .unwrap_or_else(|| PLACEHOLDER_CONTACT.to_string()),
            ),
            ("AREA_ID", self.area_id.clone()),
            ("TODAY", self.today.to_string()),
            ("TODAY_JA", self.today.japanese()),
            ("SHIRUBE_REPOSITORY", SHIRUBE_REPOSITORY.to_string()),
            ("SHIRUBE_REPOSITORY_NOTE", repository_note.to_string()),
            ("README_REPOSITORY_NOTE", readme_repository_note.to_string()),
            ("SHIRUBE_VERSION", self.shirube_version.clone()),
        ]
    }
}

/// One file of a new guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarterFile {
    /// Relative, `/`-separated.
    pub path: &'static str,
    pub text: String,
}

/// The files of a new guide, filled in, in the order of their paths.
pub fn files(settings: &Settings) -> Vec<StarterFile> {
    let vars = settings.vars();
    let mut files: Vec<StarterFile> = STARTER
        .iter()
        .map(|(path, template)| StarterFile {
            path,
            text: fill(template, &vars),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(b.path));
    files
}

/// Replaces each `%%NAME%%` by its value and `%%NAME_Q%%` by the value quoted for YAML, in one
/// pass, so a value that happens to contain `%%` is written as it is.
fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("%%") {
        let after = &rest[start + 2..];
        let name_len = after.find("%%").filter(|&n| {
            after[..n]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_')
        });
        let Some(name_len) = name_len else {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        };
        let name = &after[..name_len];
        let (key, quote) = match name.strip_suffix("_Q") {
            Some(key) => (key, true),
            None => (name, false),
        };
        out.push_str(&rest[..start]);
        match vars.iter().find(|(k, _)| *k == key) {
            // A JSON string is a YAML double-quoted scalar, escapes and all.
            Some((_, value)) if quote => {
                out.push_str(&serde_json::to_string(value).unwrap_or_default())
            }
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + 4 + name_len]),
        }
        rest = &after[name_len + 2..];
    }
    out.push_str(rest);
    out
}

/// Refuses a folder that has anything in it but `.git` (a freshly cloned empty repository is
/// fine): `init` never overwrites a file.
pub fn ensure_empty(dir: &Path) -> Result<(), InitError> {
    if dir.is_file() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    if !dir.exists() {
        return Ok(());
    }
    let read = |error| InitError::Read {
        path: dir.to_path_buf(),
        error,
    };
    let mut found: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read)? {
        let name = entry
            .map_err(read)?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name != ".git" {
            found.push(name);
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    found.sort();
    let more = found.len().saturating_sub(4);
    found.truncate(4);
    Err(InitError::NotEmpty {
        dir: dir.to_path_buf(),
        found,
        more,
    })
}

/// Writes a new guide into `dir` (made if missing), which must be empty, and returns the
/// relative paths written. No file that exists is ever replaced.
pub fn write(dir: &Path, settings: &Settings) -> Result<Vec<&'static str>, InitError> {
    settings.validate()?;
    ensure_empty(dir)?;
    let mut written = Vec::new();
    for file in files(settings) {
        let path = dir.join(file.path);
        let write = || -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)?;
            out.write_all(file.text.as_bytes())
        };
        write().map_err(|error| InitError::Write {
            path: PathBuf::from(file.path),
            error,
        })?;
        written.push(file.path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            region: "札幌市".into(),
            region_kana: "さっぽろし".into(),
            title: default_title("札幌市"),
            title_kana: default_title_kana("さっぽろし"),
            base_url: None,
            publisher: default_publisher("札幌市"),
            contact: None,
            area_id: area_id("札幌市", "さっぽろし"),
            shirube_version: "main".into(),
            today: Date::parse("2026-04-01").unwrap(),
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        for file in files(&settings()) {
            assert!(!file.text.contains("%%"), "{}: {}", file.path, file.text);
        }
    }

    #[test]
    fn fills_in_one_pass_and_quotes_for_yaml() {
        let vars = vec![("A", "x: \"%%B%%\"".to_string()), ("B", "b".to_string())];
        assert_eq!(
            fill("%%A%% %%A_Q%% %%B%%", &vars),
            "x: \"%%B%%\" \"x: \\\"%%B%%\\\"\" b"
        );
        // `%%` that is not a name is text; an unknown name stays as it is.
        assert_eq!(fill("50%% %%NOPE%% 100%%", &vars), "50%% %%NOPE%% 100%%");
    }

    #[test]
    fn area_ids_are_the_reading_in_romaji() {
        assert_eq!(area_id("札幌市", "さっぽろし"), "sapporo");
        assert_eq!(area_id("中野区", "なかのく"), "nakano");
        assert_eq!(area_id("大磯町", "おおいそまち"), "ooiso");
        assert_eq!(area_id("西部圏域", "せいぶけんいき"), "seibukeniki");
        assert_eq!(area_id("ABC", ""), "region");
    }

    #[test]
    fn the_site_has_the_region_and_a_marked_placeholder_address() {
        let files = files(&settings());
        let site = files.iter().find(|f| f.path == "site.yaml").unwrap();
        assert!(site.text.contains("region: \"札幌市\""), "{}", site.text);
        assert!(site.text.contains("base_url: \"https://example.org/\""));
        assert!(site.text.contains("仮のアドレス"));
        assert!(
            site.text
                .contains("- { id: sapporo, name: \"札幌市\", kana: \"さっぽろし\" }")
        );
        let mut given = settings();
        given.base_url = Some("https://sapporo.example.jp/guide".into());
        let files = super::files(&given);
        let site = files.iter().find(|f| f.path == "site.yaml").unwrap();
        assert!(
            site.text
                .contains("base_url: \"https://sapporo.example.jp/guide/\"")
        );
        assert!(!site.text.contains("仮のアドレス"));
    }

    #[test]
    fn unusable_values_are_refused() {
        let mut s = settings();
        s.region_kana = "サッポロ".into();
        assert!(matches!(
            s.validate(),
            Err(InitError::Invalid {
                field: Field::RegionKana,
                ..
            })
        ));
        let mut s = settings();
        s.base_url = Some("sapporo".into());
        assert!(s.validate().is_err());
        let mut s = settings();
        s.region = "札幌市\n".into();
        assert!(s.validate().is_err());
        let mut s = settings();
        s.shirube_version = "main; rm -rf /".into();
        assert!(s.validate().is_err());
        assert!(settings().validate().is_ok());
    }
}
