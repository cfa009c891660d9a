//! Errors of the text module.

use crate::lang::{Localized, Msg, msg};
use thiserror::Error;

/// What can go wrong when building a [`Reader`](super::Reader).
///
/// Reading and annotating text never fail: a word the module cannot read is left without ruby.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TextError {
    /// A user-dictionary word is empty (or only spaces) after normalisation.
    EmptyWord { reading: String },
    /// A user-dictionary reading is not hiragana (see [`is_reading`](super::is_reading)).
    InvalidReading { word: String, reading: String },
    /// The words of the readings dictionary do not fit in its trie (beyond its scale: hundreds
    /// of millions of characters).
    Words { reason: String },
    /// The dictionary embedded in the binary could not be loaded. This is a build defect.
    Dictionary(String),
}

impl Localized for TextError {
    fn msg(&self) -> Msg {
        match self {
            TextError::EmptyWord { reading } => msg(
                format!("読みの辞書の語が空です（よみ「{reading}」）"),
                format!("a word of the readings dictionary is empty (reading \"{reading}\")"),
            ),
            TextError::InvalidReading { word, reading } => msg(
                format!("「{word}」の読み「{reading}」がひらがなではありません"),
                format!("the reading \"{reading}\" of \"{word}\" is not hiragana"),
            ),
            TextError::Words { reason } => msg(
                format!("読みの辞書の語が多すぎて表にできません（{reason}）。語を減らしてください"),
                format!("the readings dictionary has too many words to index ({reason})"),
            ),
            TextError::Dictionary(detail) => msg(
                format!("形態素解析の辞書を読み込めません: {detail}"),
                format!("cannot load the morphological dictionary: {detail}"),
            ),
        }
    }
}

crate::display_localized!(TextError);
