//! Compact JSON, byte for byte as `serde_json::to_vec` writes it, for the large documents a
//! build writes: the open data (`data/entries.json`, the HSDS lists: 70 MB for a national
//! guide), the search index's files and each page's JSON-LD.
//!
//! Why not serde_json itself: it looks up a string's bytes one at a time to find what needs
//! escaping, and copies the string a run at a time between those; at N = 10,000 that was 851
//! million of a plain build's 18.7 billion instructions (callgrind). `escape.rs` asks eight
//! bytes at once and copies a string with nothing to escape (nearly all) whole: the build went
//! to 18.47–18.56 billion. Everything but strings (numbers, floats above all) is still written
//! by serde_json, and the error type is serde_json's, so the callers' errors are unchanged.
//! serde_json stays for pretty output and for parsing; the tests hold this module to its bytes.

mod escape;
mod key;

use serde::Serialize;
use serde::ser;
use serde_json::Error;

/// `value` as compact JSON appended to `out`: the bytes `serde_json::to_writer` appends.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(Writer { out })
}

/// `value` as compact JSON: the bytes of `serde_json::to_vec`.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(128);
    write(&mut out, value)?;
    Ok(out)
}

/// `value` as compact JSON: the text of `serde_json::to_string`.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let bytes = to_vec(value)?;
    // The bytes are UTF-8 (whole `str`s, ASCII escapes and numbers); checked all the same, with
    // SIMD, and copied: std's check goes a byte at a time through Japanese text.
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) => Err(ser::Error::custom("not UTF-8")),
    }
}

/// Writes one value into `out`.
struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Writer<'a> {
    /// A number, `null` or a byte array as serde_json writes it.
    fn plain(self, value: impl Serialize) -> Result<(), Error> {
        serde_json::to_writer(self.out, &value)
    }

    /// `{"variant":` before a variant's value, and the compound that closes it.
    fn open_variant(self, variant: &str, open: u8, close: &'static [u8]) -> Compound<'a> {
        self.out.push(b'{');
        escape::string(self.out, variant);
        self.out.extend_from_slice(&[b':', open]);
        Compound::new(self.out, close)
    }

    fn open(self, open: u8, close: &'static [u8]) -> Compound<'a> {
        self.out.push(open);
        Compound::new(self.out, close)
    }
}

impl<'a> ser::Serializer for Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.plain(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        escape::string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        escape::string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        // A slice of bytes serialises as serde_json's byte arrays are written: `[1,2,3]`.
        self.plain(v)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Error> {
        self.serialize_str(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        escape::string(self.out, variant);
        self.out.push(b':');
        value.serialize(Writer {
            out: &mut *self.out,
        })?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'[', b"]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'[', b"]"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'[', b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open_variant(variant, b'[', b"]}"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'{', b"}"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(b'{', b"}"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Error> {
        Ok(self.open_variant(variant, b'{', b"}}"))
    }
}

/// An array or object being written: a comma goes before every element but the first.
pub(crate) struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    close: &'static [u8],
}

impl<'a> Compound<'a> {
    fn new(out: &'a mut Vec<u8>, close: &'static [u8]) -> Compound<'a> {
        Compound {
            out,
            first: true,
            close,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }

    fn comma(&mut self) {
        if !std::mem::replace(&mut self.first, false) {
            self.out.push(b',');
        }
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key::write(self.out, key)?;
        self.out.push(b':');
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Writer {
            out: &mut *self.out,
        })
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        escape::string(self.out, key);
        self.out.push(b':');
        self.value(value)
    }

    fn close(self) -> Result<(), Error> {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The compounds whose elements have no keys: arrays, and a tuple variant's array.
macro_rules! elements {
    ($($serde_trait:ident: $method:ident),*) => {$(
        impl ser::$serde_trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

elements!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
    SerializeTupleVariant: serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.value(value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// The compounds whose fields are named: a struct's object, and a struct variant's.
macro_rules! fields {
    ($($serde_trait:ident),*) => {$(
        impl ser::$serde_trait for Compound<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests;
