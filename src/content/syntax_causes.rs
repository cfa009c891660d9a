//! Why a YAML file does not parse, in the words of the mistake a person made.
//!
//! The parser stops at the first place it cannot go on, which is often the line *after* the
//! mistake and always in its own terms ("simple key expected ':'"). The mistakes people who are not
//! programmers make are few and recognisable on their own line: a tab or a full-width space in the
//! indentation, a full-width colon after a field name, no space after the colon, a quote never
//! closed. When a file does not parse, its lines are looked at for these, and each one found is
//! reported where it is. Block scalars (`notes: |`) are skipped: anything may be written in them.

use crate::diagnostics::{Pos, Problem};
use crate::yaml::{Key, Node, Value};

/// Every recognisable mistake in `text`, with its position (`line_offset` as in `yaml::parse`).
pub fn find(text: &str, line_offset: u32) -> Vec<(Pos, Problem)> {
    let mut found = Vec::new();
    // The indentation of the line that opened a block scalar, while inside it.
    let mut block_scalar: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let line_no = u32::try_from(index).unwrap_or(u32::MAX - line_offset) + 1 + line_offset;
        let at = |column: usize| Pos {
            line: line_no,
            column: u32::try_from(column).unwrap_or(u32::MAX),
        };
        let indent: Vec<char> = line
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '\u{3000}'))
            .collect();
        let rest = &line[indent.iter().map(|c| c.len_utf8()).sum::<usize>()..];
        if let Some(opened_at) = block_scalar {
            if rest.is_empty() || indent.len() > opened_at {
                continue;
            }
            block_scalar = None;
        }
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some(i) = indent.iter().position(|c| *c == '\t') {
            found.push((at(i + 1), Problem::TabInIndent));
            continue;
        }
        if let Some(i) = indent.iter().position(|c| *c == '\u{3000}') {
            found.push((at(i + 1), Problem::FullWidthSpaceInIndent));
            continue;
        }
        // A list item's own mapping starts after "- ".
        let (item_indent, content) = match rest.strip_prefix("- ") {
            Some(after) => (indent.len() + 2, after.trim_start()),
            None => (indent.len(), rest),
        };
        let key_len = field_name_len(content);
        let column_after_key = item_indent + content[..key_len].chars().count() + 1;
        let after_key = &content[key_len..];
        if key_len > 0 {
            let key = content[..key_len].to_string();
            if after_key.starts_with('：') {
                found.push((at(column_after_key), Problem::FullWidthColon { key }));
                continue;
            }
            if let Some(value) = after_key.strip_prefix(':') {
                if value.starts_with(|c: char| !c.is_whitespace()) && !value.starts_with("//") {
                    found.push((at(column_after_key), Problem::ColonWithoutSpace { key }));
                    continue;
                }
                let value = value.trim();
                if is_block_scalar_header(value) {
                    block_scalar = Some(indent.len());
                    continue;
                }
                let value_column = column_after_key + 1 + leading_spaces(&after_key[1..]);
                if let Some(column) = unclosed_quote(value) {
                    found.push((at(value_column + column), Problem::UnclosedQuote));
                } else if let Some(quoted) = quoted_if_ruby_opens(value) {
                    found.push((at(value_column), Problem::RubyOpensValue { key, quoted }));
                }
                continue;
            }
        }
        // A list item that is a value: `- "みどり`.
        if rest.starts_with("- ")
            && let Some(column) = unclosed_quote(content)
        {
            found.push((at(item_indent + 1 + column), Problem::UnclosedQuote));
        }
    }
    found
}

/// Length in bytes of a field name at the start of `text` (`postal_code`), 0 when there is none.
fn field_name_len(text: &str) -> usize {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return 0,
    }
    chars
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(text.len(), |(i, _)| i)
}

fn leading_spaces(text: &str) -> usize {
    text.chars().take_while(|c| c.is_whitespace()).count()
}

/// `|`, `>`, `|-`, `>+2` …, maybe followed by a comment.
fn is_block_scalar_header(value: &str) -> bool {
    let head = value.split(" #").next().unwrap_or(value).trim();
    head.starts_with(['|', '>'])
        && head[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

/// The column (0-based, in characters) of a quote that opens a value and is never closed on the
/// line.
fn unclosed_quote(value: &str) -> Option<usize> {
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let mut chars = value.chars().skip(1).peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            ('"', '\\') => {
                chars.next();
            }
            ('\'', '\'') if chars.peek() == Some(&'\'') => {
                chars.next();
            }
            (q, c) if q == c => return None,
            _ => {}
        }
    }
    Some(0)
}

/// The value in double quotes when it begins with author ruby (`{箱折り|はこおり}や…`), which
/// YAML reads as the start of a mapping; long values are cut after their beginning.
fn quoted_if_ruby_opens(value: &str) -> Option<String> {
    let inside = value.strip_prefix('{')?.split('}').next()?;
    let (base, reading) = inside.split_once('|')?;
    let is_ruby = !base.trim().is_empty()
        && !base.is_ascii()
        && !inside.contains(": ")
        && !reading.contains([',', '{']);
    if !is_ruby {
        return None;
    }
    const SHOWN_CHARS: usize = 24;
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let mut shown: String = escaped.chars().take(SHOWN_CHARS).collect();
    if escaped.chars().count() > SHOWN_CHARS {
        shown.push('…');
    }
    Some(format!("\"{shown}\""))
}

/// The problem of a text field written `{漢字|かんじ}` whole, which YAML reads as a mapping of
/// one key (`漢字|かんじ`) with no value; `path` is the field's (`summary`, `services[0].notes`).
pub fn ruby_as_mapping(entries: &[(Key, Node)], path: &str) -> Option<Problem> {
    let [(key, value)] = entries else {
        return None;
    };
    let (base, _) = key.name.split_once('|')?;
    if !matches!(value.value, Value::Null) || base.trim().is_empty() || base.is_ascii() {
        return None;
    }
    let field = path.rsplit('.').next().unwrap_or(path);
    Some(Problem::RubyOpensValue {
        key: field.to_string(),
        quoted: format!("\"{{{}}}\"", key.name.replace('"', "\\\"")),
    })
}

/// Whether bytes that are not UTF-8 read as Shift_JIS (what Excel and Windows Notepad of old
/// save): every byte a single-byte character or a valid double-byte pair, and at least one pair.
pub fn looks_like_shift_jis(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            // NUL is in UTF-16 files (Windows' "Unicode"), never in Shift_JIS text.
            0x00 => return false,
            0x01..=0x7f | 0xa1..=0xdf => i += 1,
            0x81..=0x9f | 0xe0..=0xfc => {
                match bytes.get(i + 1) {
                    Some(0x40..=0x7e | 0x80..=0xfc) => pairs += 1,
                    _ => return false,
                }
                i += 2;
            }
            _ => return false,
        }
    }
    pairs > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(u32, u32, Problem)> {
        find(text, 1)
            .into_iter()
            .map(|(pos, problem)| (pos.line, pos.column, problem))
            .collect()
    }

    /// A value that begins with author ruby: named, with the value quoted as the fix; braces
    /// that are a mapping or a list item's are left to the parser's message.
    #[test]
    fn ruby_at_the_start_of_a_value() {
        let text = "name: {曙|あけぼの}ワークショップ\nsummary: {箱折り|はこおり}や部品の組立など、座ってできる軽作業が中心です。\ngeo: { lat: 35.6, lon: 139.9 }\nnotes: {a|b}\n";
        assert_eq!(
            problems(text),
            vec![
                (
                    2,
                    7,
                    Problem::RubyOpensValue {
                        key: "name".into(),
                        quoted: "\"{曙|あけぼの}ワークショップ\"".into(),
                    }
                ),
                (
                    3,
                    10,
                    Problem::RubyOpensValue {
                        key: "summary".into(),
                        quoted: "\"{箱折り|はこおり}や部品の組立など、座ってでき…\"".into(),
                    }
                ),
            ]
        );
    }

    #[test]
    fn each_mistake_on_its_own_line() {
        let text = "name: みどり\naddress:\n\tcity: こもれび市\n　street: 緑町\nparking：2台\nvisits:いつでも\nphone: \"0199-12\nurl: https://example.jp/\n";
        assert_eq!(
            problems(text),
            vec![
                (4, 1, Problem::TabInIndent),
                (5, 1, Problem::FullWidthSpaceInIndent),
                (
                    6,
                    8,
                    Problem::FullWidthColon {
                        key: "parking".into()
                    }
                ),
                (
                    7,
                    7,
                    Problem::ColonWithoutSpace {
                        key: "visits".into()
                    }
                ),
                (8, 8, Problem::UnclosedQuote),
            ]
        );
    }

    #[test]
    fn valid_lines_and_block_scalars_are_not_mistakes() {
        let text = "notes: |\n  9:30から\n\tタブも書ける\nurl: https://example.jp/\nwork: [\"パン\", 'It''s']\nphone: \"0199-12-3456\"\n- \"a \\\" b\"\n";
        assert_eq!(problems(text), vec![]);
    }

    #[test]
    fn shift_jis_is_recognised() {
        // 「みどり」 in Shift_JIS.
        assert!(looks_like_shift_jis(&[0x82, 0xdd, 0x82, 0xc7, 0x82, 0xe8]));
        assert!(!looks_like_shift_jis(b"plain ascii"));
        assert!(!looks_like_shift_jis(&[0x82, 0x20]));
    }
}
