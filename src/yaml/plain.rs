//! What an untagged plain scalar is, under the options in `super::options` (YAML 1.2 core
//! schema, strict booleans, numbers with a leading zero kept as text) — for the scalars whose
//! answer is certain without serde-saphyr's number parser.
//!
//! serde-saphyr tries, in order: null, boolean, a decimal with a leading zero (text), an
//! integer (sign, `0x`/`0o`/`0b`, `_` between digits), a float (Rust's grammar, `.inf`, `.nan`),
//! and otherwise text. Settled here: the null and boolean spellings, decimal integers of up to
//! 18 digits, decimal fractions like `1.5`, and text that no number can be: a first character
//! no number starts with, a sign inside (other than in an exponent), or a character no number
//! holds. Text such as `03-1234-5678`, `2025-04-01` or `9:00` is common in a guide; `1e3`,
//! `0x1F` or `+5` are not, and are left to serde-saphyr (`None`).

use std::borrow::Cow;

use super::Value;

/// The plain spellings of null.
pub(super) fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

pub(super) fn resolve(text: Cow<'_, str>) -> Option<Value> {
    if is_null(&text) {
        return Some(Value::Null);
    }
    match &*text {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let (first, last) = (bytes[0], bytes[bytes.len() - 1]);
    // serde-saphyr trims spaces, tabs and line breaks before it reads a number; a plain scalar
    // has none at its ends, but if one did, its answer is serde-saphyr's to give.
    if is_padding(first) || is_padding(last) {
        return None;
    }
    if !matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.') {
        return Some(Value::Str(text.into_owned()));
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        return match bytes.len() {
            // 0127: a decimal with a leading zero stays text (事業所番号, postal codes).
            2.. if first == b'0' => Some(Value::Str(text.into_owned())),
            ..=18 => text.parse().ok().map(Value::Int),
            _ => None,
        };
    }
    if is_decimal_fraction(bytes) {
        return text.parse().ok().map(Value::Float);
    }
    if has_inner_sign(bytes) || bytes.iter().any(|&b| !is_number_byte(b)) {
        return Some(Value::Str(text.into_owned()));
    }
    None
}

fn is_padding(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Digits with one dot among them (`1.5`, `.5`, `5.`), short enough to be finite: never an
/// integer, always a float by Rust's grammar.
fn is_decimal_fraction(bytes: &[u8]) -> bool {
    bytes.len() <= 24
        && bytes.iter().filter(|&&b| b == b'.').count() == 1
        && bytes.iter().filter(|b| b.is_ascii_digit()).count() + 1 == bytes.len()
}

/// A sign after the first character that does not follow an exponent's `e`: no integer has
/// one (its sign comes first) and no float either (Rust's grammar puts a sign first or right
/// after `e`/`E`), so `03-1234-5678` and `2025-04-01` are text.
fn has_inner_sign(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|pair| matches!(pair[1], b'+' | b'-') && !matches!(pair[0], b'e' | b'E'))
}

/// Every character any number's spelling may hold: digits of every base, signs, the dot, `_`
/// between digits, the radix letters x/o/b, an exponent's e (a hex digit) and the letters of
/// `.inf` and `.nan` (Rust's own `inf`/`infinity`/`nan` are not finite, and serde-saphyr keeps
/// them as text).
fn is_number_byte(b: u8) -> bool {
    matches!(
        b,
        b'0'..=b'9'
            | b'a'..=b'f'
            | b'A'..=b'F'
            | b'+'
            | b'-'
            | b'.'
            | b'_'
            | b'x'
            | b'X'
            | b'o'
            | b'O'
            | b'i'
            | b'I'
            | b'n'
            | b'N'
    )
}
