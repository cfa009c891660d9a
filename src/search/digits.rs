//! Base-64 digits: how the index spells numbers inside JSON strings, far shorter than JSON arrays
//! of decimal numbers. The alphabet is `0-9 A-Z a-z - _` (values 0‥63; not RFC 4648's, and no
//! grouping into bytes), so no character needs escaping in JSON or in a URL.
//! `themes/default/static/js/search-digits.js` reads the same spellings.
//!
//! - [`digit`]: one digit, the low six bits of a number (facet bitsets and code strings).
//! - [`push_varint`]: a number of any size in 5-bit groups, least significant first; a digit of
//!   value 32 or more says another group follows. 0‥31 is one digit, up to 1,023 two, up to
//!   32,767 three. Posting lists (gaps between document numbers and impacts) are mostly small
//!   numbers, about three digits a posting against six or seven characters as a JSON array.

/// The base-64 digits, value 0 first.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

const GROUP_BITS: u32 = 5;
const MORE: u32 = 1 << GROUP_BITS;

/// The digit of the low six bits of `n`.
pub(crate) fn digit(n: u32) -> char {
    char::from(DIGITS[(n & 63) as usize])
}

/// Appends `n` as a variable-length run of digits (see the module comment).
pub(crate) fn push_varint(out: &mut String, mut n: u32) {
    loop {
        let low = n & (MORE - 1);
        n >>= GROUP_BITS;
        if n == 0 {
            out.push(digit(low));
            return;
        }
        out.push(digit(low | MORE));
    }
}

/// How many digits [`push_varint`] writes for `n`.
#[cfg(test)]
fn varint_len(n: u32) -> usize {
    let bits = 32 - n.leading_zeros();
    (bits.max(1).div_ceil(GROUP_BITS)) as usize
}

/// The digits of a list of numbers, one varint each.
#[cfg(test)]
fn varints(numbers: &[u32]) -> String {
    let mut out = String::with_capacity(numbers.iter().map(|&n| varint_len(n)).sum::<usize>());
    for &n in numbers {
        push_varint(&mut out, n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader of search-digits.js, written again here so the spelling is pinned both ways.
    fn read_varints(text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut n, mut shift) = (0u64, 0u32);
        for b in text.bytes() {
            let value = DIGITS.iter().position(|&d| d == b).expect("a digit") as u64;
            n |= (value & 31) << shift;
            shift += GROUP_BITS;
            if value < 32 {
                out.push(u32::try_from(n).expect("fits"));
                (n, shift) = (0, 0);
            }
        }
        assert_eq!(shift, 0, "the text ends inside a number");
        out
    }

    #[test]
    fn small_numbers_take_one_digit_and_larger_ones_a_group_more_per_five_bits() {
        assert_eq!(varints(&[0, 1, 31]), "01V");
        assert_eq!(varints(&[32]), "W1");
        assert_eq!(varint_len(0), 1);
        assert_eq!(varint_len(31), 1);
        assert_eq!(varint_len(32), 2);
        assert_eq!(varint_len(1023), 2);
        assert_eq!(varint_len(1024), 3);
        assert_eq!(varint_len(u32::MAX), 7);
    }

    #[test]
    fn every_number_reads_back_as_written() {
        let numbers: Vec<u32> = (0..40)
            .flat_map(|shift| [0u32, 1, 2, 31, 32, 33].map(|n| n.wrapping_shl(shift)))
            .chain([u32::MAX, 1_000_000, 65_535])
            .collect();
        let text = varints(&numbers);
        assert_eq!(
            text.len(),
            numbers.iter().map(|&n| varint_len(n)).sum::<usize>()
        );
        assert_eq!(read_varints(&text), numbers);
    }
}
