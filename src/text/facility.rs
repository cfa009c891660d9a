//! Facility names in on-readings: 光生園 is こうせいえん, 心水堂 しんすいどう.
//!
//! A name of two or more kanji that IPADIC does not know as a word comes out as single kanji
//! read one by one, often in native readings or as given names (光生 みつお). Before a facility
//! suffix (園, 館, 堂 …) such names are Sino-Japanese compounds, so each kanji takes its on
//! reading from `data/onyomi.tsv`, derived from IPADIC's own verbal nouns.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::analyser::Token;
use super::kana::is_ideograph;

const ONYOMI: &str = include_str!("data/onyomi.tsv");
const SUFFIXES: [&str; 9] = ["園", "苑", "館", "舎", "堂", "寮", "荘", "庵", "亭"];

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
            .map(|&j| {
                text[tokens[j].span.clone()]
                    .chars()
                    .map(|c| onyomi().get(&c).cloned())
                    .collect::<Option<String>>()
            })
            .collect();
        if let Some(readings) = readings {
            for (&j, r) in run.iter().zip(readings) {
                tokens[j].reading = Some(r);
            }
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
