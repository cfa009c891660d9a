//! A YAML tree that remembers where every node came from.
//!
//! Provider files are decoded in two steps: serde-saphyr parses the text into this untyped, spanned
//! tree (so a syntax error stops only that file), then `check::decode` walks the tree and builds the
//! typed model, reporting *every* problem with its line and column. Deserializing straight into the
//! typed structs would stop at the first wrong field, which is not what a provider needs.
//!
//! Three readers give the same tree, and each leaves what it does not take to the next: `simple`
//! reads the part of YAML guide files are written in (block mappings and lists, one-line scalars
//! and flow collections, comments) line by line; `direct` reads any file of plain mappings,
//! lists and scalars from the events of serde-saphyr's own parser, with serde-saphyr's options;
//! anything else — an error, an anchor, a tag, a scalar whose type needs serde-saphyr's rules, a
//! file near the budget — is read by serde-saphyr's deserializer, which gives the same tree or
//! its own error.

#[cfg(test)]
mod agreement;
mod direct;
mod plain;
mod simple;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Options, Spanned};
use std::fmt;

use crate::diagnostics::Pos;
use crate::hashing::FastSet;

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

impl Value {
    /// What kind of value this is, in the provider's words (used in "wrong type" messages).
    pub fn kind_ja(&self) -> &'static str {
        match self {
            Value::Null => "空（null）",
            Value::Bool(_) => "true/false",
            Value::Int(_) => "整数",
            Value::Float(_) => "小数",
            Value::Str(_) => "文字",
            Value::Seq(_) => "リスト",
            Value::Map(_) => "項目のまとまり",
        }
    }
    pub fn kind_en(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Why a YAML text could not be read, and where.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub pos: Pos,
    pub kind: SyntaxErrorKind,
}

#[derive(Debug, Clone)]
pub enum SyntaxErrorKind {
    /// serde-saphyr refused the text (its message, without the position).
    Parser(String),
    /// A mapping names the same key twice; the position is the second one's.
    DuplicateKey(String),
}

/// Limits for files that come from strangers' pull requests: a guide entry is a few kilobytes,
/// so anything near these limits is a mistake or an attack (billion-laughs aliases, deep nesting).
fn options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 200_000,
            max_aliases: 100,
            max_anchors: 100,
            max_depth: 32,
            max_documents: 1,
            max_nodes: 100_000,
            max_total_scalar_bytes: 2 * 1024 * 1024,
        },
        // 事業所番号 like 0123456789 must keep its leading zero, and "yes"/"no" must not turn
        // silently into booleans (the Norway problem): the checker reports those instead.
        leading_zero_numbers_as_strings: true,
        strict_booleans: true,
        // Duplicate keys are found in our tree (`first_duplicate_key`): serde-saphyr's own
        // check hashes and keeps a copy of every key of every file (5% of loading a national
        // guide). Merge keys (`<<: *defaults`, YAML 1.1) need those copies too; no guide entry
        // has a use for them, and `<<` is then reported as a field the entry does not have.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        merge_keys: serde_saphyr::MergeKeyPolicy::AsOrdinary,
    }
}

/// Parses YAML text into a spanned tree. `line_offset` is added to every line so positions refer
/// to the whole file when the YAML is a front matter block.
pub fn parse(text: &str, line_offset: u32) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            pos: Pos {
                line: 1 + line_offset,
                column: 1,
            },
        });
    }
    let root = match simple::read(text, line_offset) {
        Some(root) => root,
        None => match direct::read(text, line_offset, &options()) {
            Some(root) => root,
            None => read_with_serde(text, line_offset)?,
        },
    };
    match first_duplicate_key(&root) {
        Some(key) => Err(SyntaxError {
            pos: key.pos,
            kind: SyntaxErrorKind::DuplicateKey(key.name.clone()),
        }),
        None => Ok(root),
    }
}

/// Reads any text serde-saphyr accepts, and words its refusals.
fn read_with_serde(text: &str, line_offset: u32) -> Result<Node, SyntaxError> {
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options()) {
        Ok(root) => Ok(convert(root, line_offset)),
        Err(err) => {
            let pos = err
                .location()
                .map(|l| Pos {
                    line: clamp(l.line()) + line_offset,
                    column: clamp(l.column()),
                })
                .unwrap_or(Pos {
                    line: 1 + line_offset,
                    column: 1,
                });
            Err(SyntaxError {
                pos,
                kind: SyntaxErrorKind::Parser(first_line(&err.to_string())),
            })
        }
    }
}

fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message);
    // serde-saphyr prefixes "error: line N column M: "; the position is reported separately.
    let line = line.trim_start_matches("error: ");
    match line.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest.to_string(),
        _ => line.to_string(),
    }
}

fn pos_of(location: &serde_saphyr::Location, line_offset: u32) -> Pos {
    Pos {
        line: clamp(location.line()) + line_offset,
        column: clamp(location.column()),
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn convert(node: Spanned<RawNode>, line_offset: u32) -> Node {
    let pos = pos_of(&node.referenced, line_offset);
    // Lists are made with room for exactly their nodes, not collected: collecting serde-saphyr's
    // lists in place kept their room, three times a node's size, grown by doubling (at national
    // scale 117 MB while the entries were checked, the build's peak).
    let value = match node.value {
        RawNode::Null => Value::Null,
        RawNode::Bool(b) => Value::Bool(b),
        RawNode::Int(i) => Value::Int(i),
        RawNode::Float(f) => Value::Float(f),
        RawNode::Str(s) => Value::Str(s),
        RawNode::Seq(items) => {
            let mut nodes = Vec::with_capacity(items.len());
            for item in items {
                nodes.push(convert(item, line_offset));
            }
            Value::Seq(nodes)
        }
        RawNode::Map(pairs) => {
            let mut converted = Vec::with_capacity(pairs.len());
            for (key, value) in pairs {
                let key = Key {
                    pos: pos_of(&key.referenced, line_offset),
                    name: key.value,
                };
                converted.push((key, convert(value, line_offset)));
            }
            Value::Map(converted)
        }
    };
    Node { value, pos }
}

/// The first key, in document order, that its mapping already has: a mapping's keys are checked
/// before the nodes under them. serde-saphyr's own check is off (see `options`).
fn first_duplicate_key(node: &Node) -> Option<&Key> {
    match &node.value {
        Value::Seq(items) => items.iter().find_map(first_duplicate_key),
        Value::Map(pairs) => {
            let mut keys = SeenKeys::new(pairs.len());
            for (i, (key, value)) in pairs.iter().enumerate() {
                if !keys.is_new(&key.name, &pairs[..i]) {
                    return Some(key);
                }
                if let Some(duplicate) = first_duplicate_key(value) {
                    return Some(duplicate);
                }
            }
            None
        }
        _ => None,
    }
}

/// The keys of one mapping seen so far. A guide's mappings have a few keys, each compared with
/// the ones before it; a file with hundreds (a glossary, or an attack) keeps them in a set.
enum SeenKeys<'a> {
    Few,
    Many(FastSet<&'a str>),
}

impl<'a> SeenKeys<'a> {
    fn new(len: usize) -> Self {
        match len {
            0..=32 => SeenKeys::Few,
            _ => SeenKeys::Many(FastSet::default()),
        }
    }

    fn is_new(&mut self, key: &'a str, earlier: &[(Key, Node)]) -> bool {
        match self {
            SeenKeys::Few => !earlier.iter().any(|(k, _)| k.name == key),
            SeenKeys::Many(seen) => seen.insert(key),
        }
    }
}

/// The shape serde-saphyr fills in; children are `Spanned` so every node keeps its location.
enum RawNode {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<String>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawNodeVisitor)
    }
}

struct RawNodeVisitor;

impl<'de> Visitor<'de> for RawNodeVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_none<E>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
        // Values above i64::MAX only occur in mistakes; keep them visible as text.
        Ok(i64::try_from(v)
            .map(RawNode::Int)
            .unwrap_or_else(|_| RawNode::Str(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(RawNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value()?;
            pairs.push((key, value));
        }
        Ok(RawNode::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_with_offset() {
        let node = parse("name: みどり\nservices:\n  - type: b-type\n", 1).unwrap();
        let Value::Map(pairs) = &node.value else {
            panic!("expected a map")
        };
        assert_eq!(pairs[0].0.name, "name");
        assert_eq!(pairs[0].1.pos, Pos { line: 2, column: 7 });
        let Value::Seq(items) = &pairs[1].1.value else {
            panic!("expected a list")
        };
        assert_eq!(items[0].pos.line, 4);
    }

    #[test]
    fn syntax_error_has_position() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n", 0).unwrap_err();
        assert_eq!(err.pos.line, 3);
        let SyntaxErrorKind::Parser(message) = err.kind else {
            panic!("expected the parser's message, got {:?}", err.kind)
        };
        assert!(!message.contains("line 3"), "{message}");
    }

    fn duplicate(text: &str) -> Option<(String, Pos)> {
        match parse(text, 0) {
            Err(SyntaxError {
                pos,
                kind: SyntaxErrorKind::DuplicateKey(key),
            }) => Some((key, pos)),
            _ => None,
        }
    }

    #[test]
    fn duplicate_keys_are_found_at_every_depth_first_in_document_order() {
        let at = |line, column| Pos { line, column };
        assert_eq!(
            duplicate("a: 1\nb: 2\na: 3\n"),
            Some(("a".into(), at(3, 1)))
        );
        let nested = "a:\n  x: 1\n  y: 2\n  x: 3\nb: 1\nb: 2\n";
        assert_eq!(duplicate(nested), Some(("x".into(), at(4, 3))));
        assert_eq!(
            duplicate("s:\n  - {k: 1, k: 2}\n"),
            Some(("k".into(), at(2, 12)))
        );
        // Past the few keys compared in place: a glossary's hundreds of terms.
        let mut many: String = (0..300).map(|i| format!("term{i}: x\n")).collect();
        assert!(parse(&many, 0).is_ok());
        many.push_str("term7: y\n");
        assert_eq!(duplicate(&many), Some(("term7".into(), at(301, 1))));
        assert!(parse("a: 1\nb: {a: 2}\n", 0).is_ok());
    }

    #[test]
    fn merge_key_is_an_ordinary_key() {
        let node = parse("base: &b {x: 1}\nentry:\n  <<: *b\n", 0).unwrap();
        let Value::Map(pairs) = &node.value else {
            panic!("expected a map")
        };
        let Value::Map(entry) = &pairs[1].1.value else {
            panic!("expected a map")
        };
        assert_eq!(entry[0].0.name, "<<");
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&text, 0).is_err());
    }
}
