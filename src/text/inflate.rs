//! Tables that build.rs generates from Japan Post's data are embedded deflated (`*.tsv.z`):
//! about a quarter of their size in the binary, opened once, on first use.

use std::io::Read as _;

/// The text of a deflated table. A table that does not inflate (it cannot happen with what
/// build.rs wrote) reads as empty, so the reader works without it rather than failing.
pub(crate) fn inflate(bytes: &[u8]) -> String {
    let mut text = String::new();
    match flate2::read::DeflateDecoder::new(bytes).read_to_string(&mut text) {
        Ok(_) => text,
        Err(_) => String::new(),
    }
}
