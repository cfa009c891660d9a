//! Reading typed values out of a spanned YAML tree while recording every problem.
//!
//! Each `Decoder` method returns `None` (or an empty list) when the value is absent or wrong and
//! pushes a diagnostic for what was wrong, so decoding always runs to the end of the file.

use crate::check::forgiving::{self, ChoiceMatch};
use crate::check::formats;
use crate::content::date::Date;
use crate::content::model::Choice;
use crate::content::syntax_causes;
use crate::diagnostics::Diagnostics;
use crate::diagnostics::Pos;
use crate::diagnostics::{Expected, Format, Problem};
use crate::yaml::{Key, Node, Value};
use std::path::Path;

pub struct Decoder<'a> {
    pub file: &'a Path,
    pub diags: &'a mut Diagnostics,
}

/// The fields of one YAML mapping, tracking which ones were read so unknown ones can be reported.
pub struct Fields<'n> {
    path: String,
    pos: Pos,
    pairs: &'n [(Key, Node)],
    used: Vec<bool>,
    /// Required fields found missing; reported by `finish`, which can tell a missing field from a
    /// misspelt one (`verifed`) and then reports the typo only.
    missing: Vec<String>,
}

/// A value found under a key, with its full field path.
pub struct Field<'n> {
    pub node: &'n Node,
    pub path: String,
}

impl<'n> Fields<'n> {
    /// Takes the value under `key`; a `null` value counts as absent.
    pub fn get(&mut self, key: &str) -> Option<Field<'n>> {
        self.get_raw(key)
            .filter(|f| !matches!(f.node.value, Value::Null))
    }

    /// Takes the value under `key`, `null` included (where null means something, e.g. "closed").
    pub fn get_raw(&mut self, key: &str) -> Option<Field<'n>> {
        let index = self.pairs.iter().position(|(k, _)| k.name == key)?;
        self.used[index] = true;
        Some(Field {
            node: &self.pairs[index].1,
            path: self.child_path(key),
        })
    }

    pub fn has(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k.name == key)
    }

    pub fn child_path(&self, key: &str) -> String {
        // Spelt out, not `format!`: every field read of every entry makes its path (a quarter
        // of a million at national scale), and the formatting machinery was most of each.
        let mut path = String::with_capacity(self.path.len() + 1 + key.len());
        if !self.path.is_empty() {
            path.push_str(&self.path);
            path.push('.');
        }
        path.push_str(key);
        path
    }

    pub fn pos(&self) -> Pos {
        self.pos
    }

    /// Where a key is written, for problems about the key rather than its value.
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        self.pairs
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, _)| k.pos)
    }
}

impl<'a> Decoder<'a> {
    pub fn error(&mut self, pos: Pos, field: &str, problem: Problem) {
        self.diags.error(self.file, pos, field, problem);
    }

    pub fn warning(&mut self, pos: Pos, field: &str, problem: Problem) {
        self.diags.warning(self.file, pos, field, problem);
    }

    /// Opens a mapping; reports a wrong type and returns `None` otherwise.
    pub fn fields<'n>(&mut self, node: &'n Node, path: &str) -> Option<Fields<'n>> {
        match &node.value {
            Value::Map(pairs) => Some(Fields {
                path: path.to_string(),
                pos: node.pos,
                pairs,
                used: vec![false; pairs.len()],
                missing: Vec::new(),
            }),
            Value::Null if path.is_empty() => {
                self.error(node.pos, path, Problem::NotAMapping);
                None
            }
            _ => {
                self.wrong_type(node, path, Expected::Mapping);
                None
            }
        }
    }

    /// Reports missing required fields, and every key that was never read, suggesting the
    /// nearest known one.
    pub fn finish(&mut self, fields: Fields, known: &[&str]) {
        let mut typo_for = Vec::new();
        for ((key, _), used) in fields.pairs.iter().zip(&fields.used) {
            if !used {
                let path = fields.child_path(&key.name);
                // No field's name begins with a digit: `{ monthly_average: 21,300円 }` is read
                // as 21 and a field named 300円, the comma taken for the one between fields.
                if crate::text::nfkc(&key.name).starts_with(|c: char| c.is_ascii_digit()) {
                    let problem = Problem::NumberCutByComma {
                        key: key.name.clone(),
                    };
                    self.error(key.pos, &path, problem);
                    continue;
                }
                let suggestion = suggest(&key.name, known.iter().copied());
                typo_for.extend(suggestion.clone());
                self.error(
                    key.pos,
                    &path,
                    Problem::UnknownField {
                        field: key.name.clone(),
                        suggestion,
                    },
                );
            }
        }
        for key in &fields.missing {
            if !typo_for.contains(key) {
                let path = fields.child_path(key);
                self.error(
                    fields.pos,
                    &path,
                    Problem::MissingField { field: key.clone() },
                );
            }
        }
    }

    pub fn missing(&mut self, fields: &mut Fields, key: &str) {
        fields.missing.push(key.to_string());
    }

    pub fn wrong_type(&mut self, node: &Node, path: &str, expected: Expected) {
        self.error(
            node.pos,
            path,
            Problem::WrongType {
                expected,
                found_ja: node.value.kind_ja().to_string(),
                found_en: node.value.kind_en().to_string(),
            },
        );
    }

    /// A required field: reports it missing when absent.
    pub fn required<'n, T>(
        &mut self,
        fields: &mut Fields<'n>,
        key: &str,
        decode: impl FnOnce(&mut Self, &Field<'n>) -> Option<T>,
    ) -> Option<T> {
        match fields.get(key) {
            Some(field) => decode(self, &field),
            None => {
                self.missing(fields, key);
                None
            }
        }
    }

    pub fn optional<'n, T>(
        &mut self,
        fields: &mut Fields<'n>,
        key: &str,
        decode: impl FnOnce(&mut Self, &Field<'n>) -> Option<T>,
    ) -> Option<T> {
        let field = fields.get(key)?;
        decode(self, &field)
    }

    /// Text; numbers are accepted and turned into text (a provider writing `name: 123` means it).
    /// Empty text is reported: a field written but left blank is a mistake, not "absent".
    pub fn text(&mut self, field: &Field) -> Option<String> {
        match &field.node.value {
            Value::Str(s) if s.trim().is_empty() => {
                self.error(field.node.pos, &field.path, Problem::Empty);
                None
            }
            Value::Str(s) => Some(s.trim().to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Map(pairs)
                if let Some(ruby) = syntax_causes::ruby_as_mapping(pairs, &field.path) =>
            {
                self.error(field.node.pos, &field.path, ruby);
                None
            }
            _ => {
                self.wrong_type(field.node, &field.path, Expected::Text);
                None
            }
        }
    }

    /// A whole number; also as typed in text (`16,500円`, `２０人`: `forgiving::integer`).
    pub fn integer(&mut self, field: &Field, min: i64, max: i64) -> Option<i64> {
        let value = match &field.node.value {
            Value::Int(i) => *i,
            Value::Str(s) if forgiving::integer(s).is_some() => forgiving::integer(s)?,
            _ => {
                self.wrong_type(field.node, &field.path, Expected::Integer);
                return None;
            }
        };
        if value < min || value > max {
            self.error(
                field.node.pos,
                &field.path,
                Problem::OutOfRange {
                    value: value.to_string(),
                    min,
                    max,
                },
            );
            return None;
        }
        Some(value)
    }

    /// A whole number within one of the description's ranges (`check::spec`).
    pub fn range(&mut self, field: &Field, range: crate::check::spec::Range) -> Option<i64> {
        self.integer(field, range.min, range.max)
    }

    pub fn number(&mut self, field: &Field, min: f64, max: f64) -> Option<f64> {
        let value = match &field.node.value {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            Value::Str(s) if forgiving::number(s).is_some() => forgiving::number(s)?,
            _ => {
                self.wrong_type(field.node, &field.path, Expected::Number);
                return None;
            }
        };
        if !(min..=max).contains(&value) {
            self.error(
                field.node.pos,
                &field.path,
                Problem::OutOfRange {
                    value: value.to_string(),
                    min: min as i64,
                    max: max as i64,
                },
            );
            return None;
        }
        Some(value)
    }

    pub fn boolean(&mut self, field: &Field) -> Option<bool> {
        match &field.node.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if forgiving::boolean(s).is_some() => forgiving::boolean(s),
            _ => {
                self.wrong_type(field.node, &field.path, Expected::Bool);
                None
            }
        }
    }

    /// Text that must match a format (phone, URL, …), in its canonical form: what was typed in
    /// another unambiguous way (`0299822911`, `〒1000001`) is put in it (`forgiving::formatted`).
    pub fn formatted(&mut self, field: &Field, format: Format) -> Option<String> {
        let text = self.text(field)?;
        if formats::is_valid(format, &text) {
            Some(text)
        } else if let Some(canonical) = forgiving::formatted(format, &text) {
            Some(canonical)
        } else {
            let plain = forgiving::plain_width(&text);
            let problem =
                formats::exact_problem(format, &text, &plain).unwrap_or(Problem::BadFormat {
                    format,
                    value: text,
                });
            self.error(field.node.pos, &field.path, problem);
            None
        }
    }

    pub fn date(&mut self, field: &Field) -> Option<Date> {
        let text = self.text(field)?;
        match forgiving::date(&text) {
            Some(date) => Some(date),
            None => {
                self.error(
                    field.node.pos,
                    &field.path,
                    Problem::BadFormat {
                        format: Format::Date,
                        value: text,
                    },
                );
                None
            }
        }
    }

    /// A hiragana reading.
    pub fn reading(&mut self, field: &Field) -> Option<String> {
        let text = self.text(field)?;
        if formats::is_reading(&text) {
            Some(text)
        } else {
            self.error(
                field.node.pos,
                &field.path,
                Problem::NotHiragana { value: text },
            );
            None
        }
    }

    /// A fiscal year (年度) between `min` and `max`: `2024`, `2024年度`, `令和6年度`.
    pub fn fiscal_year(&mut self, field: &Field, min: i64, max: i64) -> Option<i64> {
        if let Value::Str(s) = &field.node.value
            && let Some(year) = forgiving::fiscal_year(s)
        {
            let as_number = Node {
                value: Value::Int(year),
                pos: field.node.pos,
            };
            let field = Field {
                node: &as_number,
                path: field.path.clone(),
            };
            return self.integer(&field, min, max);
        }
        self.integer(field, min, max)
    }

    /// One value of a closed set of the model: its id, its Japanese label or a part of the label
    /// no other value has (`forgiving::choice`), with "did you mean" for near misses.
    pub fn choice<E: Choice>(&mut self, field: &Field) -> Option<E> {
        let text = self.text(field)?;
        let candidates = match forgiving::choice::<E>(&text) {
            ChoiceMatch::Found(value) => return Some(value),
            ChoiceMatch::Ambiguous(candidates) => candidates,
            ChoiceMatch::None => Vec::new(),
        };
        let ids: Vec<&str> = E::ALL.iter().map(|e| e.id()).collect();
        let problem = if candidates.is_empty() {
            Problem::NotInList {
                suggestion: suggest(&text, ids.iter().copied()),
                value: text,
                allowed: ids.iter().map(|s| s.to_string()).collect(),
                labels: E::ALL.iter().map(|e| e.label().to_string()).collect(),
            }
        } else {
            Problem::AmbiguousChoice {
                value: text,
                ids: candidates.iter().map(|e| e.id().to_string()).collect(),
                labels: candidates.iter().map(|e| e.label().to_string()).collect(),
            }
        };
        self.error(field.node.pos, &field.path, problem);
        None
    }

    /// One value of a closed set, with "did you mean" for near misses.
    pub fn one_of<E>(
        &mut self,
        field: &Field,
        ids: &[&str],
        from_id: impl Fn(&str) -> Option<E>,
    ) -> Option<E> {
        let text = self.text(field)?;
        if let Some(value) = from_id(&text).or_else(|| from_id(&forgiving::plain_width(&text))) {
            return Some(value);
        }
        self.error(
            field.node.pos,
            &field.path,
            Problem::NotInList {
                suggestion: suggest(&text, ids.iter().copied()),
                value: text,
                allowed: ids.iter().map(|s| s.to_string()).collect(),
                labels: Vec::new(),
            },
        );
        None
    }

    /// A list; each item decoded with its own path (`work[2]`). A single value where a list is
    /// expected is accepted as a list of one, the way providers often write it.
    pub fn list<'n, T>(
        &mut self,
        field: &Field<'n>,
        mut item: impl FnMut(&mut Self, &Field<'n>) -> Option<T>,
    ) -> Vec<T> {
        match &field.node.value {
            Value::Seq(nodes) => nodes
                .iter()
                .enumerate()
                .filter_map(|(i, node)| {
                    let f = Field {
                        node,
                        path: format!("{}[{i}]", field.path),
                    };
                    item(self, &f)
                })
                .collect(),
            Value::Map(_) => {
                self.wrong_type(field.node, &field.path, Expected::List);
                Vec::new()
            }
            _ => item(self, field).into_iter().collect(),
        }
    }

    /// A list of values of a closed set (`accepts`, `accessibility`). A value written twice is
    /// warned about on its second line and shown once: the page would otherwise say 知的障害
    /// twice, and a filter count it twice.
    pub fn choice_list<E: Choice + PartialEq>(&mut self, field: &Field) -> Vec<E> {
        let mut first_lines: Vec<(E, u32)> = Vec::new();
        self.list(field, |d, item| {
            let value = d.choice::<E>(item)?;
            match first_lines.iter().find(|(seen, _)| *seen == value) {
                Some(&(_, first_line)) => {
                    let problem = listed_twice(value, first_line, item.node.pos.line);
                    d.warning(item.node.pos, &item.path, problem);
                    None
                }
                None => {
                    first_lines.push((value, item.node.pos.line));
                    Some(value)
                }
            }
        })
    }

    /// The [`choice_list`](Self::choice_list) under `key`, empty when there is none.
    pub fn choices<E: Choice + PartialEq>(&mut self, fields: &mut Fields, key: &str) -> Vec<E> {
        match fields.get(key) {
            Some(field) => self.choice_list(&field),
            None => Vec::new(),
        }
    }

    pub fn text_list(&mut self, fields: &mut Fields, key: &str) -> Vec<String> {
        match fields.get(key) {
            Some(field) => self.list(&field, |d, f| d.text(f)),
            None => Vec::new(),
        }
    }

    pub fn optional_text(&mut self, fields: &mut Fields, key: &str) -> Option<String> {
        self.optional(fields, key, |d, f| d.text(f))
            .filter(|s| !s.is_empty())
    }

    pub fn required_text(&mut self, fields: &mut Fields, key: &str) -> Option<String> {
        self.required(fields, key, |d, f| d.text(f))
    }
}

/// `value` written again on line `line`, after its first time on `first_line`.
fn listed_twice<E: Choice>(value: E, first_line: u32, line: u32) -> Problem {
    Problem::ListedTwice {
        value: value.label().to_string(),
        first_line: (first_line != line).then_some(first_line),
    }
}

/// The known name closest to a misspelt one, if it is close enough to be a typo.
pub fn suggest<'k>(word: &str, known: impl Iterator<Item = &'k str>) -> Option<String> {
    let word = word.to_lowercase();
    known
        .map(|k| (strsim::damerau_levenshtein(&word, k), k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).clamp(1, 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::content::model::Disability;
    use crate::diagnostics::Severity;

    /// The values of `accepts` in `yaml`, and what the decoder said of them.
    fn accepts(yaml: &str) -> (Vec<Disability>, Vec<(Severity, u32, Problem)>) {
        let node = crate::yaml::parse(yaml, 0).expect("valid YAML");
        let mut diags = Diagnostics::default();
        let mut d = Decoder {
            file: Path::new("content/entries/a.md"),
            diags: &mut diags,
        };
        let mut fields = d.fields(&node, "").expect("a mapping");
        let field = fields.get("accepts").expect("accepts");
        let values = d.choice_list::<Disability>(&field);
        let said = diags
            .iter()
            .map(|x| (x.severity, x.pos.line, x.problem.clone()))
            .collect();
        (values, said)
    }

    /// A value written twice is kept once and warned about where it is written again, with the
    /// line of its first time (or none, on the same line); a value written once is not.
    #[test]
    fn a_choice_listed_twice_is_kept_once_and_warned_about() {
        let (values, said) = accepts("accepts:\n  - intellectual\n  - mental\n  - 知的障害\n");
        assert_eq!(values, [Disability::Intellectual, Disability::Mental]);
        let label = Disability::Intellectual.label().to_string();
        assert_eq!(
            said,
            [(
                Severity::Warning,
                4,
                Problem::ListedTwice {
                    value: label,
                    first_line: Some(2),
                }
            )]
        );
        let (values, said) = accepts("accepts: [intellectual, intellectual]\n");
        assert_eq!(values, [Disability::Intellectual]);
        assert!(matches!(
            &said[..],
            [(
                Severity::Warning,
                1,
                Problem::ListedTwice {
                    first_line: None,
                    ..
                }
            )]
        ));
        let (values, said) = accepts("accepts: [intellectual, mental, physical]\n");
        assert_eq!(values.len(), 3);
        assert!(said.is_empty(), "{said:?}");
    }

    #[test]
    fn suggests_near_misses_only() {
        let known = ["name", "kana", "verified", "transport"];
        assert_eq!(
            suggest("verifed", known.iter().copied()),
            Some("verified".into())
        );
        assert_eq!(
            suggest("trasport", known.iter().copied()),
            Some("transport".into())
        );
        assert_eq!(suggest("colour", known.iter().copied()), None);
    }
}
