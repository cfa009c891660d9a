//! `data/entries.json`: every entry with every field, for anyone who wants the guide's data whole.
//!
//! The shape is versioned (`"version"`): an entry is its front matter as providers write it
//! (docs/content-format.md), flattened the same way (an office's `services`, `transport` …
//! beside `name` and `kind`), with opening hours as `"09:30-15:30"`, plus `url` (its page),
//! `source` (its file) and `body` (the Markdown). README documents it; a change that renames or
//! removes a field raises the version.

use super::json_list::JsonList;
use super::kept::{self, KeptData};
use crate::content::model::Entry;
use crate::enrich::Guide;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// Raised when a field is renamed or removed; adding a field keeps it.
pub const VERSION: u32 = 1;

/// Writes `data/entries.json` into `out`, each slice of entries' items read from `kept` when it
/// keeps them for the same entries.
pub fn write_entries(guide: &Guide, kept: &KeptData, out: &mut dyn Write) -> io::Result<()> {
    let config = &guide.site.config;
    let fields = json!({
        "format": "shirube-entries",
        "version": VERSION,
        "site": {
            "title": config.title,
            "region": config.region,
            "base_url": config.base_url,
            "data_date": config.data_date,
            "license": config.license,
        },
    });
    let Value::Object(fields) = fields else {
        unreachable!("json! of an object literal is an object")
    };
    let mut list = JsonList::new("entries", out)?;
    for entries in guide.site.entries.chunks(kept::SLICE) {
        let items = kept.json.kept_or_made(
            entries.iter().map(|entry| kept.entry_key(entry)),
            |items| items.len() == entries.len(),
            || entries.iter().map(|entry| item(guide, entry)).collect(),
        )?;
        for item in &items {
            list.push_written(item)?;
        }
    }
    list.finish(fields)
}

/// The entry's item of the list, written out.
fn item(guide: &Guide, entry: &Entry) -> io::Result<Vec<u8>> {
    let mut value = serde_json::to_value(entry).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut value {
        flatten(object, guide, &entry.id);
    }
    let mut item = Vec::new();
    crate::json::write(&mut item, &value)?;
    Ok(item)
}

fn flatten(object: &mut Map<String, Value>, guide: &Guide, id: &str) {
    object.remove("body_line");
    if let Some(Value::Object(details)) = object.remove("details") {
        object.extend(details);
    }
    if let Some(Value::Object(hours)) = object.get_mut("hours") {
        for day in ["weekdays", "saturday", "sunday", "holidays"] {
            if let Some(range) = hours.get_mut(day) {
                *range = time_range(range);
            }
        }
    }
    object.insert(
        "url".into(),
        json!(format!(
            "{}{}",
            guide.site.config.base_url,
            crate::enrich::entry_url(id)
        )),
    );
}

/// `{"open": 570, "close": 930}` → `"09:30-15:30"`, as written in the front matter.
fn time_range(value: &Value) -> Value {
    let minutes = |key: &str| value.get(key).and_then(Value::as_u64);
    match (minutes("open"), minutes("close")) {
        (Some(open), Some(close)) => json!(format!(
            "{:02}:{:02}-{:02}:{:02}",
            open / 60,
            open % 60,
            close / 60,
            close % 60
        )),
        _ => Value::Null,
    }
}
