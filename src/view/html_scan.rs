//! Finding the next `<` or `>` of a rendered page eight bytes at a time.
//!
//! The furigana pass walks a page from tag to tag: a national furigana edition is 300 MB of
//! HTML with a tag every dozen bytes. A `memchr` call for each step (two thousand a page) cost
//! more in setting up its vector loop than in searching, over runs mostly shorter than one
//! vector: 0.8 of a furigana build's 31 billion instructions. A word of eight bytes compared
//! at once has no such cost, and tells on the way whether the bytes passed are all ASCII.

const LOW: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `0x80` in each byte of `word` that equals `byte`, `0` in every other: exact, since no
/// byte's sum below carries into the next.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (LOW * u64::from(byte));
    !(((x & !HIGH) + !HIGH) | x) & HIGH
}

/// Where the first `byte` of `s` at or after `from` is (`s.len()` when there is none), and
/// whether a byte of `s[from..that]` is not ASCII (a run of text that may hold kanji).
pub(crate) fn scan_to(s: &[u8], from: usize, byte: u8) -> (usize, bool) {
    let mut at = from;
    let mut passed = 0u64;
    while let Some(word) = s.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        // Little-endian: the first byte of the slice is the lowest of the word.
        let word = u64::from_le_bytes(*word);
        let found = bytes_equal(word, byte);
        if found != 0 {
            let offset = found.trailing_zeros() / 8;
            let before = match offset {
                0 => 0,
                n => word & (u64::MAX >> (64 - 8 * n)),
            };
            return (at + offset as usize, (passed | before) & HIGH != 0);
        }
        passed |= word;
        at += 8;
    }
    let mut wide = passed & HIGH != 0;
    while let Some(&b) = s.get(at) {
        if b == byte {
            break;
        }
        wide |= !b.is_ascii();
        at += 1;
    }
    (at, wide)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan against the byte-by-byte answer, from every start, for every length up to
    /// three words, with the byte sought, non-ASCII bytes and bytes one away from it anywhere.
    #[test]
    fn the_scan_agrees_with_the_bytes() {
        let alphabet = [b'<', b'>', b'a', b'=', b';', 0x80, 0xE3, 0xFF, 0x00];
        let mut next = crate::testing::xorshift();
        for len in 0..=24 {
            for _ in 0..400 {
                let text: Vec<u8> = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                for byte in [b'<', b'>'] {
                    for from in 0..=len {
                        let end = text[from..]
                            .iter()
                            .position(|&b| b == byte)
                            .map_or(len, |i| from + i);
                        let wide = text[from..end].iter().any(|b| !b.is_ascii());
                        assert_eq!(
                            scan_to(&text, from, byte),
                            (end, wide),
                            "{text:?} from {from} to {}",
                            byte as char
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_byte_value_is_told_apart() {
        for value in 0..=255u8 {
            let word = u64::from_le_bytes([value, b'<', value, value, b'>', value, value, b'<']);
            let expected = [value == b'<', true, value == b'<', value == b'<', false]
                .iter()
                .chain(&[value == b'<', value == b'<', true])
                .enumerate()
                .fold(0u64, |m, (i, &eq)| m | (u64::from(eq) << (8 * i + 7)));
            assert_eq!(bytes_equal(word, b'<'), expected, "{value:#x}");
        }
    }
}
