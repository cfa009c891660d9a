//! The site search: a Japanese analyser shared with the browser, and an index cut into small
//! files so that a visitor downloads only what a query needs.
//!
//! # Index format (written under `<output>/search/`)
//!
//! ```text
//! manifest.json            format/version, analyser version, build id, document count, impact
//!                          scale, first term of every term shard, document chunk size, names
//!                          of the facet columns
//! <build>/t/<i>.json       term shard i: postings of a contiguous range of terms (shards.rs)
//! <build>/d/<i>.json       document chunk i: what results show for documents i·k … i·k+k−1 (table.rs)
//! <build>/r/<id>/<i>.json  the same with the furigana edition's ruby, when the site has that
//!                          edition (ruby.rs); <id> is a hash of these files and the build's
//!                          id, as the readings may change where nothing else does
//! <build>/f/<name>.json    facet column of one filter (kind, service, accepts, transport, lunch,
//!                          saturday, wage), fetched only when that filter is used (facets.rs)
//! <build>/f/area/<b>.json  the documents of each area in bucket b, for the area filter
//! ```
//!
//! `<build>` is a hash of the content, so a new build never mixes with cached old files.
//! Documents are numbered 0‥n−1 in order of their reading (then id), so postings of similar names
//! sit close together and ties list in 五十音 order.
//!
//! A term is a token of [`analyze`] (CJK bigram, single character, Latin word or number), the last
//! character of a CJK run (for one-character prefix queries), or `#` + hash of a whole name or
//! reading (ranks an exact name first; see `analyze::exact_key`). Each posting carries one integer
//! impact: BM25 per field, times the field's boost, summed (impact.rs). The browser scores a
//! document as Σ idf(term) × impact / impactScale over the query's terms, with idf computed from
//! the posting list's length, and requires every query token to match (falling back to "most
//! tokens match" when nothing matches all). See themes/default/static/js/search.js.
//!
//! elasticlunr-rs builds the inverted index (invert.rs); its own single-file JSON is not shipped.

mod analyze;
mod cache;
mod digits;
mod error;
mod facets;
mod fields;
mod impact;
mod invert;
mod inverted;
mod manifest;
mod packed;
mod readback;
mod ruby;
mod shards;
mod shared;
mod table;

pub use analyze::analyze;
pub use cache::{SliceCache, SliceCounts};
pub use error::SearchError;
pub use ruby::{Ruby, Shown};

use std::collections::HashSet;
use std::path::PathBuf;

/// One entry as the search sees it. The integrator fills it from the typed entry.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SearchDoc {
    /// Entry id.
    pub id: String,
    /// Relative to the site root, e.g. "entries/midori-bakery/".
    pub url: String,
    /// office | workplace | center | community
    pub kind: String,
    pub name: String,
    /// Hiragana: name, operator, area and work readings joined by spaces, the name's first.
    pub reading: String,
    /// Service type ids (b-type, transition …); center_type / community_type for other kinds.
    pub services: Vec<String>,
    /// Japanese labels, e.g. ["就労継続支援B型"].
    pub service_labels: Vec<String>,
    /// Area id.
    pub area: String,
    pub area_name: String,
    pub work: Vec<String>,
    pub summary: String,
    /// Plain text (Markdown stripped). Left empty when the bodies are given on demand
    /// ([`build_index_with_bodies`]).
    pub body: String,
    /// Readings of the glossary's terms that its texts use (工賃 → こうちん), indexed with the
    /// body: a family types a word as it sounds, and a kana query then finds the kanji.
    pub glossary_readings: Vec<String>,
    pub accepts: Vec<String>,
    pub transport: Option<bool>,
    pub lunch: Option<bool>,
    pub saturday: bool,
    /// Highest monthly average wage among services, yen.
    pub wage: Option<u32>,
    /// Short strings shown in results: "工賃 月16,500円（2024年度）", "送迎あり".
    pub key_facts: Vec<String>,
}

/// Index files: paths relative to the output's `search/` folder, and their bytes.
pub type IndexFiles = Vec<(PathBuf, Vec<u8>)>;

/// A document's body, made when the index needs it (see [`build_index_with_bodies`]).
pub type Bodies<'a> = dyn Fn(&SearchDoc) -> String + Sync + 'a;

/// Builds the index files, as paths relative to the output's `search/` folder and their bytes.
/// The same documents give the same bytes.
pub fn build_index(docs: &[SearchDoc]) -> Result<Vec<(PathBuf, Vec<u8>)>, SearchError> {
    build_index_with_bodies(docs, &|doc| doc.body.clone())
}

/// [`build_index`], with each document's body from `bodies` instead of its `body`: made as the
/// document is indexed (and again for its snippet when it has no summary) and dropped after, so
/// that a national guide's bodies (9 MB of text at 10,000 entries) are not all held at once.
pub fn build_index_with_bodies(
    docs: &[SearchDoc],
    bodies: &Bodies,
) -> Result<Vec<(PathBuf, Vec<u8>)>, SearchError> {
    build_index_with(docs, bodies, None)
}

/// [`build_index_with_bodies`], and with `ruby` the document table again with the furigana
/// edition's ruby (`<build>/r/<id>/`), for that edition's search page.
pub fn build_index_with(
    docs: &[SearchDoc],
    bodies: &Bodies,
    ruby: Option<&Ruby>,
) -> Result<Vec<(PathBuf, Vec<u8>)>, SearchError> {
    let (mut files, unfinished) = start_index(docs, bodies, &SliceCache::none())?;
    files.extend(unfinished.finish(docs, bodies, ruby)?);
    Ok(files)
}

/// The index but for its manifest and the furigana edition's table, which
/// [`Unfinished::finish`] makes. A build writes these files and lets them go at once, does
/// other work, and finishes the index later: the furigana edition's table is then made from
/// readings its pages have made by then, and beside less of the build's memory. Slices of the
/// inverted index an earlier build made of the same texts are read from `cache`.
pub fn start_index(
    docs: &[SearchDoc],
    bodies: &Bodies,
    cache: &SliceCache,
) -> Result<(IndexFiles, Unfinished), SearchError> {
    let order = order(docs)?;
    let ordered: Vec<&SearchDoc> = order.iter().map(|&i| &docs[i]).collect();
    let count = u32::try_from(ordered.len()).map_err(|_| SearchError::TooManyDocs(docs.len()))?;

    // What needs only the documents (the exact keys, the document table, the facet columns) is
    // made beside the inversion: after it, they held one core while the other had nothing left.
    let (inverted, (keys, (tables, facets))) = rayon::join(
        || invert::invert(&ordered, |d| fields::field_texts(d, &bodies(d)), cache),
        || {
            rayon::join(
                || exact_keys(&ordered),
                || {
                    rayon::join(
                        || table::chunks(&ordered, bodies),
                        || facets::columns(&ordered),
                    )
                },
            )
        },
    );
    let inverted = inverted?;
    let scorer = impact::Scorer::new(inverted.lengths);
    let terms = impact::with_exact_keys(inverted.terms, &keys);
    drop(keys);

    let term_shards = shards::cut(terms, count, |weights| scorer.impacts(weights))?;
    let (doc_chunk, doc_chunks) = tables?;
    let facets = facets?;

    let build = manifest::build_id(
        term_shards
            .iter()
            .map(|s| s.json.as_slice())
            .chain(doc_chunks.iter().map(Vec::as_slice))
            .chain(facets.columns.iter().map(|c| c.json.as_slice())),
    );
    let unfinished = Unfinished {
        build: build.clone(),
        order,
        shard_starts: term_shards.iter().map(|s| s.start.clone()).collect(),
        doc_chunk,
        doc_chunks: doc_chunks.len(),
        facets: facets.names.clone(),
        area_buckets: facets.area_buckets,
    };

    let mut files = Vec::new();
    let base = PathBuf::from(&build);
    for (i, shard) in term_shards.into_iter().enumerate() {
        files.push((base.join("t").join(format!("{i}.json")), shard.json));
    }
    for (i, chunk) in doc_chunks.into_iter().enumerate() {
        files.push((base.join("d").join(format!("{i}.json")), chunk));
    }
    for column in facets.columns {
        files.push((
            base.join("f").join(format!("{}.json", column.path)),
            column.json,
        ));
    }
    Ok((files, unfinished))
}

/// What the manifest says of an index [`start_index`] made.
#[derive(Debug)]
pub struct Unfinished {
    build: String,
    /// The documents' positions in what [`start_index`] was given, in their numbers' order.
    order: Vec<usize>,
    shard_starts: Vec<String>,
    doc_chunk: usize,
    doc_chunks: usize,
    facets: Vec<&'static str>,
    area_buckets: u32,
}

impl Unfinished {
    /// The rest of the index: with `ruby`, the furigana edition's table, in a folder named by
    /// its own content (its readings change with the site's readings, where the rest may not);
    /// and the manifest, written last. `docs` are the documents [`start_index`] was given, in
    /// the same order; of them only what results show is read (id, url, kind, name, area name,
    /// service labels, key facts, summary, and the body where there is no summary).
    pub fn finish(
        self,
        docs: &[SearchDoc],
        bodies: &Bodies,
        ruby: Option<&Ruby>,
    ) -> Result<IndexFiles, SearchError> {
        let mut files = Vec::new();
        let ruby_id = match ruby {
            Some(ruby) => {
                let ordered: Vec<&SearchDoc> =
                    self.order.iter().filter_map(|&i| docs.get(i)).collect();
                let chunks = table::ruby_chunks(&ordered, bodies, self.doc_chunk, ruby)?;
                let id = manifest::build_id(
                    std::iter::once(self.build.as_bytes()).chain(chunks.iter().map(Vec::as_slice)),
                );
                let base = PathBuf::from(&self.build).join("r").join(&id);
                for (i, chunk) in chunks.into_iter().enumerate() {
                    files.push((base.join(format!("{i}.json")), chunk));
                }
                Some(id)
            }
            None => None,
        };
        let starts: Vec<&str> = self.shard_starts.iter().map(String::as_str).collect();
        let manifest = manifest::manifest(&manifest::ManifestInput {
            build: &self.build,
            docs: self.order.len(),
            shard_starts: &starts,
            doc_chunk: self.doc_chunk,
            doc_chunks: self.doc_chunks,
            ruby: ruby_id.as_deref(),
            facets: &self.facets,
            area_buckets: self.area_buckets,
        })?;
        files.insert(0, (PathBuf::from("manifest.json"), manifest));
        Ok(files)
    }
}

/// Each document's whole name and name readings as keys, with their weights (`impact`).
fn exact_keys(ordered: &[&SearchDoc]) -> Vec<Vec<(String, f64)>> {
    ordered
        .iter()
        .map(|d| {
            let name = analyze::exact_key(&d.name).map(|k| (k, impact::EXACT_NAME));
            let readings = fields::name_readings(d)
                .into_iter()
                .filter_map(|r| analyze::exact_key(&r))
                .map(|k| (k, impact::EXACT_READING));
            name.into_iter().chain(readings).collect()
        })
        .collect()
}

/// Checks ids and numbers the documents: by reading, then id (see the module comment).
/// Returns the documents' positions in `docs`, in their numbers' order.
fn order(docs: &[SearchDoc]) -> Result<Vec<usize>, SearchError> {
    let mut seen = HashSet::new();
    for doc in docs {
        if doc.id.trim().is_empty() {
            return Err(SearchError::EmptyId(doc.name.clone()));
        }
        if !seen.insert(doc.id.as_str()) {
            return Err(SearchError::DuplicateId(doc.id.clone()));
        }
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&docs[a], &docs[b]);
        a.reading.cmp(&b.reading).then_with(|| a.id.cmp(&b.id))
    });
    Ok(order)
}
