//! Reads elasticlunr's serialised index back into term → document → per-field counts, streaming
//! over the JSON bytes: a `serde_json::Value` of a 10,000-entry index costs a gigabyte and seconds.
//!
//! The shape (elasticlunr.js's, kept by elasticlunr-rs 3.x):
//! `{"index": {<field>: {"root": node}}, "documentStore": {"docInfo": {ref: {field: length}}}, …}`
//! with `node = {"docs": {ref: {"tf": sqrt(count)}}, "df": n, <next char>: node, …}`.
//! The trie is as deep as the longest term (analyze.rs caps Latin words at 40 characters), well
//! within serde_json's nesting limit of 128.

use super::SearchError;
use super::fields::FIELDS;
use super::fields::FieldCounts;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// What the read-back collects.
#[derive(Default)]
pub(crate) struct Collected {
    pub terms: Terms,
    pub lengths: BTreeMap<u32, FieldCounts>,
}

pub(crate) fn read(json: &[u8]) -> Result<Collected, SearchError> {
    let mut collected = Collected::default();
    let mut de = serde_json::Deserializer::from_slice(json);
    Top {
        out: &mut collected,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end())
    .map_err(|e| SearchError::IndexShape(e.to_string()))?;
    Ok(collected)
}

/// A map key, borrowed from the input when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

fn doc_number<E: de::Error>(reference: &str) -> Result<u32, E> {
    reference
        .parse()
        .map_err(|_| E::custom(format!("document reference {reference:?}")))
}

fn field_slot<E: de::Error>(name: &str) -> Result<usize, E> {
    FIELDS
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| E::custom(format!("unknown field {name:?}")))
}

/// Declares a map-visiting seed: `$name` holds `$fields`; `$body` handles one map entry.
macro_rules! map_seed {
    ($name:ident { $($field:ident: $ty:ty),* }, $what:literal, |$this:ident, $key:ident, $map:ident| $body:block) => {
        struct $name<'a> { $($field: $ty),* }
        impl<'de> DeserializeSeed<'de> for $name<'_> {
            type Value = ();
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_map(self)
            }
        }
        impl<'de> Visitor<'de> for $name<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str($what)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut $map: A) -> Result<(), A::Error> {
                #[allow(unused_mut)]
                let mut $this = self;
                while let Some(Key($key)) = $map.next_key::<Key>()? $body
                Ok(())
            }
        }
    };
}

map_seed!(Top { out: &'a mut Collected }, "an elasticlunr index", |this, key, map| {
    match key.as_ref() {
        "index" => map.next_value_seed(Fields { out: &mut *this.out })?,
        "documentStore" => map.next_value_seed(Store { out: &mut *this.out })?,
        _ => {
            map.next_value::<IgnoredAny>()?;
        }
    }
});

map_seed!(Fields { out: &'a mut Collected }, "the fields' inverted indexes", |this, key, map| {
    let slot = field_slot(&key)?;
    map.next_value_seed(Root { out: &mut *this.out, slot })?;
});

map_seed!(Root { out: &'a mut Collected, slot: usize }, "an inverted index", |this, key, map| {
    if key == "root" {
        let mut prefix = String::new();
        let out = &mut *this.out;
        map.next_value_seed(Node { out, slot: this.slot, prefix: &mut prefix })?;
    } else {
        map.next_value::<IgnoredAny>()?;
    }
});

map_seed!(
    Node { out: &'a mut Collected, slot: usize, prefix: &'a mut String },
    "a trie node",
    |this, key, map| {
        match key.as_ref() {
            "df" => {
                map.next_value::<IgnoredAny>()?;
            }
            // The root's documents have no term (elasticlunr keeps none there).
            "docs" if this.prefix.is_empty() => {
                map.next_value::<IgnoredAny>()?;
            }
            "docs" => {
                let (terms, term) = (Some(&mut this.out.terms), this.prefix.as_str());
                map.next_value_seed(Docs { terms, term, docs: None, slot: this.slot })?;
            }
            next => {
                let len = this.prefix.len();
                this.prefix.push_str(next);
                let (out, prefix) = (&mut *this.out, &mut *this.prefix);
                map.next_value_seed(Node { out, slot: this.slot, prefix })?;
                this.prefix.truncate(len);
            }
        }
    }
);

#[derive(Deserialize)]
struct Tf {
    tf: f64,
}

type Terms = BTreeMap<String, BTreeMap<u32, FieldCounts>>;

// The term's documents are looked up at its first document, once for all of them (a node
// without documents, inside a longer term, adds no term).
map_seed!(
    Docs {
        terms: Option<&'a mut Terms>,
        term: &'a str,
        docs: Option<&'a mut BTreeMap<u32, FieldCounts>>,
        slot: usize
    },
    "a term's documents",
    |this, key, map| {
        let number = doc_number(&key)?;
        // elasticlunr stores sqrt(occurrences); square it back to a count
        let Tf { tf } = map.next_value()?;
        let count = (tf * tf).round().max(1.0) as u32;
        if let Some(terms) = this.terms.take() {
            this.docs = Some(terms.entry(this.term.to_string()).or_default());
        }
        if let Some(docs) = this.docs.as_deref_mut() {
            docs.entry(number).or_insert([0; FIELDS.len()])[this.slot] = count;
        }
    }
);

map_seed!(Store { out: &'a mut Collected }, "a document store", |this, key, map| {
    if key == "docInfo" {
        let info: BTreeMap<String, BTreeMap<String, u64>> = map.next_value()?;
        for (reference, lengths) in info {
            let row = this.out.lengths.entry(doc_number(&reference)?).or_insert([0; FIELDS.len()]);
            for (field, len) in lengths {
                row[field_slot(&field)?] = u32::try_from(len).unwrap_or(u32::MAX);
            }
        }
    } else {
        map.next_value::<IgnoredAny>()?;
    }
});
