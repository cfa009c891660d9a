//! Cuts the postings into term shards: contiguous ranges of terms in code-point order, each about
//! [`SHARD_TARGET_BYTES`] of JSON. The manifest lists each shard's first term; the browser finds
//! a term's shard by binary search, and a prefix ("北…", "yb…") by the range of shards that can
//! hold it. Range (not hash) partitioning is what makes those prefix look-ups one or two files.
//!
//! Shard JSON: `{"p": {term: [doc, impact, gap, impact, gap, impact, …]},
//!               "n": {term: [mean impact, doc, gap, gap, …]}}`
//! `p` lists the documents that contain the term (first document number, then gaps to the next),
//! each followed by its impact. A term in more than half the documents (しゅ, じぎ, ょう in a
//! national corpus) is stored in `n` as the documents that do NOT contain it, with one mean
//! impact: such a term's idf is close to zero, so its per-document impact hardly matters, and the
//! complement is the shorter list.

use super::SearchError;
use super::impact::Postings;
use std::collections::BTreeMap;

/// Raw JSON bytes per shard before a new one starts; gzip makes it about a third.
pub(crate) const SHARD_TARGET_BYTES: usize = 12_000;

pub(crate) struct Shard {
    /// The first term it holds (the empty string for the first shard).
    pub start: String,
    pub json: Vec<u8>,
}

#[derive(serde::Serialize, Default)]
struct ShardJson<'a> {
    p: BTreeMap<&'a str, Vec<u32>>,
    n: BTreeMap<&'a str, Vec<u32>>,
}

enum Encoded {
    Present(Vec<u32>),
    Absent(Vec<u32>),
}

pub(crate) fn cut(postings: &Postings, doc_count: u32) -> Result<Vec<Shard>, SearchError> {
    let mut shards = Vec::new();
    let mut current = ShardJson::default();
    let mut start = String::new();
    let mut size = 0usize;
    for (term, list) in postings {
        let encoded = encode(list, doc_count);
        let cost = term.len() + 6 + numbers_len(&encoded);
        if size > 0 && size + cost > SHARD_TARGET_BYTES {
            shards.push(finish(std::mem::take(&mut start), &current)?);
            current = ShardJson::default();
            start = term.clone();
            size = 0;
        }
        size += cost;
        match encoded {
            Encoded::Present(v) => current.p.insert(term, v),
            Encoded::Absent(v) => current.n.insert(term, v),
        };
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

fn encode(list: &[(u32, u32)], doc_count: u32) -> Encoded {
    if list.len() as u64 * 2 > u64::from(doc_count) {
        let total: u64 = list.iter().map(|&(_, impact)| u64::from(impact)).sum();
        let mean = (total as f64 / list.len().max(1) as f64).round() as u32;
        let mut out = vec![mean.max(1)];
        let mut present = list.iter().map(|&(doc, _)| doc).peekable();
        let mut previous = None;
        for doc in 0..doc_count {
            if present.peek() == Some(&doc) {
                present.next();
                continue;
            }
            out.push(gap(previous, doc));
            previous = Some(doc);
        }
        Encoded::Absent(out)
    } else {
        let mut out = Vec::with_capacity(list.len() * 2);
        let mut previous = None;
        for &(doc, impact) in list {
            out.push(gap(previous, doc));
            out.push(impact);
            previous = Some(doc);
        }
        Encoded::Present(out)
    }
}

fn gap(previous: Option<u32>, doc: u32) -> u32 {
    previous.map_or(doc, |p| doc.saturating_sub(p))
}

fn numbers_len(encoded: &Encoded) -> usize {
    let numbers = match encoded {
        Encoded::Present(v) | Encoded::Absent(v) => v,
    };
    numbers
        .iter()
        .map(|n| n.checked_ilog10().unwrap_or(0) as usize + 2)
        .sum()
}
