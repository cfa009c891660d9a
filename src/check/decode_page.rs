//! Free pages' front matter, and glossary cross-references.

use crate::check::decode_site::GlossaryItem;
use crate::check::fields::Decoder;
use crate::check::formats;
use crate::content::load::RawDoc;
use crate::content::model::Page;
use crate::diagnostics::Pos;
use crate::diagnostics::{Format, Problem};

pub fn page(d: &mut Decoder, doc: &RawDoc) -> Option<Page> {
    let mut f = d.fields(&doc.front, "")?;
    let title = d.required_text(&mut f, "title");
    let title_kana = d.optional(&mut f, "title_kana", |d, x| d.reading(x));
    let order = d
        .optional(&mut f, "order", |d, x| d.integer(x, -1000, 1000))
        .unwrap_or(100);
    let summary = d.optional_text(&mut f, "summary");
    d.finish(f, &["title", "title_kana", "order", "summary"]);
    if !formats::is_id(&doc.stem) {
        d.error(
            Pos { line: 1, column: 1 },
            "",
            Problem::BadFormat {
                format: Format::Id,
                value: doc.stem.clone(),
            },
        );
        return None;
    }
    Some(Page {
        slug: doc.stem.clone(),
        source: doc.path.clone(),
        title: title?,
        title_kana,
        order,
        summary,
        body: doc.body.clone(),
        body_line: doc.body_line,
    })
}

/// Every `see:` id names a term in the same glossary; ids are unique.
pub fn check_glossary_refs(d: &mut Decoder, items: &[GlossaryItem]) {
    let mut seen = std::collections::BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let Some(id) = &item.id else { continue };
        if let Some(first) = seen.insert(id.as_str(), i) {
            d.error(
                item.pos,
                &format!("[{i}].id"),
                Problem::DuplicateId {
                    id: id.clone(),
                    other: format!("[{first}]"),
                },
            );
        }
    }
    for item in items {
        for (see, pos, path) in &item.see {
            if !items.iter().any(|t| t.id.as_ref() == Some(see)) {
                d.error(*pos, path, Problem::UnknownGlossaryRef { id: see.clone() });
            }
        }
    }
}
