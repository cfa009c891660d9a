//! Everything that can stop the index from being built. Messages name the entry where one is at
//! fault, so `shirube build` can point the maintainer at the file.

use crate::lang::{Localized, Msg, msg};

/// Why [`super::build_index`] failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    DuplicateId(String),
    EmptyId(String),
    TooManyDocs(usize),
    Json(serde_json::Error),
    /// elasticlunr-rs serialised its index in a shape this code does not know (a new version?).
    IndexShape(String),
}

impl Localized for SearchError {
    fn msg(&self) -> Msg {
        let (ja, en) = match self {
            SearchError::DuplicateId(id) => (
                format!("id「{id}」の項目が2つあります"),
                format!("two entries have the same id \"{id}\""),
            ),
            SearchError::EmptyId(name) => (
                format!("id が空の項目があります（名前「{name}」）"),
                format!("an entry has an empty id (name \"{name}\")"),
            ),
            SearchError::TooManyDocs(n) => (
                format!("項目が {n} 件あり、索引の形式で番号をつけられる数をこえています"),
                format!("{n} entries is more than the index format can number"),
            ),
            SearchError::Json(error) => (
                format!("JSON を書けません: {error}"),
                format!("could not encode JSON: {error}"),
            ),
            SearchError::IndexShape(at) => (
                format!("elasticlunr の索引の形が思っていたものとちがいます（{at}）"),
                format!("unexpected elasticlunr index shape at {at}"),
            ),
        };
        // Said once here, whatever wraps it: "search index: …", never twice.
        msg(format!("検索の索引: {ja}"), format!("search index: {en}"))
    }
}

crate::display_localized!(SearchError);
