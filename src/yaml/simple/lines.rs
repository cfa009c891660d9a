//! The text as the simple reader takes it: characters a plain file is made of, cut into lines.

/// Characters a plain file is made of: printable, no tab, no carriage return, no byte order
/// mark, no C1 control or Unicode line separator (which YAML reads as a line break), nothing
/// YAML calls non-printable.
pub(super) fn only_plain_characters(bytes: &[u8]) -> bool {
    let mut i = 0;
    // Most bytes settle it alone (`SETTLED`); the loop stops only at those that begin a character
    // to look at more closely: every byte read through the match below was a tenth of reading
    // a national guide's files.
    while let Some(skip) = bytes[i..].iter().position(|&b| !SETTLED[usize::from(b)]) {
        i += skip;
        match bytes[i] {
            // U+0080–U+009F: C1 controls and NEL.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => return false,
            0xC2 => {}
            // U+2028, U+2029.
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
            {
                return false;
            }
            0xE2 => {}
            // U+FEFF (a byte order mark), U+FFFE, U+FFFF.
            0xEF if bytes.get(i + 1..i + 3) == Some(&[0xBB, 0xBF])
                || matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) =>
            {
                return false;
            }
            0xEF => {}
            _ => return false,
        }
        i += 1;
    }
    true
}

/// The bytes that settle the check alone: a line break and printable ASCII are plain, the other
/// ASCII controls are not (`false` here, refused below); of the bytes of other characters, only
/// the first bytes of U+0080–U+00BF (0xC2: the C1 controls), U+2000–U+2FFF (0xE2: the line and
/// paragraph separators) and U+F000–U+FFFF (0xEF: the byte order mark, U+FFFE, U+FFFF) need the
/// bytes after them. (Continuation bytes are never one of those three.)
const SETTLED: [bool; 256] = {
    let mut settled = [false; 256];
    let mut b = 0;
    while b < 256 {
        settled[b] = matches!(b as u8, b'\n' | 0x20..=0x7E | 0x80..=0xFF)
            && !matches!(b as u8, 0xC2 | 0xE2 | 0xEF);
        b += 1;
    }
    settled
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Blank,
    Comment,
    Content,
}

/// One line: its bytes `start..end` (without the line break), the spaces it begins with.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) indent: usize,
    pub(super) kind: Kind,
}

/// The lines of `text`; `None` if one is a document marker (`---`, `...`).
pub(super) fn lines(text: &str) -> Option<Vec<Line>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &bytes[start..end];
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let kind = match line.get(indent) {
            None => Kind::Blank,
            Some(b'#') => Kind::Comment,
            Some(_) => Kind::Content,
        };
        if indent == 0 && (line.starts_with(b"---") || line.starts_with(b"...")) {
            return None;
        }
        lines.push(Line {
            start,
            end,
            indent,
            kind,
        });
        start = end + 1;
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::only_plain_characters;

    /// Character by character, as the doc comment says: what the byte scan must agree with.
    fn plain(text: &str) -> bool {
        text.chars().all(|c| {
            c == '\n'
                || (' '..='~').contains(&c)
                || (c >= '\u{a0}' && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
                    && !matches!(c, '\u{fffe}' | '\u{ffff}')
        })
    }

    /// Every text of up to three characters from those each side of every boundary, at every
    /// position in a run of plain bytes (where the scan skips ahead, and at the text's end).
    #[test]
    fn the_scan_agrees_with_the_characters() {
        let chars = [
            'a',
            ' ',
            '~',
            '\n',
            '\t',
            '\r',
            '\0',
            '\u{7f}',
            '\u{80}',
            '\u{85}',
            '\u{9f}',
            '\u{a0}',
            '\u{bf}',
            '\u{c0}',
            'あ',
            '…',
            '\u{2027}',
            '\u{2028}',
            '\u{2029}',
            '\u{202a}',
            '\u{fefe}',
            '\u{feff}',
            '（',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{10000}',
            '😀',
        ];
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| chars.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        let mut refused = 0;
        for text in &texts {
            for pad in ["", "x", "日本語の文。\n"] {
                for text in [format!("{pad}{text}"), format!("{text}{pad}")] {
                    assert_eq!(
                        only_plain_characters(text.as_bytes()),
                        plain(&text),
                        "{text:?}"
                    );
                    refused += usize::from(!plain(&text));
                }
            }
        }
        assert!(refused > 10_000, "{refused}");
    }
}
