//! How provider text becomes HTML on a page. The plain edition shows text without ruby (screen
//! readers would read base and reading both); the furigana edition adds ruby. Every view goes
//! through one `TextStyle`, so no text can reach a page unescaped or in the wrong edition.

use crate::text::escape;
use crate::text::{GradeFilter, Reader, strip_author_ruby};

/// Where the furigana twin of every page lives: `furigana/entries/x/` beside `entries/x/`.
pub const FURIGANA_PREFIX: &str = "furigana/";

pub trait TextStyle {
    /// Escaped HTML for a run of provider text.
    fn html(&self, text: &str) -> String;
    /// Plain text for attributes (alt, title, meta): author ruby stripped, not escaped.
    fn plain(&self, text: &str) -> String;
    /// The edition's name in URLs and templates: "plain" or "furigana".
    fn edition(&self) -> &'static str;
    /// Where the edition's pages live under the site root: "" or "furigana/". Photos and static
    /// files are shared by the editions and stay at the root.
    fn prefix(&self) -> &'static str {
        ""
    }
    /// A last pass over a whole rendered page (the furigana edition annotates the theme's own text).
    fn finish_page(&self, html: String) -> String {
        html
    }
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

/// The furigana edition: author ruby kept, automatic ruby over kanji above the site's grade.
pub struct Furigana<'a> {
    pub reader: &'a Reader,
    pub filter: GradeFilter,
}

impl<'a> Furigana<'a> {
    pub fn new(guide: &'a crate::enrich::Guide) -> Furigana<'a> {
        Furigana {
            reader: &guide.reader,
            filter: guide.furigana,
        }
    }
}

impl TextStyle for Furigana<'_> {
    fn html(&self, text: &str) -> String {
        self.reader.ruby_html(text, self.filter)
    }
    fn plain(&self, text: &str) -> String {
        strip_author_ruby(text)
    }
    fn edition(&self) -> &'static str {
        "furigana"
    }
    fn prefix(&self) -> &'static str {
        FURIGANA_PREFIX
    }
    fn finish_page(&self, html: String) -> String {
        crate::view::furigana_pass::add_ruby(&html, self.reader, self.filter)
    }
}
