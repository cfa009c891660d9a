//! A JSON document whose list of items is written item by item into a writer (the staging
//! folder's file): the items are made (or read from the cache, `kept.rs`) a slice at a time,
//! written and dropped before the next slice, and the document is never held in memory, so a
//! national guide's 20 MB `entries.json` and 47 MB HSDS lists stand in memory neither as trees
//! of values (several times their text) nor as text (the formats are made side by side:
//! together, a hundred MB of a build's peak).
//!
//! The bytes are those `serde_json::to_string` gives for the whole document: its object's keys
//! are sorted (serde_json's map is ordered by key), and the list's key must be the first of them.

use serde_json::{Map, Value};
use std::io::{self, Write};

/// `{"<key>":[item,item,…],<the other fields>}` and a newline.
pub(crate) struct JsonList<'w> {
    key: String,
    out: &'w mut dyn Write,
    /// The length of `{"<key>":[`, which the document with an empty list begins with too.
    open: usize,
    empty: bool,
}

impl<'w> JsonList<'w> {
    /// Starts the document in `out`.
    pub(crate) fn new(key: &str, out: &'w mut dyn Write) -> io::Result<JsonList<'w>> {
        let mut open = b"{".to_vec();
        serde_json::to_writer(&mut open, key)?;
        open.extend_from_slice(b":[");
        out.write_all(&open)?;
        Ok(JsonList {
            key: key.to_owned(),
            out,
            open: open.len(),
            empty: true,
        })
    }

    /// Adds an item, written out as JSON (`crate::json::to_vec`). Its bytes go to `out` at
    /// once: serde_json writes a document a few bytes at a time (a key, a colon, a quote), and
    /// each of those through `out`, a writer behind a pointer, was a call of its own (15
    /// million for a national guide's lists, 2% of its build).
    pub(crate) fn push_written(&mut self, item: &[u8]) -> io::Result<()> {
        if !self.empty {
            self.out.write_all(b",")?;
        }
        self.empty = false;
        self.out.write_all(item)
    }

    /// Ends the document with its other `fields`; the list's key must sort before every one of
    /// them.
    pub(crate) fn finish(self, fields: Map<String, Value>) -> io::Result<()> {
        debug_assert!(
            fields.keys().all(|k| *k > self.key),
            "{} sorts first",
            self.key
        );
        let mut document = fields;
        document.insert(self.key.clone(), Value::Array(Vec::new()));
        let empty = serde_json::to_string(&Value::Object(document)).unwrap_or_default();
        // `{"<key>":[` is written; what follows `[` in the document with an empty list is the rest.
        self.out
            .write_all(&empty.as_bytes()[self.open.min(empty.len())..])?;
        self.out.write_all(b"\n")
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
            let mut written = Vec::new();
            let mut list = JsonList::new("contents", &mut written).expect("a Vec takes it");
            for item in &items[..count] {
                let item = crate::json::to_vec(item).expect("JSON");
                list.push_written(&item).expect("a Vec takes it");
            }
            let mut whole = fields.clone();
            whole.insert("contents".into(), json!(items[..count]));
            let expected = serde_json::to_string(&Value::Object(whole)).expect("json") + "\n";
            list.finish(fields).expect("a Vec takes it");
            assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
        }
    }
}
