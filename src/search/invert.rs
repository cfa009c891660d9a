//! Builds the inverted index with elasticlunr-rs (the design's choice), fed by our analyser, and
//! reads its term → document table and field lengths back out.
//!
//! Why not ship elasticlunr's own JSON: it is one file (24 MB for 10,000 pages), a character trie
//! whose nesting makes it impossible to cut by token, with every document reference repeated as a
//! string and every term frequency as a float. elasticlunr-rs 3.x has no public accessor for its
//! inverted index, so we read it back through its `Serialize` implementation (readback.rs).

use super::SearchError;
use super::analyze::index_terms;
use super::fields::{FIELD_COUNT, FIELDS, FieldCounts};
use super::readback;
use crate::hashing::FastMap;
use elasticlunr::{IndexBuilder, Language, Pipeline};
use std::cell::RefCell;

pub(crate) struct Inverted {
    /// term → (document number, occurrences per field), documents ascending, terms in
    /// code-point order. Lists, not maps: a national corpus has millions of these pairs.
    pub terms: Vec<(String, Vec<(u32, TermCounts)>)>,
    /// document number → tokens per field (for BM25 length normalisation).
    pub lengths: Vec<FieldCounts>,
}

/// How often a term occurs in each field of one document, saturating at 255: BM25's curve is
/// flat long before in a field of ordinary length (255 occurrences score 99.5% of the most a
/// field can give); only a field tens of times longer than the average, which repeats one
/// term hundreds of times, scores a little less than it would. A pair is then 12 bytes, not 20:
/// a national index holds millions of them (2.7 million at 10,000 documents), 21 MB less of
/// the build's peak.
pub(crate) type TermCounts = [u8; FIELD_COUNT];

/// Our analyser as an elasticlunr language, with an empty pipeline: no English stemmer or stop
/// words may touch Japanese tokens or the Latin words among them.
struct Shirube;

impl Language for Shirube {
    fn name(&self) -> String {
        "ShirubeJapanese".into()
    }
    fn code(&self) -> String {
        "ja-x-shirube".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        index_terms(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

/// Documents an elasticlunr index is built from at a time. Each slice is analysed, inverted
/// and read back on its own, on every core, and the slices' tables are joined: a national
/// corpus analysed and indexed whole held every token of every text at once (half a gigabyte
/// at 10,000 documents), and elasticlunr adds documents one by one, on one core. Small enough
/// that a region's guide has a slice for each core, and that a slice's elasticlunr index stays
/// small (its tries and maps cost many times the postings they hold).
const DOCS_PER_SLICE: usize = 250;

/// The table of `docs`, document number `i` being `docs[i]`, whose texts `texts` gives in
/// [`FIELDS`] order. Each document's texts are made as it is indexed and dropped after: copies of
/// every text of a national guide at once were tens of MB beside the pages.
pub(crate) fn invert<D: Sync>(
    docs: &[D],
    texts: impl Fn(&D) -> [String; FIELD_COUNT] + Sync,
) -> Result<Inverted, SearchError> {
    use rayon::prelude::*;
    docs.par_chunks(DOCS_PER_SLICE)
        .enumerate()
        // Every slice a job of its own: rayon otherwise cuts the slices into a few runs, one per
        // core and a little more, and the index began beside the pages; the core that finished
        // the pages found nothing left to take while the other worked through a run of ten
        // slices alone (a second of one core at N = 10,000).
        .with_max_len(1)
        .map(|(i, slice)| {
            let first = i * DOCS_PER_SLICE;
            invert_slice(slice, &texts, first)
                .map(|collected| compact(collected, first, slice.len()))
        })
        // Neighbouring tables are joined as they are made, on every core: rayon joins only
        // neighbours, left before right, so each term's documents stay ascending. One table
        // filled from all the slices at the end held one core for half a second.
        .try_reduce_with(|left, right| Ok(join(left, right)))
        .unwrap_or_else(|| {
            Ok(Inverted {
                terms: Vec::new(),
                lengths: Vec::new(),
            })
        })
}

/// The tables of two runs of documents, `right`'s after `left`'s.
fn join(left: Inverted, right: Inverted) -> Inverted {
    let terms = merge_terms(left.terms, right.terms, |mut l, r| {
        // At its final size before the right's are moved in: grown by doubling, a national
        // term list could hold twice its postings for a moment.
        l.reserve_exact(r.len());
        l.extend(r);
        l
    });
    let mut lengths = left.lengths;
    lengths.extend(right.lengths);
    Inverted { terms, lengths }
}

/// Two lists of (term, value) in code-point order of terms, as one in that order, in one pass;
/// `both` makes the value of a term in both from the left's and the right's.
pub(crate) fn merge_terms<V>(
    left: Vec<(String, V)>,
    right: impl IntoIterator<Item = (String, V)>,
    both: impl Fn(V, V) -> V,
) -> Vec<(String, V)> {
    use std::cmp::Ordering;
    let rights = right.into_iter();
    let mut merged = Vec::with_capacity(left.len().max(rights.size_hint().0));
    let mut lefts = left.into_iter().peekable();
    let mut rights = rights.peekable();
    loop {
        let order = match (lefts.peek(), rights.peek()) {
            (Some((l, _)), Some((r, _))) => l.cmp(r),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        let next = match order {
            Ordering::Less => lefts.next(),
            Ordering::Greater => rights.next(),
            Ordering::Equal => lefts
                .next()
                .zip(rights.next())
                .map(|((term, l), (_, r))| (term, both(l, r))),
        };
        merged.extend(next);
    }
    merged
}

/// A slice's tables as lists, while other slices are still being read: the maps of the read-back
/// cost about three times as much. `lengths` gets a row for each of the slice's `count`
/// documents, which begin at number `first`.
fn compact(collected: readback::Collected, first: usize, count: usize) -> Inverted {
    let terms = collected
        .terms
        .into_iter()
        .map(|(term, docs)| {
            let list = docs
                .into_iter()
                .map(|(doc, counts)| (doc, counts.map(|c| u8::try_from(c).unwrap_or(u8::MAX))))
                .collect();
            (term, list)
        })
        .collect();
    let lengths = (first..first + count)
        .map(|n| {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            collected
                .lengths
                .get(&n)
                .copied()
                .unwrap_or([0; FIELD_COUNT])
        })
        .collect();
    Inverted { terms, lengths }
}

/// [`index_terms`], remembering each text's terms: for the fields whose few texts many documents
/// share (a service's labels and synonyms, an area's name), where analysing every document's
/// copy again was most of their cost.
fn remembering_terms() -> elasticlunr::TokenizerFn {
    let seen: RefCell<FastMap<String, Vec<String>>> = RefCell::default();
    Box::new(move |text| {
        if let Some(terms) = seen.borrow().get(text) {
            return terms.clone();
        }
        let terms = index_terms(text);
        seen.borrow_mut().insert(text.to_owned(), terms.clone());
        terms
    })
}

/// The term table of `docs`, which are documents `first`, `first + 1` … of the corpus.
fn invert_slice<D>(
    docs: &[D],
    texts: impl Fn(&D) -> [String; FIELD_COUNT],
    first: usize,
) -> Result<readback::Collected, SearchError> {
    // Each text is analysed as elasticlunr asks for it: the slices are inverted on every core
    // at once, so analysing a whole slice ahead on every core gained nothing, and held every
    // token of two slices' texts (a hundred MB at national scale).
    let mut builder = IndexBuilder::with_language(Box::new(Shirube)).save_docs(false);
    for field in &FIELDS {
        builder = match field.shared {
            true => builder.add_field_with_tokenizer(field.name, remembering_terms()),
            false => builder.add_field_with_tokenizer(field.name, Box::new(index_terms)),
        };
    }
    let mut index = builder.build();
    for (number, doc) in docs.iter().enumerate() {
        index.add_doc(&(first + number).to_string(), texts(doc).iter());
    }
    // elasticlunr-rs keeps its inverted index private; its `Serialize` is the way out
    readback::read(&index)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A term repeated past what a count holds is counted as the most it holds, not wrapped.
    #[test]
    fn counts_saturate() {
        let texts = |repeats: &usize| -> [String; FIELD_COUNT] {
            let mut texts: [String; FIELD_COUNT] = Default::default();
            texts[FIELD_COUNT - 1] = vec!["就労"; *repeats].join(" ");
            texts
        };
        let inverted = invert(&[3, 300], texts).expect("inverted");
        let (_, docs) = inverted
            .terms
            .iter()
            .find(|(term, _)| term == "就労")
            .expect("the term is indexed");
        let counts: Vec<u8> = docs.iter().map(|(_, c)| c[FIELD_COUNT - 1]).collect();
        assert_eq!(counts, [3, u8::MAX]);
        // A field's length, for BM25's normalisation, is not cut short.
        assert!(inverted.lengths[1][FIELD_COUNT - 1] >= 300);
    }
}
