//! site.yaml, glossary.yaml and readings.yaml into the typed model.

use crate::check::fields::{Decoder, Field};
use crate::content::model::{
    Area, FuriganaSetting, License, Paper, PrintLayout, PrintSetting, ReadingRule, SiteConfig, Term,
};
use crate::diagnostics::{Expected, Format, Problem};
use crate::yaml::{Node, Value};

pub(super) const SITE_FIELDS: &[&str] = &[
    "title",
    "title_kana",
    "region",
    "region_kana",
    "base_url",
    "description",
    "areas",
    "furigana",
    "print",
    "data_date",
    "license",
    "lg_code",
];

pub fn site_config(d: &mut Decoder, root: &Node) -> Option<SiteConfig> {
    let mut f = d.fields(root, "")?;
    let title = d.required_text(&mut f, "title");
    let title_kana = d.required(&mut f, "title_kana", |d, x| d.reading(x));
    let region = d.required_text(&mut f, "region");
    let region_kana = d.required(&mut f, "region_kana", |d, x| d.reading(x));
    let base_url = d.required(&mut f, "base_url", |d, x| d.formatted(x, Format::Url));
    let description = d.optional_text(&mut f, "description").unwrap_or_default();
    let areas = d.required(&mut f, "areas", |d, x| Some(areas(d, x)));
    let furigana = d
        .optional(&mut f, "furigana", furigana)
        .unwrap_or(FuriganaSetting::AboveGrade(2));
    let print = d.optional(&mut f, "print", print).unwrap_or(PrintSetting {
        paper: Paper::A4,
        layout: PrintLayout::Full,
    });
    let data_date = d.optional(&mut f, "data_date", |d, x| d.date(x));
    let license = d.optional(&mut f, "license", license);
    let lg_code = d.optional(&mut f, "lg_code", |d, x| d.formatted(x, Format::LgCode));
    d.finish(f, SITE_FIELDS);
    let areas = areas?;
    if areas.is_empty() {
        d.error(root.pos, "areas", Problem::EmptyList);
        return None;
    }
    Some(SiteConfig {
        title: title?,
        title_kana: title_kana?,
        region: region?,
        region_kana: region_kana?,
        // Every link in the output is relative; the base URL is only for sitemap and QR codes.
        base_url: ensure_trailing_slash(base_url?),
        description,
        areas: areas.into(),
        furigana,
        print,
        data_date,
        license,
        lg_code,
    })
}

/// `license: { name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/deed.ja }`
fn license(d: &mut Decoder, field: &Field) -> Option<License> {
    let mut f = d.fields(field.node, &field.path)?;
    let name = d.required_text(&mut f, "name");
    let url = d.optional(&mut f, "url", |d, x| d.formatted(x, Format::Url));
    d.finish(f, &["name", "url"]);
    Some(License { name: name?, url })
}

fn ensure_trailing_slash(mut url: String) -> String {
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

fn areas(d: &mut Decoder, field: &Field) -> Vec<Area> {
    let mut seen = std::collections::BTreeSet::new();
    d.list(field, |d, item| {
        let mut f = d.fields(item.node, &item.path)?;
        let id = d.required(&mut f, "id", |d, x| d.formatted(x, Format::Id));
        let name = d.required_text(&mut f, "name");
        let kana = d.required(&mut f, "kana", |d, x| d.reading(x));
        let group = d.optional_text(&mut f, "group");
        d.finish(f, &["id", "name", "kana", "group"]);
        let id = id?;
        if !seen.insert(id.clone()) {
            d.error(
                item.node.pos,
                &format!("{}.id", item.path),
                Problem::DuplicateId {
                    id: id.clone(),
                    other: "areas".into(),
                },
            );
            return None;
        }
        Some(Area {
            id,
            name: name?,
            kana: kana?,
            group,
        })
    })
}

fn furigana(d: &mut Decoder, field: &Field) -> Option<FuriganaSetting> {
    let mut f = d.fields(field.node, &field.path)?;
    let setting = d.required(&mut f, "grade", |d, x| match &x.node.value {
        Value::Str(s) if s == "all" => Some(FuriganaSetting::All),
        Value::Int(_) => d
            .range(x, crate::check::spec::FURIGANA_GRADE)
            .map(|g| FuriganaSetting::AboveGrade(g as u8)),
        _ => {
            d.wrong_type(x.node, &x.path, Expected::Integer);
            None
        }
    });
    d.finish(f, &["grade"]);
    setting
}

fn print(d: &mut Decoder, field: &Field) -> Option<PrintSetting> {
    let mut f = d.fields(field.node, &field.path)?;
    let paper = d
        .optional(&mut f, "paper", |d, x| {
            d.one_of(x, &["A4", "B5"], |s| match s {
                "A4" => Some(Paper::A4),
                "B5" => Some(Paper::B5),
                _ => None,
            })
        })
        .unwrap_or(Paper::A4);
    let layout = d
        .optional(&mut f, "layout", |d, x| {
            d.one_of(x, &["full", "compact"], |s| match s {
                "full" => Some(PrintLayout::Full),
                "compact" => Some(PrintLayout::Compact),
                _ => None,
            })
        })
        .unwrap_or(PrintLayout::Full);
    d.finish(f, &["paper", "layout"]);
    Some(PrintSetting { paper, layout })
}

/// One glossary item as written. Its id and `see` list are kept even when another field is
/// wrong, so cross-references are checked against every term the provider wrote.
pub struct GlossaryItem {
    pub term: Option<Term>,
    pub id: Option<String>,
    pub pos: crate::diagnostics::Pos,
    /// Each `see` id with where it is written and its field path.
    pub see: Vec<(String, crate::diagnostics::Pos, String)>,
}

/// A file that is a list at its top level (glossary.yaml, readings.yaml), item by item.
fn top_level_list<T>(
    d: &mut Decoder,
    root: &Node,
    item: impl FnMut(&mut Decoder, &Field) -> Option<T>,
) -> Vec<T> {
    if !matches!(root.value, Value::Seq(_)) {
        d.wrong_type(root, "", Expected::List);
        return Vec::new();
    }
    let field = Field {
        node: root,
        path: String::new(),
    };
    d.list(&field, item)
}

pub fn glossary(d: &mut Decoder, root: &Node) -> Vec<GlossaryItem> {
    top_level_list(d, root, |d, item| {
        let mut f = d.fields(item.node, &item.path)?;
        let id = d.required(&mut f, "id", |d, x| d.formatted(x, Format::Id));
        let term = d.required_text(&mut f, "term");
        let kana = d.required(&mut f, "kana", |d, x| d.reading(x));
        let definition = d.required_text(&mut f, "definition");
        let easy = d.optional_text(&mut f, "easy");
        let see = match f.get("see") {
            Some(x) => d.list(&x, |d, item| {
                d.text(item)
                    .map(|id| (id, item.node.pos, item.path.clone()))
            }),
            None => Vec::new(),
        };
        // Shorter names the term goes by in running text (B型 for 就労継続支援B型).
        let aliases = match f.get("aliases") {
            Some(x) => d.list(&x, |d, item| d.text(item)),
            None => Vec::new(),
        };
        d.finish(
            f,
            &["id", "term", "kana", "definition", "easy", "see", "aliases"],
        );
        let term = match (id.clone(), term, kana, definition) {
            (Some(id), Some(term), Some(kana), Some(definition)) => Some(Term {
                id,
                term,
                kana,
                definition,
                easy,
                see: see.iter().map(|(id, _, _)| id.clone()).collect(),
                aliases,
            }),
            _ => None,
        };
        Some(GlossaryItem {
            term,
            id,
            pos: item.node.pos,
            see,
        })
    })
}

pub fn readings(d: &mut Decoder, root: &Node) -> Vec<ReadingRule> {
    top_level_list(d, root, |d, item| {
        let mut f = d.fields(item.node, &item.path)?;
        let word = d.required_text(&mut f, "word");
        let kana = d.required(&mut f, "kana", |d, x| d.reading(x));
        d.finish(f, &["word", "kana"]);
        Some(ReadingRule {
            word: word?,
            kana: kana?,
        })
    })
}
