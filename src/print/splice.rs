//! The print document's entries, rendered one by one on every core (`sections::build`), are put
//! into the rendered document afterwards: the document's template sees a mark in each entry's
//! place (`e.html`), an HTML comment no provider text can contain (its `<` would be escaped).

use crate::print::document::PrintDocument;
use crate::text::Html;
use std::io::{self, Write};

const MARK_START: &str = "<!--shirube:entry:";
const MARK_END: &str = "-->";

/// Takes each entry's rendered part out of `doc`, leaving its mark in its place.
pub fn mark(doc: &mut PrintDocument) -> Vec<String> {
    doc.sections
        .iter_mut()
        .flat_map(|s| s.entries.iter_mut())
        .enumerate()
        .map(|(i, e)| {
            // A fixed comment and a number.
            e.html = Html::from_trusted(format!("{MARK_START}{i}{MARK_END}"));
            std::mem::take(&mut e.part)
        })
        .collect()
}

/// Writes `frame` with every mark replaced by its entry's part (in whatever order and as often
/// as the theme printed them) into `out`, piece by piece: the whole is never held in memory.
pub fn fill(frame: &str, parts: &[String], out: &mut dyn Write) -> io::Result<()> {
    let mut rest = frame;
    while let Some(start) = rest.find(MARK_START) {
        let after = &rest[start + MARK_START.len()..];
        let part = after.find(MARK_END).and_then(|end| {
            let number: usize = after[..end].parse().ok()?;
            Some((parts.get(number)?, end))
        });
        match part {
            Some((part, end)) => {
                out.write_all(&rest.as_bytes()[..start])?;
                out.write_all(part.as_bytes())?;
                rest = &after[end + MARK_END.len()..];
            }
            // Not one of ours: kept as it is.
            None => {
                out.write_all(&rest.as_bytes()[..start + MARK_START.len()])?;
                rest = after;
            }
        }
    }
    out.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    fn fill(frame: &str, parts: &[String]) -> String {
        let mut out = Vec::new();
        super::fill(frame, parts, &mut out).expect("a Vec takes every write");
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
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
}
