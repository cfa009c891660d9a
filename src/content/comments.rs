//! HTML comments (`<!-- 内部メモ -->`) taken out of a Markdown body as it is read.
//!
//! A provider writes one to keep a note out of the page, as every Markdown viewer they know
//! (GitHub's included) hides it. shirube shows raw HTML as text, so a comment was printed on
//! the page, put in the open data and indexed for search. Taken out here, before any stage sees
//! the body, it reaches none of them; its line breaks stay, so every line after it keeps its
//! number for check's messages. Code (fenced blocks and `code spans`) is left as written.

use std::borrow::Cow;

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";

/// `body` without its HTML comments (each replaced by the line breaks it held). A comment
/// never closed runs to the end, as in HTML.
pub fn without_comments(body: &str) -> Cow<'_, str> {
    if !body.contains(OPEN) {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<&str> = None;
    let mut in_comment = false;
    for line in body.split_inclusive('\n') {
        if in_comment {
            match line.find(CLOSE) {
                Some(end) => {
                    in_comment = false;
                    out.push_str(&text_outside_comments(
                        &line[end + CLOSE.len()..],
                        &mut in_comment,
                    ));
                }
                None => out.extend(line.ends_with('\n').then_some('\n')),
            }
            continue;
        }
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            fence = Some(marker);
            out.push_str(line);
            continue;
        }
        out.push_str(&text_outside_comments(line, &mut in_comment));
    }
    Cow::Owned(out)
}

/// One line's text with its comments taken out, outside code spans; `in_comment` says whether
/// the line ends inside a comment that goes on.
fn text_outside_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let open = rest.find(OPEN);
        let tick = rest.find('`');
        match (open, tick) {
            // A code span comes first: copied as it is, to its closing run of backticks.
            (Some(o), Some(t)) if t < o => {
                let run = rest[t..].len() - rest[t..].trim_start_matches('`').len();
                let after = &rest[t + run..];
                let end = after.find(&rest[t..t + run]).map(|e| t + run + e + run);
                let end = end.unwrap_or(t + run);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
            (Some(o), _) => {
                out.push_str(&rest[..o]);
                let after = &rest[o + OPEN.len()..];
                match after.find(CLOSE) {
                    Some(e) => rest = &after[e + CLOSE.len()..],
                    None => {
                        *in_comment = true;
                        out.extend(line.ends_with('\n').then_some('\n'));
                        return out;
                    }
                }
            }
            (None, _) => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn comments_are_taken_out_and_lines_kept() {
        let body = "一行目\n<!-- 内部メモ：\n来月のこと -->\n三行目 <!-- a --> のこり\n";
        assert_eq!(without_comments(body), "一行目\n\n\n三行目  のこり\n");
        assert_eq!(without_comments(body).lines().count(), body.lines().count());
        // Never closed: to the end.
        assert_eq!(without_comments("a <!-- b\nc\n"), "a \n\n");
        // Two on a line, and text between them.
        assert_eq!(without_comments("<!--x-->a<!--y-->b"), "ab");
    }

    #[test]
    fn code_is_left_as_written() {
        let fenced = "```html\n<!-- 例 -->\n```\n<!-- メモ -->\n";
        assert_eq!(without_comments(fenced), "```html\n<!-- 例 -->\n```\n\n");
        let span = "`<!-- 例 -->` と書きます<!-- メモ -->";
        assert_eq!(without_comments(span), "`<!-- 例 -->` と書きます");
    }

    #[test]
    fn a_body_without_comments_is_not_copied() {
        assert!(matches!(
            without_comments("ふつうの本文 <!- ではない"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
