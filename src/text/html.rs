//! Segments to HTML.

use super::Segment;

/// HTML for segments: text escaped, ruby as
/// `<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>` (the `rp` parentheses show where ruby
/// is not supported, and in text copied from the page).
pub fn segments_to_html(segs: &[Segment]) -> String {
    let mut out = String::new();
    for seg in segs {
        match seg {
            Segment::Plain(t) => escape_into(t, &mut out),
            Segment::Ruby { base, rt } => {
                out.push_str("<ruby>");
                escape_into(base, &mut out);
                out.push_str("<rp>(</rp><rt>");
                escape_into(rt, &mut out);
                out.push_str("</rt><rp>)</rp></ruby>");
            }
        }
    }
    out
}

/// Escapes text for HTML element content and attribute values: the one escaper of the crate.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// `escape`, appending to `out`.
pub fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html() {
        let segs = [
            Segment::Ruby {
                base: "働".into(),
                rt: "はたら".into(),
            },
            Segment::Plain("き<b>&".into()),
        ];
        assert_eq!(
            segments_to_html(&segs),
            "<ruby>働<rp>(</rp><rt>はたら</rt><rp>)</rp></ruby>き&lt;b&gt;&amp;"
        );
    }
}
