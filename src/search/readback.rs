//! Reads an elasticlunr inverted index back into term → documents → occurrences through its
//! `Serialize` implementation, with a serializer that collects what it is shown instead of
//! writing text. Writing the index as JSON and parsing it again cost about a twelfth of a plain
//! national build's CPU (formatting and parsing every term frequency as a float); here nothing
//! is formatted.
//!
//! The shape (elasticlunr.js's, kept by elasticlunr-rs 3.x) of one field's inverted index:
//! `{"root": node}` with `node = {"docs": {ref: {"tf": sqrt(count)}}, "df": n, <next char>: node, …}`.

use super::SearchError;
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct};
use std::fmt;

/// Term → (document, occurrences), terms in code-point order, each term's documents in the
/// order of their references.
pub(crate) type Terms = Vec<(String, Vec<(u32, u32)>)>;

/// The term table of `field` (an `elasticlunr::inverted_index::InvertedIndex`).
///
/// A trie walked depth first, a node's documents before its children, children in character
/// order, gives its terms in code-point order: the table is a list made in one pass, not a map
/// (whose look-ups and nodes were most of the read-back's cost). Should a later elasticlunr
/// walk it otherwise, the list is sorted after.
pub(crate) fn read(field: &impl Serialize) -> Result<Terms, SearchError> {
    let mut walker = Walker {
        terms: Terms::new(),
        role: Role::Inverted,
        prefix: String::new(),
        key: String::new(),
        number: 0.0,
        docs: Vec::new(),
    };
    field
        .serialize(&mut walker)
        .map_err(|Shape(at)| SearchError::IndexShape(at))?;
    let mut terms = walker.terms;
    if !terms.is_sorted_by(|a, b| a.0 < b.0) {
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(terms)
}

/// Where in the index's shape the walker is: what the next value it is shown means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// One field's inverted index: `{"root": node}`.
    Inverted,
    /// A trie node: its documents, its document frequency (skipped) and its children by
    /// character; the characters from the root are `prefix`.
    Node,
    /// The documents of the term `prefix`: reference → term frequency.
    Docs,
    /// One document's `{"tf": sqrt(count)}`.
    Frequency,
    /// A number, into `number`.
    Number,
}

struct Walker {
    terms: Terms,
    role: Role,
    /// The characters from the trie's root to the node being walked: its term.
    prefix: String,
    /// The key of the map entry whose value comes next.
    key: String,
    number: f64,
    /// The current term's (document, occurrences), added to `terms` once its map ends.
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

impl SerializeStruct for &mut Walker {
    type Ok = ();
    type Error = Shape;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Shape> {
        match (self.role, key) {
            (Role::Inverted, "root") => {
                self.prefix.clear();
                self.descend(Role::Node, value)
            }
            (Role::Frequency, "tf") => self.descend(Role::Number, value),
            // Not needed: never walked.
            (Role::Inverted | Role::Frequency, _) => Ok(()),
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
            Role::Node => match self.key.as_str() {
                "df" => Ok(()),
                // The root's documents have no term (elasticlunr keeps none there).
                "docs" if self.prefix.is_empty() => Ok(()),
                "docs" => self.descend(Role::Docs, value),
                _ => {
                    let len = self.prefix.len();
                    self.prefix.push_str(&self.key);
                    let walked = self.descend(Role::Node, value);
                    self.prefix.truncate(len);
                    walked
                }
            },
            Role::Docs => {
                let doc = doc_number(&self.key)?;
                self.descend(Role::Frequency, value)?;
                // elasticlunr stores sqrt(occurrences); square it back to a count
                let tf = self.number;
                self.docs.push((doc, (tf * tf).round().max(1.0) as u32));
                Ok(())
            }
            _ => Err(self.unexpected("a map entry")),
        }
    }

    fn end(self) -> Result<(), Shape> {
        // A node without documents, inside a longer term, adds no term.
        if self.role == Role::Docs && !self.docs.is_empty() {
            let docs = std::mem::take(&mut self.docs);
            self.terms.push((self.prefix.clone(), docs));
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
            Role::Node | Role::Docs => Ok(self),
            _ => Err(self.unexpected("a map")),
        }
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Shape> {
        match self.role {
            Role::Inverted | Role::Frequency => Ok(self),
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
    use elasticlunr::inverted_index::InvertedIndex;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// The term table as elasticlunr's own JSON of the index holds it, walked node by node.
    fn from_json(json: &Value) -> Terms {
        type Table = BTreeMap<String, BTreeMap<u32, u32>>;
        fn node(out: &mut Table, prefix: &mut String, value: &Value) {
            for (key, value) in value.as_object().unwrap() {
                match key.as_str() {
                    "df" => {}
                    "docs" if prefix.is_empty() => {}
                    "docs" => {
                        for (reference, tf) in value.as_object().unwrap() {
                            let tf = tf["tf"].as_f64().unwrap();
                            let docs = out.entry(prefix.clone()).or_default();
                            docs.insert(reference.parse().unwrap(), (tf * tf).round() as u32);
                        }
                    }
                    next => {
                        let len = prefix.len();
                        prefix.push_str(next);
                        node(out, prefix, value);
                        prefix.truncate(len);
                    }
                }
            }
        }
        let mut out = Table::default();
        node(&mut out, &mut String::new(), &json["root"]);
        out.into_iter()
            .map(|(term, docs)| (term, docs.into_iter().collect()))
            .collect()
    }

    /// What the walker reads is what elasticlunr's own JSON says, term by term, in order.
    #[test]
    fn reads_what_the_json_holds() {
        let mut index = InvertedIndex::new();
        for (reference, words) in [
            ("0", &[("apple", 2), ("pie", 1), ("ap", 1)][..]),
            ("1", &[("apple", 1), ("tart", 1), ("zebra", 1), ("就労", 2)]),
            ("12", &[("pie", 3), ("crust", 1), ("tart", 1), ("就職", 1)]),
        ] {
            for (word, count) in words {
                index.add_token(reference, word, f64::from(*count).sqrt());
            }
        }
        let read = read(&index).unwrap();
        assert_eq!(read, from_json(&serde_json::to_value(&index).unwrap()));
        // Something to compare: every term, in code-point order, with its counts.
        let terms: Vec<&str> = read.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            terms,
            [
                "ap", "apple", "crust", "pie", "tart", "zebra", "就労", "就職"
            ]
        );
        assert_eq!(read[1].1, [(0, 2), (1, 1)]);
        assert_eq!(read[3].1, [(0, 1), (12, 3)]);
    }
}
