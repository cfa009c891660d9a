//! Fitting a reading given for a whole name onto the name's words, where the words' own
//! readings do not spell it exactly: 就労継続支援A型事業所 サスケ工房（第2） with the kana
//! しゅうろうけいぞくしえんがたじぎょうしょさすけこうぼう (the A and the （第2） left out).
//!
//! Each word may take its own reading (free), any reading (at a cost), or none (at a higher
//! cost: the kana left it out). The fit of least cost is taken when it is the only one of
//! that cost; two fits of the same cost mean the reading cannot tell where a word ends.

use std::ops::Range;

/// What a part of the name may read as.
pub(super) enum Part {
    /// A symbol or space: itself, or nothing.
    Symbol(Vec<char>),
    /// Kana: itself; left out only at a cost.
    Kana(Vec<char>),
    /// Latin letters or digits: their usual reading, or any, or nothing.
    Spelled {
        usual: Option<Vec<char>>,
        chars: usize,
    },
    /// A word with kanji: its dictionary reading, or any, or nothing.
    Kanji {
        usual: Option<Vec<char>>,
        chars: usize,
        /// In brackets, where kana often leave a word out: （第2）, （本店）.
        bracketed: bool,
    },
}

/// Costs of a part's readings other than its own. A word with kanji read otherwise costs more
/// than one left out: kana left over are one word's reading, not shared out between two
/// (柴田（第2） with the kana しば: 柴田 しば, not 柴田 し and 第 ば).
const SPELLED_OTHER: u32 = 1;
const KANA_LEFT_OUT: u32 = 2;
const KANJI_LEFT_OUT: u32 = 3;
const BRACKETED_KANJI_LEFT_OUT: u32 = 1;
const KANJI_OTHER: u32 = 4;

/// The most kana a Latin letter or digit (ダブリュー, ななじゅう…) and a kanji
/// (こころざし) may take in a reading other than their own.
pub(super) const SPELLED_MOST_PER_CHAR: usize = 8;
const KANJI_MOST_PER_CHAR: usize = 6;

pub(super) const MAX_PARTS: usize = 64;
pub(super) const MAX_KANA: usize = 256;

/// The stretch of `reading` that each part takes (empty where the reading left it out),
/// when one fit costs least; `None` when none fits or two fit equally well.
pub(super) fn fit(parts: &[Part], reading: &[char]) -> Option<Vec<Range<usize>>> {
    if let Some(exact) = own_readings(parts, reading) {
        return Some(exact);
    }
    // The search recurses once per part and keeps a table of parts × kana: a name is a few
    // dozen of each, and text that is not a name (a whole paragraph given a reading) is left
    // whole rather than searched.
    if parts.len() > MAX_PARTS || reading.len() > MAX_KANA {
        return None;
    }
    let mut longest_rest = vec![0; parts.len() + 1];
    for (i, part) in parts.iter().enumerate().rev() {
        longest_rest[i] = longest_rest[i + 1] + part.longest();
    }
    let mut fitter = Fitter {
        parts,
        reading,
        memo: vec![None; (parts.len() + 1) * (reading.len() + 1)],
        longest_rest,
    };
    let best = fitter.best(0, 0)?;
    if best.ways != 1 {
        return None;
    }
    let mut out = Vec::with_capacity(parts.len());
    let mut p = 0;
    for i in 0..parts.len() {
        let cost_here = fitter.best(i, p)?.cost;
        let (len, _) = fitter.options(i, p).into_iter().find(|&(len, cost)| {
            fitter
                .best(i + 1, p + len)
                .is_some_and(|rest| rest.cost + cost == cost_here)
        })?;
        out.push(p..p + len);
        p += len;
    }
    Some(out)
}

/// The fit where every part takes its own reading and symbols none, if that spells `reading`:
/// most names, found without the search.
fn own_readings(parts: &[Part], reading: &[char]) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::with_capacity(parts.len());
    let mut p = 0;
    for part in parts {
        let own: &[char] = match part {
            Part::Symbol(_) => &[],
            Part::Kana(k) => k,
            Part::Spelled { usual, .. } | Part::Kanji { usual, .. } => usual.as_deref()?,
        };
        if !reading[p..].starts_with(own) {
            return None;
        }
        out.push(p..p + own.len());
        p += own.len();
    }
    (p == reading.len()).then_some(out)
}

impl Part {
    /// The most kana this part may take ([`Fitter::options`]).
    fn longest(&self) -> usize {
        let own = |usual: &Option<Vec<char>>| usual.as_ref().map_or(0, Vec::len);
        match self {
            Part::Symbol(s) => s.len(),
            Part::Kana(k) => k.len(),
            Part::Spelled { usual, chars } => own(usual).max(SPELLED_MOST_PER_CHAR * chars),
            Part::Kanji { usual, chars, .. } => own(usual).max(KANJI_MOST_PER_CHAR * chars),
        }
    }
}

#[derive(Clone, Copy)]
struct Best {
    cost: u32,
    /// Fits of that cost, capped at 2.
    ways: u8,
}

struct Fitter<'a> {
    parts: &'a [Part],
    reading: &'a [char],
    memo: Vec<Option<Option<Best>>>,
    /// The most kana parts `i..` may take together: where fewer are left than the reading
    /// has, no fit goes on from there, and the search stops before trying each way.
    longest_rest: Vec<usize>,
}

impl Fitter<'_> {
    /// (length taken, cost) for part `i` at reading position `p`.
    fn options(&self, i: usize, p: usize) -> Vec<(usize, u32)> {
        let rest = &self.reading[p..];
        let own = |usual: &Option<Vec<char>>| {
            usual
                .as_ref()
                .filter(|u| !u.is_empty() && rest.starts_with(u))
                .map(Vec::len)
        };
        let mut out = Vec::new();
        match &self.parts[i] {
            Part::Symbol(s) => {
                out.push((0, 0));
                if !s.is_empty() && rest.starts_with(s) {
                    out.push((s.len(), 0));
                }
            }
            Part::Kana(k) => {
                if rest.starts_with(k) {
                    out.push((k.len(), 0));
                }
                out.push((0, KANA_LEFT_OUT));
            }
            Part::Spelled { usual, chars } => {
                let own = own(usual);
                out.extend(own.map(|len| (len, 0)));
                out.push((0, SPELLED_OTHER));
                out.extend(
                    (1..=(SPELLED_MOST_PER_CHAR * chars).min(rest.len()))
                        .filter(|&len| Some(len) != own)
                        .map(|len| (len, SPELLED_OTHER)),
                );
            }
            Part::Kanji {
                usual,
                chars,
                bracketed,
            } => {
                let own = own(usual);
                out.extend(own.map(|len| (len, 0)));
                let left_out = if *bracketed {
                    BRACKETED_KANJI_LEFT_OUT
                } else {
                    KANJI_LEFT_OUT
                };
                out.push((0, left_out));
                out.extend(
                    (1..=(KANJI_MOST_PER_CHAR * chars).min(rest.len()))
                        .filter(|&len| Some(len) != own)
                        .map(|len| (len, KANJI_OTHER)),
                );
            }
        }
        out
    }

    fn best(&mut self, i: usize, p: usize) -> Option<Best> {
        if i == self.parts.len() {
            return (p == self.reading.len()).then_some(Best { cost: 0, ways: 1 });
        }
        if p + self.longest_rest[i] < self.reading.len() {
            return None;
        }
        let key = i * (self.reading.len() + 1) + p;
        if let Some(known) = self.memo[key] {
            return known;
        }
        let mut best: Option<Best> = None;
        for (len, cost) in self.options(i, p) {
            let Some(rest) = self.best(i + 1, p + len) else {
                continue;
            };
            let total = rest.cost + cost;
            best = match best {
                Some(b) if b.cost < total => Some(b),
                Some(b) if b.cost == total => Some(Best {
                    cost: total,
                    ways: b.ways.saturating_add(rest.ways).min(2),
                }),
                _ => Some(Best {
                    cost: total,
                    ways: rest.ways,
                }),
            };
        }
        self.memo[key] = Some(best);
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn kanji(usual: &str) -> Part {
        Part::Kanji {
            usual: Some(chars(usual)),
            chars: 2,
            bracketed: false,
        }
    }

    fn bracketed(usual: &str) -> Part {
        Part::Kanji {
            usual: Some(chars(usual)),
            chars: 1,
            bracketed: true,
        }
    }

    fn taken(parts: &[Part], reading: &str) -> Option<Vec<String>> {
        let r = chars(reading);
        fit(parts, &r).map(|ranges| ranges.into_iter().map(|x| r[x].iter().collect()).collect())
    }

    #[test]
    fn own_readings_first_then_what_is_left() {
        let parts = [kanji("しゅうろう"), kanji("ほげ"), kanji("しえん")];
        assert_eq!(
            taken(&parts, "しゅうろうけいぞくしえん"),
            Some(vec![
                "しゅうろう".into(),
                "けいぞく".into(),
                "しえん".into()
            ])
        );
    }

    #[test]
    fn parts_the_reading_leaves_out_take_nothing() {
        let parts = [
            Part::Spelled {
                usual: Some(chars("えー")),
                chars: 1,
            },
            kanji("がた"),
            Part::Symbol(chars("(")),
            bracketed("だい"),
            Part::Spelled {
                usual: Some(chars("に")),
                chars: 1,
            },
            Part::Symbol(chars(")")),
        ];
        assert_eq!(
            taken(&parts, "がた"),
            Some(vec![
                String::new(),
                "がた".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new()
            ])
        );
    }

    #[test]
    fn kana_left_over_are_one_words_reading() {
        let parts = [kanji("しばた"), Part::Symbol(chars("(")), bracketed("だい")];
        assert_eq!(
            taken(&parts, "しば"),
            Some(vec!["しば".into(), String::new(), String::new()])
        );
    }

    #[test]
    fn a_text_far_longer_than_a_name_is_not_searched() {
        let parts: Vec<Part> = (0..MAX_PARTS + 1).map(|_| kanji("ほげ")).collect();
        assert_eq!(taken(&parts, &"あ".repeat(MAX_PARTS + 1)), None);
    }

    #[test]
    fn two_unknown_words_side_by_side_do_not_fit() {
        let parts = [kanji("ほげ"), kanji("ふが")];
        assert_eq!(taken(&parts, "あいうえ"), None);
    }
}
