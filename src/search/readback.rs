//! Reads elasticlunr's index back into term → document → per-field counts through its
//! `Serialize` implementation, with a serializer that collects what it is shown instead of
//! writing text. Writing the index as JSON and parsing it again cost about a twelfth of a plain
//! national build's CPU (formatting and parsing every term frequency as a float); here nothing
//! is formatted, and the parts we do not need (the pipeline, the language, documents' field
//! values) are never walked.
//!
//! The shape (elasticlunr.js's, kept by elasticlunr-rs 3.x):
//! `{"index": {<field>: {"root": node}}, "documentStore": {"docInfo": {ref: {field: length}}}, …}`
//! with `node = {"docs": {ref: {"tf": sqrt(count)}}, "df": n, <next char>: node, …}`.

use super::SearchError;
use super::fields::{FIELDS, FieldCounts};
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct};
use std::collections::BTreeMap;
use std::fmt;

/// What the read-back collects.
#[derive(Default)]
pub(crate) struct Collected {
    pub terms: Terms,
    pub lengths: BTreeMap<u32, FieldCounts>,
}

type Terms = BTreeMap<String, BTreeMap<u32, FieldCounts>>;

/// The term table and field lengths of `index` (an `elasticlunr::Index`).
pub(crate) fn read(index: &impl Serialize) -> Result<Collected, SearchError> {
    let mut walker = Walker {
        out: Collected::default(),
        role: Role::Top,
        prefix: String::new(),
        key: String::new(),
        number: 0.0,
        docs: Vec::new(),
    };
    index
        .serialize(&mut walker)
        .map_err(|Shape(at)| SearchError::IndexShape(at))?;
    Ok(walker.out)
}

/// Where in the index's shape the walker is: what the next value it is shown means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// The index: `index` and `documentStore` are read, the rest skipped.
    Top,
    /// Field name → that field's inverted index.
    Fields,
    /// One field's inverted index: `{"root": node}`.
    Inverted { slot: usize },
    /// A trie node: its documents, its document frequency (skipped) and its children by
    /// character; the characters from the root are `prefix`.
    Node { slot: usize },
    /// The documents of the term `prefix`: reference → term frequency.
    Docs { slot: usize },
    /// One document's `{"tf": sqrt(count)}`.
    Frequency,
    /// The document store: only `docInfo` is read.
    Store,
    /// Reference → the document's token count per field.
    DocInfo,
    /// Field name → token count, of document `doc`.
    Lengths { doc: u32 },
    /// A number, into `number`.
    Number,
}

struct Walker {
    out: Collected,
    role: Role,
    /// The characters from the trie's root to the node being walked: its term.
    prefix: String,
    /// The key of the map entry whose value comes next.
    key: String,
    number: f64,
    /// The current term's (document, occurrences), added to `out` once its map ends.
    docs: Vec<(u32, u32)>,
}

impl Walker {
    /// Walks `value` in `role`, then returns to the role it was in.
    fn descend<T: Serialize + ?Sized>(&mut self, role: Role, value: &T) -> Result<(), Shape> {
        let outer = std::mem::replace(&mut self.role, role);
        let walked = value.serialize(&mut *self);
        self.role = outer;
        walked
    }

    fn unexpected(&self, what: &str) -> Shape {
        Shape(format!("{what} where {:?} was expected", self.role))
    }
}

/// The index did not have the shape this module reads (an elasticlunr-rs that changed it).
#[derive(Debug)]
struct Shape(String);

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Shape {}

impl ser::Error for Shape {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Shape(msg.to_string())
    }
}

fn doc_number(reference: &str) -> Result<u32, Shape> {
    reference
        .parse()
        .map_err(|_| Shape(format!("document reference {reference:?}")))
}

fn field_slot(name: &str) -> Result<usize, Shape> {
    FIELDS
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| Shape(format!("unknown field {name:?}")))
}

impl SerializeStruct for &mut Walker {
    type Ok = ();
    type Error = Shape;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Shape> {
        match (self.role, key) {
            (Role::Top, "index") => self.descend(Role::Fields, value),
            (Role::Top, "documentStore") => self.descend(Role::Store, value),
            (Role::Inverted { slot }, "root") => {
                self.prefix.clear();
                self.descend(Role::Node { slot }, value)
            }
            (Role::Store, "docInfo") => self.descend(Role::DocInfo, value),
            (Role::Frequency, "tf") => self.descend(Role::Number, value),
            // Not needed: never walked.
            (Role::Top | Role::Inverted { .. } | Role::Store | Role::Frequency, _) => Ok(()),
            _ => Err(self.unexpected(key)),
        }
    }

    fn end(self) -> Result<(), Shape> {
        Ok(())
    }
}

impl SerializeMap for &mut Walker {
    type Ok = ();
    type Error = Shape;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Shape> {
        self.key.clear();
        key.serialize(KeyText(&mut self.key))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Shape> {
        match self.role {
            Role::Fields => {
                let slot = field_slot(&self.key)?;
                self.descend(Role::Inverted { slot }, value)
            }
            Role::Node { slot } => match self.key.as_str() {
                "df" => Ok(()),
                // The root's documents have no term (elasticlunr keeps none there).
                "docs" if self.prefix.is_empty() => Ok(()),
                "docs" => self.descend(Role::Docs { slot }, value),
                _ => {
                    let len = self.prefix.len();
                    self.prefix.push_str(&self.key);
                    let walked = self.descend(Role::Node { slot }, value);
                    self.prefix.truncate(len);
                    walked
                }
            },
            Role::Docs { .. } => {
                let doc = doc_number(&self.key)?;
                self.descend(Role::Frequency, value)?;
                // elasticlunr stores sqrt(occurrences); square it back to a count
                let tf = self.number;
                self.docs.push((doc, (tf * tf).round().max(1.0) as u32));
                Ok(())
            }
            Role::DocInfo => {
                let doc = doc_number(&self.key)?;
                self.descend(Role::Lengths { doc }, value)
            }
            Role::Lengths { doc } => {
                let slot = field_slot(&self.key)?;
                self.descend(Role::Number, value)?;
                let row = self.out.lengths.entry(doc).or_insert([0; FIELDS.len()]);
                row[slot] = self.number as u32;
                Ok(())
            }
            _ => Err(self.unexpected("a map entry")),
        }
    }

    fn end(self) -> Result<(), Shape> {
        // A term's documents go in at once: one look-up of the term, not one per document (a
        // node without documents, inside a longer term, adds no term).
        if let Role::Docs { slot } = self.role
            && !self.docs.is_empty()
        {
            let docs = self.out.terms.entry(self.prefix.clone()).or_default();
            for (doc, count) in self.docs.drain(..) {
                docs.entry(doc).or_insert([0; FIELDS.len()])[slot] = count;
            }
        }
        Ok(())
    }
}

/// Declares the serializer methods of shapes the index does not have: an error each.
macro_rules! unexpected {
    ($($method:ident($($ty:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $ty),*) -> Result<Self::Ok, Shape> {
            Err(Shape(format!("unexpected {} in the index", stringify!($method))))
        })*
    };
}

/// Declares the serializer methods for compound shapes the index does not have (enums, lists,
/// tuples): an error each.
macro_rules! no_compounds {
    () => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _value: &T,
        ) -> Result<Self::Ok, Shape> {
            Err(Shape("unexpected enum in the index".into()))
        }

        fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Shape> {
            Err(Shape("unexpected list in the index".into()))
        }

        fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Shape> {
            Err(Shape("unexpected tuple in the index".into()))
        }

        fn serialize_tuple_struct(
            self,
            _name: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeTupleStruct, Shape> {
            Err(Shape("unexpected tuple in the index".into()))
        }

        fn serialize_tuple_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeTupleVariant, Shape> {
            Err(Shape("unexpected enum in the index".into()))
        }

        fn serialize_struct_variant(
            self,
            _name: &'static str,
            _index: u32,
            _variant: &'static str,
            _len: usize,
        ) -> Result<Self::SerializeStructVariant, Shape> {
            Err(Shape("unexpected enum in the index".into()))
        }
    };
}

impl ser::Serializer for &mut Walker {
    type Ok = ();
    type Error = Shape;
    type SerializeSeq = Impossible<(), Shape>;
    type SerializeTuple = Impossible<(), Shape>;
    type SerializeTupleStruct = Impossible<(), Shape>;
    type SerializeTupleVariant = Impossible<(), Shape>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Shape>;

    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Shape> {
        match self.role {
            Role::Fields
            | Role::Node { .. }
            | Role::Docs { .. }
            | Role::DocInfo
            | Role::Lengths { .. } => Ok(self),
            _ => Err(self.unexpected("a map")),
        }
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Shape> {
        match self.role {
            Role::Top | Role::Inverted { .. } | Role::Store | Role::Frequency => Ok(self),
            _ => Err(self.unexpected("a struct")),
        }
    }

    fn serialize_f64(self, v: f64) -> Result<(), Shape> {
        match self.role {
            Role::Number => {
                self.number = v;
                Ok(())
            }
            _ => Err(self.unexpected("a number")),
        }
    }

    fn serialize_u64(self, v: u64) -> Result<(), Shape> {
        self.serialize_f64(v as f64)
    }

    fn serialize_i64(self, v: i64) -> Result<(), Shape> {
        self.serialize_f64(v as f64)
    }

    fn serialize_u32(self, v: u32) -> Result<(), Shape> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Shape> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Shape> {
        value.serialize(self)
    }

    unexpected!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_f32(f32),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    no_compounds!();
}

/// Takes a map key's text (field names, document references and the trie's characters are
/// all strings).
struct KeyText<'a>(&'a mut String);

impl ser::Serializer for KeyText<'_> {
    type Ok = ();
    type Error = Shape;
    type SerializeSeq = Impossible<(), Shape>;
    type SerializeTuple = Impossible<(), Shape>;
    type SerializeTupleStruct = Impossible<(), Shape>;
    type SerializeTupleVariant = Impossible<(), Shape>;
    type SerializeMap = Impossible<(), Shape>;
    type SerializeStruct = Impossible<(), Shape>;
    type SerializeStructVariant = Impossible<(), Shape>;

    fn serialize_str(self, v: &str) -> Result<(), Shape> {
        self.0.push_str(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Shape> {
        self.0.push(v);
        Ok(())
    }

    unexpected!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Shape> {
        Err(Shape("a key that is not text".into()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Shape> {
        value.serialize(self)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Shape> {
        Err(Shape("a key that is not text".into()))
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Shape> {
        Err(Shape("a key that is not text".into()))
    }

    no_compounds!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use elasticlunr::IndexBuilder;
    use serde_json::Value;

    /// The term table as elasticlunr's own JSON holds it, walked node by node.
    fn from_json(json: &Value) -> Collected {
        fn node(out: &mut Terms, slot: usize, prefix: &mut String, value: &Value) {
            for (key, value) in value.as_object().unwrap() {
                match key.as_str() {
                    "df" => {}
                    "docs" if prefix.is_empty() => {}
                    "docs" => {
                        for (reference, tf) in value.as_object().unwrap() {
                            let tf = tf["tf"].as_f64().unwrap();
                            let docs = out.entry(prefix.clone()).or_default();
                            docs.entry(reference.parse().unwrap())
                                .or_insert([0; FIELDS.len()])[slot] = (tf * tf).round() as u32;
                        }
                    }
                    next => {
                        let len = prefix.len();
                        prefix.push_str(next);
                        node(out, slot, prefix, value);
                        prefix.truncate(len);
                    }
                }
            }
        }
        let mut out = Collected::default();
        for (field, inverted) in json["index"].as_object().unwrap() {
            let slot = field_slot(field).unwrap();
            node(&mut out.terms, slot, &mut String::new(), &inverted["root"]);
        }
        for (reference, lengths) in json["documentStore"]["docInfo"].as_object().unwrap() {
            let row = out.lengths.entry(reference.parse().unwrap()).or_default();
            for (field, len) in lengths.as_object().unwrap() {
                row[field_slot(field).unwrap()] = len.as_u64().unwrap() as u32;
            }
        }
        out
    }

    /// What the walker reads is what elasticlunr's own JSON says, term by term.
    #[test]
    fn reads_what_the_json_holds() {
        let mut builder = IndexBuilder::new().save_docs(false);
        for field in &FIELDS {
            builder = builder.add_field(field.name);
        }
        let mut index = builder.build();
        let texts = |words: &'static str| FIELDS.map(|_| words);
        index.add_doc("0", texts("apple apple pie"));
        index.add_doc("1", texts("apple tart zebra"));
        index.add_doc("12", texts("pie pie pie crust tart"));
        let read = read(&index).unwrap();
        let expected = from_json(&serde_json::to_value(&index).unwrap());
        assert_eq!(read.terms, expected.terms);
        assert_eq!(read.lengths, expected.lengths);
        // Something to compare: every document and its repeated words are there.
        assert!(read.terms.len() >= 5, "{:?}", read.terms.keys());
        assert_eq!(read.lengths.len(), 3);
        assert!(
            read.terms
                .values()
                .any(|docs| docs.get(&12) == Some(&[3; FIELDS.len()]))
        );
    }
}
