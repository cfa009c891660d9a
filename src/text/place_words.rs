//! The word lists of the places readers read at (see `Reader::at`), shared by every reader made
//! from the same one.

use super::userwords::UserWords;
use crate::hashing::FastMap;
use std::sync::{Arc, Mutex};

/// The word lists of places, each made once: a national guide names a few thousand places on
/// tens of thousands of pages, cards and printed entries, and each list is a small
/// double-array trie to build (5 % of a 10,000-entry build's time when made at every use).
#[derive(Default)]
pub(super) struct PlaceWords(Mutex<FastMap<WordList, Option<Arc<UserWords>>>>);

/// `(word, hiragana reading)` pairs.
type WordList = Vec<(String, String)>;

impl PlaceWords {
    pub(super) fn get(&self, words: Option<WordList>) -> Option<Arc<UserWords>> {
        let words = words?;
        if let Some(made) = self.0.lock().ok().and_then(|m| m.get(&words).cloned()) {
            return made;
        }
        let made = UserWords::new(&words)
            .ok()
            .filter(|w| !w.is_empty())
            .map(Arc::new);
        if let Ok(mut m) = self.0.lock() {
            m.insert(words, made.clone());
        }
        made
    }
}
