//! Glossary terms explained where they appear: the first use of each term on a page (in its
//! summary and body, never inside a link, a heading or a table) becomes a link to the term in the
//! glossary, carrying the term's plain definition — or, in the furigana edition, its easy
//! version — in `data-term-definition`. Without JavaScript it is a link; `static/js/terms.js`
//! turns it into a disclosure button that shows the definition in place. In the furigana
//! edition a definition with kanji also follows the link as ruby HTML, in a `<template>` (inert:
//! not shown, not read, not part of the link's name), from which the script makes the tip, so
//! that the tip has the ruby the rest of the page has.

use crate::content::model::Term;
use crate::enrich::TermNames;
use crate::text::Html;
use crate::view::style::TextStyle;
use std::cell::RefCell;
use std::collections::HashSet;

pub struct TermLinker<'a> {
    names: &'a TermNames,
    glossary: &'a [Term],
    glossary_url: String,
    easy: bool,
    used: RefCell<HashSet<&'a str>>,
}

impl<'a> TermLinker<'a> {
    /// For one page: `root` leads back to the edition's root. `names` are `glossary`'s.
    pub fn new(names: &'a TermNames, glossary: &'a [Term], root: &str, tx: &dyn TextStyle) -> Self {
        TermLinker {
            names,
            glossary,
            glossary_url: format!("{root}glossary/"),
            easy: tx.edition() == "furigana",
            used: RefCell::new(HashSet::new()),
        }
    }

    /// `text` (provider text, author ruby notation allowed) as HTML in the style `tx`, with the
    /// first use on this page of each term linked.
    pub fn html(&self, text: &str, tx: &dyn TextStyle) -> Html {
        let mut out = Html::new();
        let mut rest = text;
        while let Some((at, len, term)) = self.first_unused(rest) {
            let end = at + len;
            out.push(&tx.html(&rest[..at]));
            self.used.borrow_mut().insert(term.id.as_str());
            let definition = match (&term.easy, self.easy) {
                (Some(easy), true) => easy,
                _ => &term.definition,
            };
            out.push_markup("<a class=\"term-link\" href=\"");
            out.push_text(&self.glossary_url);
            out.push_markup("#");
            out.push_text(&term.id);
            out.push_markup("\" data-term-definition=\"");
            out.push_text(&tx.plain(definition));
            out.push_markup("\">");
            out.push(&tx.html(&rest[at..end]));
            out.push_markup("</a>");
            if self.easy {
                let ruby = tx.html(definition);
                if ruby.as_str().contains("<ruby") {
                    out.push_markup("<template class=\"term-definition\">");
                    out.push(&ruby);
                    out.push_markup("</template>");
                }
            }
            rest = &rest[end..];
        }
        out.push(&tx.html(rest));
        out
    }

    /// The earliest unused term in `text` outside author ruby (`{漢字|かんじ}`, `｜漢字《かんじ》`):
    /// the occurrence that starts first, and of those the name first in the finder's order.
    fn first_unused(&self, text: &str) -> Option<(usize, usize, &'a Term)> {
        let used = self.used.borrow();
        let mut masked: Option<Vec<(usize, usize)>> = None;
        let mut best: Option<(usize, usize, usize, &'a Term)> = None;
        for found in self.names.occurrences(text) {
            if best.is_some_and(|(b, _, rank, _)| (b, rank) < (found.start, found.rank)) {
                continue;
            }
            let Some(term) = self.glossary.get(found.term) else {
                continue;
            };
            if used.contains(term.id.as_str()) {
                continue;
            }
            let masked = masked.get_or_insert_with(|| ruby_spans(text));
            if masked
                .iter()
                .any(|&(s, e)| found.start < e && found.end > s)
            {
                continue;
            }
            best = Some((found.start, found.end - found.start, found.rank, term));
        }
        best.map(|(at, len, _, term)| (at, len, term))
    }
}

/// Byte ranges of author ruby in `text`, which a link must not cut.
fn ruby_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for (open, close) in [("{", "}"), ("｜", "》")] {
        let mut from = 0;
        while let Some(i) = text[from..].find(open) {
            let s = from + i;
            match text[s..].find(close) {
                Some(j) => {
                    spans.push((s, s + j + close.len()));
                    from = s + j + close.len();
                }
                None => break,
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::style::Plain;

    fn term(id: &str, term: &str) -> Term {
        Term {
            id: id.into(),
            term: term.into(),
            kana: String::new(),
            definition: format!("{term}の<説明>"),
            easy: None,
            see: vec![],
            aliases: if term == "就労継続支援B型" {
                vec!["B型".into()]
            } else {
                vec![]
            },
        }
    }

    #[test]
    fn links_the_first_use_only_and_the_longest_term() {
        let g = vec![
            term("a", "A型"),
            term("bb", "就労継続支援B型"),
            term("k", "工賃"),
        ];
        let names = crate::enrich::TermNames::new(&g);
        let l = TermLinker::new(&names, &g, "../../", &Plain);
        let html = l
            .html("就労継続支援B型の工賃。A型と工賃<x>", &Plain)
            .into_string();
        assert_eq!(html.matches("term-link").count(), 3, "{html}");
        assert!(html.contains("href=\"../../glossary/#bb\""));
        assert!(html.contains("data-term-definition=\"就労継続支援B型の&lt;説明&gt;\""));
        assert!(html.ends_with("工賃&lt;x&gt;"), "{html}");
        // Used once per page: a second text of the same page links nothing already linked.
        assert!(
            !l.html("B型と工賃", &Plain)
                .into_string()
                .contains("term-link")
        );
        // An alias links to its term.
        let l = TermLinker::new(&names, &g, "", &Plain);
        let html = l.html("B型です", &Plain).into_string();
        assert!(html.contains("href=\"glossary/#bb\""), "{html}");
        assert!(html.ends_with(">B型</a>です"), "{html}");
    }

    #[test]
    fn never_cuts_author_ruby() {
        let g = vec![term("k", "工賃")];
        let names = crate::enrich::TermNames::new(&g);
        let l = TermLinker::new(&names, &g, "", &Plain);
        let html = l.html("{工賃|こうちん}と工賃", &Plain).into_string();
        assert_eq!(
            html,
            "工賃と<a class=\"term-link\" href=\"glossary/#k\" data-term-definition=\"工賃の&lt;説明&gt;\">工賃</a>"
        );
    }
}
