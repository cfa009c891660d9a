//! Shapes of the small values providers type: phone numbers, postal codes, URLs, readings.

use crate::diagnostics::Format;

pub fn is_valid(format: Format, text: &str) -> bool {
    match format {
        Format::Phone => is_phone(text),
        Format::PostalCode => is_postal_code(text),
        Format::Url => is_url(text),
        Format::Email => is_email(text),
        Format::Date => crate::content::date::Date::parse(text).is_some(),
        Format::TimeRange => parse_time_range(text).is_some(),
        Format::Id => is_id(text),
        Format::OfficeNumber => is_digits(text, 10),
        Format::CorporateNumber => is_digits(text, 13),
        Format::Time => parse_time(text).is_some(),
        Format::LgCode => is_digits(text, 6),
    }
}

/// Japanese phone numbers: 10 or 11 digits in hyphenated groups, starting with 0
/// (0120-123-456 and 0570 numbers included).
pub fn is_phone(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let digits: String = groups.concat();
    groups.len() >= 2
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && digits.starts_with('0')
        && (10..=11).contains(&digits.len())
}

pub fn is_postal_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 8
        && bytes[3] == b'-'
        && bytes[..3].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_digit)
}

pub fn is_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            host.contains('.')
                && !host.starts_with('.')
                && !text
                    .chars()
                    .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        }
        None => false,
    }
}

pub fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && text.is_ascii()
                && !text.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

pub fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn is_digits(text: &str, count: usize) -> bool {
    text.len() == count && text.bytes().all(|b| b.is_ascii_digit())
}

/// A reading in hiragana: hiragana, the long-vowel mark, spaces and the middle dot.
pub fn is_reading(text: &str) -> bool {
    !text.trim().is_empty()
        && text.chars().all(|c| {
            matches!(
                c,
                '\u{3041}'..='\u{3096}' | 'ゝ' | 'ゞ' | 'ー' | '・' | ' ' | '　'
            )
        })
}

/// Whether a name needs a reading: it has kanji or katakana.
pub fn needs_reading(name: &str) -> bool {
    name.chars().any(|c| {
        matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々' | '\u{30A1}'..='\u{30FA}')
    })
}

/// `"09:30-15:30"` as minutes after midnight. The times must be in order.
pub fn parse_time_range(text: &str) -> Option<(u16, u16)> {
    let (open, close) = text.split_once('-')?;
    Some((parse_time(open.trim())?, parse_time(close.trim())?))
}

/// `"13:30"` as minutes after midnight.
pub fn parse_time(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert!(is_phone("0123-45-6789"));
        assert!(is_phone("03-1234-5678"));
        assert!(is_phone("090-1234-5678"));
        assert!(is_phone("0120-123-456"));
        assert!(!is_phone("0123456789"));
        assert!(!is_phone("123-45-6789"));
        assert!(!is_phone("0123-45-678a"));
        assert!(!is_phone("０１２３-45-6789"));
    }

    #[test]
    fn postal_codes_urls_emails() {
        assert!(is_postal_code("299-0101"));
        assert!(!is_postal_code("2990101"));
        assert!(is_url("https://example.jp/a?b=c"));
        assert!(!is_url("javascript:alert(1)"));
        assert!(!is_url("example.jp"));
        assert!(is_email("info@example.jp"));
        assert!(!is_email("info@example"));
        assert!(!is_email("info.example.jp"));
    }

    #[test]
    fn readings_and_ids() {
        assert!(is_reading("みどりべーかりー"));
        assert!(is_reading("しゃかいふくしほうじん みどりかい"));
        assert!(!is_reading("ミドリ"));
        assert!(!is_reading("midori"));
        assert!(is_id("midori-bakery"));
        assert!(!is_id("Midori"));
        assert!(needs_reading("みどり工房"));
        assert!(needs_reading("ワークス"));
        assert!(!needs_reading("みどり"));
    }

    #[test]
    fn time_ranges() {
        assert_eq!(parse_time_range("09:30-15:30"), Some((570, 930)));
        assert_eq!(parse_time_range("9:30-15:30"), Some((570, 930)));
        assert_eq!(parse_time_range("25:00-26:00"), None);
        assert_eq!(parse_time_range("0930-1530"), None);
    }
}
