//! The word lists of the places readers read at (see `Reader::at`), shared by every reader made
//! from the same one.

use super::postal::Place;
use super::userwords::UserWords;
use crate::hashing::FastMap;
use std::sync::{Arc, RwLock};

/// The word lists of places, each made once: a national guide names a few thousand places on
/// tens of thousands of pages, cards and printed entries, and each list is a small
/// double-array trie to build (5 % of a 10,000-entry build's time when made at every use).
///
/// Found by the hash of the place's words, made with the place (`Place::words_key`): the
/// furigana edition looks an entry's place up where it makes the entry's page and its compare
/// rows, and the words themselves hashed and compared at each look-up were 1% of a national
/// build of both editions. Read under a shared lock: after the first pages every look-up
/// finds its lists.
#[derive(Default)]
pub(super) struct PlaceWords(RwLock<FastMap<u128, Lists>>);

/// The tries of one place: its names, also without 市/町/…, where they stand as whole words
/// ([`Place::name_words`]); and the words of its address ([`Place::words`]).
#[derive(Clone)]
pub(super) struct Lists {
    pub names: Option<Arc<UserWords>>,
    pub address: Option<Arc<UserWords>>,
}

impl PlaceWords {
    pub(super) fn of(&self, place: &Place) -> Lists {
        let key = place.words_key();
        if let Some(made) = self.0.read().ok().and_then(|m| m.get(&key).cloned()) {
            return made;
        }
        let trie = |words: &[(String, String)]| {
            UserWords::new(words)
                .ok()
                .filter(|w| !w.is_empty())
                .map(Arc::new)
        };
        let made = Lists {
            names: trie(&place.name_words()),
            address: trie(place.words()),
        };
        if let Ok(mut m) = self.0.write() {
            m.insert(key, made.clone());
        }
        made
    }
}
