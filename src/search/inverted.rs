//! The inverted index's table, as invert.rs makes it and the slice cache (cache.rs) keeps it.

use super::fields::FieldCounts;
use super::packed::PackedPostings;

pub(crate) struct Inverted {
    /// term → (document number, occurrences per field), documents ascending, terms in
    /// code-point order. Lists, not maps, and packed: a national corpus has millions of these
    /// pairs.
    pub terms: Vec<(String, PackedPostings)>,
    /// document number → tokens per field (for BM25 length normalisation).
    pub lengths: Vec<FieldCounts>,
}

impl Inverted {
    /// The table of a slice numbered from 0, with its documents numbered from `first`.
    pub fn shifted(self, first: u32) -> Inverted {
        let terms = self
            .terms
            .into_iter()
            .map(|(term, postings)| (term, postings.shifted(first)))
            .collect();
        Inverted {
            terms,
            lengths: self.lengths,
        }
    }
}
