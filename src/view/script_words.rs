//! The readings of the words the theme's scripts write themselves (the search page's status
//! line, the compare tray, the nearby sort …), for the furigana edition. The furigana pass reads
//! the theme's text in its pages; a script's text is made in the browser, where there is no
//! dictionary. The theme lists its scripts' phrases in `static/js/script-words.txt`; they are
//! read here as the pages are (same reader, same grade), and `static/js/say.js` puts the ruby
//! over the same words when a script writes them.

use crate::json;
use crate::text::{Segment, html_to_segments};
use crate::view::style::TextStyle;
use std::collections::BTreeMap;

/// The phrases, in the theme's `static/`.
pub const PHRASES: &str = "js/script-words.txt";
/// The readings, for the scripts: `globalThis.shirubeScriptWords = {"事業所": "じぎょうしょ", …}`.
pub const SCRIPT: &str = "static/js/script-words.js";

/// The script that gives `phrases`' words their readings in `style` (one phrase a line; `#`
/// begins a comment line). A word read two ways keeps its first reading.
pub fn script(phrases: &str, style: &dyn TextStyle) -> Vec<u8> {
    let mut words: BTreeMap<String, String> = BTreeMap::new();
    for phrase in phrases
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
    {
        for segment in html_to_segments(&style.html(phrase)) {
            if let Segment::Ruby { base, rt } = segment {
                words.entry(base).or_insert(rt);
            }
        }
    }
    // A map of strings always serialises.
    let object = json::to_vec(&words).unwrap_or_else(|_| b"{}".to_vec());
    let mut out = b"// The readings of the theme's script words in this site's furigana edition (made by shirube).\nglobalThis.shirubeScriptWords = ".to_vec();
    out.extend(object);
    out.extend(b";\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Html, Place};

    /// Puts ruby over 件 and 事業所, as a reader would.
    struct Stub;

    impl TextStyle for Stub {
        fn html(&self, text: &str) -> Html {
            let mut segments = Vec::new();
            let mut rest = text;
            while let Some((at, word, rt)) = [("件", "けん"), ("事業所", "じぎょうしょ")]
                .iter()
                .filter_map(|(w, r)| rest.find(w).map(|at| (at, *w, *r)))
                .min()
            {
                segments.push(Segment::Plain(rest[..at].into()));
                segments.push(Segment::Ruby {
                    base: word.into(),
                    rt: rt.into(),
                });
                rest = &rest[at + word.len()..];
            }
            segments.push(Segment::Plain(rest.into()));
            crate::text::segments_to_html(&segments)
        }
        fn plain(&self, text: &str) -> String {
            text.into()
        }
        fn edition(&self) -> &'static str {
            "furigana"
        }
        fn at<'s>(&'s self, _place: Option<&Place>) -> Box<dyn TextStyle + 's> {
            Box::new(Stub)
        }
    }

    #[test]
    fn words_with_ruby_become_the_scripts_readings() {
        let phrases = "# a comment 件\n\n3件 見つかりました。\n事業所は 3件\n";
        let script = String::from_utf8(script(phrases, &Stub)).unwrap();
        assert!(
            script.ends_with(
                "globalThis.shirubeScriptWords = {\"事業所\":\"じぎょうしょ\",\"件\":\"けん\"};\n"
            ),
            "{script}"
        );
    }
}
