//! The document table: what a result shows (name, link, key facts, snippet), cut into chunks of
//! consecutive document numbers so that showing ten results fetches at most ten small files, not
//! the table of all 10,000 entries.
//!
//! Chunk JSON: `{"d": [[id, url, kind, name, area_name, [service labels], [key facts], snippet], …]}`
//! The first record of chunk `c` is document number `c × chunk_size`.

use super::ruby::{Ruby, Text};
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

/// The document table, cut into chunks.
pub(crate) struct Table {
    /// Documents per chunk.
    pub size: usize,
    /// The chunks' JSON.
    pub chunks: Vec<Vec<u8>>,
    /// The same chunks with the furigana edition's ruby (ruby.rs), when asked for.
    pub ruby: Option<Vec<Vec<u8>>>,
}

/// The table of `docs`, and with `ruby` its furigana twin.
pub(crate) fn chunks(
    docs: &[&SearchDoc],
    bodies: &Bodies,
    ruby: Option<&Ruby>,
) -> Result<Table, SearchError> {
    let records: Vec<(Vec<u8>, Option<Vec<u8>>)> = docs
        .par_iter()
        .map(|doc| {
            let plain = record(doc, bodies);
            let with_ruby = ruby.map(|ruby| ruby_record(doc, &plain, ruby));
            let with_ruby = with_ruby
                .map(|r| crate::json::to_vec(&r).map_err(SearchError::Json))
                .transpose()?;
            Ok((
                crate::json::to_vec(&plain).map_err(SearchError::Json)?,
                with_ruby,
            ))
        })
        .collect::<Result<_, SearchError>>()?;
    let total: usize = records.iter().map(|(plain, _)| plain.len()).sum();
    let average = total / records.len().max(1);
    let size = (CHUNK_TARGET_BYTES / average.max(1)).clamp(1, 256);
    let (plain, with_ruby): (Vec<Vec<u8>>, Vec<Option<Vec<u8>>>) = records.into_iter().unzip();
    let with_ruby: Option<Vec<Vec<u8>>> = with_ruby.into_iter().collect();
    Ok(Table {
        size,
        chunks: cut(&plain, size),
        ruby: ruby.and(with_ruby).map(|records| cut(&records, size)),
    })
}

/// Records in chunks of `size`, each `{"d":[record, …]}`.
fn cut(records: &[Vec<u8>], size: usize) -> Vec<Vec<u8>> {
    records
        .chunks(size)
        .map(|group| {
            let mut json = b"{\"d\":[".to_vec();
            json.extend(group.join(&b","[..]));
            json.extend(b"]}");
            json
        })
        .collect()
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
    let mut texts: Vec<&str> = vec![name, area, snippet];
    texts.extend(labels.iter().map(String::as_str));
    texts.extend(facts.iter().map(String::as_str));
    // A text the reader gave nothing for is shown as it is.
    let mut read = ruby(doc, &texts).into_iter();
    let mut texts = texts.into_iter().map(|text| match read.next() {
        Some(segments) => Text::of(segments),
        None => Text::Plain(text.to_string()),
    });
    let mut next = || texts.next().unwrap_or(Text::Plain(String::new()));
    let (name, area, snippet) = (next(), next(), next());
    let labels = labels.iter().map(|_| next()).collect();
    let facts = facts.iter().map(|_| next()).collect();
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
