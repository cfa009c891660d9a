//! The furigana edition's document table: what a result shows, as [`table`](super::table)'s
//! chunks hold it, with the ruby the edition's pages show over the same texts. The search page
//! draws its results with a script; without these, a reader who needs furigana found every
//! result's name, service and summary bare.
//!
//! Chunk JSON (`<build>/r/<id>/<i>.json`, numbered as the `d` chunks): the records of `d`, each text
//! either a string (nothing to put ruby over) or a list of pieces, a piece being a string or
//! `[base, reading]`:
//!
//! ```text
//! {"d": [[id, url, kind, [["工房","こうぼう"],"ひまわり"], area, [labels], [facts], snippet], …]}
//! ```

use super::SearchDoc;
use crate::text::Segment;
use serde::Serialize;

/// The ruby of a document's texts, in the order given: `ruby(doc, texts, shown)` returns one
/// list of segments for each text (the integrator reads them as the furigana edition reads the
/// entry's page, at the entry's place).
pub type Ruby<'a> = dyn Fn(&SearchDoc, &[&str], Shown) -> Vec<Vec<Segment>> + Sync + 'a;

/// Where else the texts given to [`Ruby`] are shown: what the entry's pages show too is worth
/// keeping once read (the pages read it again); what only results show is not (a national
/// guide's wage facts, kept, were megabytes held to the end of the build).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The name, the area, the service labels, a summary shown whole.
    AlsoOnPages,
    /// The facts as results word them, a snippet cut from a longer text.
    InResultsOnly,
}

/// A text as the chunk holds it.
#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Text {
    /// Without ruby: the text itself, as the `d` chunk has it.
    Plain(String),
    Pieces(Vec<Piece>),
}

#[derive(Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Piece {
    Plain(String),
    /// Base and reading.
    Ruby([String; 2]),
}

impl Text {
    /// `text` with the ruby of `segments`, or as it is when their bases are another text (the
    /// results' plain texts are what the query is marked in).
    pub(crate) fn of_text(text: &str, segments: Vec<Segment>) -> Text {
        let bases = segments.iter().map(|s| match s {
            Segment::Plain(t) | Segment::Ruby { base: t, .. } => t.as_str(),
        });
        match bases.collect::<String>() == text {
            true => Text::of(segments),
            false => Text::Plain(text.to_string()),
        }
    }

    /// Segments as a chunk's text: a plain string when none has ruby, neighbouring plain
    /// segments joined.
    pub(crate) fn of(segments: Vec<Segment>) -> Text {
        if !segments.iter().any(|s| matches!(s, Segment::Ruby { .. })) {
            return Text::Plain(
                segments
                    .into_iter()
                    .map(|s| match s {
                        Segment::Plain(text) | Segment::Ruby { base: text, .. } => text,
                    })
                    .collect(),
            );
        }
        let mut pieces: Vec<Piece> = Vec::with_capacity(segments.len());
        for segment in segments {
            match segment {
                Segment::Ruby { base, rt } => pieces.push(Piece::Ruby([base, rt])),
                Segment::Plain(text) if text.is_empty() => {}
                Segment::Plain(text) => match pieces.last_mut() {
                    Some(Piece::Plain(last)) => last.push_str(&text),
                    _ => pieces.push(Piece::Plain(text)),
                },
            }
        }
        Text::Pieces(pieces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ruby(base: &str, rt: &str) -> Segment {
        Segment::Ruby {
            base: base.into(),
            rt: rt.into(),
        }
    }

    #[test]
    fn texts_without_ruby_stay_strings() {
        let text = Text::of(vec![
            Segment::Plain("ひまわり".into()),
            Segment::Plain("B".into()),
        ]);
        assert_eq!(text, Text::Plain("ひまわりB".into()));
        assert_eq!(serde_json::to_string(&text).unwrap(), r#""ひまわりB""#);
    }

    #[test]
    fn ruby_of_another_text_is_not_used() {
        let segments = || vec![ruby("工房", "こうぼう"), Segment::Plain("ひまわり".into())];
        assert_eq!(
            Text::of_text("工房ひまわり", segments()),
            Text::of(segments())
        );
        assert_eq!(
            Text::of_text("ひまわり", segments()),
            Text::Plain("ひまわり".into())
        );
    }

    #[test]
    fn ruby_is_a_pair_and_plain_neighbours_join() {
        let text = Text::of(vec![
            ruby("工房", "こうぼう"),
            Segment::Plain("ひま".into()),
            Segment::Plain(String::new()),
            Segment::Plain("わり".into()),
            ruby("型", "がた"),
        ]);
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            r#"[["工房","こうぼう"],"ひまわり",["型","がた"]]"#
        );
    }
}
