//! How provider text becomes HTML on a page. The plain edition shows text without ruby (screen
//! readers would read base and reading both); the furigana edition adds ruby. Every view goes
//! through one `TextStyle`, so no text can reach a page unescaped or in the wrong edition.

use crate::hashing::FastMap;
use crate::text::Html;
use crate::text::{GradeFilter, Place, Reader, strip_author_ruby, without_author_ruby};
use crate::view::kept_readings::{KeptReadings, ReadingCounts, Way};
use crate::view::splice::Splice;
use std::sync::{Arc, RwLock};

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
    /// A last pass over a whole rendered page, as [`crate::theme::Theme::render`] made
    /// it (the furigana edition annotates the theme's own text).
    fn finish_page(&self, html: Vec<u8>) -> Vec<u8> {
        html
    }
    /// [`finish_page`](Self::finish_page), then each marker of `splices` replaced by its
    /// bytes wherever it stands (the page's frame: `render/frame.rs`).
    fn finish_page_spliced(&self, html: Vec<u8>, splices: &[Splice]) -> Vec<u8> {
        crate::view::splice::splice(self.finish_page(html), splices)
    }
    /// This style for an entry's text, with the entry's place (see `Guide::place`): the
    /// furigana edition reads names of the place as the place is read.
    fn at<'s>(&'s self, place: Option<&Place>) -> Box<dyn TextStyle + 's>;
    /// [`html`](Self::html) for a text shown once in an edition: read and let go, not kept
    /// for pages that would never ask for it again.
    fn html_once(&self, text: &str) -> Html {
        self.html(text)
    }
    /// Escaped HTML for an address (municipality, street, building on one line): the furigana
    /// edition puts Japan Post's readings over the words it names. Call it on a style made
    /// with [`TextStyle::at`] the address's place.
    fn address(&self, text: &str) -> Html {
        self.html(text)
    }
    /// A hash of what this style reads text with: two styles with the same fingerprint make
    /// the same HTML of any text and pass any page alike (part of every page's key,
    /// `render/page_key.rs`). `None`, for a style that cannot say: its pages have no key and
    /// are always made.
    fn fingerprint(&self) -> Option<u128> {
        None
    }
}

/// The plain edition: author ruby is reduced to its base text.
pub struct Plain;

impl TextStyle for Plain {
    fn html(&self, text: &str) -> Html {
        Html::escape(&without_author_ruby(text))
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
    fn fingerprint(&self) -> Option<u128> {
        Some(xxhash_rust::xxh3::xxh3_128(b"plain"))
    }
}

/// The furigana edition: author ruby kept, automatic ruby over kanji above the site's grade.
pub struct Furigana {
    pub reader: Reader,
    /// Ruby of the theme's own text, read once per edition (`finish_page`).
    pub theme_text: crate::view::ruby_cache::RubyCache,
    /// Reads addresses: the same reader, told the address's place ([`Reader::for_address`]).
    pub address_reader: Reader,
    pub filter: GradeFilter,
    /// Provider text already read, shared by this style and every style made from it with `at`.
    read: Arc<ReadTexts>,
    /// The place the readers were told (`at`), as part of the keys of `read`.
    place_key: String,
}

/// An entry's name, summary and facts are shown on its page, on every listing it is in and on
/// the compare page: read once per edition and place, not on every page (reading them again
/// was about a tenth of a furigana build). Bodies are longer than any card's text and shown
/// once, so long texts are not kept.
///
/// Texts read the same anywhere (most: the place changes only a text that names it) are kept
/// by the text itself, looked up without making a key: a key made for every look-up was most
/// of what a hit cost (0.3 of a national furigana build's 45 billion instructions).
#[derive(Debug, Default)]
struct ReadTexts {
    /// Provider text whose reading does not depend on the place, by the text.
    anywhere: RwLock<FastMap<String, Html>>,
    /// Texts that name their place: by place and text (`Furigana::ruby`).
    placed: RwLock<FastMap<String, Html>>,
    /// The readings the last build kept in the site's cache, where a text is looked up before
    /// it is read (`Furigana::keeping_readings`).
    kept: Option<Arc<KeptReadings>>,
}

/// Texts longer than this (in bytes) are read every time rather than kept.
const KEPT_TEXT_MAX: usize = 600;

/// The kept ruby of `key` in `map`, or `read` now and kept.
fn get_or_read(
    map: &RwLock<FastMap<String, Html>>,
    key: &str,
    read: impl FnOnce() -> Html,
) -> Html {
    if let Some(hit) = map.read().ok().and_then(|m| m.get(key).cloned()) {
        return hit;
    }
    let html = read();
    if let Ok(mut m) = map.write() {
        m.insert(key.to_string(), html.clone());
    }
    html
}

impl Furigana {
    pub fn new(guide: &crate::enrich::Guide) -> Furigana {
        Furigana {
            reader: guide.reader.clone(),
            theme_text: Default::default(),
            address_reader: guide.reader.clone(),
            filter: guide.furigana,
            read: Default::default(),
            place_key: String::new(),
        }
    }

    /// This style, looking each text up in the readings that the last build kept in the
    /// cache of the site in `site_dir` before reading it, and keeping what it reads for the
    /// next ([`Furigana::save_readings`]). Before any style is made from it with `at`.
    pub fn keeping_readings(mut self, site_dir: &std::path::Path) -> Furigana {
        let kept = self
            .fingerprint()
            .and_then(|reader| KeptReadings::for_site(site_dir, reader))
            .map(Arc::new);
        self.theme_text = crate::view::ruby_cache::RubyCache::keeping(kept.clone());
        self.read = Arc::new(ReadTexts {
            kept,
            ..ReadTexts::default()
        });
        self
    }

    /// Keeps the readings this build looked up in the site's cache, for the next build.
    pub fn save_readings(&self) {
        if let Some(kept) = &self.read.kept {
            kept.save();
        }
    }

    /// How many texts were looked up in the readings kept by the last build, and found there
    /// (none without [`Furigana::keeping_readings`]).
    pub fn reading_counts(&self) -> ReadingCounts {
        self.read
            .kept
            .as_ref()
            .map(|kept| kept.counts())
            .unwrap_or_default()
    }

    /// `text` read by `reader` (`way`), or its reading kept by the last build.
    fn read_or_kept(&self, reader: &Reader, way: Way, text: &str) -> Html {
        let read = || reader.ruby_html(text, self.filter);
        match &self.read.kept {
            Some(kept) => {
                kept.get_or_read(KeptReadings::text_key(way, &self.place_key, text), read)
            }
            None => read(),
        }
    }

    /// `text` read by the reader, from `read` when it was read before at the same place.
    fn ruby(&self, text: &str) -> Html {
        // Keyed by the place only where the place changes the reading: a phrase that many
        // offices share is read once, not once per town.
        let at_place = self.reader.place_in(text);
        let way = match at_place {
            true => Way::AtPlace,
            false => Way::Anywhere,
        };
        let read = || self.read_or_kept(&self.reader, way, text);
        if text.len() > KEPT_TEXT_MAX {
            return read();
        }
        if !at_place {
            return get_or_read(&self.read.anywhere, text, read);
        }
        let key = format!("{}\u{1f}{text}", self.place_key);
        get_or_read(&self.read.placed, &key, read)
    }
}

/// What the readers of `at(place)` depend on: the place's words and their readings.
fn place_key(place: Option<&Place>) -> String {
    let mut key = String::new();
    for (surface, reading) in place.map(Place::words).unwrap_or_default() {
        key.push_str(surface);
        key.push('\u{1e}');
        key.push_str(reading);
        key.push('\u{1d}');
    }
    key
}

impl TextStyle for Furigana {
    fn html(&self, text: &str) -> Html {
        self.ruby(text)
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
    fn finish_page(&self, html: Vec<u8>) -> Vec<u8> {
        self.finish_page_spliced(html, &[])
    }
    /// The pass and the splicing in one copy of the page: the pass puts each marker's bytes
    /// in as it meets the marker (a copy of every furigana page less: 320 MB at N = 10,000).
    fn finish_page_spliced(&self, html: Vec<u8>, splices: &[Splice]) -> Vec<u8> {
        crate::view::furigana_pass::add_ruby(
            &html,
            &self.reader,
            self.filter,
            &self.theme_text,
            splices,
        )
    }
    fn at<'s>(&'s self, place: Option<&Place>) -> Box<dyn TextStyle + 's> {
        let (reader, address_reader) = self.reader.at_and_for_address(place);
        Box::new(Furigana {
            reader,
            theme_text: Default::default(),
            address_reader,
            filter: self.filter,
            read: Arc::clone(&self.read),
            place_key: place_key(place),
        })
    }
    fn html_once(&self, text: &str) -> Html {
        let way = match self.reader.place_in(text) {
            true => Way::AtPlace,
            false => Way::Anywhere,
        };
        self.read_or_kept(&self.reader, way, text)
    }
    fn address(&self, text: &str) -> Html {
        // Not kept in memory: an address is shown once in an edition, on its entry's page.
        // Kept (with its place's words in the key), a national guide's addresses were 3 MB.
        self.read_or_kept(&self.address_reader, Way::Address, text)
    }
    fn fingerprint(&self) -> Option<u128> {
        let mut hash = xxhash_rust::xxh3::Xxh3::new();
        hash.update(b"furigana");
        hash.update(&self.reader.fingerprint().to_le_bytes());
        hash.update(&self.address_reader.fingerprint().to_le_bytes());
        let filter = match self.filter {
            GradeFilter::All => [0, 0],
            GradeFilter::AboveGrade(grade) => [1, grade],
            GradeFilter::None => [2, 0],
        };
        hash.update(&filter);
        hash.update(self.place_key.as_bytes());
        Some(hash.digest128())
    }
}
