//! Cuts the postings into term shards: contiguous ranges of terms in code-point order, each about
//! 4–12 kB of JSON (see `SHARD_MIN_BYTES`). The manifest lists each shard's first term; the
//! browser finds a term's shard by binary search, and a prefix ("北…", "yb…") by the range of
//! shards that can hold it. Range (not hash) partitioning is what makes those prefix look-ups one or two files.
//!
//! Shard JSON: `{"p": {term: [doc, impact, gap, impact, gap, impact, …]},
//!               "n": {term: [typical impact, doc, gap, gap, …]},
//!               "x": {term: [doc, impact, gap, impact, …]}}`
//! `p` lists the documents that contain the term (first document number, then gaps to the next),
//! each followed by its impact. A term in more than half the documents (しゅ, じぎ in a national
//! corpus; 発達障害 in a region where most offices accept developmental disabilities) is stored,
//! when shorter, as the documents that do NOT contain it (`n`), with one typical impact for the
//! rest, except the documents listed in `x` whose impact is well above it: 発達障害 in the name
//! of the 発達障害者支援センター must still outrank 発達障害 in a list of accepted disabilities.

use super::SearchError;
use super::impact::Postings;
use std::collections::BTreeMap;

/// Raw JSON bytes per shard before a new one starts (gzip makes it about a third): about a
/// 64th of the whole index, between these bounds. A small site gets small shards, so a long
/// query does not fetch most of its index; a large one gets fewer, fuller files.
const SHARD_MIN_BYTES: usize = 4_000;
const SHARD_MAX_BYTES: usize = 12_000;
const SHARDS_AIMED_AT: usize = 64;

pub(crate) struct Shard {
    /// The first term it holds (the empty string for the first shard).
    pub start: String,
    pub json: Vec<u8>,
}

#[derive(serde::Serialize, Default)]
struct ShardJson<'a> {
    p: BTreeMap<&'a str, Vec<u32>>,
    n: BTreeMap<&'a str, Vec<u32>>,
    x: BTreeMap<&'a str, Vec<u32>>,
}

enum Encoded {
    Present(Vec<u32>),
    Absent {
        missing: Vec<u32>,
        exceptions: Vec<u32>,
    },
}

/// An impact this many times the typical one is kept exactly in `x`.
const EXCEPTION_FACTOR: f64 = 1.5;

pub(crate) fn cut(postings: &Postings, doc_count: u32) -> Result<Vec<Shard>, SearchError> {
    let encoded: Vec<(&String, Encoded)> = postings
        .iter()
        .map(|(term, list)| (term, encode(list, doc_count)))
        .collect();
    let total: usize = encoded.iter().map(|(t, e)| cost(t, e)).sum();
    let target = (total / SHARDS_AIMED_AT).clamp(SHARD_MIN_BYTES, SHARD_MAX_BYTES);

    let mut shards = Vec::new();
    let mut current = ShardJson::default();
    let mut start = String::new();
    let mut size = 0usize;
    for (term, encoded) in encoded {
        let cost = cost(term, &encoded);
        if size > 0 && size + cost > target {
            shards.push(finish(std::mem::take(&mut start), &current)?);
            current = ShardJson::default();
            start = term.clone();
            size = 0;
        }
        size += cost;
        match encoded {
            Encoded::Present(v) => {
                current.p.insert(term, v);
            }
            Encoded::Absent {
                missing,
                exceptions,
            } => {
                current.n.insert(term, missing);
                if !exceptions.is_empty() {
                    current.x.insert(term, exceptions);
                }
            }
        }
    }
    if size > 0 {
        shards.push(finish(start, &current)?);
    }
    Ok(shards)
}

fn finish(start: String, shard: &ShardJson) -> Result<Shard, SearchError> {
    let json = serde_json::to_vec(shard).map_err(SearchError::Json)?;
    Ok(Shard { start, json })
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
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut previous = None;
    for &(doc, impact) in list {
        out.push(gap(previous, doc));
        out.push(impact);
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

    let mut exceptions = Vec::new();
    let mut previous = None;
    for &(doc, impact) in list.iter().filter(|&&(_, i)| f64::from(i) >= limit) {
        exceptions.push(gap(previous, doc));
        exceptions.push(impact);
        previous = Some(doc);
    }

    let mut missing = vec![typical];
    let mut present = list.iter().map(|&(doc, _)| doc).peekable();
    let mut previous = None;
    for doc in 0..doc_count {
        if present.peek() == Some(&doc) {
            present.next();
            continue;
        }
        missing.push(gap(previous, doc));
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

/// Approximate JSON length of the numbers (digits and a comma each).
fn numbers_len(encoded: &Encoded) -> usize {
    let len = |numbers: &[u32]| -> usize {
        numbers
            .iter()
            .map(|n| n.checked_ilog10().unwrap_or(0) as usize + 2)
            .sum()
    };
    match encoded {
        Encoded::Present(v) => len(v),
        Encoded::Absent {
            missing,
            exceptions,
        } => len(missing) + len(exceptions) + 8,
    }
}
