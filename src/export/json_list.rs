//! A JSON document whose list of items is written item by item: each item's `serde_json::Value`
//! is made, written and dropped before the next, so a national guide's 20 MB `entries.json` and
//! 47 MB HSDS lists never stand in memory as trees of values (several times their text).
//!
//! The bytes are those `serde_json::to_string` gives for the whole document: its object's keys
//! are sorted (serde_json's map is ordered by key), and the list's key must be the first of them.

use serde_json::{Map, Value};

/// `{"<key>":[item,item,…],<the other fields>}` and a newline.
pub(crate) struct JsonList {
    key: String,
    text: Vec<u8>,
    /// The length of `{"<key>":[`, which the document with an empty list begins with too.
    open: usize,
    empty: bool,
}

impl JsonList {
    pub(crate) fn new(key: &str) -> JsonList {
        let mut text = b"{".to_vec();
        // Writing a str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut text, key);
        text.extend_from_slice(b":[");
        JsonList {
            key: key.to_owned(),
            open: text.len(),
            text,
            empty: true,
        }
    }

    pub(crate) fn push(&mut self, item: &Value) {
        if !self.empty {
            self.text.push(b',');
        }
        self.empty = false;
        // Writing a Value into a Vec cannot fail: no I/O, and its map keys are strings.
        let _ = serde_json::to_writer(&mut self.text, item);
    }

    /// The document, with its other `fields`; the list's key must sort before every one of them.
    pub(crate) fn finish(mut self, fields: Map<String, Value>) -> String {
        debug_assert!(
            fields.keys().all(|k| *k > self.key),
            "{} sorts first",
            self.key
        );
        let mut document = fields;
        document.insert(self.key.clone(), Value::Array(Vec::new()));
        let empty = serde_json::to_string(&Value::Object(document)).unwrap_or_default();
        // `{"<key>":[` is written; what follows `[` in the document with an empty list is the rest.
        self.text
            .extend_from_slice(&empty.as_bytes()[self.open.min(empty.len())..]);
        self.text.push(b'\n');
        // serde_json writes UTF-8 only; the lossy path is never taken.
        String::from_utf8(self.text)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_bytes_are_those_of_the_whole_document() {
        let items = [
            json!({"b": 1, "a": "に\"ほん"}),
            json!([1, null]),
            json!("x"),
        ];
        for count in 0..=items.len() {
            let fields = json!({"total": count, "version": 1, "site": {"z": 1, "a": 2}});
            let Value::Object(fields) = fields else {
                unreachable!()
            };
            let mut list = JsonList::new("contents");
            for item in &items[..count] {
                list.push(item);
            }
            let mut whole = fields.clone();
            whole.insert("contents".into(), json!(items[..count]));
            let expected = serde_json::to_string(&Value::Object(whole)).expect("json") + "\n";
            assert_eq!(list.finish(fields), expected);
        }
    }
}
