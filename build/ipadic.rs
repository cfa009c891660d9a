//! IPADIC's words as the reader uses them: each word's part of speech (its first three fields)
//! and its reading, in a table a fraction of the size of lindera's own.
//!
//! lindera keeps every word's nine detail fields as a bincode list of strings (`dict.words`,
//! 59 MB in the binary). A build reads the details of the few thousand words its texts use,
//! scattered over the whole file, and the kernel maps pages around each one it touches: at the
//! end of a national build, 55 of those 59 MB were in the build's resident memory. The reader
//! needs two of the nine fields, so this script writes them into `ipadic-words.bin`
//! (`src/text/system_words.rs` reads it) and the binary no longer carries lindera's copy.
//!
//! Layout (little-endian): `u32` word count `n`, `u8` count of part-of-speech triples `p`;
//! the `p` triples, each three strings as a `u8` length and UTF-8 bytes; `n` bytes, each word's
//! triple; `n + 1` `u32` offsets into the readings; the readings (IPADIC's own spelling,
//! katakana, UTF-8) one after another.

use std::collections::HashMap;

pub fn table(dictionary: &lindera_core::dictionary::Dictionary) -> Vec<u8> {
    let count = dictionary.words_idx_data.len() / 4;
    let mut triples: Vec<[String; 3]> = Vec::new();
    let mut triple_of: HashMap<[String; 3], u8> = HashMap::new();
    let mut kinds = Vec::with_capacity(count);
    let mut offsets = Vec::with_capacity(count + 1);
    let mut readings = Vec::new();
    for id in 0..count {
        let details = dictionary
            .word_details(id)
            .expect("every IPADIC word has details");
        let field = |i: usize| details.get(i).cloned().unwrap_or_default();
        let triple = [field(0), field(1), field(2)];
        let next = u8::try_from(triples.len()).expect("fewer than 256 part-of-speech triples");
        let kind = *triple_of.entry(triple.clone()).or_insert_with(|| {
            triples.push(triple);
            next
        });
        kinds.push(kind);
        offsets.push(u32::try_from(readings.len()).expect("readings under 4 GB"));
        readings.extend_from_slice(field(7).as_bytes());
    }
    offsets.push(u32::try_from(readings.len()).expect("readings under 4 GB"));

    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(count).expect("words fit u32").to_le_bytes());
    out.push(u8::try_from(triples.len()).expect("fewer than 256 triples"));
    for triple in &triples {
        for field in triple {
            out.push(u8::try_from(field.len()).expect("a part-of-speech name under 256 bytes"));
            out.extend_from_slice(field.as_bytes());
        }
    }
    out.extend_from_slice(&kinds);
    for offset in offsets {
        out.extend_from_slice(&offset.to_le_bytes());
    }
    out.extend_from_slice(&readings);
    out
}
