//! The printed entries' parts of the document, rendered after the document around them, a few
//! hundred at a time as the document is written (`splice::fill`): a national guide's ten
//! thousand parts (75 MB of HTML, 160 MB as rendered strings) were most of a build's memory when
//! they were all rendered before the document was.

use crate::content::model::Entry;
use crate::enrich::Guide;
use crate::print::entry::{self, PrintEntry};
use crate::print::html;
use crate::print::{PrintError, QrCodes};
use crate::text::Html;
use crate::view::markdown::{self, Links};
use crate::view::style::TextStyle;
use std::collections::BTreeMap;

/// Renders an entry's view into its part of the document (the theme's `partials/print-entry.html`,
/// or its compact twin).
pub type RenderEntry<'r> = dyn Fn(&PrintEntry) -> Result<Vec<u8>, PrintError> + Sync + 'r;

/// What an entry's part is made from, and which entries are printed, in the order of their marks.
pub struct Parts<'a> {
    guide: &'a Guide,
    tx: &'a dyn TextStyle,
    asset_root: &'a str,
    /// Where each entry's QR code comes from (made, or kept from an earlier build).
    codes: &'a QrCodes,
    /// Content path → in-document target, for links written by providers.
    urls: BTreeMap<String, String>,
    /// In-document anchor (`entry-komugi`) → number.
    numbers: BTreeMap<String, usize>,
    /// The entry of each mark and its number, by the mark's number.
    printed: Vec<(&'a Entry, usize)>,
}

impl<'a> Parts<'a> {
    pub fn new(
        guide: &'a Guide,
        tx: &'a dyn TextStyle,
        asset_root: &'a str,
        codes: &'a QrCodes,
        urls: BTreeMap<String, String>,
        numbers: BTreeMap<String, usize>,
    ) -> Parts<'a> {
        Parts {
            guide,
            tx,
            asset_root,
            codes,
            urls,
            numbers,
            printed: Vec::new(),
        }
    }

    pub fn numbers(&self) -> &BTreeMap<String, usize> {
        &self.numbers
    }

    /// Notes that `entry` is printed, under `number`, at the next mark, and returns that mark.
    pub fn print(&mut self, entry: &'a Entry, number: usize) -> Html {
        let mark = crate::print::splice::mark(self.printed.len());
        self.printed.push((entry, number));
        mark
    }

    /// Markdown written for the website, for paper: links to entries become their numbers.
    /// `top` is the level the text's own headings start at.
    pub fn markdown(&self, body: &str, doc_dir: &str, top: u8, tx: &dyn TextStyle) -> Html {
        let links = Links {
            urls: &self.urls,
            root: "",
            doc_dir,
        };
        let raw = markdown::to_html(body, &links, &|t| tx.html(t), top);
        html::for_paper(&raw, &self.numbers)
    }

    /// How many entries are printed (marks `0..count`).
    pub fn count(&self) -> usize {
        self.printed.len()
    }

    /// The part of the document of the entry of mark `mark`.
    pub fn render(&self, mark: usize, render_entry: &RenderEntry) -> Result<Vec<u8>, PrintError> {
        // `splice` asks only for marks `0..count`, which `print` made.
        let Some(&(e, number)) = self.printed.get(mark) else {
            return Ok(Vec::new());
        };
        // Each entry's text is read at its place (its town's name as the town is read).
        let tx = self.tx.at(self.guide.place(e));
        // Entry name is h2 under the section's h1, its parts h3: the provider's own headings
        // (already `##` and lower) go below those.
        let body = self.markdown(&e.body, "entries", 4, tx.as_ref());
        let config = &self.guide.site.config;
        let view = entry::view(
            e,
            number,
            config,
            self.asset_root,
            body,
            tx.as_ref(),
            self.codes,
        )?;
        render_entry(&view)
    }
}
