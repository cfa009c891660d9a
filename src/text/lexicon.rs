//! The built-in lexicon: words of this field and office-name parts that IPADIC lacks or misreads.
//!
//! The words are data (`data/*.tsv`), not code, and join IPADIC's lattice as lindera's "user
//! dictionary". Corrections get a cost low enough to win over IPADIC's own analysis of the same
//! characters, with a fixed charge per word so that one long entry beats two short ones; names
//! IPADIC already knows (municipalities) get a cost just below IPADIC's own entry, enough to keep
//! them whole after another word without cutting longer names that contain them. District names
//! from the postal-code data (built by build.rs) only fill gaps: build.rs leaves out those IPADIC
//! has as a word of the same surface, and they cost about what its place names do.

use std::borrow::Cow;
use std::sync::OnceLock;

use lindera_core::prefix_dict::PrefixDict;
use lindera_core::word_entry::{WordEntry, WordId};
use yada::DoubleArray;

use super::kana::is_reading;
use super::normalize::{is_normal, nfkc};
use super::split::{lines, split_at_byte};
use crate::hashing::{FastMap, FastSet};

/// Field vocabulary and known IPADIC misreadings.
const FIELD: &str = include_str!("data/field.tsv");
/// Place names IPADIC misreads.
const PLACES: &str = include_str!("data/places.tsv");
/// Municipality names, kept whole.
const MUNICIPALITIES: &str = include_str!("data/municipalities.tsv");
/// Common parts of office and operator names.
const NAMES: &str = include_str!("data/names.tsv");
/// Japan's district names (町域) with their readings, from the postal-code data (see build.rs).
const TOWNS: &str = include_str!(concat!(env!("OUT_DIR"), "/towns.tsv"));
/// Every municipality's name without 市/区/町/村/郡 and every prefecture's without 都/府/県,
/// from the postal-code data (see build/postal.rs).
const MUNICIPALITIES_JP: &str = include_str!(concat!(env!("OUT_DIR"), "/municipalities-jp.tsv"));
/// Those of them IPADIC has as an ordinary word read another way, which stay out of the lexicon
/// (`surface<TAB>reading`). Kept as data, checked against IPADIC by a test
/// (`municipalities_read_otherwise_are_listed`), not asked of IPADIC at every start: the details
/// of two thousand of its words, scattered over its 59 MB table of details, brought about 25 MB
/// of that table into memory before the site was read (the binary now carries a small table of
/// what the reader needs instead: `system_words`).
const MUNICIPALITIES_READ_OTHERWISE: &str = include_str!("data/municipalities-read-otherwise.tsv");

/// One word: its surface (NFKC), reading (hiragana, no spaces) and IPADIC context id.
///
/// The surface and the reading are the data's own text where it is already so written (nearly
/// every line), not copies: made at every start of a furigana build, 79,000 entries' two
/// strings each (with the list's growth) were half of the start's 12,000 page faults and a
/// third of its CPU time (`shirube reading`: 52–63 → 35–37 ms).
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub surface: Cow<'static, str>,
    pub reading: Cow<'static, str>,
    /// The IPADIC part of speech its class stands for, for the context rules.
    pub pos: &'static [&'static str; 3],
    context_id: u16,
    cost: i16,
    strength: Strength,
}

/// How far below IPADIC's own entry a kept name is put.
const KEEP_MARGIN: i16 = 2000;

/// How hard a file's words push against IPADIC's analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    /// Corrections: win wherever the surface occurs.
    Override,
    /// Names IPADIC mostly knows: win against a split, not against a longer IPADIC word
    /// (秋葉 must not cut 秋葉原).
    Keep,
    /// Only where IPADIC has no word for the whole surface, which it would otherwise read
    /// kanji by kanji: a name's suffix (の実, が丘), checked against IPADIC at the start.
    Fill,
    /// District names (美田園 びでんえん, not みたぞの): as [`Strength::Fill`], but build.rs has
    /// already left out those IPADIC has (`no_district_is_a_word_of_ipadic`).
    District,
    /// The country's municipalities: as [`Strength::Keep`] where IPADIC knows the surface
    /// only as a place (or not at all); left out where IPADIC has it as an ordinary word with
    /// another reading (平野 へいや, 国立 こくりつ), which text means more often than the place.
    Place,
}

/// The built-in lexicon and the lattice dictionary made from it.
pub(crate) struct Lexicon {
    entries: Vec<Entry>,
    pub dict: Option<PrefixDict>,
}

impl Lexicon {
    pub fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    /// The reading of a word that is an entry of its own.
    pub fn reading_of(&self, surface: &str) -> Option<&str> {
        let found = self.dict.as_ref()?.find_surface(surface);
        let entry = self.entry(found.first()?.word_id.0)?;
        Some(&entry.reading)
    }
}

/// The built-in lexicon, parsed on first use.
pub(crate) fn builtin() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let files = [
            (FIELD, Strength::Override),
            (PLACES, Strength::Override),
            (MUNICIPALITIES, Strength::Keep),
            (NAMES, Strength::Override),
            (MUNICIPALITIES_JP, Strength::Place),
            (TOWNS, Strength::District),
        ];
        // At the size of the files' lines: grown by doubling, the list was copied as it grew
        // (about two fifths of the lexicon's page faults).
        let lines_in = |file: &str| memchr::memchr_iter(b'\n', file.as_bytes()).count() + 1;
        let mut entries: Vec<Entry> =
            Vec::with_capacity(files.iter().map(|&(file, _)| lines_in(file)).sum());
        entries.extend(files.iter().flat_map(|&(file, strength)| {
            lines(file).filter_map(move |line| parse_line(line, strength))
        }));
        // One entry per surface: the first one written wins (field, places, municipalities,
        // names, the country's municipalities, towns). Marked first, so that the set borrows
        // the surfaces instead of copying 79,000 of them.
        let mut seen = FastSet::with_capacity_and_hasher(entries.len(), Default::default());
        let first: Vec<bool> = entries
            .iter()
            .map(|e| seen.insert(e.surface.as_ref()))
            .collect();
        drop(seen);
        let mut first = first.into_iter();
        entries.retain(|_| first.next().unwrap_or(false));
        if let Ok(system) = super::analyser::system() {
            let read_otherwise = read_otherwise();
            entries.retain(|e| match e.strength {
                // Whether IPADIC has the surface at all, asked of its trie alone.
                Strength::Fill => system.dict.da.exact_match_search(&*e.surface).is_none(),
                Strength::Place => {
                    !read_otherwise.contains(&(e.surface.as_ref(), e.reading.as_ref()))
                }
                _ => true,
            });
            for e in entries
                .iter_mut()
                .filter(|e| matches!(e.strength, Strength::Keep | Strength::Place))
            {
                // Just below IPADIC's own cheapest reading of the same surface, if it has one.
                if let Some(min) = system
                    .dict
                    .find_surface(&e.surface)
                    .iter()
                    .map(|w| w.word_cost)
                    .min()
                {
                    e.cost = min.saturating_sub(KEEP_MARGIN);
                }
            }
        }
        // Kept for the whole run: without the room of the lines that were dropped.
        entries.shrink_to_fit();
        let dict = prefix_dict(&entries);
        Lexicon { entries, dict }
    })
}

/// The municipality names IPADIC reads otherwise, as (surface, reading).
fn read_otherwise() -> FastSet<(&'static str, &'static str)> {
    MUNICIPALITIES_READ_OTHERWISE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

/// Does IPADIC have the entry's surface as a word that is not a place name, with a reading
/// other than the entry's? (What `MUNICIPALITIES_READ_OTHERWISE` lists; see its test.)
#[cfg(test)]
fn common_word_read_otherwise(system: &lindera_core::dictionary::Dictionary, e: &Entry) -> bool {
    system.dict.find_surface(&e.surface).iter().any(|w| {
        let word = super::system_words::word(w.word_id.0);
        let place = word.is_some_and(|w| w.pos[1] == "固有名詞" && w.pos[2] == "地域");
        let reading = word.map(|w| super::kana::to_hiragana(w.reading));
        !place && reading.unwrap_or_default() != e.reading
    })
}

/// `surface<TAB>reading[<TAB>class]`; `#` starts a comment line.
fn parse_line(line: &'static str, strength: Strength) -> Option<Entry> {
    if line.starts_with('#') {
        return None;
    }
    let mut fields = split_at_byte(line, b'\t');
    let surface = fields.next()?.trim();
    let surface = match is_normal(surface) {
        true => Cow::Borrowed(surface),
        false => Cow::Owned(nfkc(surface)),
    };
    let reading = fields.next()?;
    let reading = match reading.contains(char::is_whitespace) {
        true => Cow::Owned(reading.split_whitespace().collect()),
        false => Cow::Borrowed(reading),
    };
    let class = fields.next().unwrap_or("noun").trim();
    if surface.is_empty() || surface.contains('\0') || !is_reading(&reading) {
        return None;
    }
    let chars = surface.chars().count();
    let (context_id, pos) = class_of(class)?;
    // A name's suffix (の実, の家, が丘) is read so only where no word of IPADIC's begins in it:
    // as an override, の実 cut 就職の実績 into のみ + 績 (のみせき), の家 わたしの家計, の木
    // の木工; costed as a district name is, it still wins against a split (ひかりの実).
    let strength = match (class, strength) {
        ("suffix", Strength::Override) => Strength::Fill,
        _ => strength,
    };
    Some(Entry {
        cost: cost(chars, strength),
        strength,
        surface,
        reading,
        pos,
        context_id,
    })
}

/// IPADIC's context id for 名詞,一般.
const NOUN: u16 = 1285;

/// IPADIC's left/right context id (left-id.def; the same numbers on both sides) and part of
/// speech for the classes the data files may name. The class decides how the word joins its
/// neighbours, and what the context rules see.
fn class_of(class: &str) -> Option<(u16, &'static [&'static str; 3])> {
    Some(match class {
        "noun" => (NOUN, &["名詞", "一般", "*"]),
        "sahen" => (1283, &["名詞", "サ変接続", "*"]), // a noun that takes する
        "proper" => (1288, &["名詞", "固有名詞", "一般"]),
        "person" => (1289, &["名詞", "固有名詞", "人名"]),
        "org" => (1292, &["名詞", "固有名詞", "組織"]),
        "place" => (1293, &["名詞", "固有名詞", "地域"]),
        "suffix" => (1298, &["名詞", "接尾", "一般"]),
        "counter" => (1300, &["名詞", "接尾", "助数詞"]),
        "prefix" => (560, &["接頭詞", "名詞接続", "*"]),
        "adverb" => (1314, &["名詞", "副詞可能", "*"]),
        _ => return None,
    })
}

/// Cost of a lexicon word of `chars` characters. IPADIC's word costs are mostly positive, in
/// the thousands. An override is far below them, more so the longer it is, with a fixed charge
/// per word so that one long entry beats two short ones; a kept name only a little below; a
/// district name about as much as IPADIC's place names cost, a little less the longer it is.
fn cost(chars: usize, strength: Strength) -> i16 {
    let chars = chars.min(13) as i32;
    let c = match strength {
        Strength::Override => 1000 - 2500 * chars,
        Strength::Keep | Strength::Place => 2000 - 1000 * chars,
        Strength::Fill | Strength::District => 5000 - 1000 * chars,
    };
    c.clamp(i16::MIN as i32, i16::MAX as i32) as i16
}

/// The trie over every surface of the lexicon's files, built by build.rs, and its keys in order.
const TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.da"));
const TRIE_KEYS: &str = include_str!(concat!(env!("OUT_DIR"), "/lexicon-keys.txt"));

/// lindera's prefix dictionary: the double-array trie from surface number n to
/// `(n << 5) | 1`, and a table of word entries whose n-th is that surface's entry. A surface
/// with no entry in force (a district name IPADIC knows, or a line that did not parse) gets an
/// entry that costs too much ever to be chosen.
fn prefix_dict(entries: &[Entry]) -> Option<PrefixDict> {
    let mut by_surface: FastMap<&str, u32> =
        FastMap::with_capacity_and_hasher(entries.len(), Default::default());
    by_surface.extend(
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.surface.as_ref(), i as u32)),
    );
    let mut vals = Vec::with_capacity(by_surface.len() * WordEntry::SERIALIZED_LEN);
    for surface in lines(TRIE_KEYS) {
        let entry = match by_surface.get(surface) {
            Some(&id) => {
                let e = &entries[id as usize];
                WordEntry {
                    word_id: WordId(id, false),
                    word_cost: e.cost,
                    left_id: e.context_id,
                    right_id: e.context_id,
                }
            }
            None => WordEntry {
                word_id: WordId(u32::MAX, false),
                word_cost: i16::MAX,
                left_id: NOUN,
                right_id: NOUN,
            },
        };
        entry.serialize(&mut vals).ok()?;
    }
    Some(PrefixDict {
        da: DoubleArray::new(TRIE.to_vec()),
        vals_data: vals,
        is_system: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_line_parses() {
        for (file, text) in [
            ("field.tsv", FIELD),
            ("places.tsv", PLACES),
            ("municipalities.tsv", MUNICIPALITIES),
            ("names.tsv", NAMES),
        ] {
            for (n, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                assert!(
                    parse_line(line, Strength::Keep).is_some(),
                    "{file}:{}: {line:?}",
                    n + 1
                );
            }
        }
    }

    /// The list of municipality names IPADIC reads otherwise is what IPADIC says of the
    /// country's municipalities today. When the postal-code data or IPADIC changes, put the
    /// list this prints into `data/municipalities-read-otherwise.tsv`.
    #[test]
    fn municipalities_read_otherwise_are_listed() {
        let system = crate::text::analyser::system().expect("dictionary");
        let found: std::collections::BTreeSet<(String, String)> = MUNICIPALITIES_JP
            .lines()
            .filter_map(|l| parse_line(l, Strength::Place))
            .filter(|e| common_word_read_otherwise(system, e))
            .map(|e| (e.surface.into_owned(), e.reading.into_owned()))
            .collect();
        let listed: std::collections::BTreeSet<(String, String)> = read_otherwise()
            .into_iter()
            .map(|(s, r)| (s.to_string(), r.to_string()))
            .collect();
        let lines: String = found.iter().map(|(s, r)| format!("{s}\t{r}\n")).collect();
        assert!(
            found == listed,
            "data/municipalities-read-otherwise.tsv is out of date; its lines should be:\n{lines}"
        );
        // The list is not empty by accident: these are the examples its comment gives.
        assert!(listed.iter().any(|(s, _)| s == "平野"), "{lines}");
        assert!(listed.iter().any(|(s, _)| s == "国立"), "{lines}");
    }

    /// build.rs leaves out of `towns.tsv` the districts IPADIC has as words, which the lexicon
    /// would drop at every start (a district only fills a gap of IPADIC's).
    #[test]
    fn no_district_is_a_word_of_ipadic() {
        let system = crate::text::analyser::system().expect("dictionary");
        let districts: Vec<Entry> = lines(TOWNS)
            .filter_map(|line| parse_line(line, Strength::District))
            .collect();
        assert!(districts.len() > 30_000, "{} districts", districts.len());
        for e in &districts {
            assert!(
                system.dict.find_surface(&e.surface).is_empty(),
                "{} is a word of IPADIC",
                e.surface
            );
        }
    }

    #[test]
    fn every_entry_is_in_the_trie() {
        let keys: std::collections::HashSet<&str> = TRIE_KEYS.lines().collect();
        for e in &builtin().entries {
            assert!(keys.contains(e.surface.as_ref()), "{:?}", e.surface);
        }
    }

    #[test]
    fn lookups_through_the_trie() {
        let lex = builtin();
        let dict = lex.dict.as_ref().expect("lexicon dictionary");
        let found: Vec<_> = dict.prefix("工賃を").collect();
        assert_eq!(found.len(), 1);
        let entry = lex.entry(found[0].1.word_id.0).expect("entry");
        assert_eq!(entry.reading, "こうちん");
    }
}
