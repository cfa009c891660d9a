//! The printed entries' parts of the document, rendered after the document around them, a few
//! hundred at a time as the document is written (`splice::fill`): a national guide's ten
//! thousand parts (75 MB of HTML, 160 MB as rendered strings) were most of a build's memory when
//! they were all rendered before the document was.

use crate::content::model::Entry;
use crate::enrich::Guide;
use crate::print::entry::{self, PrintEntry};
use crate::print::html;
use crate::print::part_cache::PartCache;
use crate::print::{PrintError, QrCodes};
use crate::text::Html;
use crate::view::markdown::{self, Links};
use crate::view::style::TextStyle;
use std::collections::BTreeMap;
use xxhash_rust::xxh3::Xxh3;

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
    /// What every part's key begins with (`seed`); none when parts have no keys.
    seed: Option<u128>,
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
            seed: None,
        }
    }

    /// Gives every part a key beginning with `seed` (what the parts of the document share:
    /// `print::parts_seed`) and the links of the document: where a provider's link to a page
    /// or an entry leads, and each entry's number, which its text may link to.
    pub fn with_seed(mut self, seed: Option<u128>) -> Parts<'a> {
        self.seed = seed.map(|seed| {
            let mut hash = Xxh3::new();
            hash.update(&seed.to_le_bytes());
            for (from, to) in &self.urls {
                hashed_text(&mut hash, from);
                hashed_text(&mut hash, to);
            }
            hash.update(&(self.urls.len() as u64).to_le_bytes());
            for (anchor, number) in &self.numbers {
                hashed_text(&mut hash, anchor);
                hash.update(&(*number as u64).to_le_bytes());
            }
            hash.update(&(self.numbers.len() as u64).to_le_bytes());
            hash.digest128()
        });
        self
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

    /// The parts of the entries of `marks`, in order: read from `cache` when it keeps the
    /// slice for the same entries, else rendered (on every core) and kept there.
    pub fn render_slice(
        &self,
        marks: &[usize],
        render_entry: &RenderEntry,
        cache: &PartCache,
    ) -> Result<Vec<Vec<u8>>, PrintError> {
        use rayon::prelude::*;
        if marks.is_empty() {
            return Ok(Vec::new());
        }
        let prepared: Vec<Option<Prepared>> = marks
            .par_iter()
            .map(|&mark| self.prepare(mark, cache))
            .collect();
        let slices = cache.slices();
        let keys = prepared.iter().map(|p| p.as_ref().and_then(|p| p.key));
        let mut rendered = false;
        let parts = slices.kept_or_made(
            keys,
            |parts| parts.len() == marks.len(),
            || {
                rendered = true;
                prepared
                    .par_iter()
                    .map(|p| match p {
                        Some(p) => self.render(p, render_entry),
                        None => Ok(Vec::new()),
                    })
                    .collect::<Result<Vec<_>, _>>()
            },
        )?;
        if !rendered {
            // Their QR codes stay in the codes' cache, for a part that is rendered again.
            let config = &self.guide.site.config;
            for p in prepared.iter().flatten() {
                self.codes.note_used(&entry::web_url(p.entry, config));
            }
        }
        Ok(parts)
    }

    /// The entry and number of the part of mark `mark`, and its key when `cache` keeps parts.
    /// None for a mark `print` did not make (`splice` asks only for marks `0..count`).
    fn prepare(&self, mark: usize, cache: &PartCache) -> Option<Prepared<'a>> {
        let &(entry, number) = self.printed.get(mark)?;
        let key = match cache.slices().is_kept() {
            true => (cache.entry_fingerprint(entry)).and_then(|fingerprint| {
                // The text style as the entry's text is read: at its place.
                let tx = self.tx.at(self.guide.place(entry));
                self.key(fingerprint, number, tx.as_ref())
            }),
            false => None,
        };
        Some(Prepared { entry, number, key })
    }

    /// The key of a part: everything `render` makes it from. `entry::view` reads the entry
    /// (`entry`: its fingerprint), its number, its text as printed (the entry's Markdown, the
    /// document's links, which `seed` takes in, and the text style), the site's settings and
    /// the text style at the entry's place (its QR code is made from the entry's address and
    /// name); the template reads that view and what `seed` takes in. None when one of them
    /// cannot be hashed.
    fn key(&self, entry: u128, number: usize, tx: &dyn TextStyle) -> Option<u128> {
        let mut hash = Xxh3::new();
        hash.update(&self.seed?.to_le_bytes());
        hash.update(&entry.to_le_bytes());
        hash.update(&(number as u64).to_le_bytes());
        hash.update(&tx.fingerprint()?.to_le_bytes());
        Some(hash.digest128())
    }

    fn render(&self, p: &Prepared, render_entry: &RenderEntry) -> Result<Vec<u8>, PrintError> {
        let config = &self.guide.site.config;
        // Each entry's text is read at its place (its town's name as the town is read).
        let tx = self.tx.at(self.guide.place(p.entry));
        // Entry name is h2 under the section's h1, its parts h3: the provider's own headings
        // (already `##` and lower) go below those.
        let body = self.markdown(&p.entry.body, "entries", 4, tx.as_ref());
        let view = entry::view(
            p.entry,
            p.number,
            config,
            self.asset_root,
            body,
            tx.as_ref(),
            self.codes,
        )?;
        render_entry(&view)
    }
}

/// `text` into `hash`, its length first: texts that only join the same hash otherwise.
fn hashed_text(hash: &mut Xxh3, text: &str) {
    hash.update(&(text.len() as u64).to_le_bytes());
    hash.update(text.as_bytes());
}

/// A part about to be rendered or read from the cache.
struct Prepared<'a> {
    entry: &'a Entry,
    number: usize,
    key: Option<u128>,
}
