//! The 五十音 index at the back of the book: every entry by its reading, grouped by row (あ行,
//! か行 …) as in a printed dictionary, each pointing to the entry's number. Numbers, not pages:
//! Chromium cannot resolve page numbers of other elements (`target-counter`), and an entry's
//! number is printed large on its page, so it is as quick to find.

use crate::text::Html;
use crate::text::{gojuon_row, sort_key};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IndexGroup {
    pub label: &'static str,
    pub names: Vec<IndexItem>,
}

#[derive(Debug, Serialize)]
pub struct IndexItem {
    pub name: Html,
    pub kana: String,
    pub number: usize,
    pub anchor: String,
}

/// The rows in order; `text::gojuon_row` gives the first character of each label.
const ROWS: &[&str] = &[
    "あ行", "か行", "さ行", "た行", "な行", "は行", "ま行", "や行", "ら行", "わ行",
];

/// Names that do not start with a kana (a reading is only required for kanji and katakana, so
/// `ABCワークス` may keep its Latin name) go last, as Japanese indexes usually do.
const OTHER: &str = "英字・数字など";

/// The row a reading belongs to; voiced and small kana count with their plain form (が → か行).
pub fn row_of(kana: &str) -> &'static str {
    let row = gojuon_row(kana);
    ROWS.iter()
        .find(|label| label.starts_with(row))
        .copied()
        .unwrap_or(OTHER)
}

/// Groups items in 五十音 order of their reading (ties by name), keeping the row order above.
pub fn build(mut items: Vec<IndexItem>) -> Vec<IndexGroup> {
    // The keys on every core: a national guide's ten thousand readings on one were a pause
    // of the whole build.
    use rayon::slice::ParallelSliceMut;
    items.par_sort_by_cached_key(|i| (sort_key(&i.kana), i.name.clone()));
    let mut groups: Vec<IndexGroup> = ROWS
        .iter()
        .copied()
        .chain([OTHER])
        .map(|label| IndexGroup {
            label,
            names: Vec::new(),
        })
        .collect();
    for item in items {
        let row = row_of(&item.kana);
        if let Some(group) = groups.iter_mut().find(|g| g.label == row) {
            group.names.push(item);
        }
    }
    groups.retain(|g| !g.names.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kana: &str, number: usize) -> IndexItem {
        IndexItem {
            name: Html::escape(kana),
            kana: kana.to_string(),
            number,
            anchor: String::new(),
        }
    }

    #[test]
    fn rows_in_dictionary_order() {
        assert_eq!(row_of("がっこう"), "か行");
        assert_eq!(row_of("ぱんこうぼう"), "は行");
        assert_eq!(row_of("ゔぁいおりん"), "あ行");
        assert_eq!(row_of("abc"), OTHER);
        let groups = build(vec![
            item("abc", 1),
            item("きく", 2),
            item("がっこう", 3),
            item("あさひ", 4),
            item("かい", 5),
        ]);
        let labels: Vec<_> = groups.iter().map(|g| g.label).collect();
        assert_eq!(labels, ["あ行", "か行", OTHER]);
        let ka: Vec<_> = groups[1].names.iter().map(|i| i.kana.as_str()).collect();
        assert_eq!(ka, ["かい", "がっこう", "きく"]);
    }
}
