//! Japanese text: ruby notation, readings and furigana, kanji grades, 五十音 keys, normalisation.
//!
//! - Author ruby ([`parse_author_ruby`]): DenDen `{漢字|かんじ}`, `{漢字|かん|じ}`, Aozora `｜漢字《かんじ》`.
//! - Readings ([`Reader::reading`]) and furigana ([`Reader::annotate`], [`GradeFilter`]): IPADIC,
//!   corrected by data rather than code, and always overridden by the caller's own words
//!   (a region's readings.yaml, each entry's name and kana; longest match wins). Ruby goes over
//!   the kanji runs of each word with okurigana outside; Latin letters and digits get none.
//! - Helpers: [`to_hiragana`], [`is_reading`], [`nfkc`], [`reading_key`], [`sort_key`],
//!   [`gojuon_row`], [`kanji_grade`] (`data/kanji-grades.tsv` at the crate root).
//!
//! The data, in `data/` here: `field.tsv` (words of this field and IPADIC's misreadings of them:
//! 工賃, 送迎, 障がい), `places.tsv` and `municipalities.tsv` (place names), `names.tsv` (parts of
//! office names: の里 のさと, ヶ丘 がおか), `context.tsv` (readings that depend on neighbours: 方
//! かた/ほう), `counters.tsv` (numbers with counters: 10分 じゅっぷん, 2人 ふたり), `latin.tsv`
//! (letter names, common English words), `onyomi.tsv` (on readings for facility names, 光生園,
//! and for kanji IPADIC has no word for, 福授園). Beside them, built at compile time by the
//! crate's `build.rs` from the postal-code data: Japan's district names (美田園 みたぞの) and
//! every municipality's name (水戸 みと, 米原 まいばら).
//!
//! Places ([`locate`], [`Place`]): an address's prefecture, municipality and town as Japan Post
//! names and reads them (`postal.rs`, from a table build.rs writes). [`Reader::for_address`]
//! reads an address with them, [`Reader::at`] reads an entry's name and text at its place (an
//! office named after its town reads the town's name as the town does).
//! A reading written in parentheses after a word (美蕾(みらい)) is taken as its reading.
//!
//! # Why lindera-ipadic 0.28
//!
//! The build must work offline from crates.io (and Debian) alone. lindera 6.x's `embed-ipadic`
//! (lindera-ipadic 6.2) downloads `mecab-ipadic-2.7.0-20250920.tar.gz` from lindera.dev in its
//! build script (a repackaged IPADIC checked by MD5, published on no registry we can reach), and
//! lindera-ipadic 0.29 already fetched its source from GitHub: both fail without the network.
//! lindera-ipadic 0.28.0 is the last release that carries the IPADIC source inside the crate
//! (an 11 MB .crate) and builds the dictionary from it in its build script, so it builds
//! anywhere crates.io is reachable. Debian's `mecab-ipadic` would also do, but only with a build
//! step outside Cargo. We use `lindera-core` 0.28 (the Viterbi lattice) and `lindera-ipadic`
//! 0.28 directly, not `lindera-tokenizer`, which would also compile the builders of every other
//! language's dictionary. Its `compress` feature is off: it kept the embedded dictionary at
//! 12 MB instead of 62 MB, but every start inflated it into memory (0.3 s, and 264 MB at the peak
//! of `shirube reading`), where uncompressed it is read where it lies in the binary, in pages
//! the system maps in as they are used and can drop again (`shirube reading` 0.13 s, 143 MB;
//! a build of 300 offices 0.75 s → 0.60 s, peak 310 → 200 MB). Of its tables the binary
//! leaves out the largest, the words' details (59 MB): the reader takes each word's part of
//! speech and reading from a 7 MB table the build script reads out of it
//! ([`system_words`], `build/ipadic.rs`). IPADIC is old
//! (2007) and misreads some words of this field and many names: the data above fixes what it
//! can, and a region's readings.yaml fixes the rest without code.

mod align;
mod analyser;
mod context;
mod error;
mod facility;
mod gloss;
mod gojuon;
mod grades;
mod html;
mod kana;
mod kana_check;
mod latin;
mod lexicon;
mod normalize;
mod notation;
mod numbers;
mod place_words;
mod placement;
mod postal;
mod reader;
mod reading_fit;
mod resident;
mod romaji;
mod split;
mod system_words;
mod userwords;
mod word_ruby;

pub use error::TextError;
pub use gojuon::{gojuon_row, sort_key};
pub use grades::kanji_grade;
pub use html::{
    Html, RUBY_MARKUP, escape, escape_into, html_to_segments, segments_to_html, unescape,
};
pub use kana::{is_reading, to_hiragana};
pub use kana_check::{KanaGaps, kana_gaps};
pub(crate) use normalize::is_common;
pub use normalize::{is_normal, nfkc, reading_key, spelled_key};
pub use notation::{parse_author_ruby, strip_author_ruby, without_author_ruby};
pub(crate) use numbers::kanji_value;
pub use postal::{Place, lies_in, locate};
pub use reader::Reader;
pub use romaji::{place_id, romaji};

/// Loads the analyser's dictionary and builds the built-in lexicon on a thread of their own
/// (when the build will `read`: the furigana edition), and Japan Post's table of municipalities
/// on another (their towns are read when an address in them is first looked for), so that the
/// first [`Reader`] made and the first [`locate`] wait less for them: a build calls this before
/// it reads the site, whose loading and checking leave a core idle now and then. (The whole
/// table, made on the first `locate`, held one core for 0.1–0.2 s while the other waited for
/// it.) Once per process; later calls find them made.
pub fn prepare(read: bool) {
    if read {
        std::thread::spawn(|| {
            let _ = analyser::system();
            lexicon::builtin();
            resident::release_read_only_data();
        });
    }
    std::thread::spawn(postal::prepare);
}

/// A piece of text for display: plain, or a ruby base with its reading (one reading per base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Plain(String),
    Ruby { base: String, rt: String },
}

/// Which words get automatic ruby. Author ruby is always kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeFilter {
    /// Every word with kanji.
    All,
    /// Words with a kanji taught after this school grade (or not in elementary school at all);
    /// the ruby then covers all of the word's kanji. `AboveGrade(2)` suits a reader in grade 3.
    AboveGrade(u8),
    /// No automatic ruby.
    None,
}

#[cfg(test)]
mod tests;
