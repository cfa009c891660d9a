//! What providers type, read the way they meant it.
//!
//! A provider who writes `type: B型`, `accepts: [知的]`, `transport: あり`, `21,300円`, full-width
//! digits, `0299822911` or `令和8年6月1日` means exactly one thing, so `check` takes it and the
//! model holds the canonical form (`b-type`, `intellectual`, `true`, `21300`, `0299-82-2911`,
//! `2026-06-01`), which is what every page shows. Only what is unambiguous is taken: a word that
//! could mean two choices, a date of an era that did not exist, a number with other words around
//! it are still refused with their message.
//!
//! Each function here is pure (text in, canonical value out) so the rules are tested one by one.

use crate::check::formats;
use crate::content::date::Date;
use crate::content::model::Choice;
use crate::diagnostics::Format;
use crate::text::nfkc;

/// Full-width letters, digits and signs as ASCII, the ideographic space as a space, and the
/// dashes and long marks people type between digits as `-`.
pub fn plain_width(text: &str) -> String {
    nfkc(text)
        .chars()
        .map(|c| match c {
            '−' | '‐' | '‑' | '–' | '—' | '―' | 'ー' | 'ｰ' => '-',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A whole number: `１６５００`, `16,500`, `16,500円`, `20人`, `20名`.
pub fn integer(text: &str) -> Option<i64> {
    let text = nfkc(text);
    let text = text.trim();
    let text = ["円", "人", "名", "件", "台"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .unwrap_or(text)
        .trim();
    let digits = without_thousands_commas(text)?;
    digits.parse().ok()
}

/// `16,500` → `16500`; commas only between groups of three, so `1,6500` is not a number.
fn without_thousands_commas(text: &str) -> Option<String> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    let groups: Vec<&str> = body.split(',').collect();
    let well_grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    well_grouped.then(|| format!("{sign}{}", groups.concat()))
}

/// A number with a fraction: `３５．６` → 35.6.
pub fn number(text: &str) -> Option<f64> {
    let text = nfkc(text);
    text.trim().parse().ok().filter(|n: &f64| n.is_finite())
}

/// Yes or no as people write it: あり/なし, はい/いいえ, 有/無, yes/no, true/false.
pub fn boolean(text: &str) -> Option<bool> {
    let text = nfkc(text).trim().to_lowercase();
    const YES: &[&str] = &[
        "あり", "有り", "有", "ある", "はい", "yes", "true", "○", "◯",
    ];
    const NO: &[&str] = &["なし", "無し", "無", "ない", "いいえ", "no", "false", "×"];
    if YES.contains(&text.as_str()) {
        Some(true)
    } else if NO.contains(&text.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// An era a date may be written in: its names, its first day and its last day (none while it
/// lasts).
struct Era {
    names: &'static [&'static str],
    first: (i32, u8, u8),
    last: Option<(i32, u8, u8)>,
}

const ERAS: &[Era] = &[
    Era {
        names: &["令和", "R"],
        first: (2019, 5, 1),
        last: None,
    },
    Era {
        names: &["平成", "H"],
        first: (1989, 1, 8),
        last: Some((2019, 4, 30)),
    },
];

/// A day: `2026-06-01`, `2026/6/1`, `2026.6.1`, `2026年6月1日`, `令和8年6月1日`, `R8.6.1`,
/// `令和元年5月1日`. A day outside its era (`平成32年`, `令和元年4月1日`) is not a date.
pub fn date(text: &str) -> Option<Date> {
    let text = nfkc(text).replace(' ', "");
    if let Some(date) = Date::parse(&text) {
        return Some(date);
    }
    let (era, rest) = split_era(&text);
    let parts: Vec<&str> = rest
        .split(['/', '.', '-', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    // Every separator must have been a date's: 2026年6月1日 but not 2026年6月1日(月).
    if parts.len() != 3
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || "/.-年月日元".contains(c))
    {
        return None;
    }
    let number = |p: &str| -> Option<i32> {
        if p == "元" {
            Some(1)
        } else if p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (number(parts[0])?, number(parts[1])?, number(parts[2])?);
    if parts[1] == "元" || parts[2] == "元" {
        return None;
    }
    let year = match era {
        None if parts[0].len() == 4 => year,
        None => return None,
        Some(era) => {
            let western = era.first.0 + year - 1;
            let date = Date::parse(&format!("{western:04}-{month:02}-{day:02}"))?;
            let ymd = (date.year, date.month, date.day);
            let within = ymd >= era.first && era.last.is_none_or(|last| ymd <= last);
            return (year >= 1 && within).then_some(date);
        }
    };
    Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
}

/// `令和8年…` → (令和, `8年…`).
fn split_era(text: &str) -> (Option<&'static Era>, &str) {
    for era in ERAS {
        for name in era.names {
            if let Some(rest) = text.strip_prefix(name)
                && rest.starts_with(|c: char| c.is_ascii_digit() || c == '元')
            {
                return (Some(era), rest);
            }
        }
    }
    (None, text)
}

/// A fiscal year (年度): `2024`, `2024年度`, `令和6年度`, `R6年度`.
pub fn fiscal_year(text: &str) -> Option<i64> {
    let text = nfkc(text).replace(' ', "");
    let text = text
        .strip_suffix("年度")
        .or_else(|| text.strip_suffix('年'))
        .unwrap_or(&text);
    let (era, rest) = split_era(text);
    let year: i64 = if rest == "元" { 1 } else { rest.parse().ok()? };
    match era {
        Some(era) if year >= 1 => Some(i64::from(era.first.0) + year - 1),
        Some(_) => None,
        None if rest.len() == 4 => Some(year),
        None => None,
    }
}

/// A value of a format in its canonical form, when what was typed can only mean one.
pub fn formatted(format: Format, text: &str) -> Option<String> {
    match format {
        Format::Phone => phone(text),
        Format::PostalCode => postal_code(text),
        Format::TimeRange => time_range(text),
        Format::Time => time(text),
        Format::Date => date(text).map(|d| d.to_string()),
        Format::Url => {
            let plain = nfkc(text).trim().to_string();
            formats::is_valid(format, &plain).then_some(plain)
        }
        Format::Email => {
            let plain = nfkc(text).trim().to_string();
            // The address copied from a mail link (`mailto:` is added by the page's own link).
            let plain = match plain.get(..7) {
                Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => plain[7..].to_string(),
                _ => plain,
            };
            formats::is_valid(format, &plain).then_some(plain)
        }
        Format::Id => {
            let plain = nfkc(text).trim().to_lowercase();
            formats::is_valid(format, &plain).then_some(plain)
        }
        Format::OfficeNumber | Format::CorporateNumber | Format::LgCode => {
            let plain: String = plain_width(text).chars().filter(|c| *c != '-').collect();
            formats::is_valid(format, &plain).then_some(plain)
        }
    }
}

/// A Japanese phone number in its groups. Typed with hyphens (or other dashes, spaces, brackets
/// around the area code), the provider's grouping is kept; bare digits are grouped the way the
/// national numbering plan does (libphonenumber's metadata for Japan).
pub fn phone(text: &str) -> Option<String> {
    let plain: String = plain_width(text)
        .chars()
        .map(|c| if matches!(c, '(' | ')' | ' ') { '-' } else { c })
        .collect();
    let grouped: String = plain
        .split('-')
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if formats::is_phone(&grouped) {
        return Some(grouped);
    }
    let digits: String = grouped.chars().filter(|c| *c != '-').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !(10..=11).contains(&digits.len()) {
        return None;
    }
    let number = phonenumber::parse(Some(phonenumber::country::JP), &digits).ok()?;
    if !phonenumber::is_valid(&number) {
        return None;
    }
    let national = number
        .format()
        .mode(phonenumber::Mode::National)
        .to_string();
    formats::is_phone(&national).then_some(national)
}

/// `〒123-4567`, `1234567`, `１２３ー４５６７` → `123-4567`.
pub fn postal_code(text: &str) -> Option<String> {
    let plain = plain_width(text);
    let plain = plain.trim_start_matches('〒').trim();
    let digits: String = plain.chars().filter(|c| *c != '-').collect();
    if digits.len() != 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{}-{}", &digits[..3], &digits[3..]))
}

/// `9:30`, `９時３０分`, `9時` → `09:30`.
pub fn time(text: &str) -> Option<String> {
    let plain = nfkc(text).replace(' ', "");
    let plain = plain.strip_suffix('分').unwrap_or(&plain);
    let (h, m) = match plain.split_once([':', '時']) {
        Some((h, m)) => (h, if m.is_empty() { "00" } else { m }),
        None => return None,
    };
    let canonical = format!("{h:0>2}:{m:0>2}");
    formats::parse_time(&canonical).map(|_| canonical)
}

/// `9:30〜15:30`, `9時30分~15時` → `09:30-15:30`.
pub fn time_range(text: &str) -> Option<String> {
    let plain = nfkc(text).replace(' ', "");
    let (open, close) = plain.split_once(['-', '~', '〜', '−', '–', '—', 'ー', '―'])?;
    let canonical = format!("{}-{}", time(open)?, time(close)?);
    formats::parse_time_range(&canonical).map(|_| canonical)
}

/// What a choice was written as, read as one of its values.
pub enum ChoiceMatch<E> {
    Found(E),
    /// The words could be any of these.
    Ambiguous(Vec<E>),
    None,
}

/// A value of a closed set, as its id (`b-type`, also in full width or capitals), its Japanese
/// label (`就労継続支援B型`), a name it is also called (`ナカポツ`), or a part of the label that no
/// other value's label has (`B型`, `知的`, `移行`): of two words or more, never a single character.
pub fn choice<E: Choice>(text: &str) -> ChoiceMatch<E> {
    let plain = nfkc(text).trim().to_lowercase();
    let plain = plain.as_str();
    if plain.is_empty() {
        return ChoiceMatch::None;
    }
    let exact = |e: &E| {
        e.id() == plain
            || nfkc(e.label()).to_lowercase() == plain
            || e.also_called()
                .iter()
                .any(|a| nfkc(a).to_lowercase() == plain)
    };
    if let Some(e) = E::ALL.iter().find(|e| exact(e)) {
        return ChoiceMatch::Found(*e);
    }
    if plain.chars().count() < 2 {
        return ChoiceMatch::None;
    }
    let within: Vec<E> = E::ALL
        .iter()
        .filter(|e| nfkc(e.label()).to_lowercase().contains(plain))
        .copied()
        .collect();
    match within.len() {
        0 => ChoiceMatch::None,
        1 => ChoiceMatch::Found(within[0]),
        _ => ChoiceMatch::Ambiguous(within),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{CenterType, Disability, ServiceType};

    #[test]
    fn integers_as_typed() {
        for (typed, value) in [
            ("16500", Some(16500)),
            ("１６５００", Some(16500)),
            ("16,500", Some(16500)),
            ("21,300円", Some(21300)),
            ("２１，３００円", Some(21300)),
            ("20人", Some(20)),
            ("20名", Some(20)),
            ("1,6500", None),
            ("約20人", None),
            ("16.5", None),
            ("", None),
        ] {
            assert_eq!(integer(typed), value, "{typed}");
        }
    }

    #[test]
    fn booleans_as_typed() {
        assert_eq!(boolean("あり"), Some(true));
        assert_eq!(boolean("なし"), Some(false));
        assert_eq!(boolean("有"), Some(true));
        assert_eq!(boolean("Yes"), Some(true));
        assert_eq!(boolean("いいえ"), Some(false));
        assert_eq!(boolean("要相談"), None);
    }

    #[test]
    fn dates_as_typed() {
        let d = |s: &str| date(s).map(|d| d.to_string());
        assert_eq!(d("2026-06-01").as_deref(), Some("2026-06-01"));
        assert_eq!(d("2026/6/1").as_deref(), Some("2026-06-01"));
        assert_eq!(d("２０２６年６月１日").as_deref(), Some("2026-06-01"));
        assert_eq!(d("令和8年6月1日").as_deref(), Some("2026-06-01"));
        assert_eq!(d("R8.6.1").as_deref(), Some("2026-06-01"));
        assert_eq!(d("令和元年5月1日").as_deref(), Some("2019-05-01"));
        assert_eq!(d("平成31年4月30日").as_deref(), Some("2019-04-30"));
        // Days outside their era, impossible days, and more than a date.
        assert_eq!(d("令和元年4月30日"), None);
        assert_eq!(d("平成31年5月1日"), None);
        assert_eq!(d("平成32年1月1日"), None);
        assert_eq!(d("2025/2/30"), None);
        assert_eq!(d("26/6/1"), None);
        assert_eq!(d("2026年6月1日(月)"), None);
    }

    #[test]
    fn fiscal_years_as_typed() {
        assert_eq!(fiscal_year("2024"), Some(2024));
        assert_eq!(fiscal_year("2024年度"), Some(2024));
        assert_eq!(fiscal_year("令和6年度"), Some(2024));
        assert_eq!(fiscal_year("R6"), Some(2024));
        assert_eq!(fiscal_year("令和元年度"), Some(2019));
        assert_eq!(fiscal_year("24"), None);
    }

    #[test]
    fn phones_in_their_groups() {
        assert_eq!(phone("0299822911").as_deref(), Some("0299-82-2911"));
        assert_eq!(
            phone("０２９９８２２９１１").as_deref(),
            Some("0299-82-2911")
        );
        assert_eq!(phone("0471234567").as_deref(), Some("04-7123-4567"));
        assert_eq!(phone("09012345678").as_deref(), Some("090-1234-5678"));
        assert_eq!(phone("0120123456").as_deref(), Some("0120-123-456"));
        // Typed with dashes or brackets: the provider's groups are kept.
        assert_eq!(
            phone("０１９９−１２−３４５６").as_deref(),
            Some("0199-12-3456")
        );
        assert_eq!(phone("(0299)82-2911").as_deref(), Some("0299-82-2911"));
        assert_eq!(phone("12345"), None);
        // Groups written oddly are grouped again; a digit too many is refused either way.
        assert_eq!(phone("050-36451177").as_deref(), Some("050-3645-1177"));
        assert_eq!(phone("0299-01-22310"), None);
    }

    #[test]
    fn mail_addresses_copied_from_a_link() {
        let email = |text| formatted(Format::Email, text);
        assert_eq!(
            email("mailto:komugi@example.jp").as_deref(),
            Some("komugi@example.jp")
        );
        assert_eq!(
            email("MAILTO:komugi@example.jp").as_deref(),
            Some("komugi@example.jp")
        );
        assert_eq!(email("mailto:"), None);
    }

    #[test]
    fn postal_codes_and_times() {
        assert_eq!(postal_code("〒1000001").as_deref(), Some("100-0001"));
        assert_eq!(postal_code("１００ー０００１").as_deref(), Some("100-0001"));
        assert_eq!(time_range("9:30〜15:30").as_deref(), Some("09:30-15:30"));
        assert_eq!(
            time_range("９時３０分～１５時").as_deref(),
            Some("09:30-15:00")
        );
        assert_eq!(time_range("9:30"), None);
    }

    #[test]
    fn choices_by_id_label_or_a_part_only_one_has() {
        let found = |s: &str| match choice::<ServiceType>(s) {
            ChoiceMatch::Found(e) => Some(e),
            _ => None,
        };
        assert_eq!(found("b-type"), Some(ServiceType::BType));
        assert_eq!(found("B-TYPE"), Some(ServiceType::BType));
        assert_eq!(found("B型"), Some(ServiceType::BType));
        assert_eq!(found("Ｂ型"), Some(ServiceType::BType));
        assert_eq!(found("就労継続支援A型"), Some(ServiceType::AType));
        assert_eq!(found("移行"), Some(ServiceType::Transition));
        assert!(matches!(
            choice::<ServiceType>("就労継続"),
            ChoiceMatch::Ambiguous(v) if v.len() == 2
        ));
        assert!(matches!(choice::<ServiceType>("型"), ChoiceMatch::None));
        assert!(matches!(
            choice::<Disability>("知的"),
            ChoiceMatch::Found(Disability::Intellectual)
        ));
        assert!(matches!(
            choice::<CenterType>("ナカポツ"),
            ChoiceMatch::Found(CenterType::Nakapotsu)
        ));
    }
}
