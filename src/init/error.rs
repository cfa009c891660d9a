//! What `shirube init` refuses, said in both languages.

use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use std::path::PathBuf;

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
