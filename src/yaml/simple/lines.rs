//! The text as the simple reader takes it: characters a plain file is made of, cut into lines.

/// Characters a plain file is made of: printable, no tab, no carriage return, no byte order
/// mark, no C1 control or Unicode line separator (which YAML reads as a line break), nothing
/// YAML calls non-printable.
pub(super) fn only_plain_characters(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' | 0x20..=0x7E | 0x80..=0xC1 | 0xC3..=0xE1 | 0xE3..=0xEE | 0xF0..=0xFF => {}
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
