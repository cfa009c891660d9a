//! Facility names in on-readings: 光生園 is こうせいえん, 心水堂 しんすいどう.
//!
//! A name of two or more kanji that IPADIC does not know as a word comes out as single kanji
//! read one by one, often in native readings or as given names (光生 みつお). Before a facility
//! suffix (園, 館, 堂 …) such names are Sino-Japanese compounds, so each kanji takes its on
//! reading from `data/onyomi.tsv`, derived from IPADIC's own verbal nouns, and the readings
//! join as Sino-Japanese compounds do (一 いち + 想 そう → いっそう, 学 がく + 校 → がっこう).
//!
//! The same readings serve kanji that IPADIC cannot read at all (授, 援, 慈 have no entry of
//! their own): in a name they are nearly always part of a Sino-Japanese compound.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::analyser::{Source, Token};
use super::kana::is_ideograph;

const ONYOMI: &str = include_str!("data/onyomi.tsv");
const SUFFIXES: [&str; 10] = ["園", "苑", "館", "舎", "堂", "寮", "荘", "庵", "亭", "道"];

fn onyomi() -> &'static HashMap<char, String> {
    static TABLE: OnceLock<HashMap<char, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ONYOMI
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let mut k = f.next()?.chars();
                let (c, None) = (k.next()?, k.next()) else {
                    return None;
                };
                Some((c, f.next()?.to_string()))
            })
            .collect()
    })
}

/// Re-read runs of single-kanji words (or a given name) right before a facility suffix.
pub(crate) fn apply(text: &str, tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        if !SUFFIXES.contains(&&text[tokens[i].span.clone()]) {
            continue;
        }
        let run: Vec<usize> = (0..i)
            .rev()
            .take_while(|&j| name_piece(text, &tokens[j]))
            .collect();
        let chars: usize = run
            .iter()
            .map(|&j| text[tokens[j].span.clone()].chars().count())
            .sum();
        if chars < 2 {
            continue;
        }
        let readings: Option<Vec<String>> = run
            .iter()
            .map(|&j| on_reading(&text[tokens[j].span.clone()]))
            .collect();
        if let Some(mut readings) = readings {
            // The run is in reverse order; join its readings left to right, then to the suffix.
            readings.reverse();
            if let Some(suffix) = tokens[i].reading.clone() {
                readings.push(suffix);
            }
            join_compound(&mut readings);
            for (&j, r) in run.iter().rev().zip(readings) {
                tokens[j].reading = Some(r);
            }
        }
    }
}

/// A single kanji that IPADIC takes for a given name (央 ひさし, 晶 あきら) next to another
/// single kanji is not a person's name but part of a compound IPADIC does not know (県央
/// けんおう, 晶栄 しょうえい): it takes its on reading.
pub(crate) fn read_name_kanji(text: &str, tokens: &mut [Token]) {
    let kanji = |t: &Token| {
        let s = &text[t.span.clone()];
        s.chars().count() == 1 && s.chars().all(is_ideograph)
    };
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let surface = &text[t.span.clone()];
        let given = t.pos[1] == "固有名詞" && t.pos[2] == "人名" && surface.chars().count() == 1;
        let touching = (i > 0 && kanji(&tokens[i - 1])) || tokens.get(i + 1).is_some_and(kanji);
        if given
            && kanji(t)
            && touching
            && let Some(r) = on_reading(surface)
        {
            tokens[i].reading = Some(r);
            join_with_neighbours(text, tokens, i);
        }
    }
}

/// Token `i` has just been given its on reading as a piece of an unknown compound: join it to
/// a single kanji next to it that is read on too, with the compound's sound changes (一圭
/// いち + けい → いっけい, 日章 にっしょう).
fn join_with_neighbours(text: &str, tokens: &mut [Token], i: usize) {
    let on_single = |t: &Token| {
        let s = &text[t.span.clone()];
        s.chars().count() == 1 && t.reading.is_some() && t.reading == on_reading(s)
    };
    for (a, b) in [(i.wrapping_sub(1), i), (i, i + 1)] {
        if a >= tokens.len()
            || b >= tokens.len()
            || !on_single(&tokens[a])
            || !on_single(&tokens[b])
        {
            continue;
        }
        let (Some(ra), Some(rb)) = (tokens[a].reading.clone(), tokens[b].reading.clone()) else {
            continue;
        };
        let mut pair = [ra, rb];
        join_compound(&mut pair);
        let [ra, rb] = pair;
        tokens[a].reading = Some(ra);
        tokens[b].reading = Some(rb);
    }
}

/// Give kanji words that no dictionary reads (IPADIC's unknown words) their on readings.
pub(crate) fn read_unknown(text: &str, tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let surface = &text[t.span.clone()];
        if t.reading.is_none()
            && !matches!(t.source, Source::Lexicon(_))
            && surface.chars().all(is_ideograph)
        {
            tokens[i].reading = on_reading(surface);
            join_with_neighbours(text, tokens, i);
        }
    }
}

/// The on reading of a run of kanji, joined as a compound; `None` if a kanji has none.
pub(crate) fn on_reading(surface: &str) -> Option<String> {
    let mut readings: Vec<String> = surface
        .chars()
        .map(|c| onyomi().get(&c).cloned())
        .collect::<Option<_>>()?;
    join_compound(&mut readings);
    Some(readings.concat())
}

/// Sound changes where the parts of a Sino-Japanese compound meet: a final ち or つ before
/// か, さ, た or は rows, and a final く before the か row, become っ (一体 いったい, 発見
/// はっけん, 学校 がっこう), and は after っ becomes ぱ (一方 いっぽう).
fn join_compound(readings: &mut [String]) {
    for k in 1..readings.len() {
        let Some(first) = readings[k].chars().next() else {
            continue;
        };
        let Some(last) = readings[k - 1].chars().last() else {
            continue;
        };
        let row = |set: &str| set.contains(first);
        let doubles = match last {
            'ち' | 'つ' => row("かきくけこさしすせそたちつてとはひふへほ"),
            'く' => row("かきくけこ"),
            _ => false,
        };
        if !doubles || readings[k - 1].chars().count() < 2 {
            continue;
        }
        readings[k - 1].pop();
        readings[k - 1].push('っ');
        if let Some(p) = "はひふへほ".find(first) {
            let pa = "ぱぴぷぺぽ"[p..].chars().next().unwrap_or(first);
            readings[k].replace_range(..first.len_utf8(), pa.encode_utf8(&mut [0; 4]));
        }
    }
}

/// A single kanji read as a word, or a given name of kanji: the pieces of an unknown compound.
fn name_piece(text: &str, token: &Token) -> bool {
    let surface = &text[token.span.clone()];
    let kanji = surface.chars().all(is_ideograph);
    let single = surface.chars().count() == 1;
    let given_name = token.pos[1] == "固有名詞" && token.pos[2] == "人名";
    kanji && (single || given_name) && token.pos[0] == "名詞"
}
