//! A JSON string, escaped as serde_json escapes it: `"` and `\` with a backslash, the controls
//! that have one as `\b` `\t` `\n` `\f` `\r`, the other controls below U+0020 as `\u00xx`;
//! everything else, non-ASCII included, as it is.

/// Appends `text` to `out` as a JSON string, quotes included.
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    match is_clean(bytes) {
        true => out.extend_from_slice(bytes),
        false => escaped(out, bytes),
    }
    out.push(b'"');
}

/// Whether no byte of `bytes` needs escaping. The text of a guide (Japanese names, addresses,
/// descriptions) hardly ever has one, so the question is asked of eight bytes at once, in one
/// `u64` (`has_special`), the last eight overlapping the word before: serde_json looks up every
/// byte, and copies the string a run at a time between the ones it escapes.
fn is_clean(bytes: &[u8]) -> bool {
    let Some(last) = bytes.last_chunk::<8>() else {
        return !bytes.iter().any(|&byte| needs_escape(byte));
    };
    let (words, _) = bytes.as_chunks::<8>();
    words
        .iter()
        .chain([last])
        .all(|word| !has_special(u64::from_le_bytes(*word)))
}

/// `bytes` with what needs escaping escaped, copied a run at a time between those.
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut written = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        if needs_escape(byte) {
            out.extend_from_slice(&bytes[written..at]);
            push_escape(out, byte);
            written = at + 1;
        }
    }
    out.extend_from_slice(&bytes[written..]);
}

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// Whether a byte of `word` is a control, `"` or a backslash: "has a byte below n" and "has a
/// zero byte" of Bit Twiddling Hacks (`hasless`, `haszero`), exact as a yes or no; which bytes
/// they flag past the first may be wrong, which is why a string that has one is looked at
/// byte by byte.
fn has_special(word: u64) -> bool {
    let below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS;
    let zero = |word: u64| below(word, 1);
    (below(word, 0x20)
        | zero(word ^ (ONES * u64::from(b'"')))
        | zero(word ^ (ONES * u64::from(b'\\'))))
        != 0
}

fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

fn push_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match byte {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\n' => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte that may need escaping, at every position of a run and across runs' edges,
    /// among ASCII and Japanese text: the same bytes as serde_json's.
    #[test]
    fn escapes_as_serde_json_does() {
        let specials: Vec<char> = (0u8..0x20)
            .map(char::from)
            .chain(['"', '\\', '/', '\u{7f}', 'a', 'あ', '😀'])
            .collect();
        for special in specials {
            for before in 0..40 {
                for filler in ["x", "就労"] {
                    let text = format!("{}{special}{}", filler.repeat(before), filler.repeat(3));
                    let mut ours = Vec::new();
                    string(&mut ours, &text);
                    let theirs = serde_json::to_vec(&text).unwrap();
                    assert_eq!(
                        String::from_utf8(ours).unwrap(),
                        String::from_utf8(theirs).unwrap(),
                        "{text:?}"
                    );
                }
            }
        }
        let mut empty = Vec::new();
        string(&mut empty, "");
        assert_eq!(empty, b"\"\"");
    }
}
