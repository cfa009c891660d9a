//! `shirube init <dir>`: a new guide repository for a region. It holds site.yaml, starter pages
//! and a glossary written for any region, a README for the council, a guide for providers
//! (「事業所のみなさまへ」), and GitHub workflows that check pull requests and publish the site.
//!
//! The starter files are real files under `init/starter/`, embedded in the binary; `%%NAME%%`
//! marks what is filled in (`%%NAME_Q%%`: the same value as a double-quoted YAML scalar). The
//! theme is not among them: a site without `themes/` builds with the one in the binary.

mod error;
mod files;

pub use error::{Field, InitError};
pub use files::{StarterFile, files};

use crate::check::formats::{is_id, is_url};
use crate::content::date::Date;
use crate::text::{Reader, is_reading, to_hiragana};
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
pub(crate) const PLACEHOLDER_REPOSITORY: &str = "https://github.com/OWNER/shirube";

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
    crate::text::place_id(region, region_kana).unwrap_or_else(|| "region".to_string())
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
