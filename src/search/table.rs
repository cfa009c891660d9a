//! The document table: what a result shows (name, link, key facts, snippet), cut into chunks of
//! consecutive document numbers so that showing ten results fetches at most ten small files, not
//! the table of all 10,000 entries.
//!
//! Chunk JSON: `{"d": [[id, url, kind, name, area_name, [service labels], [key facts], snippet], …]}`
//! The first record of chunk `c` is document number `c × chunk_size`.

use super::ruby::{Ruby, Shown, Text};
use super::{Bodies, SearchDoc, SearchError};
use rayon::prelude::*;

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
        .par_iter()
        .map(|doc| crate::json::to_vec(&record(doc, bodies)).map_err(SearchError::Json))
        .collect::<Result<_, _>>()?;
    let total: usize = records.iter().map(Vec::len).sum();
    let average = total / records.len().max(1);
    let size = (CHUNK_TARGET_BYTES / average.max(1)).clamp(1, 256);
    Ok((size, cut(&records, size)))
}

/// The chunks of [`chunks`] (of `size` documents) again, with `ruby`'s ruby over their texts
/// (ruby.rs). Chunk by chunk, each made whole at once: a national guide's ruby records, held
/// all together beside their chunks, were 10 MB of a build's peak.
pub(crate) fn ruby_chunks(
    docs: &[&SearchDoc],
    bodies: &Bodies,
    size: usize,
    ruby: &Ruby,
) -> Result<Vec<Vec<u8>>, SearchError> {
    docs.par_chunks(size.max(1))
        .map(|group| {
            let records = group
                .iter()
                .map(|doc| {
                    let record = ruby_record(doc, &self::record(doc, bodies), ruby);
                    crate::json::to_vec(&record).map_err(SearchError::Json)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(chunk(&records))
        })
        .collect()
}

/// Records in chunks of `size`.
fn cut(records: &[Vec<u8>], size: usize) -> Vec<Vec<u8>> {
    records.chunks(size).map(chunk).collect()
}

/// One chunk: `{"d":[record, …]}`.
fn chunk(records: &[Vec<u8>]) -> Vec<u8> {
    let mut json = b"{\"d\":[".to_vec();
    json.extend(records.join(&b","[..]));
    json.extend(b"]}");
    json
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

type RubyRecord<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Text,
    Text,
    Vec<Text>,
    Vec<Text>,
    Text,
);

/// `plain`'s record with each text's ruby.
fn ruby_record<'d>(doc: &'d SearchDoc, plain: &Record<'d>, ruby: &Ruby) -> RubyRecord<'d> {
    let (id, url, kind, name, area, labels, facts, snippet) = plain;
    // The name, the area, the service labels and a snippet that is the whole summary are on the
    // entry's pages too; the facts as results word them, and a cut text, are shown here only.
    let mut shown: Vec<&str> = vec![name, area];
    shown.extend(labels.iter().map(String::as_str));
    let mut here: Vec<&str> = facts.iter().map(String::as_str).collect();
    let snippet_shown = *snippet == doc.summary;
    match snippet_shown {
        true => shown.push(snippet),
        false => here.push(snippet),
    }
    let read = |texts: Vec<&str>, shown: Shown| {
        let mut read = ruby(doc, &texts, shown).into_iter();
        // A text the reader gave nothing for is shown as it is.
        texts
            .into_iter()
            .map(|text| match read.next() {
                Some(segments) => Text::of_text(text, segments),
                None => Text::Plain(text.to_string()),
            })
            .collect::<Vec<_>>()
            .into_iter()
    };
    let mut shown = read(shown, Shown::AlsoOnPages);
    let mut here = read(here, Shown::InResultsOnly);
    let mut next_shown = || shown.next().unwrap_or(Text::Plain(String::new()));
    let (name, area) = (next_shown(), next_shown());
    let labels = labels.iter().map(|_| next_shown()).collect();
    let mut next_here = || here.next().unwrap_or(Text::Plain(String::new()));
    let facts = facts.iter().map(|_| next_here()).collect();
    let snippet = match snippet_shown {
        true => next_shown(),
        false => next_here(),
    };
    (id, url, kind, name, area, labels, facts, snippet)
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
