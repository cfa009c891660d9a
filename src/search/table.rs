//! The document table: what a result shows (name, link, key facts, snippet), cut into chunks of
//! consecutive document numbers so that showing ten results fetches at most ten small files, not
//! the table of all 10,000 entries.
//!
//! Chunk JSON: `{"d": [[id, url, kind, name, area_name, [service labels], [key facts], snippet], …]}`
//! The first record of chunk `c` is document number `c × chunk_size`.

use super::{Bodies, SearchDoc, SearchError};

/// Raw JSON bytes aimed at per chunk (about three offices): the twenty results of a page are
/// mostly far apart in document order, so each costs about one chunk, and a small chunk is what
/// keeps a first page of results near 20 kB raw.
const CHUNK_TARGET_BYTES: usize = 1_000;
/// Snippets are shown under the name; longer text is cut (at a character boundary).
const SNIPPET_CHARS: usize = 120;

type Record<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a [String],
    &'a [String],
    String,
);

/// Returns the chunk size (documents per chunk) and the chunks' JSON.
pub(crate) fn chunks(
    docs: &[&SearchDoc],
    bodies: &Bodies,
) -> Result<(usize, Vec<Vec<u8>>), SearchError> {
    let records: Vec<Vec<u8>> = docs
        .iter()
        .map(|doc| crate::json::to_vec(&record(doc, bodies)).map_err(SearchError::Json))
        .collect::<Result<_, _>>()?;
    let total: usize = records.iter().map(Vec::len).sum();
    let average = total / records.len().max(1);
    let size = (CHUNK_TARGET_BYTES / average.max(1)).clamp(1, 256);
    let chunks = records
        .chunks(size)
        .map(|group| {
            let mut json = b"{\"d\":[".to_vec();
            json.extend(group.join(&b","[..]));
            json.extend(b"]}");
            json
        })
        .collect();
    Ok((size, chunks))
}

fn record<'d>(doc: &'d SearchDoc, bodies: &Bodies) -> Record<'d> {
    (
        &doc.id,
        &doc.url,
        &doc.kind,
        &doc.name,
        &doc.area_name,
        &doc.service_labels,
        &doc.key_facts,
        snippet(doc, bodies),
    )
}

/// The summary when there is one (it is written to be shown), else the body's beginning.
fn snippet(doc: &SearchDoc, bodies: &Bodies) -> String {
    let body;
    let source = if doc.summary.trim().is_empty() {
        body = bodies(doc);
        &body
    } else {
        &doc.summary
    };
    let words: Vec<&str> = source.split_whitespace().collect();
    let joined = words.join(" ");
    let mut out: String = joined.chars().take(SNIPPET_CHARS).collect();
    if joined.chars().count() > SNIPPET_CHARS {
        out.push('…');
    }
    out
}
