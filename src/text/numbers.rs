//! Numbers written in digits, with the counter after them: 定員20名, 10分, 3階, 4月1日, 9:30.
//!
//! IPADIC reads digits not at all and counters on their own (分 ふん, 階 かい), so a number and
//! its counter are read here as one word, with the sound changes between them (じゅっぷん,
//! さんがい, よじ, ふたり, ついたち). Which counter does what is data: `data/counters.tsv`.
//!
//! Why this file is long: a fifth of it is the unit tests of every counter class, and the rest
//! is one algorithm — spelling a number and joining it to its counter with the sound changes —
//! whose pieces (groups of 万, 促音, the p-row) make sense only side by side.

use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTERS: &str = include_str!("data/counters.tsv");

/// A number (and counter) read from the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumberWord {
    /// Bytes of text it covers.
    pub len: usize,
    pub reading: String,
    pub ruby: NumberRuby,
}

/// Where ruby goes on a number word. Digits never get ruby of their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumberRuby {
    /// Nothing to annotate, or the reading depends on what is meant (1日).
    None,
    /// Read as one word (2人 ふたり): ruby over digits and counter together.
    Whole,
    /// Ruby over the counter, which starts `at` bytes in, with this reading (10分: 分 ぷん).
    Counter { at: usize, reading: String },
    /// A number with kanji in it, and its counter: ruby over both (三百円: さんびゃく, えん;
    /// 1万円: まん, えん). The counter may be empty.
    Both {
        at: usize,
        number: String,
        counter: String,
    },
}

/// Read the number at the start of `text`, with its counter if one follows. `date` says the
/// text is a day of a month (after 4月), which decides 1日. `boundary` says whether a byte
/// offset falls between two tokens of the analysis; a counter must end on one, so that 3人目
/// or 5分の1 are not cut in the middle of a word.
pub(crate) fn read_number(
    text: &str,
    date: bool,
    boundary: &dyn Fn(usize) -> bool,
) -> Option<NumberWord> {
    if let Some(time) = clock_time(text).filter(|t| boundary(t.len)) {
        return Some(time);
    }
    let number = parse(text)?;
    let rest = &text[number.len..];
    let counter = counters()
        .iter()
        .filter(|c| rest.starts_with(c.surface.as_str()))
        .find(|c| boundary(number.len + c.surface.len()));
    let mut word = match counter {
        Some(counter) => with_counter(&number, counter, date),
        None if boundary(number.len) => NumberWord {
            len: number.len,
            reading: number.plain_reading(),
            ruby: NumberRuby::None,
        },
        None => return None,
    };
    // 1万5千円: the kanji among the digits need ruby too.
    if !text[..number.len].is_ascii() {
        word.ruby = match word.ruby {
            NumberRuby::Counter { at, reading } => NumberRuby::Both {
                at,
                number: word
                    .reading
                    .strip_suffix(reading.as_str())
                    .unwrap_or_default()
                    .to_string(),
                counter: reading,
            },
            NumberRuby::None if counter.is_none() => NumberRuby::Both {
                at: number.len,
                number: word.reading.clone(),
                counter: String::new(),
            },
            other => other,
        };
    }
    Some(word)
}

/// The plain reading of a run of ASCII digits (20 → にじゅう, 0120 → ぜろいちにぜろ).
pub(crate) fn spell_digits(digits: &str) -> Option<String> {
    let number = parse(digits).filter(|n| n.len == digits.len())?;
    Some(number.plain_reading())
}

/// Read a number in kanji numerals (`numeral_len` bytes at the start of `text`, 三百, 二十四) with
/// the counter after it. Without a counter there is nothing to add to IPADIC's own reading of
/// the numerals, so this returns `None`.
pub(crate) fn read_kanji_number(
    text: &str,
    numeral_len: usize,
    date: bool,
    boundary: &dyn Fn(usize) -> bool,
) -> Option<NumberWord> {
    let numeral = text.get(..numeral_len)?;
    let number = Number {
        digits: "",
        value: Some(kanji_value(numeral)?),
        fraction: "",
        len: numeral_len,
    };
    let rest = &text[numeral_len..];
    let counter = counters()
        .iter()
        .filter(|c| rest.starts_with(c.surface.as_str()))
        .find(|c| boundary(numeral_len + c.surface.len()))?;
    let mut word = with_counter(&number, counter, date);
    if let NumberRuby::Counter { at, reading } = word.ruby {
        let number_part = word
            .reading
            .strip_suffix(reading.as_str())
            .unwrap_or_default()
            .to_string();
        word.ruby = NumberRuby::Both {
            at,
            number: number_part,
            counter: reading,
        };
    }
    Some(word)
}

/// Is `c` a kanji numeral (digit or unit)?
pub(crate) fn is_kanji_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十百千万億兆".contains(c)
}

/// The value of kanji numerals: 三百 300, 二十四 24, 千五百 1500, 二〇二四 2024.
pub(crate) fn kanji_value(s: &str) -> Option<u64> {
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or((c == '零').then_some(0))
    };
    let has_units = s.contains(['十', '百', '千', '万', '億', '兆']);
    if !has_units {
        // Written digit by digit, as in 二〇二四.
        return s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(digit(c)? as u64)
        });
    }
    let (mut total, mut section, mut current) = (0u64, 0u64, None::<u64>);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = Some(
                current
                    .unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(d as u64)?,
            );
            continue;
        }
        let unit: u64 = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '億' => 100_000_000,
            '兆' => 1_000_000_000_000,
            _ => return None,
        };
        if unit < 10_000 {
            section = section.checked_add(current.unwrap_or(1).checked_mul(unit)?)?;
        } else {
            total = total.checked_add(
                section
                    .checked_add(current.unwrap_or(0))?
                    .checked_mul(unit)?,
            )?;
            section = 0;
        }
        current = None;
    }
    total
        .checked_add(section)?
        .checked_add(current.unwrap_or(0))
}

/// A parsed number: its value in the digits as written.
struct Number<'a> {
    digits: &'a str,
    value: Option<u64>,
    /// Digits after a decimal point.
    fraction: &'a str,
    len: usize,
}

impl Number<'_> {
    fn plain_reading(&self) -> String {
        match self.spelled() {
            Some(s) => s.head + &s.last,
            None => digit_by_digit(self.digits),
        }
    }

    /// Spelled as a number, unless it is a code (leading zero, very long) read digit by digit.
    fn spelled(&self) -> Option<Spelled> {
        let value = self.value?;
        let code = self.digits.len() > 1 && self.digits.starts_with('0');
        if code {
            return None;
        }
        if self.fraction.is_empty() {
            return spell(value);
        }
        // 1.5 → いってんご: the integer part meets てん as it would a t-row counter.
        let int = spell(value)?;
        let point = join(&int, &TEN_POINT);
        let mut digits = self.fraction.chars().filter_map(|c| c.to_digit(10));
        let last = digits.next_back()? as u8;
        let mut head = point;
        for d in digits {
            head.push_str(DIGITS[d as usize]);
        }
        Some(Spelled {
            head,
            last: DIGITS[last as usize].to_string(),
            kind: Last::Digit(last),
        })
    }
}

/// `H:MM` (9:30 くじさんじゅっぷん); 24-hour times up to 30:59 as some timetables write them.
fn clock_time(text: &str) -> Option<NumberWord> {
    let (hours, rest) = split_digits(text);
    let minutes = rest.strip_prefix(':')?;
    let (minutes, after) = split_digits(minutes);
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    let h: u64 = hours.parse().ok()?;
    let m: u64 = minutes.parse().ok()?;
    if h > 30 || m > 59 {
        return None;
    }
    let table = counters();
    let ji = table.iter().find(|c| c.surface == "時")?;
    let fun = table.iter().find(|c| c.surface == "分")?;
    let mut reading = counted(h, ji)?;
    if m > 0 {
        reading.push_str(&counted(m, fun)?);
    }
    Some(NumberWord {
        len: text.len() - after.len(),
        reading,
        ruby: NumberRuby::None,
    })
}

fn counted(n: u64, counter: &Counter) -> Option<String> {
    let s = spell(n)?;
    let (number, counter) = combine(&s, counter);
    Some(number + &counter)
}

fn split_digits(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(end)
}

/// Digits, with thousands commas (1,000) or 万/億/兆/千/百 between them (1万5千), or a decimal point.
fn parse(text: &str) -> Option<Number<'_>> {
    let (first, _) = split_digits(text);
    if first.is_empty() {
        return None;
    }
    let mut pos = first.len();
    // Thousands separators: a comma followed by exactly three digits.
    while text[pos..].starts_with(',') {
        let (group, _) = split_digits(&text[pos + 1..]);
        if group.len() != 3 {
            break;
        }
        pos += 1 + 3;
    }
    let digits = &text[..pos];
    let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
    if let Some(after_point) = text[pos..].strip_prefix('.') {
        let (fraction, _) = split_digits(after_point);
        if !fraction.is_empty() {
            return Some(Number {
                digits,
                value: plain.parse().ok(),
                fraction,
                len: pos + 1 + fraction.len(),
            });
        }
    }
    let (value, len) = with_kanji_units(text, plain.parse().ok(), pos);
    Some(Number {
        digits,
        value,
        fraction: "",
        len,
    })
}

/// Extend a number over kanji units: 1万5千 is 15000, 2億 is 200000000.
fn with_kanji_units(text: &str, first: Option<u64>, mut pos: usize) -> (Option<u64>, usize) {
    let Some(mut part) = first else {
        return (None, pos);
    };
    let (mut total, mut small, mut end) = (0u64, 0u64, pos);
    loop {
        let unit = text[pos..].chars().next();
        let factor: u64 = match unit {
            Some('千') => 1000,
            Some('百') => 100,
            Some('万') => 10_000,
            Some('億') => 100_000_000,
            Some('兆') => 1_000_000_000_000,
            _ => break,
        };
        pos += unit.map_or(0, char::len_utf8);
        if factor < 10_000 {
            small = small.saturating_add(part.saturating_mul(factor));
        } else {
            total = total.saturating_add(small.saturating_add(part).saturating_mul(factor));
            small = 0;
        }
        part = 0;
        end = pos;
        if text[pos..].starts_with(['千', '百', '万', '億', '兆']) {
            continue; // 5千万
        }
        let (more, _) = split_digits(&text[pos..]);
        if more.is_empty() || more.len() > 4 {
            break;
        }
        part = more.parse().unwrap_or(0);
        pos += more.len();
        end = pos;
    }
    (Some(total.saturating_add(small).saturating_add(part)), end)
}

fn with_counter(number: &Number, counter: &Counter, date: bool) -> NumberWord {
    let len = number.len + counter.surface.len();
    let plain_value = number.value.filter(|_| number.fraction.is_empty());
    let special = |table: &[(u64, String)]| {
        plain_value.and_then(|v| table.iter().find(|(n, _)| *n == v).map(|(_, r)| r.clone()))
    };
    // 1日 without 4月 before it may be ついたち or いちにち: read one, annotate neither.
    if !date && let Some(reading) = special(&counter.alt) {
        return NumberWord {
            len,
            reading,
            ruby: NumberRuby::None,
        };
    }
    if let Some(reading) = special(&counter.whole) {
        return NumberWord {
            len,
            reading,
            ruby: NumberRuby::Whole,
        };
    }
    match number.spelled() {
        Some(spelled) => {
            let (number_part, counter_part) = combine(&spelled, counter);
            NumberWord {
                len,
                reading: number_part + &counter_part,
                ruby: NumberRuby::Counter {
                    at: number.len,
                    reading: counter_part,
                },
            }
        }
        None => NumberWord {
            len,
            reading: digit_by_digit(number.digits) + &counter.reading,
            ruby: NumberRuby::Counter {
                at: number.len,
                reading: counter.reading.clone(),
            },
        },
    }
}

const DIGITS: [&str; 10] = [
    "ぜろ",
    "いち",
    "に",
    "さん",
    "よん",
    "ご",
    "ろく",
    "なな",
    "はち",
    "きゅう",
];

fn digit_by_digit(digits: &str) -> String {
    digits
        .chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| DIGITS[d as usize])
        .collect()
}

/// The kind of the last element of a spelled number, which is what a counter changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Digit(u8),
    Ten,
    Hundred,
    Other,
}

/// A number in kana, split before its last element.
#[derive(Debug, Clone)]
struct Spelled {
    head: String,
    last: String,
    kind: Last,
}

/// Spell a number in kana, up to 9999兆.
fn spell(n: u64) -> Option<Spelled> {
    if n == 0 {
        return Some(Spelled {
            head: String::new(),
            last: "ぜろ".into(),
            kind: Last::Other,
        });
    }
    if n >= 10_000_000_000_000_000 {
        return None;
    }
    let mut parts: Vec<(String, Last)> = Vec::new();
    for (unit, name) in [
        (1_000_000_000_000u64, "ちょう"),
        (100_000_000, "おく"),
        (10_000, "まん"),
        (1, ""),
    ] {
        let group = (n / unit) % 10_000;
        if group == 0 {
            continue;
        }
        spell_group(group, !name.is_empty(), &mut parts);
        if name == "ちょう" {
            // 1兆 いっちょう, 8兆 はっちょう, 10兆 じゅっちょう: a t-row word after the number.
            if let Some(last) = parts.pop() {
                let s = Spelled {
                    head: String::new(),
                    last: last.0,
                    kind: last.1,
                };
                parts.push((sokuon(&s, Sokuon::Narrow).unwrap_or(s.last), Last::Other));
            }
        }
        if !name.is_empty() {
            parts.push((name.to_string(), Last::Other));
        }
    }
    let (last, kind) = parts.pop()?;
    Some(Spelled {
        head: parts.into_iter().map(|p| p.0).collect(),
        last,
        kind,
    })
}

fn spell_group(g: u64, big: bool, parts: &mut Vec<(String, Last)>) {
    let (th, h, t, o) = (g / 1000, g / 100 % 10, g / 10 % 10, g % 10);
    if th > 0 {
        let s = match th {
            1 if big => "いっせん".to_string(),
            1 => "せん".to_string(),
            3 => "さんぜん".to_string(),
            8 => "はっせん".to_string(),
            d => format!("{}せん", DIGITS[d as usize]),
        };
        parts.push((s, Last::Other));
    }
    if h > 0 {
        let s = match h {
            1 => "ひゃく".to_string(),
            3 => "さんびゃく".to_string(),
            6 => "ろっぴゃく".to_string(),
            8 => "はっぴゃく".to_string(),
            d => format!("{}ひゃく", DIGITS[d as usize]),
        };
        parts.push((s, Last::Hundred));
    }
    if t > 0 {
        let s = if t == 1 {
            String::new()
        } else {
            DIGITS[t as usize].to_string()
        };
        parts.push((s + "じゅう", Last::Ten));
    }
    if o > 0 {
        parts.push((DIGITS[o as usize].to_string(), Last::Digit(o as u8)));
    }
}

/// Which last elements take a small っ before a counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sokuon {
    /// 1, 6, 8, 10, 100: before k- and h-row counters (いっかい, ろっぷん, ひゃっかい).
    Wide,
    /// 1, 8, 10: before s- and t-row counters (いっさい, はってん; ろくさい).
    Narrow,
    None,
}

/// The last element with っ, if this counter's sound calls for it.
fn sokuon(s: &Spelled, set: Sokuon) -> Option<String> {
    let wide = set == Sokuon::Wide;
    match (s.kind, set) {
        (_, Sokuon::None) => None,
        (Last::Digit(1), _) => Some("いっ".into()),
        (Last::Digit(6), _) if wide => Some("ろっ".into()),
        (Last::Digit(8), _) => Some("はっ".into()),
        (Last::Ten, _) => Some(s.last.strip_suffix('う')?.to_string() + "っ"),
        (Last::Hundred, _) if wide => Some(s.last.strip_suffix('く')?.to_string() + "っ"),
        _ => None,
    }
}

/// てん of a decimal point joins the integer part like a t-row counter.
static TEN_POINT: Counter = Counter {
    surface: String::new(),
    reading: String::new(),
    sokuon: Sokuon::Narrow,
    p_after_sokuon: false,
    after3: None,
    after4: None,
    forms: [None, None, None],
    whole: Vec::new(),
    alt: Vec::new(),
};

fn join(s: &Spelled, point: &Counter) -> String {
    let (number, _) = combine(s, point);
    number + "てん"
}

/// The number part and the counter part of "number + counter", with their sound changes.
fn combine(s: &Spelled, c: &Counter) -> (String, String) {
    let mut last = s.last.clone();
    if let Last::Digit(d) = s.kind {
        let form = match d {
            4 => c.forms[0].as_deref(),
            7 => c.forms[1].as_deref(),
            9 => c.forms[2].as_deref(),
            _ => None,
        };
        if let Some(form) = form {
            last = form.to_string();
        }
    }
    let mut counter = c.reading.clone();
    let adjusted = Spelled {
        head: String::new(),
        last: last.clone(),
        kind: s.kind,
    };
    if let Some(with_tsu) = sokuon(&adjusted, c.sokuon) {
        last = with_tsu;
        if c.p_after_sokuon {
            counter = replace_first(&counter, to_p_row);
        }
    } else if last.ends_with('ん') {
        let after = if s.kind == Last::Digit(4) {
            c.after4
        } else {
            c.after3
        };
        if let Some(k) = after {
            counter = replace_first(&counter, |_| Some(k));
        }
    }
    (s.head.clone() + &last, counter)
}

fn replace_first(s: &str, f: impl Fn(char) -> Option<char>) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => f(first).unwrap_or(first).to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn to_p_row(c: char) -> Option<char> {
    let (plain, p) = ("はひふへほ", "ぱぴぷぺぽ");
    let i = plain.chars().position(|x| x == c)?;
    p.chars().nth(i)
}

/// One row of counters.tsv.
#[derive(Debug)]
struct Counter {
    surface: String,
    reading: String,
    sokuon: Sokuon,
    /// h-row counters turn p after っ (ふん → ぷん).
    p_after_sokuon: bool,
    after3: Option<char>,
    after4: Option<char>,
    /// Readings of 4, 7 and 9 before this counter, when not よん, なな, きゅう.
    forms: [Option<String>; 3],
    whole: Vec<(u64, String)>,
    alt: Vec<(u64, String)>,
}

/// The counters, longest first so that 時間 is tried before 時.
fn counters() -> &'static [Counter] {
    static TABLE: OnceLock<Vec<Counter>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut v: Vec<Counter> = COUNTERS.lines().filter_map(parse_counter).collect();
        v.sort_by_key(|c| std::cmp::Reverse(c.surface.len()));
        v
    })
}

fn parse_counter(line: &str) -> Option<Counter> {
    if line.starts_with('#') {
        return None;
    }
    let f: Vec<&str> = line.split('\t').collect();
    let field = |i: usize| f.get(i).copied().unwrap_or("").trim();
    let kana = |i: usize| Some(field(i)).filter(|s| !s.is_empty() && *s != "-");
    let (sokuon, p_after_sokuon) = match field(2) {
        "k" | "p" => (Sokuon::Wide, false),
        "h" => (Sokuon::Wide, true),
        "s" | "t" => (Sokuon::Narrow, false),
        "-" => (Sokuon::None, false),
        _ => return None,
    };
    let default_forms = ["よん", "なな", "きゅう"];
    let forms = [3, 4, 5].map(|i| {
        kana(i + 2)
            .filter(|form| !default_forms.contains(form))
            .map(str::to_string)
    });
    Some(Counter {
        surface: field(0).to_string(),
        reading: kana(1)?.to_string(),
        sokuon,
        p_after_sokuon,
        after3: kana(3).and_then(|s| s.chars().next()),
        after4: kana(4).and_then(|s| s.chars().next()),
        forms,
        whole: specials(field(8)),
        alt: specials(field(9)),
    })
    .filter(|c| !c.surface.is_empty())
}

/// `1=ひとり 2=ふたり` as pairs.
fn specials(s: &str) -> Vec<(u64, String)> {
    let map: HashMap<u64, String> = s
        .split_whitespace()
        .filter_map(|pair| {
            let (n, kana) = pair.split_once('=')?;
            Some((n.parse().ok()?, kana.to_string()))
        })
        .collect();
    map.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, NumberRuby)> {
        read_number(text, false, &|_| true).map(|w| (w.reading, w.ruby))
    }

    fn reading(text: &str) -> String {
        read(text).map(|r| r.0).unwrap_or_default()
    }

    #[test]
    fn every_counter_row_parses() {
        for line in COUNTERS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            assert!(parse_counter(line).is_some(), "{line:?}");
        }
    }

    #[test]
    fn spelled_numbers() {
        for (text, kana) in [
            ("0", "ぜろ"),
            ("1", "いち"),
            ("10", "じゅう"),
            ("20", "にじゅう"),
            ("300", "さんびゃく"),
            ("600", "ろっぴゃく"),
            ("1000", "せん"),
            ("3000", "さんぜん"),
            ("8000", "はっせん"),
            ("2024", "にせんにじゅうよん"),
            ("10000", "いちまん"),
            ("15000", "いちまんごせん"),
            ("1,500", "せんごひゃく"),
            ("1万5千", "いちまんごせん"),
            ("5千万", "ごせんまん"),
            ("10000000", "いっせんまん"),
            ("100000000", "いちおく"),
            ("1.5", "いってんご"),
            ("0120", "ぜろいちにぜろ"),
        ] {
            assert_eq!(reading(text), kana, "{text}");
        }
    }

    #[test]
    fn counters_change_sounds() {
        for (text, kana) in [
            ("2人", "ふたり"),
            ("1人", "ひとり"),
            ("3人", "さんにん"),
            ("4人", "よにん"),
            ("20名", "にじゅうめい"),
            ("10分", "じゅっぷん"),
            ("1分", "いっぷん"),
            ("3分", "さんぷん"),
            ("4分", "よんぷん"),
            ("5分", "ごふん"),
            ("6分", "ろっぷん"),
            ("8分", "はっぷん"),
            ("30分", "さんじゅっぷん"),
            ("3階", "さんがい"),
            ("1階", "いっかい"),
            ("6階", "ろっかい"),
            ("4時", "よじ"),
            ("9時", "くじ"),
            ("7時", "しちじ"),
            ("4月", "しがつ"),
            ("9月", "くがつ"),
            ("2024年度", "にせんにじゅうよねんど"),
            ("3か月", "さんかげつ"),
            ("6ヶ月", "ろっかげつ"),
            ("10ヶ月", "じゅっかげつ"),
            ("1週間", "いっしゅうかん"),
            ("8歳", "はっさい"),
            ("20歳", "はたち"),
            ("3本", "さんぼん"),
            ("1本", "いっぽん"),
            ("100円", "ひゃくえん"),
            ("4円", "よえん"),
            ("1,000円", "せんえん"),
            ("1万5千円", "いちまんごせんえん"),
            ("2日", "ふつか"),
            ("20日", "はつか"),
            ("11日", "じゅういちにち"),
            ("1日", "いちにち"),
            ("3回", "さんかい"),
            ("10%", "じゅっぱーせんと"),
            ("1.5時間", "いってんごじかん"),
            ("2丁目", "にちょうめ"),
            ("1丁目", "いっちょうめ"),
        ] {
            assert_eq!(reading(text), kana, "{text}");
        }
    }

    #[test]
    fn dates() {
        let w = read_number("1日", true, &|_| true).expect("date");
        assert_eq!(w.reading, "ついたち");
        assert_eq!(w.ruby, NumberRuby::Whole);
        // Without a month before it, 1日 gets a reading but no ruby.
        assert_eq!(read("1日").map(|r| r.1), Some(NumberRuby::None));
    }

    #[test]
    fn ruby_on_the_counter() {
        assert_eq!(
            read("10分"),
            Some((
                "じゅっぷん".into(),
                NumberRuby::Counter {
                    at: 2,
                    reading: "ぷん".into()
                }
            ))
        );
        assert_eq!(read("2人").map(|r| r.1), Some(NumberRuby::Whole));
    }

    #[test]
    fn kanji_numerals() {
        let read = |t: &str, len: usize| {
            read_kanji_number(t, len, false, &|_| true).map(|w| (w.reading, w.ruby))
        };
        assert_eq!(kanji_value("三百"), Some(300));
        assert_eq!(kanji_value("二十四"), Some(24));
        assert_eq!(kanji_value("千五百"), Some(1500));
        assert_eq!(kanji_value("二〇二四"), Some(2024));
        assert_eq!(kanji_value("一万二千"), Some(12000));
        assert_eq!(
            read("三百円", 6),
            Some((
                "さんびゃくえん".into(),
                NumberRuby::Both {
                    at: 6,
                    number: "さんびゃく".into(),
                    counter: "えん".into()
                }
            ))
        );
        assert_eq!(read("一食", 3).map(|r| r.0), Some("いっしょく".into()));
        assert_eq!(read("一歩", 3).map(|r| r.0), Some("いっぽ".into()));
        assert_eq!(read("三百", 6), None);
    }

    #[test]
    fn times() {
        assert_eq!(reading("9:30"), "くじさんじゅっぷん");
        assert_eq!(reading("15:00"), "じゅうごじ");
    }

    #[test]
    fn counter_must_end_on_a_token_boundary() {
        // 名古屋 after a number: 名 is not a counter there.
        let w = read_number("3名古屋", false, &|i| i != 4).expect("number");
        assert_eq!(w.len, 1);
        assert_eq!(w.reading, "さん");
    }

    #[test]
    fn huge_and_odd_numbers_do_not_panic() {
        for text in [
            "99999999999999999999999",
            "1,00",
            "1.",
            "1万万",
            "9999兆9999億",
            "1:",
            "99:99",
        ] {
            let _ = read(text);
        }
        assert_eq!(
            reading("99999999999999999999"),
            "きゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅうきゅう"
        );
    }
}
