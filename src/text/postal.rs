//! Japan Post's municipalities and towns with their readings, and finding them in an address.
//!
//! The table is `postal.tsv`, written by build.rs from the postal-code data (see
//! `build/postal.rs`): nothing of it is in this repository. An address is written as its
//! municipality (`city`: 水戸市, 茨城県水戸市, 揖斐郡池田町, 大阪府大阪市中央区) and the rest
//! (`street`: 千波町1234, 大字須坂1230, 那賀川町大字江野島58-1). [`locate`] finds the
//! municipality, then the longest town of it that the street begins with, and returns a
//! [`Place`]: the words of the address that Japan Post names, each with its reading.
//!
//! How a street may differ from Japan Post's town and still be its town: 大字 and 字 may stand
//! before it or inside it (那賀川町大字江野島 is Japan Post's 那賀川町江野島); numbers may be
//! written in digits (北11条東 is 北十一条東); ヶ and ケ are one; the municipality may be
//! repeated at the start of the street; and in Kyoto the streets and directions that lead to
//! the town (烏丸通三条上る) come before it.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::normalize::{fold_variants, nfkc};
use super::split;
use crate::hashing::FastMap;

mod place;
mod suffix;
mod within;

pub use place::Place;
pub use within::lies_in;

const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/postal.tsv"));

struct City {
    prefecture: &'static str,
    prefecture_kana: &'static str,
    name: &'static str,
    kana: &'static str,
    /// The name's parts with their readings (揖斐郡 いびぐん, 池田町 いけだちょう), or the name.
    parts: Vec<(&'static str, &'static str)>,
    /// The table's lines of the city's towns (`town\treading`), read into `towns` the first
    /// time an address is looked for in the city: folding the country's 120,000 towns was most
    /// of the table's making, at every start, and a region's guide has addresses in a few of
    /// its 1,900 municipalities.
    town_lines: &'static str,
    towns: OnceLock<Towns>,
}

/// A city's towns, read from its lines.
struct Towns {
    /// In the table's order: (where its folded name is in `folded`, name, reading).
    list: Vec<(Range<u32>, &'static str, &'static str)>,
    /// The towns' folded names, one after the other: with a list of characters for each the
    /// country's towns took 16 MB.
    folded: Vec<char>,
    /// The towns (places in `list`, ascending) by the first character of their folded name: a
    /// street is matched against the towns it may begin with, not every town of its city
    /// (a city of a thousand towns was tens of thousands of comparisons an address).
    by_first: FastMap<char, Vec<u32>>,
    /// Towns whose name begins with a kanji numeral, which a street may write in digits.
    numeral_first: Vec<u32>,
}

impl Towns {
    fn read(lines: &'static str) -> Towns {
        let mut towns = Towns {
            list: Vec::new(),
            folded: Vec::new(),
            by_first: FastMap::default(),
            numeral_first: Vec::new(),
        };
        for line in split::lines(lines).filter(|l| !l.starts_with('#')) {
            let mut split = split::split_at_byte(line, b'\t');
            if let (Some(town), Some(kana), None) = (split.next(), split.next(), split.next()) {
                let start = towns.folded.len();
                fold_each(town, |c| towns.folded.push(c));
                let at = to_u32(start)..to_u32(towns.folded.len());
                let place = to_u32(towns.list.len());
                // A town with no name (none is in Japan Post's data) would match every street:
                // under no character, it is never a candidate, as it never should be.
                if let Some(&first) = towns.folded.get(start) {
                    towns.by_first.entry(first).or_default().push(place);
                    if is_town_numeral(first) {
                        towns.numeral_first.push(place);
                    }
                }
                towns.list.push((at, town, kana));
            }
        }
        towns.list.shrink_to_fit();
        towns.folded.shrink_to_fit();
        towns
    }

    /// The places of the towns `street` may begin with, in the table's order: those whose
    /// first character is the street's, or the street's after a 大字 or 字 (`match_town`), and
    /// those that begin with a kanji numeral where the street begins with a digit.
    fn candidates(&self, street: &[char]) -> Vec<u32> {
        let firsts = [
            street.first(),
            oaza(street).and_then(|lead| street.get(lead)),
        ];
        let mut places: Vec<u32> = Vec::new();
        for first in firsts.into_iter().flatten() {
            places.extend(self.by_first.get(first).into_iter().flatten());
            if first.is_ascii_digit() {
                places.extend(&self.numeral_first);
            }
        }
        places.sort_unstable();
        places.dedup();
        places
    }

    /// The town at `place`: (folded name, name, reading).
    fn town(&self, place: u32) -> Option<(&[char], &'static str, &'static str)> {
        let (at, name, kana) = self.list.get(place as usize)?;
        let folded = self.folded.get(at.start as usize..at.end as usize)?;
        Some((folded, *name, *kana))
    }
}

impl City {
    fn read_towns(&self) -> &Towns {
        self.towns.get_or_init(|| Towns::read(self.town_lines))
    }

    /// Towns in the table's order: (folded name, name, reading).
    fn towns(&self) -> impl Iterator<Item = (&[char], &'static str, &'static str)> {
        let towns = self.read_towns();
        (0..to_u32(towns.list.len())).filter_map(|place| towns.town(place))
    }
}

struct Table {
    cities: Vec<City>,
    /// Folded keys (名, 県名, 名 without its 郡) → cities.
    by_name: HashMap<String, Vec<usize>>,
}

/// Makes the table now (see [`super::prepare`]).
pub(super) fn prepare() {
    table();
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        // Each city's line and the lines of its towns after it, found by the city lines'
        // mark alone: the towns are read when a city is first asked for (`City::towns`).
        let city_starts = TABLE
            .starts_with("C\t")
            .then_some(0)
            .into_iter()
            .chain(memchr::memmem::find_iter(TABLE.as_bytes(), "\nC\t").map(|at| at + 1));
        let mut blocks: Vec<usize> = city_starts.collect();
        blocks.push(TABLE.len());
        let mut cities: Vec<City> = Vec::with_capacity(blocks.len());
        for pair in blocks.windows(2) {
            let block = TABLE.get(pair[0]..pair[1]).unwrap_or_default();
            let (line, town_lines) = block.split_once('\n').unwrap_or((block, ""));
            let mut split = split::split_at_byte(line, b'\t');
            let fields: [Option<&'static str>; 7] = std::array::from_fn(|_| split.next());
            if let [
                Some("C"),
                Some(prefecture),
                Some(prefecture_kana),
                Some(name),
                Some(kana),
                Some(parts),
                None,
            ] = fields
            {
                let p: Vec<&str> = parts.split('|').collect();
                cities.push(City {
                    prefecture,
                    prefecture_kana,
                    name,
                    kana,
                    parts: p
                        .chunks(2)
                        .filter_map(|c| Some((c[0], *c.get(1)?)))
                        .collect(),
                    town_lines,
                    towns: OnceLock::new(),
                });
            }
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in cities.iter().enumerate() {
            let mut keys = vec![fold(c.name), fold(&format!("{}{}", c.prefecture, c.name))];
            if let [(head, _), (tail, _)] = c.parts.as_slice()
                && head.ends_with('郡')
            {
                keys.push(fold(tail));
                keys.push(fold(&format!("{}{tail}", c.prefecture)));
            }
            for k in keys {
                let list = by_name.entry(k).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Table { cities, by_name }
    })
}

/// The table's offsets: its text is 4 MB.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// NFKC without spaces, variant kanji as their common forms, ヶ as ケ: how names are compared.
fn fold(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    fold_each(s, |c| folded.push(c));
    folded
}

/// Gives each character of [`fold`]`(s)` to `take`. Text already NFKC without variant kanji
/// (most town names) is read where it is: a national guide folds the towns of a thousand
/// municipalities, and copying each name into a string or two first was most of their reading.
fn fold_each(s: &str, mut take: impl FnMut(char)) {
    let normalised;
    let s = match super::normalize::is_normal(s) {
        true => s,
        false => {
            normalised = nfkc(s);
            normalised.as_str()
        }
    };
    for c in fold_variants(s).chars().filter(|c| !c.is_whitespace()) {
        take(if c == 'ヶ' || c == 'ｹ' { 'ケ' } else { c });
    }
}

/// The place of an address: its municipality (`city`, with or without the prefecture) and the
/// rest (`street`). `None` when the municipality is not one of Japan's (a made-up region).
pub fn locate(city: &str, street: &str) -> Option<Place> {
    let table = table();
    let city_key = fold(city);
    let written_street: Vec<char> = nfkc(street)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let street: Vec<char> = fold(street).chars().collect();
    let candidates = table.by_name.get(&city_key)?;
    // The town that the most of the street matches, over every municipality of that name
    // (府中市 is in Tokyo and in Hiroshima); the first when none matches.
    let mut best: Option<(usize, usize, Option<TownMatch>)> = None;
    for &i in candidates {
        let c = &table.cities[i];
        let skip = repeated_city(c, &street);
        let found = find_town(c, &street[skip..], &written_street[skip..]);
        let len = found.as_ref().map_or(0, |m| m.len);
        if best.as_ref().is_none_or(|b| len > b.1) {
            best = Some((i, len, found));
        }
    }
    let (i, _, found) = best?;
    let c = &table.cities[i];
    // The words as the address spells them (龍ヶ崎 where Japan Post writes 龍ケ崎): folding
    // keeps one character for one, so Japan Post's lengths find them.
    let written: Vec<char> = nfkc(city).chars().filter(|c| !c.is_whitespace()).collect();
    let mut at = 0;
    let mut take = |name: &str, reading: &str, words: &mut Vec<(String, String)>| {
        let n = name.chars().count();
        let surface: String = written.get(at..at + n).unwrap_or_default().iter().collect();
        if fold(&surface) == fold(name) {
            words.push((surface, reading.to_string()));
            at += n;
        }
    };
    let mut words = Vec::new();
    take(c.prefecture, c.prefecture_kana, &mut words);
    for (s, r) in &c.parts {
        take(s, r, &mut words);
    }
    if words.is_empty() {
        take(c.name, c.kana, &mut words);
    }
    let town = found.map(|m| {
        words.extend(m.pieces);
        (m.name.to_string(), m.kana.to_string())
    });
    Some(Place::new(words, town))
}

/// How many characters at the start of the street repeat the municipality (相模原市緑区橋本,
/// 南区相模大野 for 相模原市南区): they are not a town.
fn repeated_city(c: &City, street: &[char]) -> usize {
    let mut names: Vec<String> = vec![fold(&format!("{}{}", c.prefecture, c.name)), fold(c.name)];
    names.extend(c.parts.iter().rev().map(|(s, _)| fold(s)));
    let mut at = 0;
    for name in names {
        let n: Vec<char> = name.chars().collect();
        if street[at..].starts_with(&n) {
            at += n.len();
        }
    }
    at
}

struct TownMatch {
    name: &'static str,
    kana: &'static str,
    /// Characters of the street it covers.
    len: usize,
    /// The town's pieces as the street writes them, with readings.
    pieces: Vec<(String, String)>,
}

/// The longest town of `c` that `street` begins with, or that begins after a Kyoto street
/// and its direction (…通…上る).
fn find_town(c: &City, street: &[char], written: &[char]) -> Option<TownMatch> {
    find_town_among(c, street, written, Towns::candidates)
}

/// [`find_town`] over the towns `candidates` gives for a street (their places, ascending).
fn find_town_among(
    c: &City,
    street: &[char],
    written: &[char],
    candidates: impl Fn(&Towns, &[char]) -> Vec<u32>,
) -> Option<TownMatch> {
    let mut starts = vec![0];
    let text: String = street.iter().collect();
    for mark in ["上る", "下る", "上ル", "下ル", "入る", "入ル"] {
        if let Some(b) = text.find(mark) {
            starts.push(text[..b + mark.len()].chars().count());
        }
    }
    let mut best: Option<TownMatch> = None;
    let towns = c.read_towns();
    for start in starts {
        let street = street.get(start..).unwrap_or_default();
        for (folded, name, kana) in candidates(towns, street)
            .into_iter()
            .filter_map(|place| towns.town(place))
        {
            let Some((lead, len, breaks)) = match_town(folded, street) else {
                continue;
            };
            if best.as_ref().is_some_and(|b| b.len >= start + len) {
                continue;
            }
            let spelled = &written[start + lead..start + len];
            let Some(pieces) = pieces(c, name, kana, folded, spelled, &breaks) else {
                continue;
            };
            best = Some(TownMatch {
                name,
                kana,
                len: start + len,
                pieces,
            });
        }
    }
    best
}

/// Does the street begin with the town? Where the town starts in the street (after a 大字 or
/// 字 before it), where it ends, and where 大字 or 字 breaks it (positions in the town's
/// characters).
fn match_town(town: &[char], street: &[char]) -> Option<(usize, usize, Vec<usize>)> {
    let lead = oaza(street)
        .filter(|_| street.first() != town.first())
        .unwrap_or(0);
    let (mut t, mut s) = (0, lead);
    let mut breaks = Vec::new();
    while t < town.len() {
        if street.get(s) == Some(&town[t]) {
            // Numbers written alike: compare them whole (十一 is not 十 then 一).
            if is_numeral(town[t]) {
                let (tn, tl) = numeral(&town[t..]);
                let (sn, sl) = numeral(&street[s..]);
                if tn != sn {
                    return None;
                }
                t += tl;
                s += sl;
            } else {
                t += 1;
                s += 1;
            }
            continue;
        }
        if t > 0
            && let Some(skip) = oaza(&street[s..])
        {
            breaks.push(t);
            s += skip;
            continue;
        }
        if is_numeral(town[t]) && street.get(s).is_some_and(char::is_ascii_digit) {
            let (tn, tl) = numeral(&town[t..]);
            let (sn, sl) = numeral(&street[s..]);
            if tn.is_none() || tn != sn {
                return None;
            }
            t += tl;
            s += sl;
            continue;
        }
        return None;
    }
    Some((lead, s, breaks))
}

/// 大字 or 字 at the start of the street: how many characters.
fn oaza(s: &[char]) -> Option<usize> {
    match s {
        ['大', '字', ..] => Some(2),
        ['字', ..] => Some(1),
        _ => None,
    }
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || is_town_numeral(c)
}

/// The kanji numerals of town names, up to 千 as `numeral` reads them (`text::numbers`'s
/// `is_kanji_numeral` also takes 零, 万 and beyond, which no town's number has).
fn is_town_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
    )
}

/// A number at the start, in digits or kanji numerals, and how many characters it takes.
fn numeral(s: &[char]) -> (Option<u32>, usize) {
    if s.first().is_some_and(char::is_ascii_digit) {
        let len = s.iter().take_while(|c| c.is_ascii_digit()).count();
        let digits: String = s[..len].iter().collect();
        return (digits.parse().ok(), len);
    }
    let len = s.iter().take_while(|c| is_town_numeral(**c)).count();
    let (mut total, mut current) = (0u32, 0u32);
    for &c in &s[..len] {
        let digit = "〇一二三四五六七八九".chars().position(|d| d == c);
        match (digit, c) {
            (Some(d), _) => current = current * 10 + d as u32,
            (None, '十') => total += current.max(1) * 10,
            (None, '百') => total += current.max(1) * 100,
            (None, '千') => total += current.max(1) * 1000,
            _ => {}
        }
        if digit.is_none() {
            current = 0;
        }
    }
    (Some(total + current), len)
}

/// The town's pieces as written in the street, with readings: the whole town when nothing
/// broke it, else each piece, read from the town's reading where another town of the
/// municipality shows where the first piece's reading ends (那賀川町 of 那賀川町江野島 is read
/// as all the towns 那賀川町… begin). `None` when the pieces cannot be read apart.
fn pieces(
    c: &City,
    name: &str,
    kana: &str,
    folded: &[char],
    written: &[char],
    breaks: &[usize],
) -> Option<Vec<(String, String)>> {
    let written: String = written.iter().collect();
    let Some(&at) = breaks.first() else {
        return Some(vec![(written, kana.to_string())]);
    };
    if breaks.len() > 1 {
        return None;
    }
    let head: String = folded[..at].iter().collect();
    let siblings: Vec<&str> = c
        .towns()
        .filter(|(f, n, _)| f.starts_with(&folded[..at]) && *n != name)
        .map(|(_, _, k)| k)
        .collect();
    let exact = c.towns().find(|(f, _, _)| f[..] == folded[..at]);
    let head_kana = match exact {
        Some((_, _, k)) => k.to_string(),
        None if !siblings.is_empty() => {
            let mut all = siblings.clone();
            all.push(kana);
            common_prefix(&all)
        }
        None => return None,
    };
    let tail_kana = kana.strip_prefix(&head_kana)?;
    if head_kana.is_empty() || tail_kana.is_empty() {
        return None;
    }
    let tail: String = folded[at..].iter().collect();
    // The street's own spelling of the head and tail (ヶ for ケ is kept as written).
    let head_len = head.chars().count();
    let written_head: String = written.chars().take(head_len).collect();
    let written_tail: String = written
        .chars()
        .rev()
        .take(tail.chars().count())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(vec![
        (written_head, head_kana),
        (written_tail, tail_kana.to_string()),
    ])
}

fn common_prefix(words: &[&str]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut out = String::new();
    for (i, c) in first.chars().enumerate() {
        if words.iter().all(|w| w.chars().nth(i) == Some(c)) {
            out.push(c);
        } else {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests;
