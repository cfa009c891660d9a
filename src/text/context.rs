//! Readings that depend on the words around: 方 is かた after a verb (働き方, 希望する方) or
//! a person (利用者の方) and ほう in comparisons (こちらの方が). The rules are data,
//! `data/context.tsv`; the first rule that matches a token sets its reading.

use std::sync::OnceLock;

use super::analyser::Token;

const RULES: &str = include_str!("data/context.tsv");

struct Rule {
    word: String,
    reading: String,
    /// Patterns for the tokens before, nearest last.
    before: Vec<Pattern>,
    /// Patterns for the tokens after, nearest first.
    after: Vec<Pattern>,
}

enum Pattern {
    Surface(String),
    /// `@動詞` or `@名詞,接尾`: IPADIC's major class, and optionally its first subclass.
    Pos(String, Option<String>),
    /// `@kana`: a word written in kana that is not a particle, an auxiliary, a prefix or an
    /// adnominal (この): in a name, the kana part before 店 or 家 (とうふ店, ほまれ家).
    Kana,
}

impl Pattern {
    fn matches(&self, text: &str, token: &Token) -> bool {
        match self {
            Pattern::Surface(s) => text.get(token.span.clone()) == Some(s.as_str()),
            Pattern::Pos(pos1, pos2) => {
                token.pos[0] == pos1 && pos2.as_ref().is_none_or(|p| token.pos[1] == p)
            }
            Pattern::Kana => {
                text.get(token.span.clone())
                    .is_some_and(|s| s.chars().all(super::kana::is_kana))
                    && !matches!(
                        token.pos[0],
                        "助詞" | "助動詞" | "接頭詞" | "連体詞" | "記号"
                    )
            }
        }
    }
}

fn rules() -> &'static [Rule] {
    static TABLE: OnceLock<Vec<Rule>> = OnceLock::new();
    TABLE.get_or_init(|| RULES.lines().filter_map(parse_rule).collect())
}

fn parse_rule(line: &str) -> Option<Rule> {
    if line.starts_with('#') {
        return None;
    }
    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
    let patterns = |i: usize| -> Vec<Pattern> {
        f.get(i)
            .copied()
            .unwrap_or("*")
            .split_whitespace()
            .filter(|p| *p != "*")
            .map(|p| match p.strip_prefix('@') {
                Some("kana") => Pattern::Kana,
                Some(pos) => match pos.split_once(',') {
                    Some((a, b)) => Pattern::Pos(a.into(), Some(b.into())),
                    None => Pattern::Pos(pos.into(), None),
                },
                None => Pattern::Surface(p.into()),
            })
            .collect()
    };
    let word = f.first().filter(|w| !w.is_empty())?.to_string();
    let reading = f.get(1).filter(|r| super::kana::is_reading(r))?.to_string();
    Some(Rule {
        word,
        reading,
        before: patterns(2),
        after: patterns(3),
    })
}

/// Set the reading of every token that a rule matches.
pub(crate) fn apply(text: &str, tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let Some(surface) = text.get(tokens[i].span.clone()) else {
            continue;
        };
        let found = rules().iter().find(|rule| {
            rule.word == surface
                && fits_before(rule, text, &tokens[..i])
                && fits_after(rule, text, &tokens[i + 1..])
        });
        if let Some(rule) = found {
            tokens[i].reading = Some(rule.reading.clone());
        }
    }
}

fn fits_before(rule: &Rule, text: &str, before: &[Token]) -> bool {
    rule.before.len() <= before.len()
        && rule
            .before
            .iter()
            .rev()
            .zip(before.iter().rev())
            .all(|(p, t)| p.matches(text, t))
}

fn fits_after(rule: &Rule, text: &str, after: &[Token]) -> bool {
    rule.after.len() <= after.len()
        && rule
            .after
            .iter()
            .zip(after)
            .all(|(p, t)| p.matches(text, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_parses() {
        for line in RULES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            assert!(parse_rule(line).is_some(), "{line:?}");
        }
    }
}
