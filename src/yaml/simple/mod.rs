//! Reads the YAML guide files are written in, line by line, into the tree serde-saphyr gives.
//!
//! serde-saphyr's parser makes every token and event through a general machinery (a token
//! queue, simple-key bookkeeping, events moved by value): 2.5 of the 23 billion instructions of
//! a plain national build, a quarter of a million a file. The files providers and the importer
//! write use a small, regular part of YAML: block mappings and lists, scalars on one line (plain,
//! single-quoted, or double-quoted without escapes), flow lists and mappings on one line, and
//! comments. This reader takes exactly that part, in one pass over the lines.
//!
//! On anything else it gives up (`None`), and `direct` or serde-saphyr reads the file as before,
//! so every refusal, message and position stays serde-saphyr's: a block scalar (`|`, `>`), a
//! scalar or flow collection over several lines, an escape, an anchor, alias, tag, directive or
//! document marker, a tab, a control character, a quoted or complex key, an empty list item, a
//! plain scalar whose type needs serde-saphyr's number rules (`plain`), a file near
//! serde-saphyr's budget (`MAX_BYTES` and below), or text that is not YAML. `agreement` tests
//! that on every text it takes it gives serde-saphyr's tree, positions included: the files of
//! the example region and the fixtures, generated layouts and scalars, and thousands of random
//! edits of real files.
//!
//! Here the block structure (mappings, lists, the lines under a key); in `inline.rs` the nodes
//! on one line (scalars, flow collections); in `lines.rs` the characters and lines taken.

mod inline;
mod lines;

use super::{Key, Node, Value, plain};
use crate::diagnostics::Pos;
use lines::{Kind, Line, lines, only_plain_characters};

/// Far inside serde-saphyr's budget (`super::options`: 200,000 events, 100,000 nodes, 2 MiB
/// of scalars, 32 levels): a file past these is left to `direct` and serde-saphyr, which
/// enforces the budget itself. A national guide's site.yaml, with a thousand areas, is 70 KB.
const MAX_BYTES: usize = 1024 * 1024;
/// Keys, scalars and collections, as `direct` counts its parser's events.
const MAX_NODES: usize = 40_000;
const MAX_SCALAR_BYTES: usize = 512 * 1024;
/// Nesting of lists and mappings; deeper files are left to `direct` (which allows 24).
const MAX_DEPTH: usize = 16;
/// A key is a YAML "simple key", which the parser looks for within a limited span.
const MAX_KEY_BYTES: usize = 256;

/// The tree of `text`, or `None` when it uses more of YAML than this reader takes.
pub(super) fn read(text: &str, line_offset: u32) -> Option<Node> {
    if text.len() > MAX_BYTES || !only_plain_characters(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        src: text,
        text: text.as_bytes(),
        lines: lines(text)?,
        at: 0,
        line_offset,
        depth: 0,
        counted: std::cell::Cell::new((usize::MAX, 0, 0)),
        nodes: 0,
        scalar_bytes: 0,
        items: Vec::new(),
        pairs: Vec::new(),
    };
    let first = reader.next_content()?;
    let indent = reader.lines[first].indent;
    let root = if reader.starts_item(first) {
        reader.sequence(first, indent, Start::Dash)?
    } else {
        let start = reader.lines[first].start + indent;
        reader.mapping(first, start, indent)?
    };
    // Nothing but comments may follow the root.
    match reader.next_content() {
        None => Some(root),
        Some(_) => None,
    }
}

/// Where a block list's position is: its first dash, or (a list at its key's own indentation,
/// which YAML calls indentless) its first item.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Start {
    Dash,
    FirstItem,
}

/// What ended a plain scalar.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    /// The end of the line, or of the flow item (`,` `]` `}` and the like).
    End,
    /// A `:` followed by a space or the end: the scalar is a key.
    Colon,
    /// A ` #` comment.
    Comment,
}

struct Reader<'a> {
    src: &'a str,
    /// `src`'s bytes: every mark the reader looks for is ASCII.
    text: &'a [u8],
    lines: Vec<Line>,
    /// The first line not yet read.
    at: usize,
    line_offset: u32,
    depth: usize,
    /// The last position asked for: line, byte, and characters before it on its line.
    counted: std::cell::Cell<(usize, usize, usize)>,
    /// Keys, scalars and collections read, and the bytes of the keys and scalars (the budget).
    nodes: usize,
    scalar_bytes: usize,
    /// Nodes of the lists being read, innermost last; each list takes its own off the end, so
    /// it is made with room for exactly its nodes (as in `direct`: lists grown by doubling were
    /// most of a national build's peak memory while entries were checked).
    items: Vec<Node>,
    /// The same for mappings' pairs.
    pairs: Vec<(Key, Node)>,
}

impl<'a> Reader<'a> {
    /// The next line with content, skipping blank lines and comments (which are read).
    fn next_content(&mut self) -> Option<usize> {
        while let Some(line) = self.lines.get(self.at) {
            if line.kind == Kind::Content {
                return Some(self.at);
            }
            self.at += 1;
        }
        None
    }

    /// Line `li` begins a list item: a dash and a space (a dash alone is an empty item, which
    /// this reader leaves to serde-saphyr).
    fn starts_item(&self, li: usize) -> bool {
        let line = self.lines[li];
        let at = line.start + line.indent;
        self.text.get(at) == Some(&b'-') && matches!(self.byte(li, at + 1), Some(b' ') | None)
    }

    /// The byte at `at` if it is on line `li`.
    fn byte(&self, li: usize, at: usize) -> Option<u8> {
        (at < self.lines[li].end).then(|| self.text[at])
    }

    fn skip_spaces(&self, li: usize, mut at: usize) -> usize {
        while self.byte(li, at) == Some(b' ') {
            at += 1;
        }
        at
    }

    /// serde-saphyr's position of byte `at` of line `li`: line from one (plus the offset of a
    /// front matter), column in characters from one.
    fn pos(&self, li: usize, at: usize) -> Pos {
        // Counted on from the last position asked of the same line, which is before it but
        // for a flow collection's key and value: a line of a thousand items is not counted
        // from its start a thousand times.
        let (line, from, chars) = match self.counted.get() {
            (line, from, chars) if line == li && from <= at => (line, from, chars),
            _ => (li, self.lines[li].start, 0),
        };
        let chars = chars
            + self.text[from..at]
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count();
        self.counted.set((line, at, chars));
        Pos {
            line: clamp(li + 1).saturating_add(self.line_offset),
            column: clamp(chars + 1),
        }
    }

    /// Bytes `from..to` of the text, which begin and end beside ASCII marks: character
    /// boundaries, so only the ends are checked (the text is UTF-8 already).
    fn str(&self, from: usize, to: usize) -> Option<&'a str> {
        self.src.get(from..to)
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        self.count(0)?;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// Counts a node of `bytes` of text against the budget.
    fn count(&mut self, bytes: usize) -> Option<()> {
        self.nodes += 1;
        self.scalar_bytes += bytes;
        (self.nodes <= MAX_NODES && self.scalar_bytes <= MAX_SCALAR_BYTES).then_some(())
    }

    /// A block mapping whose keys stand at `indent`; its first key begins at byte `first` of
    /// line `li` (after a list item's dash, or at the line's indentation).
    fn mapping(&mut self, li: usize, first: usize, indent: usize) -> Option<Node> {
        self.enter()?;
        let pos = self.pos(li, first);
        let own = self.pairs.len();
        let (mut li, mut start) = (li, first);
        loop {
            let (key, colon) = self.key(li, start, false)?;
            let value = self.value_of_key(li, colon, indent)?;
            self.pairs.push((key, value));
            match self.next_content() {
                Some(next) if self.lines[next].indent == indent && !self.starts_item(next) => {
                    li = next;
                    start = self.lines[next].start + indent;
                }
                Some(next) if self.lines[next].indent >= indent => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        Some(Node {
            value: Value::Map(self.pairs.drain(own..).collect()),
            pos,
        })
    }

    /// A plain key at `at`, in a flow mapping or not, and the byte of the `:` after it (which
    /// a space follows, or in block context the line's end).
    fn key(&mut self, li: usize, at: usize, in_flow: bool) -> Option<(Key, usize)> {
        let first = self.byte(li, at)?;
        if !(first.is_ascii_alphanumeric() || first == b'_' || first >= 0x80) {
            return None;
        }
        let (end, colon, stop) = self.plain_scalar(li, at, in_flow);
        let name = self.str(at, end)?;
        if stop != Stop::Colon
            || name.len() > MAX_KEY_BYTES
            || plain::is_null(name)
            || (in_flow && self.byte(li, colon + 1) != Some(b' '))
        {
            return None;
        }
        self.count(name.len())?;
        let key = Key {
            name: name.to_owned(),
            pos: self.pos(li, at),
        };
        Some((key, colon))
    }

    /// The value after the `:` at byte `colon` of line `li`, of a key at `indent`.
    fn value_of_key(&mut self, li: usize, colon: usize, indent: usize) -> Option<Node> {
        let at = self.skip_spaces(li, colon + 1);
        if !matches!(self.byte(li, at), None | Some(b'#')) {
            let node = self.inline(li, at)?;
            self.end_line(li, indent)?;
            return Some(node);
        }
        // Nothing on the key's line: the value is on the lines under it, or empty.
        self.at = li + 1;
        match self.next_content() {
            Some(next) if self.starts_item(next) && self.lines[next].indent == indent => {
                self.sequence(next, indent, Start::FirstItem)
            }
            Some(next) if self.starts_item(next) && self.lines[next].indent > indent => {
                let inner = self.lines[next].indent;
                self.sequence(next, inner, Start::Dash)
            }
            Some(next) if self.lines[next].indent > indent => {
                let inner = self.lines[next].indent;
                self.mapping(next, self.lines[next].start + inner, inner)
            }
            // The key's own position: serde-saphyr places an empty value at its `:`.
            _ => {
                self.count(0)?;
                Some(Node {
                    value: Value::Null,
                    pos: self.pos(li, colon),
                })
            }
        }
    }

    /// A block list whose dashes stand at `indent`, the first on line `li`.
    fn sequence(&mut self, li: usize, indent: usize, start: Start) -> Option<Node> {
        self.enter()?;
        let dash = self.lines[li].start + indent;
        let mut pos = (start == Start::Dash).then(|| self.pos(li, dash));
        let own = self.items.len();
        let mut li = li;
        loop {
            let dash = self.lines[li].start + indent;
            let at = self.skip_spaces(li, dash + 1);
            let item = self.item(li, at, indent)?;
            pos.get_or_insert(item.pos);
            self.items.push(item);
            match self.next_content() {
                Some(next) if self.lines[next].indent == indent && self.starts_item(next) => {
                    li = next;
                }
                Some(next) if self.lines[next].indent > indent => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        Some(Node {
            value: Value::Seq(self.items.drain(own..).collect()),
            pos: pos?,
        })
    }

    /// A list item beginning at byte `at` of line `li`, in a list at `indent`: a mapping whose
    /// first key is on the dash's line, or a node on one line.
    fn item(&mut self, li: usize, at: usize, indent: usize) -> Option<Node> {
        match self.byte(li, at)? {
            // An empty item, a comment after the dash, or a list in a list.
            b'#' | b'-' => None,
            b'"' | b'\'' | b'[' | b'{' => {
                let node = self.inline(li, at)?;
                self.end_line(li, indent)?;
                Some(node)
            }
            _ if self.plain_scalar(li, at, false).2 == Stop::Colon => {
                // Spaces and a dash before it, all one byte each.
                let column = at - self.lines[li].start;
                self.mapping(li, at, column)
            }
            _ => {
                let node = self.inline(li, at)?;
                self.end_line(li, indent)?;
                Some(node)
            }
        }
    }

    /// After a node on line `li` in a collection at `indent`: nothing but a comment may follow
    /// it on the line, and no more deeply indented line under it (a scalar's continuation, or a
    /// mistake).
    fn end_line(&mut self, li: usize, indent: usize) -> Option<()> {
        self.at = li + 1;
        let under = self.lines[self.at..]
            .iter()
            .find(|line| line.kind != Kind::Blank);
        match under {
            Some(line) if line.indent > indent => None,
            _ => Some(()),
        }
    }
}

fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
