//! IPADIC's words as the reader knows them: part of speech and reading by word id, from the
//! table the build script makes (`build/ipadic.rs`, which says why lindera's own word details
//! are not in the binary).

use std::sync::OnceLock;

const TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ipadic-words.bin"));

/// What the reader takes from an IPADIC word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SystemWord {
    /// Part of speech: major class and two subclasses (名詞, 固有名詞, 地域), `*` where IPADIC
    /// has none.
    pub pos: &'static [&'static str; 3],
    /// IPADIC's reading field as it is written (katakana), `*` or empty when it has none.
    pub reading: &'static str,
}

/// The table as laid out by `build/ipadic.rs`, its parts borrowed from the binary.
struct Table {
    /// The distinct parts of speech (a few dozen).
    triples: Vec<[&'static str; 3]>,
    /// Each word's part of speech: an index into `triples`.
    kinds: &'static [u8],
    /// Where each word's reading begins in `readings`, and where the last one ends (`u32` LE).
    offsets: &'static [u8],
    readings: &'static [u8],
}

/// The word with IPADIC id `id`; `None` for an id IPADIC does not have.
pub(crate) fn word(id: u32) -> Option<SystemWord> {
    let table = table()?;
    let id = usize::try_from(id).ok()?;
    let offset = |i: usize| {
        let bytes = table.offsets.get(4 * i..4 * i + 4)?;
        usize::try_from(u32::from_le_bytes(bytes.try_into().ok()?)).ok()
    };
    let reading = table.readings.get(offset(id)?..offset(id + 1)?)?;
    Some(SystemWord {
        pos: table.triples.get(usize::from(*table.kinds.get(id)?))?,
        reading: std::str::from_utf8(reading).ok()?,
    })
}

/// The table, read on first use; `None` if it is not what the build script writes (it always
/// is: the check costs nothing and keeps a bad table from panicking a build).
fn table() -> Option<&'static Table> {
    static TABLE_READ: OnceLock<Option<Table>> = OnceLock::new();
    TABLE_READ.get_or_init(|| read(TABLE)).as_ref()
}

fn read(bytes: &'static [u8]) -> Option<Table> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Option<&'static [u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let count = usize::try_from(u32::from_le_bytes(take(4)?.try_into().ok()?)).ok()?;
    let triple_count = take(1)?[0];
    let mut triples = Vec::with_capacity(usize::from(triple_count));
    for _ in 0..triple_count {
        let mut field = || -> Option<&'static str> {
            let len = take(1)?[0];
            std::str::from_utf8(take(usize::from(len))?).ok()
        };
        triples.push([field()?, field()?, field()?]);
    }
    let kinds = take(count)?;
    let offsets = take(4 * (count + 1))?;
    Some(Table {
        triples,
        kinds,
        offsets,
        readings: rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of lindera's IPADIC has the same part of speech and reading in the table.
    #[test]
    fn the_table_gives_what_lindera_gives_for_every_word() {
        let dictionary = lindera_ipadic::load_dictionary().expect("lindera's IPADIC");
        let count = dictionary.words_idx_data.len() / 4;
        assert!(
            count > 300_000,
            "IPADIC has some 390,000 words, not {count}"
        );
        for id in 0..count {
            let details = dictionary.word_details(id).expect("details");
            // so an empty reading in the table is never a missing field
            assert!(details.len() >= 8, "word {id} has {} fields", details.len());
            let word = word(u32::try_from(id).unwrap()).expect("the table has the word");
            let field = |i: usize| details.get(i).map_or("", String::as_str);
            assert_eq!(
                (word.pos.map(str::to_string), word.reading),
                ([0, 1, 2].map(|i| field(i).to_string()), field(7)),
                "word {id}"
            );
        }
        assert_eq!(word(u32::try_from(count).unwrap()), None);
    }
}
