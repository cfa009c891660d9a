//! Whether a name's kana still spell the name. A provider who renames あさひ工房 to
//! あさひ工房南 and leaves `kana: あさひこうぼう` gets ruby fitted to the old kana (工房南
//! read こうぼう) on every page of the furigana edition, and 五十音 order and search by reading
//! go by the old name.
//!
//! The kana are laid over the name's words strictly: each word with kanji its dictionary
//! reading or nothing, kana as written, Latin words and digits their usual reading, any other
//! (at most [`SPELLED_MOST_PER_CHAR`] kana a character) or nothing, symbols nothing. Of the ways
//! that use up the kana, the one that leaves out the fewest words is taken, when it is the only
//! one. A gap is then a word with kanji left out after the kana began (南), or kana left over
//! at the end, past every word (みなみ, once 南 is gone from the name). It is not a gap:
//! - words left out before the kana begin: kana often give only a place's own name, for
//!   五十音 order (就労継続支援A型事業所 ドリームサポート with the kana どりーむさぽーと);
//! - a word in brackets left out (（第2）);
//! - a single kana left over (晴 read はれる).
//!
//! Nothing is said when a word with kanji is read another way (陽だまり read ひだまり: a name
//! has its own readings the dictionary does not know), or when the kana could be laid over the
//! name in more than one way, or only by reading a Latin word in some unusual way (水口2 with
//! the kana みなくちつー: 水口 left out and 2 read みなくちつー is a way, but not a sure one).

use super::TextError;
use super::analyser::{self, Token};
use super::kana::{is_kana, to_hiragana};
use super::normalize::{fold_variants, nfkc};
use super::notation::strip_author_ruby;
// The same bounds as the furigana edition's fit of kana to a name's words: the most kana a
// Latin letter or digit takes when not read its usual way, and the longest name and kana laid
// over each other (the search keeps a table of words × kana).
use super::reading_fit::{MAX_KANA, MAX_PARTS, Part, SPELLED_MOST_PER_CHAR};
use super::word_ruby::parts_of;

/// Kana left over at the end are a word the name no longer has only when they are at least
/// this many: a single one is more likely a name's own reading (晴 read はれる).
const SHORTEST_LEFT_OVER: usize = 2;

/// Where a name's kana and its words part ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KanaGaps {
    /// The words with kanji the kana leave out, each with its dictionary reading (words side
    /// by side as one).
    pub missing: Vec<(String, String)>,
    /// The kana left over at the end, which no word of the name reads.
    pub left_over: Option<String>,
    /// The kana with each missing word's dictionary reading put in and the kana left over
    /// taken out: a suggestion (the dictionary does not know every name's reading).
    pub suggested: String,
}

/// The gaps between `name` (author ruby allowed) and its `kana` (hiragana or katakana), or
/// `None` when the kana fit the name, or when it cannot be said for sure that they do not.
pub fn kana_gaps(name: &str, kana: &str) -> Result<Option<KanaGaps>, TextError> {
    let dict = analyser::system()?;
    let base = fold_variants(&nfkc(&strip_author_ruby(name))).into_owned();
    let tokens = analyser::tokenize(dict, None, &base);
    Ok(gaps(&base, &tokens, kana))
}

/// How good a way of laying the kana over the name is: fewer gaps, then fewer unsure
/// readings, and how many ways are that good (capped at 2).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Score {
    gaps: u32,
    unsure: u32,
    ways: u8,
}

impl Score {
    fn rank(self) -> (u32, u32) {
        (self.gaps, self.unsure)
    }
}

/// What a part does at one step: takes `len` kana, adding `gaps` and `unsure`.
#[derive(Clone, Copy)]
struct Step {
    len: usize,
    gaps: u32,
    unsure: u32,
}

struct Layer<'a> {
    parts: &'a [Part],
    kana: &'a [char],
    memo: Vec<Option<Option<Score>>>,
}

impl Layer<'_> {
    fn steps(&self, i: usize, p: usize) -> Vec<Step> {
        let rest = &self.kana[p..];
        let step = |len, gaps, unsure| Step { len, gaps, unsure };
        let mut out = Vec::new();
        match &self.parts[i] {
            Part::Symbol(symbol) => {
                out.push(step(0, 0, 0));
                // ＆ and ＋ are read (あんど, ぷらす); spaces, ・ and brackets never are.
                if symbol.iter().all(|&c| may_be_read(c)) {
                    out.extend(
                        (1..=(SPELLED_MOST_PER_CHAR * symbol.len()).min(rest.len()))
                            .map(|len| step(len, 0, 1)),
                    );
                }
            }
            Part::Kana(k) => {
                if rest.starts_with(k) {
                    out.push(step(k.len(), 0, 0));
                }
            }
            Part::Spelled { usual, chars } => {
                let usual = usual.as_deref().filter(|u| rest.starts_with(u));
                out.extend(usual.map(|u| step(u.len(), 0, 0)));
                out.push(step(0, 0, 0));
                out.extend(
                    (1..=(SPELLED_MOST_PER_CHAR * chars).min(rest.len()))
                        .filter(|&len| Some(len) != usual.map(<[char]>::len))
                        .map(|len| step(len, 0, 1)),
                );
            }
            Part::Kanji {
                usual: Some(usual),
                bracketed,
                ..
            } => {
                if !usual.is_empty() && rest.starts_with(usual) {
                    out.push(step(usual.len(), 0, 0));
                }
                // Left out before the kana begin, or in brackets: as kana are often written.
                let gap = u32::from(p > 0 && !bracketed);
                out.push(step(0, gap, 0));
            }
            // A word the dictionary cannot read: any reading, none sure.
            Part::Kanji {
                usual: None, chars, ..
            } => {
                out.push(step(0, 0, 1));
                out.extend(
                    (1..=(SPELLED_MOST_PER_CHAR * chars).min(rest.len()))
                        .map(|len| step(len, 0, 1)),
                );
            }
        }
        out
    }

    /// The best way to lay `kana[p..]` over `parts[i..]`.
    fn best(&mut self, i: usize, p: usize) -> Option<Score> {
        if i == self.parts.len() {
            let left = self.kana.len() - p;
            return match left {
                0 => Some(Score {
                    gaps: 0,
                    unsure: 0,
                    ways: 1,
                }),
                _ if p > 0 && left >= SHORTEST_LEFT_OVER => Some(Score {
                    gaps: 1,
                    unsure: 0,
                    ways: 1,
                }),
                _ => None,
            };
        }
        let key = i * (self.kana.len() + 1) + p;
        if let Some(known) = self.memo[key] {
            return known;
        }
        let mut best: Option<Score> = None;
        for step in self.steps(i, p) {
            let Some(rest) = self.best(i + 1, p + step.len) else {
                continue;
            };
            let here = Score {
                gaps: rest.gaps + step.gaps,
                unsure: rest.unsure + step.unsure,
                ways: rest.ways,
            };
            best = match best {
                Some(b) if b.rank() < here.rank() => Some(b),
                Some(b) if b.rank() == here.rank() => Some(Score {
                    ways: b.ways.saturating_add(here.ways).min(2),
                    ..b
                }),
                _ => Some(here),
            };
        }
        self.memo[key] = Some(best);
        best
    }
}

/// Whether a symbol in a name may be read aloud (＆, ＋, ♪), unlike spaces, ・ and brackets.
fn may_be_read(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_alphanumeric()
        && !"・･、。,.()[]{}「」『』【】〔〕〈〉《》\"'-ー".contains(c)
}

/// Whether `part` is a word of one kanji: two of them side by side are often read together
/// in a way neither has alone (富味 read とみ, 樹樹 read じゅじゅ).
fn is_one_kanji(part: &Part) -> bool {
    matches!(part, Part::Kanji { chars: 1, .. })
}

fn opens_bracket(part: &Part) -> bool {
    matches!(part, Part::Symbol(s) if s.iter().any(|c| "([{「『【〔〈《".contains(*c)))
}

fn gaps(base: &str, tokens: &[Token], kana: &str) -> Option<KanaGaps> {
    let parts = parts_of(base, tokens);
    // Readings drop spaces and ・ between words; so does the laying over.
    let kana: Vec<char> = to_hiragana(kana)
        .chars()
        .filter(|&c| is_kana(c) || c == 'ー')
        .collect();
    if parts.len() > MAX_PARTS || kana.len() > MAX_KANA {
        return None;
    }
    let mut layer = Layer {
        parts: &parts,
        kana: &kana,
        memo: vec![None; (parts.len() + 1) * (kana.len() + 1)],
    };
    let best = layer.best(0, 0)?;
    if best.gaps == 0 || best.ways != 1 {
        return None;
    }
    // The one best way, step by step.
    let mut gaps = KanaGaps {
        missing: Vec::new(),
        left_over: None,
        suggested: String::new(),
    };
    let mut p = 0;
    // Whether a word was left out since the last word the kana read.
    let mut left_out_since_read = false;
    // The part the kana read last, when nothing was left out after it.
    let mut last_read: Option<usize> = None;
    // Whether a word was read in an unsure way, and whether a word was read after a gap.
    let (mut unsure, mut read_after_gap) = (false, false);
    // Whether the word read just before the first gap was read in an unsure way.
    let (mut last_read_unsure, mut unsure_before_gap) = (false, false);
    let mut last_missing: Option<usize> = None;
    for (i, (token, part)) in tokens.iter().zip(&parts).enumerate() {
        let here = layer.best(i, p)?;
        let step = layer.steps(i, p).into_iter().find(|step| {
            layer.best(i + 1, p + step.len).is_some_and(|rest| {
                (rest.gaps + step.gaps, rest.unsure + step.unsure) == here.rank()
            })
        })?;
        if step.gaps > 0
            && let Part::Kanji {
                usual: Some(usual), ..
            } = part
        {
            // Read together with the one-kanji word before it, or given its reading in the
            // brackets after it (美蕾(みらい)): not left out.
            if last_read.is_some_and(|j| read_as_one(base, tokens, &parts, j, i))
                || parts.get(i + 1).is_some_and(opens_bracket)
            {
                return None;
            }
            if gaps.missing.is_empty() {
                unsure_before_gap = last_read_unsure;
            }
            let reading: String = usual.iter().collect();
            gaps.suggested.push_str(&reading);
            let word = &base[token.span.clone()];
            // Words left out side by side are said as one (事業 + 所: 事業所).
            match gaps.missing.last_mut() {
                Some((words, readings)) if last_missing == Some(i.wrapping_sub(1)) => {
                    words.push_str(word);
                    readings.push_str(&reading);
                }
                _ => gaps.missing.push((word.to_string(), reading)),
            }
            last_missing = Some(i);
        }
        unsure |= step.unsure > 0;
        match (step.len, part) {
            (0, Part::Symbol(_)) => {}
            (0, _) => {
                left_out_since_read = true;
                last_read = None;
            }
            _ => {
                read_after_gap |= !gaps.missing.is_empty();
                left_out_since_read = false;
                last_read = Some(i);
                last_read_unsure = step.unsure > 0;
            }
        }
        gaps.suggested.extend(&kana[p..p + step.len]);
        p += step.len;
    }
    if p < kana.len() {
        // Words left out last and kana left over after them: those words read another way
        // (八代 read やつしろ, not はちだい), not a gap; nor kana left over after a word of one
        // kanji (晴 read はれる, 樹樹 read じゅじゅ).
        if left_out_since_read || last_read.is_none_or(|j| is_one_kanji(&parts[j])) {
            return None;
        }
        gaps.left_over = Some(kana[p..].iter().collect());
    }
    // A Latin word read some unusual way may hold the kana of a word beside it (水口2 with
    // the kana みなくちつー, Tetoria取手 with てとりあとりで): sure only of words the name
    // ends with, after all the kana, and after a word read for sure.
    if unsure && (read_after_gap || unsure_before_gap || gaps.left_over.is_some()) {
        return None;
    }
    Some(gaps)
}

/// Whether the one-kanji words `read` (read by the kana) and `left_out` (just after it) may
/// be one word read together (富味 read とみ): they are the whole of a run of two kanji, and
/// the first is not a suffix (事業所 + 南 are not read together).
fn read_as_one(base: &str, tokens: &[Token], parts: &[Part], read: usize, left_out: usize) -> bool {
    use super::kana::is_kanji_like;
    let (first, second) = (&tokens[read], &tokens[left_out]);
    left_out == read + 1
        && is_one_kanji(&parts[read])
        && is_one_kanji(&parts[left_out])
        && first.pos[1] != "接尾"
        && !base[..first.span.start]
            .chars()
            .next_back()
            .is_some_and(is_kanji_like)
        && !base[second.span.end..]
            .chars()
            .next()
            .is_some_and(is_kanji_like)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaps_of(name: &str, kana: &str) -> Option<KanaGaps> {
        kana_gaps(name, kana).expect("the dictionary loads")
    }

    fn missing(gaps: &KanaGaps) -> Vec<&str> {
        gaps.missing.iter().map(|(word, _)| word.as_str()).collect()
    }

    #[test]
    fn a_word_added_to_the_name_is_missing_from_its_kana() {
        let gaps = gaps_of("あさひ工房南", "あさひこうぼう").expect("a gap");
        assert_eq!(missing(&gaps), ["南"]);
        assert_eq!(gaps.left_over, None);
        assert_eq!(gaps.suggested, "あさひこうぼうみなみ");
        // In the middle, and words side by side said as one.
        let gaps = gaps_of("みどり事業所パン工房", "みどりぱんこうぼう").expect("a gap");
        assert_eq!(missing(&gaps), ["事業所"]);
        assert_eq!(gaps.suggested, "みどりじぎょうしょぱんこうぼう");
    }

    #[test]
    fn kana_of_a_word_taken_from_the_name_are_left_over() {
        let gaps = gaps_of("あさひ工房", "あさひこうぼうみなみ").expect("a gap");
        assert!(gaps.missing.is_empty());
        assert_eq!(gaps.left_over.as_deref(), Some("みなみ"));
        assert_eq!(gaps.suggested, "あさひこうぼう");
        let gaps = gaps_of("あさひ", "アサヒコウボウ").expect("a gap");
        assert_eq!(gaps.left_over.as_deref(), Some("こうぼう"));
        // Both at once: a word left out inside, kana left over at the end.
        let gaps = gaps_of("あさひ南パン工房", "あさひぱんこうぼうきた").expect("a gap");
        assert_eq!(missing(&gaps), ["南"]);
        assert_eq!(gaps.left_over.as_deref(), Some("きた"));
        assert_eq!(gaps.suggested, "あさひみなみぱんこうぼう");
    }

    #[test]
    fn kana_that_read_the_name_fit() {
        for (name, kana) in [
            ("あさひ工房", "あさひこうぼう"),
            ("あさひ工房", "アサヒ コウボウ"),
            (
                "就業・生活支援センター あおぞら",
                "しゅうぎょう せいかつしえんせんたー あおぞら",
            ),
            ("[陽]{ひ}だまり", "ひだまり"),
        ] {
            assert_eq!(gaps_of(name, kana), None, "{name} {kana}");
        }
    }

    /// What kana often leave out on purpose, and readings the dictionary does not know, are
    /// not gaps.
    #[test]
    fn names_read_their_own_way_are_not_gaps() {
        for (name, kana) in [
            // the kind of place before the name, left out for 五十音 order
            ("就労継続支援A型事業所 ドリームサポート", "どりーむさぽーと"),
            // a word in brackets
            ("サスケ工房（第2）", "さすけこうぼう"),
            // words read another way than the dictionary's (八代: やつしろ, not はちだい)
            ("らぽーる八代", "らぽーるやつしろ"),
            ("陽だまり", "ひだまり"),
            // two one-kanji words read together, a kanji read longer than the dictionary has
            ("富味", "とみ"),
            ("晴", "はれる"),
            // the reading given in brackets after the words
            ("キャリアプラス美蕾(みらい)", "きゃりあぷらすみらい"),
            // a symbol read aloud
            ("アス・トライ+", "あすとらいぷらす"),
            // a Latin word or a digit read some unusual way, beside a word with kanji
            ("ウェルメント水口2", "うぇるめんとみなくちつー"),
            ("Tetoria取手", "てとりあとりで"),
        ] {
            assert_eq!(gaps_of(name, kana), None, "{name} {kana}");
        }
    }

    /// Words the kana leave out at the end of a name are gaps even after a Latin word read
    /// some unusual way, when a word read for sure stands between.
    #[test]
    fn words_left_out_at_the_end_are_gaps_after_latin_words() {
        // Office is read some unusual way just before 工房: not sure.
        let gaps = gaps_of("Cocorport 大宮Office工房", "ここるぽーとおおみやおふぃす");
        assert_eq!(gaps, None);
        let gaps = gaps_of("Cocorport 大宮工房", "ここるぽーとおおみや").expect("a gap");
        assert_eq!(missing(&gaps), ["工房"]);
    }
}
