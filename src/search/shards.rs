//! Cuts the postings into term shards: contiguous ranges of terms in code-point order, each about
//! 2–4 kB of JSON (see `SHARD_MIN_BYTES`). The manifest lists each shard's first term; the
//! browser finds a term's shard by binary search, and a prefix ("北…", "yb…") by the range of
//! shards that can hold it. Range (not hash) partitioning is what makes those prefix look-ups one or two files.
//!
//! Shard JSON: `{"p": {term: "<varints>"}, "n": {term: "<varints>"}, "x": {term: "<varints>"}}`,
//! each string a list of numbers in base-64 varints (digits.rs):
//! `p`: `doc, impact, gap, impact, gap, impact, …`; `n`: `typical impact, doc, gap, gap, …`;
//! `x`: as `p`.
//! `p` lists the documents that contain the term (first document number, then gaps to the next),
//! each followed by its impact. A term in more than half the documents (しゅ, じぎ in a national
//! corpus; 発達障害 in a region where most offices accept developmental disabilities) is stored,
//! when shorter, as the documents that do NOT contain it (`n`), with one typical impact for the
//! rest, except the documents listed in `x` whose impact is well above it: 発達障害 in the name
//! of the 発達障害者支援センター must still outrank 発達障害 in a list of accepted disabilities.
//!
//! A query fetches one shard per word piece (ワークセンター: six bigrams, six shards), so the
//! shards are small: the first query of a 10,000-entry guide is the manifest, a few kB per
//! piece and the document chunks of the results shown.

use super::SearchError;
use super::digits::push_varint;
use std::collections::BTreeMap;

/// Raw JSON bytes per shard before a new one starts: about a 256th of the whole index, between
/// these bounds. A small site gets small shards, so a long query does not fetch most of its
/// index; a large one gets more files of at most a few kB (a term whose list is longer has a
/// shard of its own). More shards make the manifest longer (about 9 bytes a shard), which every
/// query fetches first: 4 kB shards give about 1,200 of them at 10,000 entries.
const SHARD_MIN_BYTES: usize = 2_000;
const SHARD_MAX_BYTES: usize = 4_000;
const SHARDS_AIMED_AT: usize = 256;

pub(crate) struct Shard {
    /// The shortest prefix of the first term it holds that sorts after the last term of the shard
    /// before (the empty string for the first shard): the manifest lists every shard's start, so
    /// `#01b6` instead of `#01b67855` keeps it short, and a binary search over the starts still
    /// finds every term's shard.
    pub start: String,
    pub json: Vec<u8>,
}

#[derive(serde::Serialize, Default)]
struct ShardJson<'a> {
    p: BTreeMap<&'a str, &'a str>,
    n: BTreeMap<&'a str, &'a str>,
    x: BTreeMap<&'a str, &'a str>,
}

/// A term's list as the digits its shard holds (see the module comment).
enum Encoded {
    Present(String),
    Absent { missing: String, exceptions: String },
}

/// An impact this many times the typical one is kept exactly in `x`.
const EXCEPTION_FACTOR: f64 = 1.5;

/// Consumes the terms: each term's list of (document, impact), made by `impacts`, is dropped
/// once it is spelled in digits, so no more than the shards' own text is held for all terms
/// at once (the lists were 21 MB at 10,000 documents, their digits are 7).
pub(crate) fn cut<T: Send>(
    terms: Vec<(String, T)>,
    doc_count: u32,
    impacts: impl Fn(T) -> Vec<(u32, u32)> + Sync,
) -> Result<Vec<Shard>, SearchError> {
    use rayon::prelude::*;
    let encoded: Vec<(String, Encoded)> = terms
        .into_par_iter()
        .map(|(term, weights)| (term, encode(&impacts(weights), doc_count)))
        .collect();
    let costs: Vec<usize> = encoded.iter().map(|(t, e)| cost(t, e)).collect();
    let total: usize = costs.iter().sum();
    let target = (total / SHARDS_AIMED_AT).clamp(SHARD_MIN_BYTES, SHARD_MAX_BYTES);

    // Where each shard begins (an index into the terms) and its start: in order, one pass.
    let mut bounds: Vec<(usize, String)> = Vec::new();
    let mut size = 0usize;
    for (i, &cost) in costs.iter().enumerate() {
        if i == 0 {
            bounds.push((0, String::new()));
        } else if size > 0 && size + cost > target {
            let start = shortest_start(&encoded[i - 1].0, &encoded[i].0).to_owned();
            bounds.push((i, start));
            size = 0;
        }
        size += cost;
    }
    // Then each shard's JSON on every core.
    let ends: Vec<usize> = bounds
        .iter()
        .skip(1)
        .map(|(i, _)| *i)
        .chain([encoded.len()])
        .collect();
    bounds
        .into_par_iter()
        .zip(ends)
        .map(|((first, start), end)| finish(start, &encoded[first..end]))
        .collect()
}

/// One shard of `terms`, which begins with the term `start` is the shortest prefix of.
fn finish(start: String, terms: &[(String, Encoded)]) -> Result<Shard, SearchError> {
    let mut shard = ShardJson::default();
    for (term, encoded) in terms {
        match encoded {
            Encoded::Present(digits) => {
                shard.p.insert(term, digits);
            }
            Encoded::Absent {
                missing,
                exceptions,
            } => {
                shard.n.insert(term, missing);
                if !exceptions.is_empty() {
                    shard.x.insert(term, exceptions);
                }
            }
        }
    }
    let json = crate::json::to_vec(&shard).map_err(SearchError::Json)?;
    Ok(Shard { start, json })
}

/// The shortest prefix of `first` (in whole characters) that sorts after `previous`; terms sort
/// by code point, which is byte order in UTF-8 and the order of the browser's `compare`.
fn shortest_start<'a>(previous: &str, first: &'a str) -> &'a str {
    first
        .char_indices()
        .map(|(at, c)| &first[..at + c.len_utf8()])
        .find(|prefix| *prefix > previous)
        .unwrap_or(first)
}

/// The shorter of the two encodings (see the module comment).
fn encode(list: &[(u32, u32)], doc_count: u32) -> Encoded {
    let present = encode_present(list);
    if list.len() as u64 * 2 <= u64::from(doc_count) {
        return present;
    }
    let absent = encode_absent(list, doc_count);
    if numbers_len(&absent) < numbers_len(&present) {
        absent
    } else {
        present
    }
}

fn encode_present(list: &[(u32, u32)]) -> Encoded {
    let mut out = String::with_capacity(list.len() * 3);
    let mut previous = None;
    for &(doc, impact) in list {
        push_varint(&mut out, gap(previous, doc));
        push_varint(&mut out, impact);
        previous = Some(doc);
    }
    Encoded::Present(out)
}

fn encode_absent(list: &[(u32, u32)], doc_count: u32) -> Encoded {
    // typical = the median impact: robust to the few documents with the term in the name
    let mut impacts: Vec<u32> = list.iter().map(|&(_, impact)| impact).collect();
    impacts.sort_unstable();
    let typical = impacts.get(impacts.len() / 2).copied().unwrap_or(1).max(1);
    let limit = f64::from(typical) * EXCEPTION_FACTOR;

    let mut exceptions = String::new();
    let mut previous = None;
    for &(doc, impact) in list.iter().filter(|&&(_, i)| f64::from(i) >= limit) {
        push_varint(&mut exceptions, gap(previous, doc));
        push_varint(&mut exceptions, impact);
        previous = Some(doc);
    }

    let mut missing = String::new();
    push_varint(&mut missing, typical);
    let mut present = list.iter().map(|&(doc, _)| doc).peekable();
    let mut previous = None;
    for doc in 0..doc_count {
        if present.peek() == Some(&doc) {
            present.next();
            continue;
        }
        push_varint(&mut missing, gap(previous, doc));
        previous = Some(doc);
    }
    Encoded::Absent {
        missing,
        exceptions,
    }
}

fn gap(previous: Option<u32>, doc: u32) -> u32 {
    previous.map_or(doc, |p| doc.saturating_sub(p))
}

/// Approximate JSON length of a term's entry.
fn cost(term: &str, encoded: &Encoded) -> usize {
    term.len() + 6 + numbers_len(encoded)
}

/// Length of the numbers' digits (see digits.rs).
fn numbers_len(encoded: &Encoded) -> usize {
    match encoded {
        Encoded::Present(digits) => digits.len(),
        Encoded::Absent {
            missing,
            exceptions,
        } => missing.len() + exceptions.len() + 8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_is_the_shortest_prefix_after_the_previous_term() {
        assert_eq!(shortest_start("#01b5ffff", "#01b67855"), "#01b6");
        assert_eq!(shortest_start("かい", "きた"), "き");
        assert_eq!(shortest_start("yb", "ybs"), "ybs");
        assert_eq!(shortest_start("", "北部"), "北");
    }

    /// Every term is found in the shard whose start is the last one not after it, as the
    /// browser's binary search does, and a prefix's shards are a contiguous run from there.
    #[test]
    fn every_term_is_found_in_its_shard_by_the_starts() {
        let mut postings = std::collections::BTreeMap::new();
        for i in 0..3_000u32 {
            let term = match i % 3 {
                0 => format!("#{:08x}", i.wrapping_mul(2_654_435_761)),
                1 => format!("北{}", char::from_u32(0x3041 + i % 80).unwrap_or('あ')),
                _ => format!("w{i}"),
            };
            postings.insert(term, vec![(i % 50, 4), (50 + i % 7, 8)]);
        }
        let postings: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
        let shards = cut(postings.clone(), 100, |list| list).expect("cut");
        assert!(shards.len() > 10, "{} shards", shards.len());
        let starts: Vec<&str> = shards.iter().map(|s| s.start.as_str()).collect();
        for (term, _) in &postings {
            let at = starts.partition_point(|s| *s <= term.as_str()) - 1;
            let json: serde_json::Value = serde_json::from_slice(&shards[at].json).expect("json");
            assert!(
                json["p"].get(term).is_some() || json["n"].get(term).is_some(),
                "{term} is not in shard {at} (start {})",
                starts[at]
            );
        }
    }
}
