//! Nodes on one line: plain and quoted scalars and flow collections, after a key or a list's
//! dash (`inline`) or inside a flow collection (`flow_node`).

use std::borrow::Cow;

use super::super::{Node, Value, plain};
use super::{Reader, Stop};

impl<'a> Reader<'a> {
    /// A scalar or flow collection at byte `at` of line `li`, in block context, followed by
    /// nothing but spaces and a comment.
    pub(super) fn inline(&mut self, li: usize, at: usize) -> Option<Node> {
        let (node, end) = match self.byte(li, at)? {
            b'[' | b'{' => self.flow(li, at)?,
            b'"' | b'\'' => self.quoted(li, at)?,
            first if !can_begin_plain(first, self.byte(li, at + 1), false) => return None,
            _ => {
                // Read on from the scalar's last character: a comment, or the line's end.
                let (end, _, stop) = self.plain_scalar(li, at, false);
                if stop == Stop::Colon {
                    return None;
                }
                (self.plain(li, at, end)?, end)
            }
        };
        // Only a comment after a space may follow.
        let rest = self.skip_spaces(li, end);
        match self.byte(li, rest) {
            None => Some(node),
            Some(b'#') if rest > end => Some(node),
            Some(_) => None,
        }
    }

    /// A plain scalar `from..to` of line `li`, typed as serde-saphyr types it.
    fn plain(&mut self, li: usize, from: usize, to: usize) -> Option<Node> {
        let text = self.str(from, to)?;
        self.count(text.len())?;
        Some(Node {
            value: plain::resolve(Cow::Borrowed(text))?,
            pos: self.pos(li, from),
        })
    }

    /// A plain scalar from `at`, inside a flow collection or not: its end (trailing spaces
    /// trimmed), where reading goes on (the `:` of a key, a comment, the line's end, or in a flow
    /// collection the `,` `[` `]` `{` `}` that ends it), and what stopped it.
    pub(super) fn plain_scalar(&self, li: usize, at: usize, in_flow: bool) -> (usize, usize, Stop) {
        let end = self.lines[li].end;
        let ends_flow_item = |b: u8| matches!(b, b',' | b'[' | b']' | b'{' | b'}');
        let mut i = at;
        let stop = loop {
            if i >= end {
                break Stop::End;
            }
            match self.text[i] {
                b':' => match self.byte(li, i + 1) {
                    None | Some(b' ') => break Stop::Colon,
                    Some(next) if in_flow && ends_flow_item(next) => break Stop::Colon,
                    Some(_) => i += 1,
                },
                b'#' if self.text[i - 1] == b' ' => break Stop::Comment,
                b if in_flow && ends_flow_item(b) => break Stop::End,
                _ => i += 1,
            }
        };
        (self.trim_end(at, i), i, stop)
    }

    fn trim_end(&self, from: usize, mut to: usize) -> usize {
        while to > from && self.text[to - 1] == b' ' {
            to -= 1;
        }
        to
    }

    /// A quoted scalar at `at` that closes on its line, and the byte after it. A double-quoted
    /// one with an escape is left to serde-saphyr.
    fn quoted(&mut self, li: usize, at: usize) -> Option<(Node, usize)> {
        let quote = self.text[at];
        let end = self.lines[li].end;
        let body = &self.text[at + 1..end];
        let (text, after) = if quote == b'"' {
            let close = memchr::memchr2(b'"', b'\\', body)?;
            if body[close] == b'\\' {
                return None;
            }
            let text = self.str(at + 1, at + 1 + close)?.to_owned();
            (text, at + close + 2)
        } else {
            // `''` is a quote inside.
            let mut text = String::new();
            let mut i = at + 1;
            loop {
                let close = i + memchr::memchr(b'\'', &self.text[i..end])?;
                text.push_str(self.str(i, close)?);
                if self.byte(li, close + 1) == Some(b'\'') {
                    text.push('\'');
                    i = close + 2;
                } else {
                    break (text, close + 1);
                }
            }
        };
        self.count(text.len())?;
        let node = Node {
            value: Value::Str(text),
            pos: self.pos(li, at),
        };
        Some((node, after))
    }

    /// A flow list or mapping at `at` that closes on its line, and the byte after it.
    fn flow(&mut self, li: usize, at: usize) -> Option<(Node, usize)> {
        self.enter()?;
        let list = self.text[at] == b'[';
        let close = if list { b']' } else { b'}' };
        let own = if list {
            self.items.len()
        } else {
            self.pairs.len()
        };
        let mut i = self.skip_spaces(li, at + 1);
        if self.byte(li, i) == Some(close) {
            i += 1;
        } else {
            loop {
                if list {
                    let (item, end) = self.flow_node(li, i)?;
                    self.items.push(item);
                    i = end;
                } else {
                    let (key, colon) = self.key(li, i, true)?;
                    let (value, end) = self.flow_node(li, self.skip_spaces(li, colon + 1))?;
                    self.pairs.push((key, value));
                    i = end;
                }
                i = self.skip_spaces(li, i);
                match self.byte(li, i)? {
                    b',' => {
                        i = self.skip_spaces(li, i + 1);
                        // A trailing comma is left to serde-saphyr.
                        if self.byte(li, i)? == close {
                            return None;
                        }
                    }
                    b if b == close => {
                        i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        let value = if list {
            Value::Seq(self.items.drain(own..).collect())
        } else {
            Value::Map(self.pairs.drain(own..).collect())
        };
        let node = Node {
            value,
            pos: self.pos(li, at),
        };
        Some((node, i))
    }

    /// A node inside a flow collection, and the byte after it.
    fn flow_node(&mut self, li: usize, at: usize) -> Option<(Node, usize)> {
        match self.byte(li, at)? {
            b'[' | b'{' => self.flow(li, at),
            b'"' | b'\'' => self.quoted(li, at),
            first if !can_begin_plain(first, self.byte(li, at + 1), true) => None,
            _ => {
                let (end, next, stop) = self.plain_scalar(li, at, true);
                if stop != Stop::End || end == at {
                    return None;
                }
                Some((self.plain(li, at, end)?, next))
            }
        }
    }
}

/// Whether a plain scalar may begin with `first` (then `next`), inside a flow collection or
/// not: not with an indicator, except a `-` followed by what a plain scalar may hold (`-5`).
fn can_begin_plain(first: u8, next: Option<u8>, in_flow: bool) -> bool {
    match first {
        b'-' => match next {
            None | Some(b' ') => false,
            Some(b',' | b'[' | b']' | b'{' | b'}') => !in_flow,
            Some(_) => true,
        },
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
        | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' => false,
        _ => true,
    }
}
