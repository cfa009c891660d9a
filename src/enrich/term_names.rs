//! The glossary's names, found in provider text (view/terms.rs links each term at its first
//! use on a page).

use crate::content::model::Term;
use aho_corasick::AhoCorasick;

/// Every name of every glossary term (the term and its aliases), found in a text in one pass:
/// made once for the guide, where asking for each name in each text of every page took 3% of a
/// national build.
#[derive(Debug, Clone)]
pub struct TermNames {
    /// The index in the glossary of each name's term, in the finder's pattern order: longest
    /// first (so 就労継続支援B型 wins over B型 at the same place), then glossary order.
    terms: Vec<usize>,
    /// `None` when the glossary has no names.
    finder: Option<AhoCorasick>,
}

impl TermNames {
    pub fn new(glossary: &[Term]) -> Self {
        let mut names: Vec<(&str, usize)> = glossary
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                std::iter::once(&t.term)
                    .chain(&t.aliases)
                    .map(move |n| (n.as_str(), i))
            })
            .filter(|(n, _)| !n.is_empty())
            .collect();
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        // Standard match kind: every occurrence of every name is reported, overlapping ones
        // too, so a name already linked on the page hides none that is not.
        let finder = (!names.is_empty())
            .then(|| AhoCorasick::new(names.iter().map(|(n, _)| n)).ok())
            .flatten();
        TermNames {
            terms: names.into_iter().map(|(_, i)| i).collect(),
            finder,
        }
    }

    /// Every place a name is written in `text`, overlapping ones too, in no particular order.
    pub fn occurrences<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Occurrence> + 't {
        self.finder
            .iter()
            .flat_map(move |finder| finder.find_overlapping_iter(text))
            .filter_map(|found| {
                let rank = found.pattern().as_usize();
                Some(Occurrence {
                    start: found.start(),
                    end: found.end(),
                    rank,
                    term: *self.terms.get(rank)?,
                })
            })
    }
}

/// One place a name of a term is written.
pub struct Occurrence {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Orders names found at the same place: longest first, then glossary order.
    pub rank: usize,
    /// The term's index in the glossary.
    pub term: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(term: &str, aliases: &[&str]) -> Term {
        Term {
            id: term.into(),
            term: term.into(),
            kana: String::new(),
            definition: String::new(),
            easy: None,
            see: vec![],
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    /// A name inside a longer one is found too, and ranks after it where both start.
    #[test]
    fn finds_names_inside_names_and_ranks_the_longer_first() {
        let glossary = vec![term("B型", &[]), term("就労継続支援B型", &["継続B"])];
        let names = TermNames::new(&glossary);
        let mut found: Vec<_> = names
            .occurrences("就労継続支援B型と継続B")
            .map(|o| (o.start, o.end, o.rank, o.term))
            .collect();
        found.sort();
        let b = "就労継続支援".len();
        let tail = "就労継続支援B型と".len();
        assert_eq!(
            found,
            vec![
                (0, b + "B型".len(), 0, 1),
                (b, b + "B型".len(), 2, 0),
                (tail, tail + "継続B".len(), 1, 1),
            ]
        );
        assert_eq!(TermNames::new(&[]).occurrences("B型").count(), 0);
    }
}
