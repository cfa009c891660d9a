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
    // Line ends found with memchr: `split_inclusive('\n')` set up a search for every line of
    // every file.
    let rest = &text.as_bytes()[yaml_start..];
    let ends = memchr::memchr_iter(b'\n', rest)
        .map(|i| i + 1)
        .chain((rest.last() != Some(&b'\n') && !rest.is_empty()).then_some(rest.len()));
    let mut offset = yaml_start;
    for (line, end) in (2u32..).zip(ends) {
        let raw_line = &text[offset..yaml_start + end];
        if raw_line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body: &text[yaml_start + end..],
                body_line: line + 1,
            });
        }
        offset = yaml_start + end;
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
    fn closing_fence_may_end_the_file() {
        let s = split("---\nname: a\n---").unwrap();
        assert_eq!(s.yaml, "name: a\n");
        assert_eq!((s.body, s.body_line), ("", 4));
        let s = split("---\n---\n\nbody").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("", "\nbody", 3));
    }

    #[test]
    fn reports_missing_fences() {
        assert_eq!(split("name: a\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\nname: a\n"), Err(SplitError::NoClosing));
    }
}
