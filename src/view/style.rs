//! How provider text becomes HTML on a page. The plain edition shows text without ruby (screen
//! readers would read base and reading both); the furigana edition adds ruby. Every view goes
//! through one `TextStyle`, so no text can reach a page unescaped or in the wrong edition.

use crate::text::Html;
use crate::text::{GradeFilter, Place, Reader, strip_author_ruby};

/// Where the furigana twin of every page lives: `furigana/entries/x/` beside `entries/x/`.
pub const FURIGANA_PREFIX: &str = "furigana/";

/// `Sync`: the pages of an edition are rendered on every core with one style.
pub trait TextStyle: Sync {
    /// Escaped HTML for a run of provider text.
    fn html(&self, text: &str) -> Html;
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
    /// This style for an entry's text, with the entry's place (see `Guide::place`): the
    /// furigana edition reads names of the place as the place is read.
    fn at<'s>(&'s self, place: Option<&Place>) -> Box<dyn TextStyle + 's>;
    /// Escaped HTML for an address (municipality, street, building on one line): the furigana
    /// edition puts Japan Post's readings over the words it names. Call it on a style made
    /// with [`TextStyle::at`] the address's place.
    fn address(&self, text: &str) -> Html {
        self.html(text)
    }
}

/// The plain edition: author ruby is reduced to its base text.
pub struct Plain;

impl TextStyle for Plain {
    fn html(&self, text: &str) -> Html {
        Html::escape(&strip_author_ruby(text))
    }
    fn plain(&self, text: &str) -> String {
        strip_author_ruby(text)
    }
    fn edition(&self) -> &'static str {
        "plain"
    }
    fn at<'s>(&'s self, _place: Option<&Place>) -> Box<dyn TextStyle + 's> {
        Box::new(Plain)
    }
}

/// The furigana edition: author ruby kept, automatic ruby over kanji above the site's grade.
pub struct Furigana {
    pub reader: Reader,
    /// Ruby of the theme's own text, read once per edition (`finish_page`).
    pub theme_text: crate::view::furigana_pass::RubyCache,
    /// Reads addresses: the same reader, told the address's place ([`Reader::for_address`]).
    pub address_reader: Reader,
    pub filter: GradeFilter,
}

impl Furigana {
    pub fn new(guide: &crate::enrich::Guide) -> Furigana {
        Furigana {
            reader: guide.reader.clone(),
            theme_text: Default::default(),
            address_reader: guide.reader.clone(),
            filter: guide.furigana,
        }
    }
}

impl TextStyle for Furigana {
    fn html(&self, text: &str) -> Html {
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
        crate::view::furigana_pass::add_ruby(&html, &self.reader, self.filter, &self.theme_text)
    }
    fn at<'s>(&'s self, place: Option<&Place>) -> Box<dyn TextStyle + 's> {
        Box::new(Furigana {
            reader: self.reader.at(place),
            theme_text: Default::default(),
            address_reader: self.reader.for_address(place),
            filter: self.filter,
        })
    }
    fn address(&self, text: &str) -> Html {
        self.address_reader.ruby_html(text, self.filter)
    }
}
