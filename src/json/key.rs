//! An object's key, as serde_json writes it. Keys are strings in every document a build writes,
//! and those are written here; a key of another kind (a number, a `bool`, a unit variant) is
//! handed to serde_json, which decides how it is quoted or that it cannot be a key.

use super::escape;
use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::Error;

/// Appends `key` and nothing else (no colon) to `out`.
pub(super) fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, key: &T) -> Result<(), Error> {
    key.serialize(Key { out })
}

struct Key<'a> {
    out: &'a mut Vec<u8>,
}

impl Key<'_> {
    /// The key as serde_json writes it: the key of a one-entry object, cut out of it.
    fn by_serde_json(self, key: impl Serialize) -> Result<(), Error> {
        struct OneEntry<K>(K);
        impl<K: Serialize> Serialize for OneEntry<K> {
            fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(&self.0, &())?;
                map.end()
            }
        }
        let object = serde_json::to_vec(&OneEntry(key))?;
        // `{` key `:null}`
        let inner = object
            .get(1..object.len().saturating_sub(b":null}".len()))
            .unwrap_or_default();
        self.out.extend_from_slice(inner);
        Ok(())
    }
}

fn not_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

/// Methods that hand the key to serde_json.
macro_rules! by_serde_json {
    ($($method:ident: $type:ty),* $(,)?) => {
        $(fn $method(self, v: $type) -> Result<(), Error> {
            self.by_serde_json(v)
        })*
    };
}

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        escape::string(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
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
    by_serde_json!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_f64: f64,
    );
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(not_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(not_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(not_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(not_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(not_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(not_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Impossible<(), Error>, Error> {
        Err(not_a_string())
    }
}
