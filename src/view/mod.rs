//! The presentation layer: what the website, the print edition, the search index and the exports
//! all show of the guide, worked out once.
//!
//! - `style`: how provider text becomes HTML in an edition (`Plain`, or `Furigana` with
//!   `furigana_pass` annotating a whole page);
//! - `markdown`: provider Markdown into safe HTML, and into plain text for the index;
//! - `entries`: display-ready views of entries (facts, badges, yen, area names, cards);
//! - `photos`: a photo as `<picture>` with its renditions, and its print file;
//! - `site`: what every page's frame shows (menus, counts, the glossary's terms);
//! - `categories`: the listings a guide has (one per service type, centres, workplaces …);
//! - `events`: views of events (cards, an event's page, upcoming and past);
//! - `maps`: an address as a link that opens the phone's map app;
//! - `pdfs`: the printed editions (PDFs) as the home page and the listings link them;
//! - `jsonld`: the structured data (schema.org JSON-LD) each page carries for search engines;
//! - `script_words`: the readings of the theme's scripts' own words, for the furigana edition.
//!
//! This layer reads the model and never the stages that use it: render, print, index and export
//! depend on it, not on each other.

pub mod categories;
pub mod compare;
pub mod csp;
pub mod entries;
pub mod events;
mod furigana_pass;
mod html_scan;
pub mod jsonld;
pub mod kept_readings;
pub mod maps;
pub mod markdown;
pub mod pages;
pub mod pdfs;
pub mod photos;
mod ruby_cache;
pub mod script_words;
pub mod site;
pub mod splice;
pub mod style;
pub mod terms;

/// The prefix from a page at `url` (site-relative, ending in `/` or empty) back to the root.
pub fn root_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_for(""), "");
        assert_eq!(root_for("entries/a/"), "../../");
    }
}
