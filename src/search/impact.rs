//! One precomputed weight ("impact") per (term, document), so the browser needs neither field
//! lengths nor per-field frequencies: it multiplies each impact by the term's idf, which it derives
//! from the posting list's length, and sums.
//!
//! impact = Σ over fields of boost × BM25 term-frequency part
//!          count·(k1+1) / (count + k1·(1 − b + b·len/avg_len)),
//! quantised as round(impact × IMPACT_SCALE), at least 1.

use super::fields::FIELD_COUNT;
use super::fields::FIELDS;
use super::invert::{Inverted, merge_terms};
use std::collections::BTreeMap;

/// Impacts are stored as integers in units of 1/IMPACT_SCALE; the client divides.
pub(crate) const IMPACT_SCALE: f64 = 4.0;
const K1: f64 = 1.2;

/// Weight of the whole-name token (see `analyze::exact_key`): large enough that a query equal
/// to an office's name ranks it first even among many offices sharing most of its bigrams.
pub(crate) const EXACT_NAME: f64 = 40.0;
/// Weight of the whole-reading token: a query typed in hiragana that equals the name's reading.
pub(crate) const EXACT_READING: f64 = 30.0;

/// (term, [(document number, quantised impact)]), terms in code-point order, documents
/// ascending. A list, not a map: it is made in order, and read in order.
pub(crate) type Postings = Vec<(String, Vec<(u32, u32)>)>;

/// Consumes the table; every term's impacts on every core.
pub(crate) fn impacts(inverted: Inverted) -> Postings {
    use rayon::prelude::*;
    let averages = average_lengths(&inverted.lengths);
    let lengths = &inverted.lengths;
    inverted
        .terms
        .into_par_iter()
        .map(|(term, docs)| {
            let list = docs
                .iter()
                .map(|&(number, counts)| {
                    let lengths = lengths
                        .get(number as usize)
                        .copied()
                        .unwrap_or([0; FIELD_COUNT]);
                    let score: f64 = FIELDS
                        .iter()
                        .enumerate()
                        .filter(|&(slot, _)| counts[slot] > 0)
                        .map(|(slot, field)| {
                            let count = f64::from(counts[slot]);
                            let ratio = f64::from(lengths[slot]) / averages[slot];
                            let norm = K1 * (1.0 - field.b + field.b * ratio);
                            field.boost * count * (K1 + 1.0) / (count + norm)
                        })
                        .sum();
                    (number, quantise(score))
                })
                .collect();
            (term, list)
        })
        .collect()
}

/// Adds the whole-name and whole-reading tokens: `keys[i]` are document `i`'s (key, weight)
/// pairs. A key offered twice (a hiragana name equals its reading) keeps its larger weight, so
/// hiragana names do not outrank katakana ones.
pub(crate) fn add_exact_keys(postings: &mut Postings, keys: &[Vec<(String, f64)>]) {
    let mut exact: BTreeMap<&str, BTreeMap<u32, f64>> = BTreeMap::new();
    for (number, doc_keys) in (0u32..).zip(keys) {
        for (key, weight) in doc_keys {
            let slot = exact.entry(key).or_default().entry(number).or_insert(0.0);
            *slot = slot.max(*weight);
        }
    }
    let exact = exact.into_iter().map(|(key, docs)| {
        let list = docs.into_iter().map(|(n, w)| (n, quantise(w))).collect();
        (key.to_string(), list)
    });
    // A key equal to a term (no token holds the `#` a key begins with) takes the term's place.
    *postings = merge_terms(std::mem::take(postings), exact, |_, key| key);
}

fn quantise(score: f64) -> u32 {
    (score * IMPACT_SCALE).round().max(1.0) as u32
}

fn average_lengths(lengths: &[[u32; FIELD_COUNT]]) -> [f64; FIELD_COUNT] {
    let mut sums = [0.0; FIELD_COUNT];
    for row in lengths {
        for (sum, &len) in sums.iter_mut().zip(row) {
            *sum += f64::from(len);
        }
    }
    let n = lengths.len().max(1) as f64;
    sums.map(|sum| if sum > 0.0 { sum / n } else { 1.0 })
}
