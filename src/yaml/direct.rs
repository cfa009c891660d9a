//! Reads a plain YAML file into our tree straight from the events of serde-saphyr's parser.
//!
//! serde-saphyr's deserializer records every mapping key and replays it to its visitor, and
//! follows each node through serde's visitors: for a guide entry that was about half of the
//! time spent reading YAML (a tenth of a national build). Guide files use none of what that
//! machinery is for, so a file of untagged, unanchored mappings, lists and scalars is read
//! here, with the parser options serde-saphyr derives from ours. Whatever else a file holds
//! makes `read` give up (`None`), and serde-saphyr reads the file as before: a syntax error,
//! an anchor, alias or tag, a key that is not plain text, a scalar whose type needs serde-saphyr's
//! number rules (`plain`), more than one document, or a size near the budget in `super::options`.
//! The two readers give the same tree, positions included (`agreement` tests it).

use serde_saphyr::Options;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};
use std::borrow::Cow;

use super::{Key, Node, Value, plain};
use crate::diagnostics::Pos;

/// Far inside the budget (`super::options`: 32 levels, 200,000 events, 100,000 nodes, 2 MiB of
/// scalars): a file past these is left to serde-saphyr, which enforces the budget itself.
const MAX_DEPTH: usize = 24;
const MAX_EVENTS: usize = 40_000;
const MAX_SCALAR_BYTES: usize = 512 * 1024;

/// The tree of `text`, or `None` when serde-saphyr has to read it.
pub(super) fn read(text: &str, line_offset: u32, options: &Options) -> Option<Node> {
    let mut reader = Reader {
        events: Parser::new_from_str_with_options(text, parser_options(options)?),
        line_offset,
        depth: 0,
        events_read: 0,
        scalar_bytes: 0,
        items: Vec::new(),
        pairs: Vec::new(),
    };
    reader.expect(|event| matches!(event, Event::StreamStart))?;
    reader.expect(|event| matches!(event, Event::DocumentStart(_, None)))?;
    let (event, span) = reader.next()?;
    let root = reader.node(event, span)?;
    reader.expect(|event| matches!(event, Event::DocumentEnd))?;
    reader.expect(|event| matches!(event, Event::StreamEnd))?;
    match reader.events.next() {
        None => Some(root),
        Some(_) => None,
    }
}

/// The parser options serde-saphyr's deserializer uses for `options` (its
/// `Budget::parser_options`), so that this reader accepts no text that one refuses.
fn parser_options(options: &Options) -> Option<serde_saphyr::granit_parser::Options> {
    let budget = options.budget.as_ref()?;
    let mut parser = serde_saphyr::granit_parser::Options::default();
    parser.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    parser.flow_nesting_limit = budget.flow_nesting_limit;
    parser.block_nesting_limit = parser
        .block_nesting_limit
        .max(budget.max_depth.saturating_add(1));
    parser.emit_comments = false;
    parser.strict_indentation = options.strict_indentation;
    Some(parser)
}

struct Reader<'a> {
    events: Parser<'a, StrInput<'a>>,
    line_offset: u32,
    depth: usize,
    events_read: usize,
    scalar_bytes: usize,
    /// Nodes of the lists being read, innermost last; each list takes its own off the end, so
    /// it is made with room for exactly its nodes (at national scale, lists grown by doubling
    /// were most of the peak memory while entries were checked).
    items: Vec<Node>,
    /// The same for mappings' pairs.
    pairs: Vec<(Key, Node)>,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<(Event<'a>, Span)> {
        let (event, span) = self.events.next()?.ok()?;
        self.events_read += 1;
        (self.events_read <= MAX_EVENTS).then_some((event, span))
    }

    fn expect(&mut self, wanted: impl Fn(&Event) -> bool) -> Option<()> {
        let (event, _) = self.next()?;
        wanted(&event).then_some(())
    }

    fn pos(&self, span: &Span) -> Pos {
        // serde-saphyr's `Location`: the parser's line, and its column counted from one.
        Pos {
            line: clamp(span.start.line()).saturating_add(self.line_offset),
            column: clamp(span.start.col().saturating_add(1)),
        }
    }

    fn node(&mut self, event: Event<'a>, span: Span) -> Option<Node> {
        let pos = self.pos(&span);
        let value = match event {
            Event::Scalar(text, style, 0, None) => self.scalar(text, style)?,
            Event::SequenceStart(_, 0, None) => self.within(Self::sequence)?,
            Event::MappingStart(_, 0, None) => self.within(Self::mapping)?,
            _ => return None,
        };
        Some(Node { value, pos })
    }

    fn within(&mut self, read: fn(&mut Self) -> Option<Value>) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = read(self)?;
        self.depth -= 1;
        Some(value)
    }

    fn sequence(&mut self) -> Option<Value> {
        let start = self.items.len();
        loop {
            let (event, span) = self.next()?;
            if let Event::SequenceEnd = event {
                break;
            }
            let item = self.node(event, span)?;
            self.items.push(item);
        }
        Some(Value::Seq(self.items.drain(start..).collect()))
    }

    fn mapping(&mut self) -> Option<Value> {
        let start = self.pairs.len();
        loop {
            let (event, span) = self.next()?;
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(name, style, 0, None) => self.key(name, style, &span)?,
                _ => return None,
            };
            let (event, span) = self.next()?;
            let value = self.node(event, span)?;
            self.pairs.push((key, value));
        }
        Some(Value::Map(self.pairs.drain(start..).collect()))
    }

    /// A key is read as text, as serde-saphyr reads it into a `String`; a null-like plain key
    /// (`~:` or an empty one) is one serde-saphyr refuses.
    fn key(&mut self, name: Cow<'a, str>, style: ScalarStyle, span: &Span) -> Option<Key> {
        if style == ScalarStyle::Plain && plain::is_null(&name) {
            return None;
        }
        self.count_scalar(&name)?;
        Some(Key {
            pos: self.pos(span),
            name: name.into_owned(),
        })
    }

    fn scalar(&mut self, text: Cow<'a, str>, style: ScalarStyle) -> Option<Value> {
        self.count_scalar(&text)?;
        match style {
            // Quoted and block scalars are text, whatever they spell.
            ScalarStyle::Plain => plain::resolve(text),
            _ => Some(Value::Str(text.into_owned())),
        }
    }

    fn count_scalar(&mut self, text: &str) -> Option<()> {
        self.scalar_bytes += text.len();
        (self.scalar_bytes <= MAX_SCALAR_BYTES).then_some(())
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
