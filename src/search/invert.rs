//! Builds the inverted index with elasticlunr-rs (the design's choice): an elasticlunr inverted
//! index per field, fed by our analyser, whose term → document tables are read back out.
//!
//! Why not ship elasticlunr's own JSON: it is one file (24 MB for 10,000 pages), a character trie
//! whose nesting makes it impossible to cut by token, with every document reference repeated as a
//! string and every term frequency as a float. elasticlunr-rs 3.x has no public accessor for its
//! inverted index, so we read it back through its `Serialize` implementation (readback.rs).

use super::SearchError;
use super::analyze::Terms;
use super::cache::SliceCache;
use super::fields::{FIELD_COUNT, FIELDS, Postings};
use super::inverted::Inverted;
use super::packed::PackedPostings;
use super::readback;
use super::shared::SharedTexts;
use elasticlunr::inverted_index::InvertedIndex;

/// Documents an elasticlunr index is built from at a time. Each slice is analysed, inverted
/// and read back on its own, on every core, and the slices' tables are joined: a national
/// corpus analysed and indexed whole held every token of every text at once (half a gigabyte
/// at 10,000 documents), and elasticlunr adds documents one by one, on one core. Small enough
/// that a region's guide has a slice for each core, and that a slice's elasticlunr index stays
/// small (its tries and maps cost many times the postings they hold).
const DOCS_PER_SLICE: usize = 250;

// A slice's documents are referred to by three digits, and fields by one (`invert_slice`).
const _: () = assert!(DOCS_PER_SLICE <= 1000 && FIELD_COUNT <= 10);

/// The table of `docs`, document number `i` being `docs[i]`, whose texts `texts` gives in
/// [`FIELDS`] order. A slice's texts are made as it is indexed and dropped after: copies of every
/// text of a national guide at once were tens of MB beside the pages. A slice whose texts an
/// earlier build inverted is read from `cache`, and `cache` keeps only this build's slices.
pub(crate) fn invert<D: Sync>(
    docs: &[D],
    texts: impl Fn(&D) -> [String; FIELD_COUNT] + Sync,
    cache: &SliceCache,
) -> Result<Inverted, SearchError> {
    use rayon::prelude::*;
    let inverted = docs
        .par_chunks(DOCS_PER_SLICE)
        .enumerate()
        // Every slice a job of its own: rayon otherwise cuts the slices into a few runs, one per
        // core and a little more, and the index began beside the pages; the core that finished
        // the pages found nothing left to take while the other worked through a run of ten
        // slices alone (a second of one core at N = 10,000).
        .with_max_len(1)
        .map(|(i, slice)| {
            let first = u32::try_from(i * DOCS_PER_SLICE).unwrap_or(u32::MAX);
            kept_or_inverted(slice, &texts, cache).map(|inverted| inverted.shifted(first))
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
        });
    if inverted.is_ok() {
        cache.forget_unused();
    }
    inverted
}

/// The table of one slice, its documents numbered from 0: kept by an earlier build for the same
/// texts (cache.rs), or inverted and kept. The slice's texts are made once and held while it is
/// indexed: a quarter of a megabyte of text, where making them again after a miss would be
/// their work twice.
fn kept_or_inverted<D>(
    slice: &[D],
    texts: impl Fn(&D) -> [String; FIELD_COUNT],
    cache: &SliceCache,
) -> Result<Inverted, SearchError> {
    let texts: Vec<[String; FIELD_COUNT]> = slice.iter().map(texts).collect();
    let key = cache.key(&texts);
    if let Some(kept) = key.and_then(|key| cache.get(key, texts.len())) {
        cache.count(false);
        return Ok(kept);
    }
    cache.count(true);
    let inverted = invert_slice(&texts)?;
    if let Some(key) = key {
        cache.put(key, &inverted);
    }
    Ok(inverted)
}

/// The tables of two runs of documents, `right`'s after `left`'s.
fn join(left: Inverted, right: Inverted) -> Inverted {
    let terms = merge_terms(left.terms, right.terms, |mut l, r| {
        l.append(r);
        l
    });
    let mut lengths = left.lengths;
    lengths.extend(right.lengths);
    Inverted { terms, lengths }
}

/// Two lists of (term, value) in code-point order of terms, as one in that order, in one pass;
/// `both` makes the value of a term in both from the left's and the right's.
pub(crate) fn merge_terms<V>(
    left: impl IntoIterator<Item = (String, V)>,
    right: impl IntoIterator<Item = (String, V)>,
    both: impl Fn(V, V) -> V,
) -> Vec<(String, V)> {
    use std::cmp::Ordering;
    let (lefts, rights) = (left.into_iter(), right.into_iter());
    let mut merged = Vec::with_capacity(lefts.size_hint().0.max(rights.size_hint().0));
    let mut lefts = lefts.peekable();
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

/// The table of a slice, its documents numbered from 0, read back from its elasticlunr index,
/// whose references are a document's number in the slice and a field's slot (`invert_slice`).
fn own_table(terms: readback::Terms) -> Vec<(String, Postings)> {
    terms
        .into_iter()
        .map(|(term, mut references)| {
            // in the order of their references, which is their numbers' (`invert_slice`)
            if !references.is_sorted_by_key(|(reference, _)| *reference) {
                references.sort_unstable_by_key(|(reference, _)| *reference);
            }
            // A document's fields are neighbours: one posting for each document, with the
            // occurrences of each of its fields.
            let mut postings: Postings = Vec::with_capacity(references.len());
            for (reference, count) in references {
                let doc = reference / 10;
                let slot = (reference % 10) as usize;
                let count = u8::try_from(count).unwrap_or(u8::MAX);
                match postings.last_mut() {
                    Some((last, counts)) if *last == doc => counts[slot] = count,
                    _ => {
                        let mut counts = [0; FIELD_COUNT];
                        counts[slot] = count;
                        postings.push((doc, counts));
                    }
                }
            }
            (term, postings)
        })
        .collect()
}

/// The postings of one term in two fields, as one list: a document in both has the counts of
/// both (each list counts its own field only).
fn merge_fields(left: Postings, right: Postings) -> Postings {
    // At its final size: a slice's lists are packed once every field is in.
    let mut merged = Vec::with_capacity(union_len(&left, &right));
    let mut rights = right.into_iter().peekable();
    for (doc, mut counts) in left {
        while let Some(next) = rights.next_if(|(r, _)| *r < doc) {
            merged.push(next);
        }
        if let Some((_, other)) = rights.next_if(|(r, _)| *r == doc) {
            for (count, other) in counts.iter_mut().zip(other) {
                *count = (*count).max(other);
            }
        }
        merged.push((doc, counts));
    }
    merged.extend(rights);
    merged
}

/// How many documents are in `left` or `right` (both ascending).
fn union_len(left: &Postings, right: &Postings) -> usize {
    let (mut i, mut j, mut both) = (0, 0, 0);
    while let (Some((l, _)), Some((r, _))) = (left.get(i), right.get(j)) {
        both += usize::from(l == r);
        i += usize::from(l <= r);
        j += usize::from(r <= l);
    }
    left.len() + right.len() - both
}

/// The term table of a slice whose documents have the texts `docs` (in [`FIELDS`] order),
/// numbered from 0, and their tokens per field.
///
/// The documents' own texts go into one elasticlunr inverted index, as elasticlunr's
/// `Index::add_doc` puts them, but without the rest of what `add_doc` does for an index we do
/// not ship: a copy of every text into a map (the document store drops it when not saving
/// documents), the store's field lengths in maps keyed by strings, the tokens counted in a
/// B-tree: 1.3 of a plain national build's 41.2 billion instructions. One index for all the
/// fields, not one each: a term in several fields (a name's words are in its body too) is one
/// node of one trie, not a node of each, and the slice's table is read back at once, not field
/// by field and merged (0.7% of a plain build's instructions at N = 1,000). The fields whose
/// texts many documents share are indexed text by text instead (shared.rs).
fn invert_slice(docs: &[[String; FIELD_COUNT]]) -> Result<Inverted, SearchError> {
    let mut inverted = InvertedIndex::default();
    let mut shared = SharedTexts::default();
    let mut lengths = vec![[0; FIELD_COUNT]; docs.len()];
    // Last document first, and a document's last field first: each term's documents are a
    // B-tree keyed by reference, which finds where a key goes by comparing from the left of
    // each node, so a key smaller than all takes one comparison a level where the largest took
    // up to eleven (2.6 billion instructions of a plain national build). A reference is the
    // number within the slice in three digits and the field's slot in one ("0421": field 1 of
    // document 42), so that their order as text is their order as numbers.
    for (number, texts) in docs.iter().enumerate().rev() {
        let row = &mut lengths[number];
        for (slot, text) in texts.iter().enumerate() {
            if FIELDS[slot].shared {
                let number = u32::try_from(number).unwrap_or(u32::MAX);
                row[slot] = shared.add(number, slot, text);
            }
        }
        // Each text is analysed as it is indexed: the slices are inverted on every core at
        // once, so analysing a whole slice ahead gained nothing, and held every token of two
        // slices' texts (a hundred MB at national scale).
        for (slot, text) in texts.iter().enumerate().rev() {
            if FIELDS[slot].shared {
                continue;
            }
            let terms = Terms::of(text);
            row[slot] = u32::try_from(terms.len()).unwrap_or(u32::MAX);
            let reference = format!("{number:03}{slot}");
            for (term, count) in terms.counts() {
                // elasticlunr's term frequency: the square root of the occurrences
                inverted.add_token(&reference, term, f64::from(count).sqrt());
            }
        }
    }
    // The table is read back from elasticlunr's index through its `Serialize` (the index has
    // no accessor), and merged term by term with the shared texts'.
    let own = own_table(readback::read(&inverted)?);
    let terms = merge_terms(own, shared.table()?, merge_fields)
        .into_iter()
        .map(|(term, postings)| (term, PackedPostings::new(postings)))
        .collect();
    Ok(Inverted { terms, lengths })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyze::index_terms;
    use crate::search::fields::TermCounts;

    /// A term repeated past what a count holds is counted as the most it holds, not wrapped.
    #[test]
    fn counts_saturate() {
        let texts = |repeats: &usize| -> [String; FIELD_COUNT] {
            let mut texts: [String; FIELD_COUNT] = Default::default();
            texts[FIELD_COUNT - 1] = vec!["就労"; *repeats].join(" ");
            texts
        };
        let inverted = invert(&[3, 300], texts, &SliceCache::none()).expect("inverted");
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

    /// A term in several fields of a document has its count in each; documents stay ascending
    /// across slices, whose references restart at 000.
    #[test]
    fn fields_and_slices_join() {
        let docs: Vec<usize> = (0..DOCS_PER_SLICE + 3).collect();
        let texts = |n: &usize| -> [String; FIELD_COUNT] {
            let mut texts: [String; FIELD_COUNT] = Default::default();
            texts[0] = "就労 工房".into();
            texts[FIELD_COUNT - 1] = match n % 2 {
                0 => "就労 就労".into(),
                _ => "bread".into(),
            };
            texts
        };
        let inverted = invert(&docs, texts, &SliceCache::none()).expect("inverted");
        let postings = |term: &str| {
            let (_, docs) = inverted.terms.iter().find(|(t, _)| t == term).unwrap();
            docs.iter().collect::<Vec<_>>()
        };
        let work = postings("就労");
        assert_eq!(work.len(), docs.len());
        assert!(work.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(work[0].1[0], 1);
        assert_eq!(work[0].1[FIELD_COUNT - 1], 2);
        assert_eq!(work[1].1[FIELD_COUNT - 1], 0);
        let bread = postings("bread");
        assert_eq!(bread.len(), docs.len() / 2);
        assert_eq!(bread.last().unwrap().0 as usize, DOCS_PER_SLICE + 1);
        assert_eq!(inverted.lengths.len(), docs.len());
        let length = index_terms("就労 就労").len();
        assert_eq!(inverted.lengths[2][FIELD_COUNT - 1] as usize, length);
        assert!(length >= 2);
    }

    /// The fields many documents share are indexed text by text: every document that has a
    /// text still gets its own postings, in the right field, across slices, with its length.
    #[test]
    fn shared_fields_reach_every_document() {
        let (services, facts) = (2, 5);
        assert!(FIELDS[services].shared && FIELDS[facts].shared);
        let docs: Vec<usize> = (0..DOCS_PER_SLICE + 7).collect();
        let texts = |n: &usize| -> [String; FIELD_COUNT] {
            let mut texts: [String; FIELD_COUNT] = Default::default();
            texts[services] = match n % 3 {
                0 => "就労 就労 工房".into(),
                _ => "工房".into(),
            };
            if n.is_multiple_of(2) {
                texts[facts] = "就労".into();
            }
            texts
        };
        let inverted = invert(&docs, texts, &SliceCache::none()).expect("inverted");
        let (_, postings) = inverted.terms.iter().find(|(t, _)| t == "就労").unwrap();
        let expected: Vec<(u32, TermCounts)> = docs
            .iter()
            .filter(|n| n.is_multiple_of(3) || n.is_multiple_of(2))
            .map(|&n| {
                let mut counts = [0; FIELD_COUNT];
                counts[services] = if n % 3 == 0 { 2 } else { 0 };
                counts[facts] = if n.is_multiple_of(2) { 1 } else { 0 };
                (n as u32, counts)
            })
            .collect();
        assert_eq!(postings.iter().collect::<Vec<_>>(), expected);
        let long = index_terms("就労 就労 工房").len() as u32;
        assert_eq!(inverted.lengths[3][services], long);
        assert_eq!(
            inverted.lengths[4][services],
            index_terms("工房").len() as u32
        );
        assert_eq!(inverted.lengths[4][facts], index_terms("就労").len() as u32);
        assert_eq!(inverted.lengths[5][facts], 0);
    }

    /// With a cache, a first build and a second give the table a build without one gives,
    /// the second from the kept slices; a slice whose texts changed is inverted again.
    #[test]
    fn kept_slices_give_the_same_table() {
        let docs: Vec<usize> = (0..DOCS_PER_SLICE * 2 + 9).collect();
        let texts = |n: &usize| -> [String; FIELD_COUNT] {
            let mut texts: [String; FIELD_COUNT] = Default::default();
            texts[0] = format!("工房{} ぱん", n % 7);
            texts[2] = ["就労 工房", "パン"][n % 2].into();
            texts[FIELD_COUNT - 1] = format!("本文 {n} 就労");
            texts
        };
        let unpacked = |inverted: &Inverted| -> Vec<(String, Postings)> {
            let terms = inverted.terms.iter();
            terms
                .map(|(t, p)| (t.clone(), p.iter().collect()))
                .collect()
        };
        let none = invert(&docs, texts, &SliceCache::none()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cache = || SliceCache::for_site(dir.path());
        let slices = || {
            let kept = dir.path().join(".shirube-cache/search");
            std::fs::read_dir(kept).map_or(0, |files| files.count())
        };
        let first = invert(&docs, texts, &cache()).unwrap();
        assert_eq!(slices(), 3);
        let second = invert(&docs, texts, &cache()).unwrap();
        for inverted in [&first, &second] {
            assert_eq!(unpacked(inverted), unpacked(&none));
            assert_eq!(inverted.lengths, none.lengths);
        }
        // One text of the second slice changed: that slice is made again, and its old file goes.
        let changed = |n: &usize| -> [String; FIELD_COUNT] {
            let mut t = texts(n);
            if *n == DOCS_PER_SLICE + 1 {
                t[FIELD_COUNT - 1] = "ちがう 本文".into();
            }
            t
        };
        let after = invert(&docs, changed, &cache()).unwrap();
        let fresh = invert(&docs, changed, &SliceCache::none()).unwrap();
        assert_eq!(unpacked(&after), unpacked(&fresh));
        assert_ne!(unpacked(&after), unpacked(&none));
        assert_eq!(slices(), 3);
    }

    #[test]
    fn union_counts_documents_once() {
        let list =
            |docs: &[u32]| -> Postings { docs.iter().map(|&d| (d, [1; FIELD_COUNT])).collect() };
        assert_eq!(union_len(&list(&[1, 3, 5]), &list(&[2, 3, 6, 7])), 6);
        assert_eq!(union_len(&list(&[]), &list(&[2])), 1);
        let merged = merge_fields(list(&[1, 3]), list(&[3, 4]));
        assert_eq!(merged.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 3, 4]);
        assert_eq!(merged.capacity(), 3);
    }
}
