//! Shapes of the small values providers type: phone numbers, postal codes, URLs, readings.

use crate::diagnostics::{Format, Problem};

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
        Format::CorporateNumber => is_corporate_number(text),
        Format::Time => parse_time(text).is_some(),
        Format::LgCode => is_digits(text, 6),
    }
}

/// Japanese phone numbers, in three hyphenated groups starting with 0 (not 00, which dials
/// abroad), as long as the national numbering plan makes a number of that kind: 11 digits for
/// mobile (070, 080, 090), IP (050), 020 and 0800 numbers, 10 for every other (landlines,
/// 0120, 0570). A digit too many, typed with hyphens (0299-01-22310), made a call button that
/// dials nobody.
pub fn is_phone(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let digits: String = groups.concat();
    groups.len() == 3
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && digits.starts_with('0')
        && !digits.starts_with("00")
        && digits.len() == phone_length(&digits)
}

/// `(digits given, digits a number of its kind has)` for a number written as a Japanese number
/// (digits and hyphens, beginning with one 0) whose count of digits is wrong for its kind.
pub fn phone_digits_wrong(text: &str) -> Option<(usize, usize)> {
    let digits: String = text.chars().filter(|c| *c != '-').collect();
    let is_number = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let (given, expected) = (digits.len(), phone_length(&digits));
    (is_number && digits.starts_with('0') && !digits.starts_with("00") && given != expected)
        .then_some((given, expected))
}

/// How many digits a Japanese number beginning with `digits` has.
fn phone_length(digits: &str) -> usize {
    const ELEVEN: [&str; 6] = ["070", "080", "090", "050", "020", "0800"];
    match ELEVEN.iter().any(|prefix| digits.starts_with(prefix)) {
        true => 11,
        false => 10,
    }
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
                && !has_words_pasted_on(rest)
        }
        None => false,
    }
}

/// `text` without the words pasted onto it, when that leaves an address (`https://a.jp/`
/// of `https://a.jp/（公式）` or `https://a.jp/。`).
pub fn url_before_pasted_words(text: &str) -> Option<&str> {
    let cut = text
        .char_indices()
        .find(|&(i, c)| PUNCTUATION.contains(&c) || (c == '(' && has_words_pasted_on(&text[i..])))
        .map(|(i, _)| i)?;
    let url = text[..cut].trim_end();
    is_url(url).then_some(url)
}

const PUNCTUATION: [char; 10] = ['。', '、', '「', '」', '『', '』', '【', '】', '（', '）'];

/// Whether words were pasted onto an address: a Japanese punctuation mark (…/。, …/、https://…)
/// or words in brackets (…/（公式サイト）, which NFKC has made `(公式サイト)`). Linked as they
/// stand, they made a link to a page that does not exist. Japanese letters alone are kept: a
/// few offices' addresses have them (http://サイクルサービス.com/, …/工房フェリーチェ/).
fn has_words_pasted_on(rest: &str) -> bool {
    rest.contains(PUNCTUATION)
        || rest
            .split('(')
            .skip(1)
            .any(|inside| inside.split(')').next().is_some_and(|w| !w.is_ascii()))
}

pub fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            // Not a character an address cannot have unquoted (RFC 5322): `mailto:a@b.jp`,
            // copied from a link, is an address with its link's scheme in front.
            !local.is_empty()
                && !local.contains([':', ';', ',', '(', ')', '<', '>', '[', ']', '\\'])
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

/// A 法人番号: 13 digits whose first is the check digit of the other twelve, as the National
/// Tax Agency makes it (9 − the sum of the digits from the last, the 2nd, 4th … doubled, mod 9).
/// A typo or another number pasted in (an office number with 000 after it) fails it: 43 of
/// the 6,601 numbers in the national open data did, and went into the pages' JSON-LD and the
/// open data as they stood.
pub fn is_corporate_number(text: &str) -> bool {
    is_digits(text, 13) && corporate_check_digit(&text[1..]) == text.as_bytes()[0] - b'0'
}

/// The check digit of a 法人番号's twelve other digits (ASCII digits).
fn corporate_check_digit(base: &str) -> u8 {
    let sum: u32 = base
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 2 })
        .sum();
    9 - (sum % 9) as u8
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

/// What is wrong with `text`, which is not of `format` even as typed, where it can be said
/// more exactly than "not a phone number": a digit too many for its kind, a 法人番号 whose check
/// digit does not match, words pasted after an address. `plain` is `text` in half-width
/// (`forgiving::plain_width`).
pub(crate) fn exact_problem(format: Format, text: &str, plain: &str) -> Option<Problem> {
    match format {
        Format::Phone => {
            let (digits, expected) = phone_digits_wrong(plain)?;
            Some(Problem::PhoneDigits {
                value: text.to_string(),
                digits,
                expected,
            })
        }
        Format::CorporateNumber => {
            let digits: String = plain.chars().filter(|c| *c != '-').collect();
            is_digits(&digits, 13).then(|| Problem::CorporateNumberCheck {
                value: text.to_string(),
            })
        }
        Format::Url => {
            let typed = crate::text::nfkc(text);
            let url = url_before_pasted_words(&typed)?;
            Some(Problem::UrlWithWords {
                value: text.to_string(),
                url: url.to_string(),
            })
        }
        _ => None,
    }
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
        assert!(is_phone("0800-123-4567"));
        assert!(is_phone("050-1234-5678"));
        // A digit too many or too few for the kind of number, a group too many, abroad.
        assert!(!is_phone("0299-01-22310"));
        assert!(!is_phone("03-1234-56789"));
        assert!(!is_phone("0120-123-4567"));
        assert!(!is_phone("090-1234-567"));
        assert!(!is_phone("0299-01-2231-1"));
        assert!(!is_phone("0-299-01-2231"));
        assert!(!is_phone("0000-00-0000"));
        assert_eq!(phone_digits_wrong("0299-01-22310"), Some((11, 10)));
        assert_eq!(phone_digits_wrong("090-1234-567"), Some((10, 11)));
        assert_eq!(phone_digits_wrong("0299-01-2231"), None);
        assert_eq!(phone_digits_wrong("a0299"), None);
    }

    #[test]
    fn corporate_numbers_have_their_check_digit() {
        // Numbers as the National Tax Agency publishes them.
        assert!(is_corporate_number("8180005008039"));
        assert!(is_corporate_number("7000012050002"));
        // One digit changed, an office number with 000, too short, not digits.
        assert!(!is_corporate_number("8180005008038"));
        assert!(!is_corporate_number("2310300252000"));
        assert!(!is_corporate_number("818000500803"));
        assert!(!is_corporate_number("818000500803a"));
    }

    #[test]
    fn postal_codes_urls_emails() {
        assert!(is_postal_code("299-0101"));
        assert!(!is_postal_code("2990101"));
        assert!(is_url("https://example.jp/a?b=c"));
        assert!(!is_url("javascript:alert(1)"));
        assert!(!is_url("example.jp"));
        assert!(is_url("http://vitaferiche.or.jp/工房フェリーチェ/"));
        assert!(is_url("https://ja.wikipedia.org/wiki/Foo_(bar)"));
        assert!(!is_url("https://example.jp/komugi/(公式サイト)"));
        assert!(!is_url("https://example.jp/komugi/。"));
        assert!(!is_url("https://a.example.jp/、https://b.example.jp/"));
        assert_eq!(
            url_before_pasted_words("https://example.jp/komugi/(公式サイト)"),
            Some("https://example.jp/komugi/")
        );
        assert_eq!(
            url_before_pasted_words("https://a.example.jp/、https://b.example.jp/"),
            Some("https://a.example.jp/")
        );
        assert_eq!(url_before_pasted_words("https://example.jp/a"), None);
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
