//! `shirube schema`: JSON Schema (draft 2020-12) of entries, events and site.yaml, made from the
//! description of the fields that check uses (`check::spec`), with Japanese titles, descriptions
//! and examples. Editors that understand JSON Schema (VS Code's YAML extension, GitHub's web
//! editor with it) then complete and underline a provider's front matter as they type.
//!
//! The schema describes the canonical form — what `shirube new` writes and the docs show: ids
//! such as `b-type`, half-width digits, hyphenated phone numbers, `YYYY-MM-DD` dates. check may
//! accept more, and say what it normalised; what the schema cannot see (an area id when the
//! site's areas are unknown, an entry that an event names, dates in order) stays check's.

use crate::check::spec::{ENTRY_COMMON, ENTRY_KINDS, EVENT, Field, Need, Obj, Rule, SITE, Ty};
use crate::content::model::Area;
use crate::diagnostics::Format;
use serde_json::{Map, Value, json};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// What the schemas say about the canonical form, in every schema's description.
const CANONICAL: &str = "shirube new が書き、ドキュメントが示す形（半角数字、ハイフンで区切った電話番号、\
YYYY-MM-DD の日付、b-type のような id）を表します。shirube check は 全角数字や「B型」なども受けつけて \
この形に直しますが、この形で書けば いつも正しく読まれます。";

/// The schemas of a site: file name and content.
pub fn schemas(areas: Option<&[Area]>) -> Vec<(&'static str, Value)> {
    vec![
        ("entry.schema.json", entry(areas)),
        ("event.schema.json", event()),
        ("site.schema.json", site()),
    ]
}

/// An entry's front matter (content/entries/*.md), every kind.
pub fn entry(areas: Option<&[Area]>) -> Value {
    let cx = Cx { areas };
    let mut root = cx.object(&ENTRY_COMMON);
    let mut all_of = take_all_of(&mut root);
    for (kind, obj) in ENTRY_KINDS {
        let fields = cx.object(obj);
        let mut then = Map::new();
        then.insert("properties".into(), fields["properties"].clone());
        if let Some(required) = fields.get("required") {
            then.insert("required".into(), required.clone());
        }
        if let Some(rules) = fields.get("allOf") {
            then.insert("allOf".into(), rules.clone());
        }
        all_of.push(json!({
            "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
            "then": then,
        }));
    }
    root.insert("allOf".into(), Value::Array(all_of));
    // Fields of another kind are unknown: only what the kind's branch allowed is evaluated.
    root.remove("additionalProperties");
    root.insert("unevaluatedProperties".into(), Value::Bool(false));
    document(
        "entry.schema.json",
        "ガイドの項目（content/entries/*.md の前付け）",
        "事業所・企業・相談機関・地域の集まり の項目の、--- と --- の間に書く内容です。",
        root,
    )
}

/// An event's front matter (content/events/*.md).
pub fn event() -> Value {
    let cx = Cx { areas: None };
    document(
        "event.schema.json",
        "催し（content/events/*.md の前付け）",
        "フォーラム・マルシェ・面接会・研修などの催しの、--- と --- の間に書く内容です。",
        cx.object(&EVENT),
    )
}

/// site.yaml.
pub fn site() -> Value {
    let cx = Cx { areas: None };
    document(
        "site.schema.json",
        "サイトの設定（site.yaml）",
        "ガイドの名前、地域、公開するアドレス、地区、ふりがな、印刷版の設定です。",
        cx.object(&SITE),
    )
}

fn document(id: &str, title: &str, description: &str, body: Map<String, Value>) -> Value {
    let mut doc = Map::new();
    doc.insert("$schema".into(), DRAFT.into());
    doc.insert("$id".into(), id.into());
    doc.insert("title".into(), title.into());
    doc.insert(
        "description".into(),
        format!("{description}{CANONICAL}").into(),
    );
    doc.extend(body);
    Value::Object(doc)
}

fn take_all_of(object: &mut Map<String, Value>) -> Vec<Value> {
    match object.remove("allOf") {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    }
}

/// What the schema knows of the site: its areas, when it was made for one.
struct Cx<'a> {
    areas: Option<&'a [Area]>,
}

impl Cx<'_> {
    fn object(&self, obj: &Obj) -> Map<String, Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut all_of = Vec::new();
        for field in obj.fields {
            properties.insert(field.name.into(), self.field(field));
            if field.need == Need::Required {
                required.push(Value::from(field.name));
            }
            if let Some((sibling, values)) = field.only_for {
                // Present only when the sibling has one of the values.
                all_of.push(json!({
                    "if": { "required": [field.name] },
                    "then": { "properties": { sibling: { "enum": values } } },
                }));
            }
        }
        for rule in obj.rules {
            all_of.push(rule_schema(*rule));
        }
        let mut out = Map::new();
        out.insert("type".into(), "object".into());
        out.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        if !all_of.is_empty() {
            out.insert("allOf".into(), Value::Array(all_of));
        }
        out.insert("additionalProperties".into(), Value::Bool(false));
        out
    }

    fn field(&self, field: &Field) -> Value {
        let mut schema = self.ty(&field.ty);
        schema.insert("title".into(), field.label.into());
        if field.need == Need::Required && matches!(field.ty, Ty::List(_) | Ty::ListOfObjects(_)) {
            // A required list (services, areas) may not be empty either.
            schema.insert("minItems".into(), 1.into());
        }
        let mut description = field.hint.to_string();
        if let Some((_, values)) = field.only_for {
            if !description.is_empty() {
                description.push('。');
            }
            description.push_str(&format!("サービスが {} のときだけです", values.join("・")));
        }
        if let Ty::Format(Format::OfficeNumber | Format::CorporateNumber | Format::LgCode) =
            field.ty
        {
            // YAML reads bare digits as a number: a leading 0 would be lost.
            description.push_str("。YAML では \"0123456789\" のように引用符でかこみます");
        }
        if !description.is_empty() {
            schema.insert("description".into(), description.into());
        }
        if let Some(example) = field.example {
            schema.insert(
                "examples".into(),
                json!([example_value(&field.ty, example)]),
            );
        }
        Value::Object(schema)
    }

    fn ty(&self, ty: &Ty) -> Map<String, Value> {
        let value = match ty {
            Ty::Text | Ty::LongText => json!({ "type": "string", "pattern": "\\S" }),
            Ty::Reading => json!({ "type": "string", "pattern": READING }),
            Ty::Format(format) => json!({ "type": "string", "pattern": pattern(*format) }),
            Ty::Integer(range) => {
                json!({ "type": "integer", "minimum": range.min, "maximum": range.max })
            }
            Ty::Number(min, max) => json!({ "type": "number", "minimum": min, "maximum": max }),
            Ty::Bool => json!({ "type": "boolean" }),
            Ty::Choice(choices) => one_of(choices()),
            Ty::Area => match self.areas {
                Some(areas) if !areas.is_empty() => one_of(
                    areas
                        .iter()
                        .map(|a| (a.id.as_str(), a.name.as_str()))
                        .collect(),
                ),
                _ => json!({ "type": "string", "pattern": pattern(Format::Id) }),
            },
            Ty::TimeRangeOrClosed => json!({
                "type": ["string", "null"],
                "pattern": pattern(Format::TimeRange),
            }),
            Ty::Grade => json!({
                "oneOf": [
                    { "type": "integer", "minimum": crate::check::spec::FURIGANA_GRADE.min,
                      "maximum": crate::check::spec::FURIGANA_GRADE.max },
                    { "const": "all", "title": "すべての漢字" },
                ]
            }),
            Ty::List(item) => json!({ "type": "array", "items": Value::Object(self.ty(item)) }),
            Ty::Object(obj) => Value::Object(self.object(obj)),
            Ty::ListOfObjects(obj) => json!({
                "type": "array",
                "items": Value::Object(self.object(obj)),
            }),
        };
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// A closed set: each id with its Japanese label as its title.
fn one_of<S: AsRef<str>>(choices: Vec<(S, S)>) -> Value {
    let items: Vec<Value> = choices
        .iter()
        .map(|(id, label)| json!({ "const": id.as_ref(), "title": label.as_ref() }))
        .collect();
    let ids: Vec<&str> = choices.iter().map(|(id, _)| id.as_ref()).collect();
    // `enum` for editors that complete values from it; `oneOf` gives each id its Japanese name.
    json!({ "type": "string", "enum": ids, "oneOf": items })
}

fn rule_schema(rule: Rule) -> Value {
    match rule {
        Rule::AnyOf(fields) => json!({
            "anyOf": fields.iter().map(|f| json!({ "required": [f] })).collect::<Vec<_>>()
        }),
        Rule::RequiredUnless { field, unless } => json!({
            "if": { "not": { "required": [unless] } },
            "then": { "required": [field] },
        }),
        Rule::ReadingFor { name, kana } => json!({
            "if": { "properties": { name: { "pattern": NEEDS_READING } }, "required": [name] },
            "then": { "required": [kana] },
        }),
        Rule::ChildAnyOfUnless {
            object,
            any_of,
            unless,
        } => json!({
            "if": { "not": { "required": [unless] } },
            "then": { "properties": { object: {
                "anyOf": any_of.iter().map(|f| json!({ "required": [f] })).collect::<Vec<_>>()
            } } },
        }),
        Rule::Needs { field, needs } => json!({ "dependentRequired": { field: [needs] } }),
        Rule::EitherFlagOr { flag, field } => json!({
            "if": { "properties": { flag: { "const": true } }, "required": [flag] },
            "then": { "not": { "required": [field] } },
            "else": { "required": [field] },
        }),
    }
}

/// A reading: hiragana, ー, ・ and spaces, not blank (`formats::is_reading`).
pub const READING: &str = "^(?=.*[^ 　])[ぁ-ゖゝゞー・ 　]+$";

/// A name with kanji or katakana needs a reading (`formats::needs_reading`).
pub const NEEDS_READING: &str = "[一-鿿㐀-䶿豈-﫿々ァ-ヺ]";

/// Each format as a regular expression that both ECMA-262 (editors, the CMS) and Python read the
/// same, matching exactly what `check::formats::is_valid` accepts (tests/schema.rs holds the two
/// equal on examples, through an independent validator); what a pattern cannot say (an impossible date) is check's.
pub fn pattern(format: Format) -> &'static str {
    match format {
        // Three hyphenated groups starting with 0 (not 00): 11 digits after 020, 050, 070, 080
        // and 090, 10 after anything else.
        Format::Phone => {
            "^(?!0-?0)(?=(?:0-?[25789]-?0(?:-?[0-9]){8}|(?!0-?[25789]-?0)0(?:-?[0-9]){9})$)[0-9]+-[0-9]+-[0-9]+$"
        }
        Format::PostalCode => "^[0-9]{3}-[0-9]{4}$",
        // No words pasted on: Japanese punctuation, or brackets with more than ASCII in them.
        Format::Url => {
            "^https?://(?!.*[。、「」『』【】（）])(?!.*\\([^)]*[^\\x00-\\x7f])(?!\\.)[^/?#\\s\"<>]*\\.[^/?#\\s\"<>]*(?:[/?#][^\\s\"<>]*)?$"
        }
        // ASCII without spaces, one @, a dot in the domain, which neither starts nor ends with it;
        // none of `:;,()<>[]\` before the @.
        Format::Email => "^[!-'*+\\-./0-9=?A-Z^-~]+@(?!\\.)[!-?A-~]*\\.[!-?A-~]*[!-\\-/-?A-~]$",
        Format::Date => "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$",
        Format::TimeRange => {
            "^\\s*(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)\\s*-\\s*(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)\\s*$"
        }
        Format::Time => "^(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        Format::Id => "^(?!-)[a-z0-9-]{1,64}(?<!-)$",
        Format::OfficeNumber => "^[0-9]{10}$",
        Format::CorporateNumber => "^[0-9]{13}$",
        Format::LgCode => "^[0-9]{6}$",
    }
}

/// An example as the JSON value of its type.
fn example_value(ty: &Ty, example: &str) -> Value {
    match ty {
        Ty::Integer(_) | Ty::Grade => example
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| example.into()),
        Ty::Number(..) => example
            .parse::<f64>()
            .map(Value::from)
            .unwrap_or_else(|_| example.into()),
        Ty::Bool => Value::Bool(example == "true"),
        Ty::List(_) => json!([example]),
        _ => example.into(),
    }
}

/// A file of generated configuration could not be written.
#[derive(Debug, thiserror::Error)]
pub struct WriteError {
    pub path: std::path::PathBuf,
    pub error: std::io::Error,
}

impl crate::lang::Localized for WriteError {
    fn msg(&self) -> crate::lang::Msg {
        let path = crate::paths::slash(&self.path);
        crate::lang::msg(
            format!("{path} に書きこめません: {}", self.error),
            format!("cannot write {path}: {}", self.error),
        )
    }
}

crate::display_localized!(WriteError);

/// Writes files (name, text) into `dir`, making it when needed; returns the paths written.
pub fn write_files(
    dir: &std::path::Path,
    files: &[(String, String)],
) -> Result<Vec<std::path::PathBuf>, WriteError> {
    std::fs::create_dir_all(dir).map_err(|error| WriteError {
        path: dir.to_path_buf(),
        error,
    })?;
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|error| WriteError {
            path: path.clone(),
            error,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The schemas as files: pretty JSON with a final newline.
pub fn schema_files(areas: Option<&[Area]>) -> Vec<(String, String)> {
    schemas(areas)
        .into_iter()
        .map(|(name, value)| {
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            (name.to_string(), text + "\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_an_object_with_japanese_titles() {
        for (name, schema) in schemas(None) {
            assert_eq!(schema["$schema"], DRAFT, "{name}");
            assert!(schema["title"].as_str().is_some_and(|t| !t.is_ascii()));
        }
        let entry = entry(None);
        assert_eq!(entry["properties"]["name"]["title"], "名前");
        assert_eq!(entry["unevaluatedProperties"], false);
    }
}
