//! The facet table: one compact column per filterable fact, indexed by document number, fetched
//! only when a visitor ticks a filter (or browses with filters and no words).
//!
//! JSON: `{"kinds": [kind…], "services": [id…], "areas": [id…], "accepts": [id…],
//!         "k": [kind index per doc], "s": [[service index…] per doc], "a": [area index or -1 per doc],
//!         "c": [[accepts index…] per doc],
//!         "t": "0120…", "l": "…"  (transport, lunch: 0 unknown, 1 yes, 2 no; one char per doc),
//!         "sat": "0110…" (open on Saturday), "w": [monthly wage in yen, 0 = unknown, per doc]}`
//! Vocabularies are sorted, so the table is the same for the same entries.

use super::{SearchDoc, SearchError};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Serialize)]
struct FacetTable<'a> {
    kinds: Vec<&'a str>,
    services: Vec<&'a str>,
    areas: Vec<&'a str>,
    accepts: Vec<&'a str>,
    k: Vec<i64>,
    s: Vec<Vec<usize>>,
    a: Vec<i64>,
    c: Vec<Vec<usize>>,
    t: String,
    l: String,
    sat: String,
    w: Vec<u32>,
}

pub(crate) fn table(docs: &[&SearchDoc]) -> Result<Vec<u8>, SearchError> {
    let kinds = vocabulary(docs.iter().map(|d| &d.kind));
    let services = vocabulary(docs.iter().flat_map(|d| d.services.iter()));
    let areas = vocabulary(docs.iter().map(|d| &d.area));
    let accepts = vocabulary(docs.iter().flat_map(|d| d.accepts.iter()));
    let table = FacetTable {
        k: docs
            .iter()
            .map(|d| position(&kinds, &d.kind).map_or(-1, |i| i as i64))
            .collect(),
        s: docs
            .iter()
            .map(|d| positions(&services, &d.services))
            .collect(),
        a: docs
            .iter()
            .map(|d| position(&areas, &d.area).map_or(-1, |i| i as i64))
            .collect(),
        c: docs
            .iter()
            .map(|d| positions(&accepts, &d.accepts))
            .collect(),
        t: docs.iter().map(|d| tri_state(d.transport)).collect(),
        l: docs.iter().map(|d| tri_state(d.lunch)).collect(),
        sat: docs
            .iter()
            .map(|d| if d.saturday { '1' } else { '0' })
            .collect(),
        w: docs.iter().map(|d| d.wage.unwrap_or(0)).collect(),
        kinds,
        services,
        areas,
        accepts,
    };
    serde_json::to_vec(&table).map_err(SearchError::Json)
}

fn vocabulary<'a>(values: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let set: BTreeSet<&str> = values
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .collect();
    set.into_iter().collect()
}

fn position(vocabulary: &[&str], value: &str) -> Option<usize> {
    vocabulary.binary_search(&value).ok()
}

fn positions(vocabulary: &[&str], values: &[String]) -> Vec<usize> {
    let mut out: Vec<usize> = values
        .iter()
        .filter_map(|v| position(vocabulary, v))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn tri_state(value: Option<bool>) -> char {
    match value {
        None => '0',
        Some(true) => '1',
        Some(false) => '2',
    }
}
