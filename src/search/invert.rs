//! Builds the inverted index with elasticlunr-rs (the design's choice), fed by our analyser, and
//! reads its term → document table and field lengths back out.
//!
//! Why not ship elasticlunr's own JSON: it is one file (24 MB for 10,000 pages), a character trie
//! whose nesting makes it impossible to cut by token, with every document reference repeated as a
//! string and every term frequency as a float. elasticlunr-rs 3.x has no public accessor for its
//! inverted index, so we read it through its `Serialize` form, which is stable and documented by
//! elasticlunr.js: `index.<field>.root` is a trie whose nodes hold `docs` (`{ref: {tf}}`), `df`,
//! and one child per next character.

use super::SearchError;
use super::analyze::index_terms;
use super::fields::FIELDS;
use elasticlunr::{IndexBuilder, Language, Pipeline};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(crate) const FIELD_COUNT: usize = FIELDS.len();

/// How often a term occurs in each field of one document.
pub(crate) type FieldCounts = [u32; FIELD_COUNT];

pub(crate) struct Inverted {
    /// term → (document number → occurrences per field), in code-point order of terms.
    pub terms: BTreeMap<String, BTreeMap<u32, FieldCounts>>,
    /// document number → tokens per field (for BM25 length normalisation).
    pub lengths: Vec<FieldCounts>,
}

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

/// `docs[i]` holds the field texts of document number `i`, in [`FIELDS`] order.
pub(crate) fn invert(docs: &[[String; FIELD_COUNT]]) -> Result<Inverted, SearchError> {
    let mut builder = IndexBuilder::with_language(Box::new(Shirube)).save_docs(false);
    for field in &FIELDS {
        builder = builder.add_field_with_tokenizer(field.name, Box::new(|t: &str| index_terms(t)));
    }
    let mut index = builder.build();
    for (number, texts) in docs.iter().enumerate() {
        index.add_doc(&number.to_string(), texts.iter());
    }
    let json = serde_json::to_value(&index).map_err(SearchError::Json)?;

    let mut terms: BTreeMap<String, BTreeMap<u32, FieldCounts>> = BTreeMap::new();
    for (slot, field) in FIELDS.iter().enumerate() {
        let root = json
            .pointer(&format!("/index/{}/root", field.name))
            .and_then(Value::as_object)
            .ok_or_else(|| shape(&format!("index.{}.root", field.name)))?;
        let mut prefix = String::new();
        walk(root, &mut prefix, &mut |term, number, count| {
            let counts = terms
                .entry(term.to_string())
                .or_default()
                .entry(number)
                .or_insert([0; FIELD_COUNT]);
            counts[slot] = count;
        })?;
    }

    let info = json
        .pointer("/documentStore/docInfo")
        .and_then(Value::as_object)
        .ok_or_else(|| shape("documentStore.docInfo"))?;
    let mut lengths = vec![[0; FIELD_COUNT]; docs.len()];
    for (reference, per_field) in info {
        let number = doc_number(reference)?;
        let row = lengths
            .get_mut(number as usize)
            .ok_or_else(|| shape("documentStore.docInfo reference"))?;
        for (slot, field) in FIELDS.iter().enumerate() {
            let len = per_field.get(field.name).and_then(Value::as_u64).unwrap_or(0);
            row[slot] = u32::try_from(len).unwrap_or(u32::MAX);
        }
    }
    Ok(Inverted { terms, lengths })
}

/// Depth-first over the trie; `emit(term, doc number, occurrences)` for every posting.
fn walk(
    node: &Map<String, Value>,
    prefix: &mut String,
    emit: &mut dyn FnMut(&str, u32, u32),
) -> Result<(), SearchError> {
    for (key, value) in node {
        match key.as_str() {
            "df" => {}
            "docs" => {
                let docs = value.as_object().ok_or_else(|| shape("docs"))?;
                for (reference, tf) in docs {
                    // elasticlunr stores sqrt(occurrences); square it back to a count
                    let tf = tf.get("tf").and_then(Value::as_f64).ok_or_else(|| shape("tf"))?;
                    let count = (tf * tf).round().max(1.0) as u32;
                    if !prefix.is_empty() {
                        emit(prefix, doc_number(reference)?, count);
                    }
                }
            }
            _ => {
                let child = value.as_object().ok_or_else(|| shape("trie node"))?;
                let len = prefix.len();
                prefix.push_str(key);
                walk(child, prefix, emit)?;
                prefix.truncate(len);
            }
        }
    }
    Ok(())
}

fn doc_number(reference: &str) -> Result<u32, SearchError> {
    reference
        .parse()
        .map_err(|_| shape("document reference"))
}

fn shape(what: &str) -> SearchError {
    SearchError::IndexShape(what.to_string())
}
