//! Splits a Markdown file into its YAML front matter and body.

/// A file split at its `---` fences. Lines are 1-based.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// How many lines come before the YAML (the opening fence): added to YAML positions.
    pub yaml_line_offset: u32,
    pub body: &'a str,
    /// The line the body starts on.
    pub body_line: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with `---`.
    NoOpening,
    /// The opening `---` has no closing `---`.
    NoClosing,
}

pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::NoOpening);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw_line) in (2u32..).zip(text[yaml_start..].split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(SplitError::NoClosing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_lines() {
        let s = split("---\nname: a\nkana: b\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "name: a\nkana: b\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn handles_crlf_and_bom() {
        let s = split("\u{feff}---\r\nname: a\r\n---\r\nbody").unwrap();
        assert_eq!(s.yaml, "name: a\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn reports_missing_fences() {
        assert_eq!(split("name: a\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\nname: a\n"), Err(SplitError::NoClosing));
    }
}
