//! Where ruby goes over a word once it is read: the kinds of placement, the pieces of ruby they
//! make, and which words the site's grade wants ruby on.

use std::ops::Range;

use super::GradeFilter;
use super::align::align;
use super::grades::kanji_grade;
use super::kana::{is_ideograph, is_kanji_like};
use super::numbers::NumberRuby;

/// Where a word's ruby goes.
pub(super) enum Ruby {
    /// Over the kanji runs, split by [`align`]; over the whole word if that fails.
    Align,
    /// As a number word places it (see [`NumberRuby`]); `NumberRuby::None` also where the
    /// reading is uncertain.
    Number(NumberRuby),
}

/// Does the filter want ruby on this word?
pub(super) fn wants_ruby(surface: &str, filter: GradeFilter) -> bool {
    match filter {
        GradeFilter::None => false,
        GradeFilter::All => surface.chars().any(is_kanji_like),
        GradeFilter::AboveGrade(n) => surface
            .chars()
            .any(|c| is_ideograph(c) && kanji_grade(c).is_none_or(|g| g > n)),
    }
}

/// Ruby pieces of a word: spans in the normalised text and their readings.
pub(super) fn ruby_pieces(
    span: &Range<usize>,
    surface: &str,
    reading: String,
    ruby: Ruby,
) -> Vec<(Range<usize>, String)> {
    let shift = |pieces: Vec<(Range<usize>, String)>, by: usize| {
        pieces
            .into_iter()
            .map(|(r, rt)| (r.start + by..r.end + by, rt))
            .collect()
    };
    match ruby {
        Ruby::Number(NumberRuby::None) => Vec::new(),
        Ruby::Number(NumberRuby::Whole) => vec![(span.clone(), reading)],
        Ruby::Number(NumberRuby::Counter { at, reading }) => {
            counter_pieces(span, surface, at, reading)
        }
        Ruby::Number(NumberRuby::Both {
            at,
            number,
            counter,
        }) => {
            let digits = surface.get(..at).unwrap_or_default();
            let mut pieces = match align(digits, &number) {
                Some(p) => shift(p, span.start),
                None => vec![(span.start..span.start + at, number)],
            };
            pieces.extend(counter_pieces(span, surface, at, counter));
            pieces
        }
        Ruby::Align => match align(surface, &reading) {
            Some(pieces) => shift(pieces, span.start),
            None => vec![(span.clone(), reading)],
        },
    }
}

fn counter_pieces(
    span: &Range<usize>,
    surface: &str,
    at: usize,
    reading: String,
) -> Vec<(Range<usize>, String)> {
    let counter = surface.get(at..).unwrap_or_default();
    match align(counter, &reading) {
        Some(pieces) => pieces
            .into_iter()
            .map(|(r, rt)| (r.start + span.start + at..r.end + span.start + at, rt))
            .collect(),
        None => vec![(span.start + at..span.end, reading)],
    }
}
