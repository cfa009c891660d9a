//! Texts that tell a reader in words what there is (`parking`, `visits`, `access`, the notes
//! …), and the answers that tell nothing in their place: a whole value that is only yes, no,
//! OK, ○ or × (in English or full width), or only a number, is shown as it is — 「駐車場 yes」,
//! 「見学 ○」 — and a reader, or a screen reader, learns nothing of what there is.

use super::fields::{Decoder, Fields};
use crate::diagnostics::Problem;

impl Decoder<'_> {
    /// Optional text that tells a reader in words what there is (`parking`, `visits`, the
    /// notes …). A whole value that is only an answer — yes, no, OK, ○, ×, or a number without
    /// its unit — is shown as it is (「駐車場 yes」) and tells a reader, or a screen reader,
    /// nothing: a warning, with `example` (words as that field wants them) as the fix.
    pub fn optional_words(
        &mut self,
        fields: &mut Fields,
        key: &str,
        example: &str,
    ) -> Option<String> {
        self.optional(fields, key, |d, field| {
            let text = d.text(field)?;
            if is_bare_answer(&text) {
                d.warning(
                    field.node.pos,
                    &field.path,
                    Problem::BareAnswer {
                        value: text.clone(),
                        example: example.to_string(),
                    },
                );
            }
            Some(text)
        })
        .filter(|s| !s.is_empty())
    }
}

/// A text that is only a yes or a no (in English, or as a mark), or only a number.
fn is_bare_answer(text: &str) -> bool {
    const ANSWERS: [&str; 21] = [
        "yes", "no", "y", "n", "ok", "ng", "true", "false", "on", "off", "none", "nil", "null",
        "n/a", "na", "○", "◯", "×", "✕", "✓", "✔",
    ];
    let folded: String = crate::text::nfkc(text.trim()).to_lowercase();
    ANSWERS.contains(&folded.as_str())
        || (!folded.is_empty() && folded.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::is_bare_answer;

    #[test]
    fn answers_and_bare_numbers_are_told_from_words() {
        for bare in ["yes", "No", "ＯＫ", "true", "○", "×", "0", "2", "１"] {
            assert!(is_bare_answer(bare), "{bare}");
        }
        for words in [
            "あり",
            "なし",
            "2台",
            "無料",
            "あり（2台・無料）",
            "駅から5分",
            "Yes!",
        ] {
            assert!(!is_bare_answer(words), "{words}");
        }
    }
}
