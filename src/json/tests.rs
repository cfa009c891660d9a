use super::*;
use serde::ser::SerializeStruct;
use std::collections::BTreeMap;

/// Our bytes and serde_json's for `value`.
fn both<T: Serialize + ?Sized>(value: &T) -> (String, String) {
    let ours = String::from_utf8(to_vec(value).expect("ours")).expect("UTF-8");
    let theirs = serde_json::to_string(value).expect("serde_json");
    (ours, theirs)
}

fn same<T: Serialize + ?Sized>(value: &T) {
    let (ours, theirs) = both(value);
    assert_eq!(ours, theirs);
}

#[derive(Serialize)]
enum Kind {
    Unit,
    Newtype(String),
    Tuple(u8, char),
    Struct { a: Option<f64>, b: Vec<i32> },
}

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Newtype(u64);

#[derive(Serialize)]
struct TupleStruct(i8, &'static str);

#[derive(Serialize)]
struct Record {
    name: &'static str,
    kinds: Vec<Kind>,
    unit: Unit,
    newtype: Newtype,
    tuple: (bool, TupleStruct),
    nothing: Option<String>,
    empty_list: Vec<u8>,
    empty_map: BTreeMap<String, u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u8>,
    numbers: BTreeMap<u32, i128>,
    flags: BTreeMap<bool, u128>,
    floats: Vec<f64>,
    small: f32,
    letter: char,
}

#[test]
fn writes_what_serde_json_writes() {
    let record = Record {
        name: "ひかり工房「\"就労\"」\\\n\t\u{1}",
        kinds: vec![
            Kind::Unit,
            Kind::Newtype("x\u{7f}/".into()),
            Kind::Tuple(7, '"'),
            Kind::Struct {
                a: Some(35.60924504),
                b: vec![-1, 0, i32::MAX],
            },
            Kind::Struct { a: None, b: vec![] },
        ],
        unit: Unit,
        newtype: Newtype(u64::MAX),
        tuple: (true, TupleStruct(-128, "")),
        nothing: None,
        empty_list: vec![],
        empty_map: BTreeMap::new(),
        skipped: None,
        numbers: [(1, i128::MIN), (20, 0)].into_iter().collect(),
        flags: [(false, u128::MAX), (true, 1)].into_iter().collect(),
        floats: vec![
            0.0,
            -0.0,
            0.1,
            1.0,
            1e21,
            1.5e-7,
            f64::NAN,
            f64::INFINITY,
            f64::MAX,
        ],
        small: 0.3,
        letter: 'あ',
    };
    same(&record);
    same(&[record]);
}

/// serde_json's own values: objects (keys sorted), numbers of each kind, escapes in keys.
#[test]
fn writes_serde_json_values_as_serde_json_does() {
    let value: serde_json::Value = serde_json::from_str(
        r#"{"z":[1,-2,3.5,1e300,null,true,{}],"a\"\n":{"キー":"値\u0000\u001f"},"m":[[],[[]]]}"#,
    )
    .unwrap();
    same(&value);
    same(&serde_json::Value::Null);
    same("");
}

/// Bytes are an array of numbers; a struct's field names are escaped like any string.
#[test]
fn bytes_and_odd_field_names() {
    struct Odd;
    impl Serialize for Odd {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("Odd", 2)?;
            s.serialize_field("quote\"d", &1)?;
            s.serialize_field("bytes", &Bytes)?;
            s.end()
        }
    }
    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(&[0, 127, 255])
        }
    }
    same(&Odd);
}

/// A key that cannot be one fails, as with serde_json; `write` appends to what is there.
#[test]
fn bad_keys_fail_and_write_appends() {
    let bad: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
    assert!(to_vec(&bad).is_err());
    assert!(serde_json::to_vec(&bad).is_err());
    let mut out = b"x".to_vec();
    write(&mut out, &[1, 2]).unwrap();
    assert_eq!(out, b"x[1,2]");
}
