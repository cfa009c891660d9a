//! The facet columns: one small file per filter, `<build>/f/<name>.json`, fetched only when a
//! visitor uses that filter (or browses with filters and no words), so a query pays only for the
//! columns its filters read. manifest.json lists the names; the browser makes the paths.
//!
//! Every column is indexed by document number and spelled in base-64 digits (digits.rs: the
//! alphabet `0-9 A-Z a-z - _`, values 0‥63):
//! - a **bitset** is ⌈n/6⌉ digits; document d is in it when digit ⌊d/6⌋ has bit d mod 6 set
//!   (value 2^(d mod 6)): `"5"` holds documents 0 and 2;
//! - a **code string** is `width` digits per document, most significant first: document d's
//!   number is digits d·width … d·width+width−1.
//!
//! | file | filters | JSON |
//! |---|---|---|
//! | `kind.json` | kind | `{"values": [kind…], "bits": [bitset…]}`: bitset i = documents of kind values\[i\] |
//! | `service.json` | service | the same for service ids (a document can be in several) |
//! | `accepts.json` | accepts | the same for who is accepted |
//! | `area.json` | area | `{"values": [area id…], "width": w, "codes": "…"}`: 0 = no area, i+1 = values\[i\] |
//! | `transport.json`, `lunch.json`, `saturday.json` | the same | `{"bits": bitset}`: documents that say yes |
//! | `wage.json` | wage_min, wage_max | `{"bits": bitset, "width": w, "codes": "…"}`: the documents that give a wage (above 0 yen), and their highest monthly average wage in yen, in document order |
//!
//! `width` is the fewest digits that hold the largest number of the column (area: 2 up to 4,095
//! areas; wage: 3 up to 262,143 yen), so nothing is clamped and a wage filter is exact to the yen.
//! Only the documents that give a wage spell one (a guide where few do has a small wage.json), and
//! a yes/no fact keeps only "yes": those are all a filter passes ("no" and "unknown" stay out).
//!
//! Vocabularies are sorted, so the columns are the same for the same entries. At 10,000 offices
//! of the national data the largest column, `area.json` (1,043 areas), is about 32 KB raw and
//! 16 KB gzip; the bitsets are 1.7 KB a value (BENCHMARKS.md has the figures).

use super::digits::digit;
use super::{SearchDoc, SearchError};
use serde::Serialize;
use std::collections::BTreeSet;

/// A column's name (the file `f/<name>.json`) and its JSON.
pub(crate) struct Column {
    pub name: &'static str,
    pub json: Vec<u8>,
}

/// Values with a bitset each.
#[derive(Serialize)]
struct Sets<'a> {
    values: Vec<&'a str>,
    bits: Vec<String>,
}

/// One number per document; `values` names what the numbers 1… stand for, when they are ids.
#[derive(Serialize)]
struct Codes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<Vec<&'a str>>,
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
pub(crate) fn columns(docs: &[&SearchDoc]) -> Result<Vec<Column>, SearchError> {
    let areas = vocabulary(docs.iter().map(|d| &d.area));
    let area_codes: Vec<u32> = docs
        .iter()
        .map(|d| position(&areas, &d.area).map_or(0, |i| i as u32 + 1))
        .collect();
    let wage = |d: &SearchDoc| d.wage.filter(|&yen| yen > 0);
    let wages: Vec<u32> = docs.iter().filter_map(|d| wage(d)).collect();
    let wages = codes(None, &wages);
    let wages = Given {
        bits: bitset(docs.len(), |d| wage(docs[d]).is_some()),
        width: wages.width,
        codes: wages.codes,
    };
    let flag = |yes: fn(&SearchDoc) -> bool| Flag {
        bits: bitset(docs.len(), |d| yes(docs[d])),
    };
    let columns = [
        ("kind", json(&sets(docs, |d| std::slice::from_ref(&d.kind)))),
        ("service", json(&sets(docs, |d| &d.services))),
        ("area", json(&codes(Some(areas), &area_codes))),
        ("accepts", json(&sets(docs, |d| &d.accepts))),
        ("transport", json(&flag(|d| d.transport == Some(true)))),
        ("lunch", json(&flag(|d| d.lunch == Some(true)))),
        ("saturday", json(&flag(|d| d.saturday))),
        ("wage", json(&wages)),
    ];
    columns
        .into_iter()
        .map(|(name, json)| Ok(Column { name, json: json? }))
        .collect()
}

fn json(value: &impl Serialize) -> Result<Vec<u8>, SearchError> {
    serde_json::to_vec(value).map_err(SearchError::Json)
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

fn codes<'a>(values: Option<Vec<&'a str>>, numbers: &[u32]) -> Codes<'a> {
    let largest = numbers.iter().copied().max().unwrap_or(0);
    let width = digits_for(largest);
    let mut codes = String::with_capacity(numbers.len() * width);
    for &n in numbers {
        for place in (0..width).rev() {
            codes.push(digit(n >> (6 * place)));
        }
    }
    Codes {
        values,
        width,
        codes,
    }
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

fn position(vocabulary: &[&str], value: &str) -> Option<usize> {
    vocabulary.binary_search(&value).ok()
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
        assert_eq!(codes(None, &[16_500, 90_000, 0]).codes, "41qL-G000");
        assert_eq!(codes(None, &[1, 0, 2]).codes, "102");
        assert_eq!(codes(None, &[]).codes, "");
    }
}
