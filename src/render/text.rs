//! How provider text becomes HTML on a page. The plain edition shows text without ruby (screen
//! readers would read base and reading both); the furigana edition adds ruby. Every view goes
//! through one `TextStyle`, so no text can reach a page unescaped or in the wrong edition.

use crate::markdown::escape;

pub trait TextStyle {
    /// Escaped HTML for a run of provider text.
    fn html(&self, text: &str) -> String;
    /// Plain text for attributes (alt, title, meta): author ruby stripped, not escaped.
    fn plain(&self, text: &str) -> String;
    /// The edition's name in URLs and templates: "plain" or "furigana".
    fn edition(&self) -> &'static str;
}

/// The plain edition: author ruby is reduced to its base text.
pub struct Plain;

impl TextStyle for Plain {
    fn html(&self, text: &str) -> String {
        escape(&strip_author_ruby(text))
    }
    fn plain(&self, text: &str) -> String {
        strip_author_ruby(text)
    }
    fn edition(&self) -> &'static str {
        "plain"
    }
}

/// `{漢字|かんじ}` and `｜漢字《かんじ》` → `漢字`.
pub fn strip_author_ruby(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{')
            && let Some(close) = after.find('}')
            && let Some((base, _)) = after[..close].split_once('|')
        {
            out.push_str(base);
            rest = &after[close + 1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('｜')
            && let Some(open) = after.find('《')
            && let Some(close) = after[open..].find('》')
        {
            out.push_str(&after[..open]);
            rest = &after[open + close + '》'.len_utf8()..];
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_author_ruby;

    #[test]
    fn strips_both_notations() {
        assert_eq!(strip_author_ruby("{働|はたら}きます"), "働きます");
        assert_eq!(
            strip_author_ruby("{漢字|かん|じ}と｜名張《なばり》"),
            "漢字と名張"
        );
        assert_eq!(
            strip_author_ruby("{中かっこ} と ｜だけ"),
            "{中かっこ} と ｜だけ"
        );
    }
}
