//! The back of the book: the support centres' contact list and the glossary. (The index is in
//! `index.rs`.)

use crate::content::model::EntryDetails;
use crate::enrich::Guide;
use crate::print::entry;
use crate::text::Html;
use crate::view::site::{self, TermView};
use crate::view::style::TextStyle;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Serialize)]
pub struct ContactRow {
    /// `None` when the centre is outside this edition's subset.
    pub number: Option<usize>,
    pub anchor: String,
    pub name: Html,
    pub kind: &'static str,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub address: Html,
}

/// Every support centre of the region, whatever the subset: where to ask is never out of scope.
pub fn contacts(
    guide: &Guide,
    numbers: &BTreeMap<String, usize>,
    tx: &dyn TextStyle,
) -> Vec<ContactRow> {
    guide
        .site
        .entries
        .iter()
        .filter_map(|e| {
            let EntryDetails::Center(c) = &e.details else {
                return None;
            };
            let a = &e.address;
            let anchor = entry::anchor(&e.id);
            let tx = tx.at(guide.place(e));
            Some(ContactRow {
                number: numbers.get(&anchor).copied(),
                anchor,
                name: tx.html(&e.name),
                kind: c.center_type.label(),
                phone: e.contact.phone.clone(),
                fax: e.contact.fax.clone(),
                address: tx.address(&a.one_line()),
            })
        })
        .collect()
}

/// The website's glossary view, with anchors of its own (`term-b-type`): in one document a
/// term's id could clash with a section's or an entry's.
pub fn glossary(guide: &Guide, tx: &dyn TextStyle) -> Vec<TermView> {
    let mut terms = site::glossary(guide, tx);
    for term in &mut terms {
        term.id = format!("term-{}", term.id);
        for see in &mut term.see {
            see.url = format!("#term-{}", see.id);
        }
    }
    terms
}
