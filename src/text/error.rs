//! Errors of the text module.

use thiserror::Error;

/// What can go wrong when building a [`Reader`](super::Reader).
///
/// Reading and annotating text never fail: a word the module cannot read is left without ruby.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TextError {
    /// A user-dictionary word is empty (or only spaces) after normalisation.
    #[error("読みの辞書の語が空です (reading {reading:?})")]
    EmptyWord { reading: String },
    /// A user-dictionary reading is not hiragana (see [`is_reading`](super::is_reading)).
    #[error("「{word}」の読み「{reading}」がひらがなではありません")]
    InvalidReading { word: String, reading: String },
    /// The dictionary embedded in the binary could not be loaded. This is a build defect.
    #[error("形態素解析の辞書を読み込めません: {0}")]
    Dictionary(String),
}
