//! One precomputed weight ("impact") per (term, document), so the browser needs neither field
//! lengths nor per-field frequencies: it multiplies each impact by the term's idf, which it derives
//! from the posting list's length, and sums.
//!
//! impact = Σ over fields of boost × BM25 term-frequency part
//!          count·(k1+1) / (count + k1·(1 − b + b·len/avg_len)),
//! quantised as round(impact × IMPACT_SCALE), at least 1.

use super::fields::{FIELD_COUNT, FIELDS, FieldCounts};
use super::invert::merge_terms;
use super::packed::PackedPostings;
use std::collections::BTreeMap;

/// Impacts are stored as integers in units of 1/IMPACT_SCALE; the client divides.
pub(crate) const IMPACT_SCALE: f64 = 4.0;
const K1: f64 = 1.2;

/// Weight of the whole-name token (see `analyze::exact_key`): large enough that a query equal
/// to an office's name ranks it first even among many offices sharing most of its bigrams.
pub(crate) const EXACT_NAME: f64 = 40.0;
/// Weight of the whole-reading token: a query typed in hiragana that equals the name's reading.
pub(crate) const EXACT_READING: f64 = 30.0;

/// What a term's impacts are made from: its occurrences in each field of its documents, or the
/// weights of a whole-name key (see `analyze::exact_key`).
pub(crate) enum Weights {
    Counted(PackedPostings),
    Exact(Vec<(u32, u32)>),
}

/// BM25 with the corpus's average field lengths: a term's impacts from its occurrences.
pub(crate) struct Scorer {
    lengths: Vec<FieldCounts>,
    averages: [f64; FIELD_COUNT],
}

impl Scorer {
    pub fn new(lengths: Vec<FieldCounts>) -> Scorer {
        let averages = average_lengths(&lengths);
        Scorer { lengths, averages }
    }

    /// (document number, quantised impact), documents ascending. Made when the term's shard is
    /// encoded and dropped after: every term's impacts at once were 21 MB at 10,000 documents.
    pub fn impacts(&self, weights: Weights) -> Vec<(u32, u32)> {
        let postings = match weights {
            Weights::Exact(list) => return list,
            Weights::Counted(postings) => postings,
        };
        postings
            .iter()
            .map(|(number, counts)| {
                let lengths = self
                    .lengths
                    .get(number as usize)
                    .copied()
                    .unwrap_or([0; FIELD_COUNT]);
                let score: f64 = FIELDS
                    .iter()
                    .enumerate()
                    .filter(|&(slot, _)| counts[slot] > 0)
                    .map(|(slot, field)| {
                        let count = f64::from(counts[slot]);
                        let ratio = f64::from(lengths[slot]) / self.averages[slot];
                        let norm = K1 * (1.0 - field.b + field.b * ratio);
                        field.boost * count * (K1 + 1.0) / (count + norm)
                    })
                    .sum();
                (number, quantise(score))
            })
            .collect()
    }
}

/// The terms with the whole-name and whole-reading tokens added: `keys[i]` are document `i`'s
/// (key, weight) pairs. A key offered twice (a hiragana name equals its reading) keeps its
/// larger weight, so hiragana names do not outrank katakana ones.
pub(crate) fn with_exact_keys(
    terms: Vec<(String, PackedPostings)>,
    keys: &[Vec<(String, f64)>],
) -> Vec<(String, Weights)> {
    let mut exact: BTreeMap<&str, BTreeMap<u32, f64>> = BTreeMap::new();
    for (number, doc_keys) in (0u32..).zip(keys) {
        for (key, weight) in doc_keys {
            let slot = exact.entry(key).or_default().entry(number).or_insert(0.0);
            *slot = slot.max(*weight);
        }
    }
    let exact = exact.into_iter().map(|(key, docs)| {
        let list = docs.into_iter().map(|(n, w)| (n, quantise(w))).collect();
        (key.to_string(), Weights::Exact(list))
    });
    let terms = terms
        .into_iter()
        .map(|(term, postings)| (term, Weights::Counted(postings)));
    // A key equal to a term (no token holds the `#` a key begins with) takes the term's place.
    merge_terms(terms, exact, |_, key| key)
}

fn quantise(score: f64) -> u32 {
    (score * IMPACT_SCALE).round().max(1.0) as u32
}

fn average_lengths(lengths: &[FieldCounts]) -> [f64; FIELD_COUNT] {
    let mut sums = [0.0; FIELD_COUNT];
    for row in lengths {
        for (sum, &len) in sums.iter_mut().zip(row) {
            *sum += f64::from(len);
        }
    }
    let n = lengths.len().max(1) as f64;
    sums.map(|sum| if sum > 0.0 { sum / n } else { 1.0 })
}
