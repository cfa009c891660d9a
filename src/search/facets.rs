//! The facet columns: one small file per filter, `<build>/f/<name>.json`, fetched only when a
//! visitor uses that filter (or browses with filters and no words), so a query pays only for the
//! columns its filters read. manifest.json lists the names; the browser makes the paths.
//!
//! Every column is indexed by document number and spelled in base-64 digits (digits.rs: the
//! alphabet `0-9 A-Z a-z - _`, values 0‥63):
//! - a **bitset** is ⌈n/6⌉ digits; document d is in it when digit ⌊d/6⌋ has bit d mod 6 set
//!   (value 2^(d mod 6)): `"5"` holds documents 0 and 2;
//! - a **code string** is `width` digits per document, most significant first: document d's
//!   number is digits d·width … d·width+width−1;
//! - a **document list** is varints (digits.rs): the first document's number, then the gaps.
//!
//! | file | filters | JSON |
//! |---|---|---|
//! | `kind.json` | kind | `{"values": [kind…], "bits": [bitset…]}`: bitset i = documents of kind values\[i\] |
//! | `service.json` | service | the same for service ids (a document can be in several) |
//! | `accepts.json` | accepts | the same for who is accepted |
//! | `area/<b>.json` | area | `{area id: document list, …}` for the areas of bucket b (below) |
//! | `transport.json`, `lunch.json`, `saturday.json` | the same | `{"bits": bitset}`: documents that say yes |
//! | `wage.json` | wage_min, wage_max | `{"bits": bitset, "width": w, "codes": "…"}`: the documents that give a wage (above 0 yen), and their highest monthly average wage in yen, in document order |
//!
//! A national guide has a thousand areas and a visitor filters by one or two, so the area filter
//! reads buckets, not one column of every document: area id → bucket FNV-1a(id) mod
//! `areaBuckets` (in the manifest; about 16 areas a bucket). Every bucket is written, empty or
//! not, so an area the index has never seen (a stale link) finds its bucket without it: no
//! results, not an error. At 10,000 offices a bucket is under 1 kB; the column of every
//! document's area it replaces was 32 kB.
//!
//! `width` is the fewest digits that hold the largest number of the column (wage: 3 up to 262,143
//! yen), so nothing is clamped and a wage filter is exact to the yen. Only the documents that
//! give a wage spell one (a guide where few do has a small wage.json), and a yes/no fact keeps
//! only "yes": those are all a filter passes ("no" and "unknown" stay out).
//!
//! Vocabularies are sorted, so the columns are the same for the same entries. The bitsets are
//! 1.7 KB a value at 10,000 documents (BENCHMARKS.md has the figures).

use super::analyze::fnv1a32;
use super::digits::{digit, push_varint};
use super::{SearchDoc, SearchError};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A facet file: its path under `f/` without `.json` (`kind`, `area/3`) and its JSON.
pub(crate) struct Column {
    pub path: String,
    pub json: Vec<u8>,
}

/// Every facet file, the filters' names (as manifest.json lists them) and the area buckets.
pub(crate) struct Facets {
    pub names: Vec<&'static str>,
    pub area_buckets: u32,
    pub columns: Vec<Column>,
}

/// Areas aimed at per bucket file (see the module comment).
const AREAS_PER_BUCKET: usize = 16;

/// Values with a bitset each.
#[derive(Serialize)]
struct Sets<'a> {
    values: Vec<&'a str>,
    bits: Vec<String>,
}

/// One number per listed document, `width` digits each.
struct Codes {
    width: usize,
    codes: String,
}

/// The documents that say yes.
#[derive(Serialize)]
struct Flag {
    bits: String,
}

/// The documents that have a number, and their numbers in document order.
#[derive(Serialize)]
struct Given {
    bits: String,
    width: usize,
    codes: String,
}

/// Every column, in the order manifest.json lists them.
pub(crate) fn columns(docs: &[&SearchDoc]) -> Result<Facets, SearchError> {
    let wage = |d: &SearchDoc| d.wage.filter(|&yen| yen > 0);
    let wages: Vec<u32> = docs.iter().filter_map(|d| wage(d)).collect();
    let wages = codes(&wages);
    let wages = Given {
        bits: bitset(docs.len(), |d| wage(docs[d]).is_some()),
        width: wages.width,
        codes: wages.codes,
    };
    let flag = |yes: fn(&SearchDoc) -> bool| Flag {
        bits: bitset(docs.len(), |d| yes(docs[d])),
    };
    let (area_buckets, buckets) = area_buckets(docs);
    let mut files = vec![
        (
            "kind".to_owned(),
            json(&sets(docs, |d| std::slice::from_ref(&d.kind))),
        ),
        ("service".to_owned(), json(&sets(docs, |d| &d.services))),
    ];
    for (i, bucket) in buckets.iter().enumerate() {
        files.push((format!("area/{i}"), json(bucket)));
    }
    files.extend([
        ("accepts".to_owned(), json(&sets(docs, |d| &d.accepts))),
        (
            "transport".to_owned(),
            json(&flag(|d| d.transport == Some(true))),
        ),
        ("lunch".to_owned(), json(&flag(|d| d.lunch == Some(true)))),
        ("saturday".to_owned(), json(&flag(|d| d.saturday))),
        ("wage".to_owned(), json(&wages)),
    ]);
    Ok(Facets {
        names: FILTER_FILES.to_vec(),
        area_buckets,
        columns: files
            .into_iter()
            .map(|(path, json)| Ok(Column { path, json: json? }))
            .collect::<Result<_, SearchError>>()?,
    })
}

/// The filters' files as manifest.json names them (`area` is the folder of buckets).
const FILTER_FILES: [&str; 8] = [
    "kind",
    "service",
    "area",
    "accepts",
    "transport",
    "lunch",
    "saturday",
    "wage",
];

/// The area buckets: bucket b maps each of its area ids to the list of its documents.
fn area_buckets<'a>(docs: &[&'a SearchDoc]) -> (u32, Vec<BTreeMap<&'a str, String>>) {
    let mut by_area: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (number, doc) in (0u32..).zip(docs) {
        if !doc.area.is_empty() {
            by_area.entry(doc.area.as_str()).or_default().push(number);
        }
    }
    let count = by_area.len().div_ceil(AREAS_PER_BUCKET).max(1);
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    let mut buckets = vec![BTreeMap::new(); count as usize];
    for (area, numbers) in by_area {
        let mut list = String::new();
        let mut previous = None;
        for number in numbers {
            push_varint(&mut list, previous.map_or(number, |p| number - p));
            previous = Some(number);
        }
        buckets[area_bucket(area, count) as usize].insert(area, list);
    }
    (count, buckets)
}

/// The bucket of an area id; search-facets.js `areaBucket` is the same function.
pub(crate) fn area_bucket(area: &str, buckets: u32) -> u32 {
    fnv1a32(area.as_bytes()) % buckets.max(1)
}

fn json(value: &impl Serialize) -> Result<Vec<u8>, SearchError> {
    crate::json::to_vec(value).map_err(SearchError::Json)
}

/// The values documents have in one multi-valued field, each with the bitset of its documents.
fn sets<'a>(docs: &[&'a SearchDoc], field: impl Fn(&'a SearchDoc) -> &'a [String]) -> Sets<'a> {
    let values = vocabulary(docs.iter().flat_map(|d| field(d)));
    let bits = values
        .iter()
        .map(|v| {
            bitset(docs.len(), |d| {
                field(docs[d]).iter().any(|x| x.as_str() == *v)
            })
        })
        .collect();
    Sets { values, bits }
}

fn codes(numbers: &[u32]) -> Codes {
    let largest = numbers.iter().copied().max().unwrap_or(0);
    let width = digits_for(largest);
    let mut codes = String::with_capacity(numbers.len() * width);
    for &n in numbers {
        for place in (0..width).rev() {
            codes.push(digit(n >> (6 * place)));
        }
    }
    Codes { width, codes }
}

/// The fewest base-64 digits (at least one) that spell `n`.
fn digits_for(n: u32) -> usize {
    let mut width = 1;
    while width < 6 && n >> (6 * width) != 0 {
        width += 1;
    }
    width
}

fn bitset(n: usize, member: impl Fn(usize) -> bool) -> String {
    (0..n.div_ceil(6))
        .map(|i| {
            let bits = (0..6)
                .filter(|b| i * 6 + b < n && member(i * 6 + b))
                .fold(0, |acc, b| acc | 1 << b);
            digit(bits)
        })
        .collect()
}

fn vocabulary<'a>(values: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let set: BTreeSet<&str> = values
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .collect();
    set.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitsets_put_document_d_at_bit_d_mod_6_of_digit_d_div_6() {
        assert_eq!(bitset(4, |d| d == 0 || d == 2), "5");
        assert_eq!(bitset(13, |d| d == 5 || d == 6 || d == 12), "W11");
        assert_eq!(bitset(6, |_| true), "_");
        assert_eq!(bitset(0, |_| true), "");
    }

    #[test]
    fn codes_are_as_wide_as_the_largest_number() {
        assert_eq!(digits_for(0), 1);
        assert_eq!(digits_for(63), 1);
        assert_eq!(digits_for(64), 2);
        assert_eq!(digits_for(4095), 2);
        assert_eq!(digits_for(262_143), 3);
        assert_eq!(digits_for(262_144), 4);
        assert_eq!(digits_for(u32::MAX), 6);
        assert_eq!(codes(&[16_500, 90_000, 0]).codes, "41qL-G000");
        assert_eq!(codes(&[1, 0, 2]).codes, "102");
        assert_eq!(codes(&[]).codes, "");
    }

    #[test]
    fn every_area_lists_its_documents_in_its_bucket() {
        let doc = |area: &str| SearchDoc {
            area: area.to_owned(),
            ..SearchDoc::default()
        };
        let docs: Vec<SearchDoc> = (0..100)
            .map(|i| doc(&format!("area-{}", i % 40)))
            .chain([doc("")])
            .collect();
        let refs: Vec<&SearchDoc> = docs.iter().collect();
        let (count, buckets) = area_buckets(&refs);
        assert_eq!(count, 3, "40 areas, about 16 a bucket");
        assert_eq!(buckets.len(), 3);
        assert_eq!(buckets.iter().map(BTreeMap::len).sum::<usize>(), 40);
        // area-7: documents 7, 47, 87 → 7, gap 40, gap 40 (40 = 8 + 1·32: the digits 8 + 32, "e",
        // and 1)
        let bucket = &buckets[area_bucket("area-7", count) as usize];
        assert_eq!(bucket["area-7"], "7e1e1");
        assert_eq!(area_bucket("", 0), 0, "no bucket count is one bucket");
        // the same numbers as tests/search/facets.test.mjs for areaBucket in the browser
        assert_eq!(area_bucket("mito", 7), 1);
        assert_eq!(area_bucket("sapporo-chuo", 130), 49);
        assert_eq!(area_bucket("北区", 65), 12);
    }
}
