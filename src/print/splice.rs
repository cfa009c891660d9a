//! The print document's entries are put into the rendered document as it is written: the
//! document's template sees a mark in each entry's place (`e.html`), an HTML comment no provider
//! text can contain (its `<` would be escaped), and each mark is replaced by its entry's part,
//! rendered on every core a slice at a time (`parts.rs`), so only a slice of them is ever held.

use crate::text::Html;
use std::io::{self, Write};

const MARK_START: &str = "<!--shirube:entry:";
const MARK_END: &str = "-->";

/// Parts rendered at a time: enough to keep every core busy, a few MB of HTML.
const SLICE: usize = 256;

/// The mark of part number `number`.
pub fn mark(number: usize) -> Html {
    // A fixed comment and a number.
    Html::from_trusted(format!("{MARK_START}{number}{MARK_END}"))
}

/// A piece of the rendered frame: its own text, or a mark's part.
enum Piece<'f> {
    Text(&'f str),
    Part(usize),
}

/// `frame` cut at the marks of parts `0..count`. Anything else that looks like a mark is text.
fn pieces(frame: &str, count: usize) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = frame;
    let mut text_start = 0;
    let mut offset = 0;
    while let Some(start) = rest.find(MARK_START) {
        let after = &rest[start + MARK_START.len()..];
        let number = after.find(MARK_END).and_then(|end| {
            let number: usize = after[..end].parse().ok()?;
            (number < count).then_some((number, end))
        });
        match number {
            Some((number, end)) => {
                pieces.push(Piece::Text(&frame[text_start..offset + start]));
                pieces.push(Piece::Part(number));
                let consumed = start + MARK_START.len() + end + MARK_END.len();
                offset += consumed;
                text_start = offset;
                rest = &rest[consumed..];
            }
            None => {
                let consumed = start + MARK_START.len();
                offset += consumed;
                rest = &rest[consumed..];
            }
        }
    }
    pieces.push(Piece::Text(&frame[text_start..]));
    pieces
}

/// Renders the parts of a slice's marks, given in order, in the same order.
pub type RenderSlice<'r, E> = dyn Fn(&[usize]) -> Result<Vec<Vec<u8>>, E> + Sync + 'r;

/// Why filling stopped: writing failed, or a part could not be rendered.
pub enum FillError<E> {
    Io(io::Error),
    Part(E),
}

/// Writes `frame` with the mark of each part `0..count` replaced by the part `render` makes of
/// it (in whatever order and as often as the theme printed them) into `out`, piece by piece:
/// `render` is given a slice's marks in order and gives their parts in the same order;
/// neither the whole document nor all its parts are ever held in memory. A slice's pieces are
/// written while the next slice's parts are rendered: written after, they held the build's
/// last second on one core.
pub fn fill<E: Send>(
    frame: &str,
    count: usize,
    render: &RenderSlice<E>,
    out: &mut (dyn Write + Send),
) -> Result<(), FillError<E>> {
    let pieces = pieces(frame, count);
    let slices = slices(&pieces);
    let render_slice = |slice: &Slice| render(&slice.marks).map_err(FillError::Part);
    let mut rendered = match slices.first() {
        Some(slice) => render_slice(slice)?,
        None => Vec::new(),
    };
    for (i, slice) in slices.iter().enumerate() {
        let (written, next) = rayon::join(
            || write_slice(&pieces[slice.pieces.clone()], rendered, &mut *out),
            || slices.get(i + 1).map(render_slice).transpose(),
        );
        written.map_err(FillError::Io)?;
        rendered = next?.unwrap_or_default();
    }
    Ok(())
}

/// A run of pieces and the numbers of its marks, in order.
struct Slice {
    pieces: std::ops::Range<usize>,
    marks: Vec<usize>,
}

/// `pieces` cut into runs of [`SLICE`] marks (the last one holding what is left).
fn slices(pieces: &[Piece]) -> Vec<Slice> {
    let mut slices = Vec::new();
    let mut next = 0;
    while next < pieces.len() {
        let mut end = next;
        let mut marks = Vec::new();
        while end < pieces.len() && marks.len() < SLICE {
            if let Piece::Part(number) = pieces[end] {
                marks.push(number);
            }
            end += 1;
        }
        slices.push(Slice {
            pieces: next..end,
            marks,
        });
        next = end;
    }
    slices
}

/// Writes `pieces`, each mark's part the next of `parts`.
fn write_slice(pieces: &[Piece], parts: Vec<Vec<u8>>, out: &mut dyn Write) -> io::Result<()> {
    let mut parts = parts.into_iter();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.write_all(text.as_bytes()),
            Piece::Part(_) => out.write_all(&parts.next().unwrap_or_default()),
        }?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{FillError, SLICE};

    fn fill(frame: &str, parts: &[String]) -> String {
        let mut out = Vec::new();
        let render = |marks: &[usize]| {
            Ok::<_, ()>(
                marks
                    .iter()
                    .map(|&i| parts[i].clone().into_bytes())
                    .collect(),
            )
        };
        match super::fill(frame, parts.len(), &render, &mut out) {
            Ok(()) => String::from_utf8(out).expect("UTF-8 in, UTF-8 out"),
            Err(_) => panic!("a Vec takes every write, and every part renders"),
        }
    }

    #[test]
    fn marks_are_replaced_by_their_parts_in_any_order() {
        let parts = ["<article>a</article>".to_string(), "<b>".to_string()];
        let frame = "x<!--shirube:entry:1-->y<!--shirube:entry:0--><!--shirube:entry:1-->";
        assert_eq!(fill(frame, &parts), "x<b>y<article>a</article><b>");
        // Anything else that looks like a mark stays.
        let odd = "<!--shirube:entry:9--><!--shirube:entry:x--><!--shirube:entry:";
        assert_eq!(fill(odd, &parts), odd);
    }

    #[test]
    fn parts_stay_in_their_places_across_slices() {
        let count = SLICE * 2 + 3;
        let parts: Vec<String> = (0..count).map(|i| format!("[{i}]")).collect();
        // Backwards, with text between: every slice's parts land at their own marks.
        let frame: String = (0..count)
            .rev()
            .map(|i| format!("<{i}>{}", super::mark(i).as_str()))
            .collect();
        let expected: String = (0..count).rev().map(|i| format!("<{i}>[{i}]")).collect();
        assert_eq!(fill(&frame, &parts), expected);
    }

    #[test]
    fn a_part_that_fails_stops_the_document() {
        let frame = format!("a{}b{}c", super::mark(0).as_str(), super::mark(1).as_str());
        let render = |marks: &[usize]| {
            marks
                .iter()
                .map(|&i| {
                    if i == 1 {
                        Err("broken")
                    } else {
                        Ok(b"x".to_vec())
                    }
                })
                .collect()
        };
        let mut out = Vec::new();
        assert!(matches!(
            super::fill(&frame, 2, &render, &mut out),
            Err(FillError::Part("broken"))
        ));
    }
}
