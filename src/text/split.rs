//! Splitting the embedded tables (the lexicon's files, Japan Post's towns) into lines and
//! fields.

/// The pieces of `text` between the bytes `separator` (an ASCII byte, so never inside a
/// character), as `str::split` gives them, found by a plain loop: the tables' lines are a few
/// dozen bytes each, and `str::split` and `str::lines` set up a vector search for every piece
/// (a third of the lexicon's making, at every start of a build with the furigana edition).
pub(super) fn split_at_byte(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    debug_assert!(separator.is_ascii());
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|b| b == separator) {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// The lines of `text`, as `str::lines` gives them: split at `\n` (a `\r` before it dropped),
/// with no empty line after the last `\n`.
pub(super) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut pieces = split_at_byte(text, b'\n').peekable();
    std::iter::from_fn(move || {
        let piece = pieces.next()?;
        match pieces.peek() {
            Some(_) => Some(piece.strip_suffix('\r').unwrap_or(piece)),
            // What follows the last `\n` (nothing, when the text ends with one).
            None => (!piece.is_empty()).then_some(piece),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces are `str::split`'s, and the lines `str::lines`', kanji and empty pieces
    /// included.
    #[test]
    fn splits_as_the_standard_library_does() {
        let texts = [
            "",
            "\t",
            "\n",
            "\n\n",
            "福祉\tふくし",
            "福祉\tふくし\tnoun\n",
            "\t\t就労\t",
            "作業所\r\n工房\n\nカフェ",
            "a\r\n",
            "a\r",
            "\r\n\r",
        ];
        for text in texts {
            let ours: Vec<&str> = split_at_byte(text, b'\t').collect();
            let std: Vec<&str> = text.split('\t').collect();
            assert_eq!(ours, std, "split {text:?}");
            let ours: Vec<&str> = lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "lines {text:?}");
        }
    }
}
