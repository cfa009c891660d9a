//! The word lists of the places readers read at (see `Reader::at`), shared by every reader made
//! from the same one.

use super::postal::Place;
use super::userwords::UserWords;
use crate::hashing::FastMap;
use std::sync::{Arc, Mutex};

/// The word lists of places, each made once: a national guide names a few thousand places on
/// tens of thousands of pages, cards and printed entries, and each list is a small
/// double-array trie to build (5 % of a 10,000-entry build's time when made at every use).
///
/// Found by the place's own words, borrowed, both lists at once: the furigana edition looks an
/// entry's place up where it makes the entry's page and its compare row, and a copy of the
/// place's words made for each look-up (the names' with their stems added, then the address's),
/// three a page, cost 0.3 of a national furigana build's 31 billion instructions.
#[derive(Default)]
pub(super) struct PlaceWords(Mutex<FastMap<WordList, Lists>>);

/// `(word, hiragana reading)` pairs.
type WordList = Vec<(String, String)>;

/// The tries of one place: its names, also without 市/町/…, where they stand as whole words
/// ([`Place::name_words`]); and the words of its address ([`Place::words`]).
#[derive(Clone)]
pub(super) struct Lists {
    pub names: Option<Arc<UserWords>>,
    pub address: Option<Arc<UserWords>>,
}

impl PlaceWords {
    pub(super) fn of(&self, place: &Place) -> Lists {
        if let Some(made) = self
            .0
            .lock()
            .ok()
            .and_then(|m| m.get(place.words.as_slice()).cloned())
        {
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
            address: trie(&place.words),
        };
        if let Ok(mut m) = self.0.lock() {
            m.insert(place.words.clone(), made.clone());
        }
        made
    }
}
