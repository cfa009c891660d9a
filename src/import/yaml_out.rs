//! Writing YAML by hand: every text value double-quoted, so that no value from the data can
//! change type (yes, 0120, 1.0) or break the file (: or # in a name).

use std::fmt::Write;

/// A double-quoted YAML scalar.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Lines of a YAML document, indented by nesting.
#[derive(Default)]
pub struct Lines {
    text: String,
    indent: usize,
}

impl Lines {
    pub fn comment(&mut self, text: &str) {
        self.line(&format!("# {text}"));
    }

    /// `key: "value"`.
    pub fn text(&mut self, key: &str, value: &str) {
        self.line(&format!("{key}: {}", quoted(value)));
    }

    /// `key: value` for values that are already YAML (numbers, null, flow maps).
    pub fn raw(&mut self, key: &str, value: &str) {
        self.line(&format!("{key}: {value}"));
    }

    /// `key:` followed by the lines `body` writes, one level deeper.
    pub fn map(&mut self, key: &str, body: impl FnOnce(&mut Lines)) {
        self.line(&format!("{key}:"));
        self.indent += 2;
        body(self);
        self.indent -= 2;
    }

    /// A list item whose first line is `- key: value` and whose other lines align with it.
    pub fn item(&mut self, body: impl FnOnce(&mut Lines)) {
        let mut inner = Lines::default();
        body(&mut inner);
        for (i, line) in inner.text.lines().enumerate() {
            let prefix = if i == 0 { "- " } else { "  " };
            self.line(&format!("{prefix}{line}"));
        }
    }

    fn line(&mut self, line: &str) {
        for _ in 0..self.indent {
            self.text.push(' ');
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_and_nested() {
        let mut l = Lines::default();
        l.text("name", "a: \"b\" # c");
        l.map("services", |l| {
            l.item(|l| {
                l.text("type", "a-type");
                l.raw("capacity", "20");
            })
        });
        assert_eq!(
            l.finish(),
            "name: \"a: \\\"b\\\" # c\"\nservices:\n  - type: \"a-type\"\n    capacity: 20\n"
        );
    }
}
