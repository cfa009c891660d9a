//! `manifest.json`: the only file every search fetches first. It names the build folder, the
//! first term of every term shard, how documents are chunked and the facet columns, so the
//! browser can work out every other path itself.

use super::SearchError;
use super::analyze::ANALYZER_VERSION;
use super::fields::FIELDS;
use super::impact::IMPACT_SCALE;
use serde::Serialize;

/// Bumped when the file layout or encoding changes; the client refuses other versions.
pub(crate) const FORMAT_VERSION: u32 = 3;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest<'a> {
    format: &'static str,
    version: u32,
    analyzer: u32,
    /// Folder of this build's files, named by their content hash: a browser that cached an old
    /// shard can never mix it with a new manifest.
    build: &'a str,
    docs: usize,
    impact_scale: f64,
    /// Informative: which fields were indexed, with what weight.
    fields: Vec<(&'static str, f64)>,
    /// First term of each shard `i`, stored at `<build>/t/<i>.json`.
    shards: &'a [&'a str],
    /// Documents per chunk; chunk `i` is `<build>/d/<i>.json`.
    doc_chunk: usize,
    doc_chunks: usize,
    /// The folder `<build>/r/<ruby>/` whose `<i>.json` is chunk `i` with the furigana edition's
    /// ruby. Left out when there is none (a site without that edition).
    #[serde(skip_serializing_if = "Option::is_none")]
    ruby: Option<&'a str>,
    /// Names of the facet columns; column `name` is `<build>/f/<name>.json`, but for `area`,
    /// whose ids are spread over `<build>/f/area/<b>.json` for b < `area_buckets` (facets.rs).
    facets: &'a [&'a str],
    area_buckets: u32,
}

pub(crate) struct ManifestInput<'a> {
    pub build: &'a str,
    pub docs: usize,
    pub shard_starts: &'a [&'a str],
    pub doc_chunk: usize,
    pub doc_chunks: usize,
    pub ruby: Option<&'a str>,
    pub facets: &'a [&'a str],
    pub area_buckets: u32,
}

pub(crate) fn manifest(input: &ManifestInput) -> Result<Vec<u8>, SearchError> {
    let manifest = Manifest {
        format: "shirube-search",
        version: FORMAT_VERSION,
        analyzer: ANALYZER_VERSION,
        build: input.build,
        docs: input.docs,
        impact_scale: IMPACT_SCALE,
        fields: FIELDS.iter().map(|f| (f.name, f.boost)).collect(),
        shards: input.shard_starts,
        doc_chunk: input.doc_chunk,
        doc_chunks: input.doc_chunks,
        ruby: input.ruby,
        facets: input.facets,
        area_buckets: input.area_buckets,
    };
    crate::json::to_vec(&manifest).map_err(SearchError::Json)
}

/// FNV-1a, 64 bits, over every file's bytes: deterministic, dependency-free, and enough to tell
/// two builds apart (it is a cache key, not a security measure).
pub(crate) fn build_id<'a>(files: impl Iterator<Item = &'a [u8]>) -> String {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for file in files {
        for &b in file.iter().chain(&[0xff]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:010x}", hash >> 24)
}
