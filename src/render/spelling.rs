//! A value spelled out as bytes for a page's key (`page_key.rs`): what serde tells of it, in
//! the order it tells it, each part tagged with its kind and its length, so that two values
//! spell alike only when serde told the same of them — and so when tera made the same
//! template value of them.
//!
//! The key is one hash of a page's spelling, where it was a hash of every node of the page's
//! template values, each combined with the next (three hashes finished for every field of
//! every struct: 4% of a national build's instructions).

use serde::ser::{self, Serialize};
use std::fmt;
use xxhash_rust::xxh3::xxh3_128;

/// The kinds of what is spelled, so that values of different kinds never spell alike.
mod tag {
    pub const NONE: u8 = 0;
    pub const SOME: u8 = 1;
    pub const UNIT: u8 = 2;
    pub const BOOL: u8 = 3;
    pub const U64: u8 = 4;
    pub const I64: u8 = 5;
    pub const U128: u8 = 6;
    pub const I128: u8 = 7;
    pub const F64: u8 = 8;
    pub const STRING: u8 = 9;
    pub const BYTES: u8 = 10;
    pub const SEQUENCE: u8 = 11;
    pub const STRUCT: u8 = 12;
    pub const MAP: u8 = 13;
    pub const VARIANT: u8 = 14;
    pub const END: u8 = 15;
}

/// A value that cannot be spelled: its page has no key (and is always rendered).
#[derive(Debug)]
pub(crate) struct Unspellable;

impl fmt::Display for Unspellable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a template value that cannot be spelled for a page's key")
    }
}

impl std::error::Error for Unspellable {}

impl ser::Error for Unspellable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unspellable
    }
}

/// Appends the spelling of `value` to `out`.
pub(crate) fn spell<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), Unspellable> {
    value.serialize(Speller { out })
}

/// Appends `text`, tagged and with its length.
pub(crate) fn spell_str(out: &mut Vec<u8>, text: &str) {
    spell_bytes(out, tag::STRING, text.as_bytes());
}

fn spell_bytes(out: &mut Vec<u8>, kind: u8, bytes: &[u8]) {
    out.push(kind);
    // The length as a LEB128 varint: one byte for nearly every text and field name.
    let mut len = bytes.len();
    while len >= 0x80 {
        out.push((len & 0x7f) as u8 | 0x80);
        len >>= 7;
    }
    out.push(len as u8);
    out.extend_from_slice(bytes);
}

struct Speller<'a> {
    out: &'a mut Vec<u8>,
}

impl Speller<'_> {
    fn fixed(self, kind: u8, bytes: &[u8]) -> Result<(), Unspellable> {
        self.out.push(kind);
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    fn variant(&mut self, variant: &str) {
        self.out.push(tag::VARIANT);
        spell_str(self.out, variant);
    }
}

impl<'a> ser::Serializer for Speller<'a> {
    type Ok = ();
    type Error = Unspellable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = MapSpeller<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Unspellable> {
        self.fixed(tag::BOOL, &[u8::from(v)])
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unspellable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unspellable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unspellable> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unspellable> {
        self.fixed(tag::I64, &v.to_le_bytes())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unspellable> {
        self.fixed(tag::I128, &v.to_le_bytes())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unspellable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unspellable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unspellable> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unspellable> {
        self.fixed(tag::U64, &v.to_le_bytes())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unspellable> {
        self.fixed(tag::U128, &v.to_le_bytes())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unspellable> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unspellable> {
        self.fixed(tag::F64, &v.to_bits().to_le_bytes())
    }
    fn serialize_char(self, v: char) -> Result<(), Unspellable> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unspellable> {
        spell_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unspellable> {
        spell_bytes(self.out, tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unspellable> {
        self.fixed(tag::NONE, &[])
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unspellable> {
        self.out.push(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unspellable> {
        self.fixed(tag::UNIT, &[])
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unspellable> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Unspellable> {
        self.variant(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unspellable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unspellable> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Unspellable> {
        self.out.push(tag::SEQUENCE);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Unspellable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Unspellable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unspellable> {
        self.variant(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSpeller<'a>, Unspellable> {
        Ok(MapSpeller {
            out: self.out,
            entry: Vec::new(),
            sum: 0,
            count: 0,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Unspellable> {
        self.out.push(tag::STRUCT);
        Ok(self)
    }
    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Unspellable> {
        self.variant(variant);
        self.serialize_struct("", len)
    }
}

impl Speller<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unspellable> {
        value.serialize(Speller { out: self.out })
    }
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Unspellable> {
        spell_str(self.out, key);
        self.element(value)
    }
    fn end(self) -> Result<(), Unspellable> {
        self.out.push(tag::END);
        Ok(())
    }
}

/// The parts of a list (a sequence, a tuple, a tuple struct or variant): each element in
/// turn, then the end.
macro_rules! list_parts {
    ($($part:ident :: $element:ident),*) => {$(
        impl ser::$part for Speller<'_> {
            type Ok = ();
            type Error = Unspellable;
            fn $element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unspellable> {
                self.element(value)
            }
            fn end(self) -> Result<(), Unspellable> {
                Speller::end(self)
            }
        }
    )*};
}

list_parts!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The parts of a struct (or a struct variant): each field's name and value, then the end.
macro_rules! struct_parts {
    ($($part:ident),*) => {$(
        impl ser::$part for Speller<'_> {
            type Ok = ();
            type Error = Unspellable;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unspellable> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Unspellable> {
                Speller::end(self)
            }
        }
    )*};
}

struct_parts!(SerializeStruct, SerializeStructVariant);

/// A map, spelled the same in any order of its entries (tera's maps, and hash maps in views,
/// hold their entries in a new order in every process): each entry spelled on its own and
/// hashed, and the hashes added.
pub(crate) struct MapSpeller<'a> {
    out: &'a mut Vec<u8>,
    entry: Vec<u8>,
    sum: u128,
    count: u64,
}

impl ser::SerializeMap for MapSpeller<'_> {
    type Ok = ();
    type Error = Unspellable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unspellable> {
        self.entry.clear();
        spell(key, &mut self.entry)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unspellable> {
        spell(value, &mut self.entry)?;
        self.sum = self.sum.wrapping_add(xxh3_128(&self.entry));
        self.count += 1;
        Ok(())
    }
    fn end(self) -> Result<(), Unspellable> {
        self.out.push(tag::MAP);
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.sum.to_le_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::spell;
    use serde::Serialize;
    use std::collections::{BTreeMap, HashMap};

    fn spelled<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
        let mut out = Vec::new();
        spell(value, &mut out).expect("spelled");
        out
    }

    #[derive(Serialize)]
    struct Fact {
        label: &'static str,
        detail: Option<String>,
    }

    #[derive(Serialize)]
    struct Renamed {
        title: &'static str,
        detail: Option<String>,
    }

    #[derive(Serialize)]
    enum Shape {
        Round,
        Sized(u32),
        Boxed { width: u32 },
    }

    /// Values that tera would make other template values of spell otherwise: a list split
    /// elsewhere, a field renamed, nothing against an empty text, a number against its text,
    /// one variant against another.
    #[test]
    fn values_that_differ_spell_otherwise() {
        let fact = |label, detail: Option<&str>| Fact {
            label,
            detail: detail.map(str::to_string),
        };
        let spellings = [
            spelled(&fact("送迎", Some("あり"))),
            spelled(&fact("送迎", None)),
            spelled(&fact("送迎", Some(""))),
            spelled(&fact("送", Some("迎あり"))),
            spelled(&Renamed {
                title: "送迎",
                detail: Some("あり".into()),
            }),
            spelled(&["ab", "c"]),
            spelled(&["a", "bc"]),
            spelled(&[["a"], ["b"]]),
            spelled(&[vec!["a", "b"], vec![]]),
            spelled(&12u32),
            spelled(&12i32),
            spelled(&"12"),
            spelled(&12.0f64),
            spelled(&Shape::Round),
            spelled(&Shape::Sized(3)),
            spelled(&Shape::Boxed { width: 3 }),
            spelled(&"Round"),
            // Lengths of more than one byte.
            spelled(&"あ".repeat(100)),
            spelled(&"あ".repeat(101)),
            spelled(&["あ".repeat(50), "あ".repeat(51)]),
        ];
        for (i, a) in spellings.iter().enumerate() {
            for b in &spellings[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(
            spelled(&fact("送迎", Some("あり"))),
            spelled(&fact("送迎", Some("あり")))
        );
        // A list is a list, whether serde was given an array or a vector.
        assert_eq!(spelled(&[["a"], ["b"]]), spelled(&[vec!["a"], vec!["b"]]));
    }

    /// A hash map's entries come in a new order in every process; its spelling does not
    /// change with them, and does change with any entry.
    #[test]
    fn a_map_spells_the_same_in_any_order() {
        let entries: Vec<(String, u32)> = (0..50).map(|i| (format!("地域{i}"), i)).collect();
        let forward: HashMap<_, _> = entries.iter().cloned().collect();
        let backward: HashMap<_, _> = entries.iter().rev().cloned().collect();
        let sorted: BTreeMap<_, _> = entries.iter().cloned().collect();
        assert_eq!(spelled(&forward), spelled(&backward));
        assert_eq!(spelled(&forward), spelled(&sorted));
        let mut changed = sorted.clone();
        changed.insert("地域0".into(), 99);
        assert_ne!(spelled(&sorted), spelled(&changed));
        let mut swapped = sorted.clone();
        swapped.insert("地域0".into(), 1);
        swapped.insert("地域1".into(), 0);
        assert_ne!(spelled(&sorted), spelled(&swapped));
    }
}
