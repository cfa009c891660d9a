//! Phone numbers as the open data has them (0451234567, ０４５−１２３−４５６７) in the hyphenated
//! form `check` asks for.

use crate::check::formats::is_phone;
use crate::text::nfkc;

/// What people type between the groups of a phone number, besides `-`.
const DASHES: [char; 7] = ['−', '‐', '‑', '–', '—', '―', 'ー'];

/// The number in hyphenated groups, or `None` when it is not a Japanese phone number.
///
/// Numbers typed with hyphens keep their grouping. Bare digits are grouped by the kind of number
/// by the national numbering plan (libphonenumber's table: 0299-82-2911, 04-7123-4567); numbers it
/// does not know by their kind (携帯 090-1234-5678, 0120-123-456, 050-1234-5678), and a landline
/// with 03 and 06 (Tokyo, Osaka) as 2 digits and others 3. The digits,
/// which are what a `tel:` link dials, are always the ones given.
pub fn hyphenate(raw: &str) -> Option<String> {
    let text: String = nfkc(raw)
        .chars()
        .map(|c| if DASHES.contains(&c) { '-' } else { c })
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect();
    if is_phone(&text) {
        return Some(text);
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != text.replace('-', "").len() {
        return None;
    }
    // The national numbering plan knows every area code's length (0299-82-2911); the rule below
    // is for numbers it does not know.
    if let Some(national) = crate::check::forgiving::phone(&digits) {
        return Some(national);
    }
    let groups: &[usize] = match (digits.len(), &digits[..digits.len().min(4)]) {
        // Toll-free 0800 numbers are eleven digits, and begin like 080 mobiles.
        (11, "0800") => &[4, 3, 4],
        (11, p)
            if ["070", "080", "090", "050"]
                .iter()
                .any(|m| p.starts_with(m)) =>
        {
            &[3, 4, 4]
        }
        (10, "0120") | (10, "0570") => &[4, 3, 3],
        (10, p) if p.starts_with("03") || p.starts_with("06") => &[2, 4, 4],
        (10, _) => &[3, 3, 4],
        _ => return None,
    };
    let out = grouped(&digits, groups.iter().copied());
    is_phone(&out).then_some(out)
}

/// Digits in groups of these lengths, joined by hyphens.
fn grouped(digits: &str, lengths: impl Iterator<Item = usize>) -> String {
    let mut groups = Vec::new();
    let mut at = 0;
    for len in lengths {
        groups.push(&digits[at..at + len]);
        at += len;
    }
    groups.join("-")
}

/// [`hyphenate`], but a number typed as bare digits takes the groups of a hint typed with
/// hyphens whose area code it shares (0299123456 beside 0299-12-3457 is 0299-12-3456).
pub fn hyphenate_like(raw: &str, hints: &[&str]) -> Option<String> {
    let own = hyphenate(raw)?;
    let typed_with_hyphens = |s: &str| nfkc(s).contains(|c| c == '-' || DASHES.contains(&c));
    if typed_with_hyphens(raw) {
        return Some(own);
    }
    let digits = own.replace('-', "");
    let hints = hints.iter().filter(|h| typed_with_hyphens(h));
    for hint in hints.filter_map(|h| hyphenate(h)) {
        let groups: Vec<&str> = hint.split('-').collect();
        let same_area = digits.starts_with(groups[0]);
        if hint.replace('-', "").len() != digits.len() || !same_area || groups.len() < 2 {
            continue;
        }
        return Some(grouped(&digits, groups.iter().map(|g| g.len())));
    }
    Some(own)
}

#[cfg(test)]
mod tests {
    use super::{hyphenate, hyphenate_like};

    #[test]
    fn bare_digits_take_the_groups_of_a_number_of_the_same_area() {
        let hints = ["0299123456", "0299-12-3457"];
        assert_eq!(
            hyphenate_like("0299123456", &hints).as_deref(),
            Some("0299-12-3456")
        );
        // A hint from another area, or a number typed with hyphens, changes nothing.
        assert_eq!(
            hyphenate_like("0451234567", &["03-1234-5678"]).as_deref(),
            Some("045-123-4567")
        );
        assert_eq!(
            hyphenate_like("0299-123-456", &hints).as_deref(),
            Some("0299-123-456")
        );
    }

    #[test]
    fn numbers_get_the_groups_check_asks_for() {
        for (raw, want) in [
            ("045-123-4567", Some("045-123-4567")),
            ("０４５−１２３−４５６７", Some("045-123-4567")),
            ("0312345678", Some("03-1234-5678")),
            ("0451234567", Some("045-123-4567")),
            ("0299822911", Some("0299-82-2911")),
            ("0471234567", Some("04-7123-4567")),
            ("09012345678", Some("090-1234-5678")),
            ("0120123456", Some("0120-123-456")),
            ("08001234567", Some("0800-123-4567")),
            (" 0299-03-3318 ", Some("0299-03-3318")),
            ("", None),
            ("内線なし", None),
            ("12345", None),
        ] {
            assert_eq!(hyphenate(raw).as_deref(), want, "{raw}");
        }
    }
}
