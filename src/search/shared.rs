//! The texts many documents of a slice share (a service's labels and synonyms, an area's name,
//! an office's facts): each is indexed once, as a document of its own, and its postings are
//! given to every document that has it when the slice's table is made.
//!
//! 29% of the (document, field, term) postings of the benchmark's national guide came from these
//! fields, each a walk down elasticlunr's trie and two searches of a B-tree keyed by strings, for
//! a posting that a hundred other documents had too; given to each document afterwards, they are
//! appends to a list.

use super::analyze::Terms;
use super::fields::{FIELD_COUNT, Postings};
use crate::hashing::FastMap;
use elasticlunr::inverted_index::InvertedIndex;

/// The shared texts of one slice, numbered as first seen, and the index of their terms.
#[derive(Default)]
pub(super) struct SharedTexts {
    /// Per field, text → number. A text in two fields is two texts: its counts are per field.
    numbers: [FastMap<String, usize>; FIELD_COUNT],
    texts: Vec<Text>,
    index: InvertedIndex,
}

struct Text {
    /// The field the text is in.
    slot: usize,
    /// How many tokens it has (the field's length, for BM25).
    length: u32,
    /// The slice's documents that have it, as they were added.
    docs: Vec<u32>,
}

impl SharedTexts {
    /// Notes that the slice's document `doc` has `text` in field `slot` (< [`FIELD_COUNT`]),
    /// indexing the text if it is new; gives the text's length in tokens.
    pub fn add(&mut self, doc: u32, slot: usize, text: &str) -> u32 {
        let number = match self.numbers[slot].get(text) {
            Some(&number) => number,
            None => self.insert(slot, text),
        };
        let shared = &mut self.texts[number];
        shared.docs.push(doc);
        shared.length
    }

    fn insert(&mut self, slot: usize, text: &str) -> usize {
        let number = self.texts.len();
        let terms = Terms::of(text);
        // The references' order as text does not matter: `table` sorts what it gives out.
        let reference = number.to_string();
        for (term, count) in terms.counts() {
            // elasticlunr's term frequency: the square root of the occurrences
            self.index
                .add_token(&reference, term, f64::from(count).sqrt());
        }
        self.texts.push(Text {
            slot,
            length: u32::try_from(terms.len()).unwrap_or(u32::MAX),
            docs: Vec::new(),
        });
        self.numbers[slot].insert(text.to_owned(), number);
        number
    }

    /// The postings of every term of the shared texts, each text's occurrences given to the
    /// documents of the slice that have it, ascending; terms in code-point order. The
    /// elasticlunr index is read back through its `Serialize`.
    pub fn table(self) -> Result<Vec<(String, Postings)>, super::SearchError> {
        let terms = super::readback::read(&self.index)?;
        let texts = self.texts;
        let mut hits: Vec<(u32, usize, u8)> = Vec::new();
        terms
            .into_iter()
            .map(|(term, refs)| {
                hits.clear();
                for (number, count) in refs {
                    let text = usize::try_from(number)
                        .ok()
                        .and_then(|n| texts.get(n))
                        .ok_or_else(|| {
                            super::SearchError::IndexShape(format!("shared text {number}"))
                        })?;
                    let count = u8::try_from(count).unwrap_or(u8::MAX);
                    hits.extend(text.docs.iter().map(|&doc| (doc, text.slot, count)));
                }
                hits.sort_unstable_by_key(|&(doc, _, _)| doc);
                let mut postings: Postings = Vec::with_capacity(hits.len());
                for &(doc, slot, count) in &hits {
                    if postings.last().is_none_or(|(last, _)| *last != doc) {
                        postings.push((doc, [0; FIELD_COUNT]));
                    }
                    if let Some((_, counts)) = postings.last_mut() {
                        counts[slot] = count;
                    }
                }
                postings.shrink_to_fit();
                Ok((term, postings))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyze::index_terms;

    /// Each document that has a text gets its postings, in its field; a document with the
    /// term in two shared fields has both counts; documents come out ascending whatever the
    /// order they were added in.
    #[test]
    fn texts_are_given_to_their_documents() {
        let mut shared = SharedTexts::default();
        let length = index_terms("就労 就労").len();
        assert_eq!(Ok(shared.add(2, 3, "就労 就労")), u32::try_from(length));
        shared.add(0, 3, "就労 就労");
        shared.add(1, 4, "就労");
        shared.add(0, 4, "就労");
        let table = shared.table().expect("table");
        let (_, postings) = table.iter().find(|(t, _)| t == "就労").expect("term");
        let mut expected = [0; FIELD_COUNT];
        expected[3] = 2;
        expected[4] = 1;
        assert_eq!(postings[0], (0, expected));
        let mut one = [0; FIELD_COUNT];
        one[4] = 1;
        assert_eq!(postings[1], (1, one));
        let mut two = [0; FIELD_COUNT];
        two[3] = 2;
        assert_eq!(postings[2], (2, two));
        assert_eq!(postings.len(), 3);
    }
}
