//! Everything that can stop the index from being built. Messages name the entry where one is at
//! fault, so `shirube build` can point the maintainer at the file.

/// Why [`super::build_index`] failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: two entries have the same id {0:?}")]
    DuplicateId(String),
    #[error("search index: an entry has an empty id (name {0:?})")]
    EmptyId(String),
    #[error("search index: {0} entries is more than the index format can number")]
    TooManyDocs(usize),
    #[error("search index: could not encode JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// elasticlunr-rs serialised its index in a shape this code does not know (a new version?).
    #[error("search index: unexpected elasticlunr index shape at {0}")]
    IndexShape(String),
}
