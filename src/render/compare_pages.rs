//! The compare page, and on a large guide its pages of tables (see `view::compare::is_split`):
//! the compare page then links to the tables, and each office's page carries its row for the
//! side-by-side table (`static/js/compare.js` reads it from there).

use super::{AddPage, Shows, structured, trail};
use crate::enrich::Guide;
use crate::theme::{Theme, ThemeError};
use crate::view::compare;
use crate::view::jsonld;
use crate::view::pages;
use crate::view::style::TextStyle;

/// Whether the compare page is split: a large guide, and a theme with the compare page and a
/// page for tables.
pub(super) fn split(guide: &Guide, theme: &Theme) -> bool {
    theme.has("compare.html")
        && theme.has("compare-tables.html")
        && compare::is_split(&compare::plan(guide))
}

/// Lists the compare page and, when `split` (see [`split`]), its pages of tables.
pub(super) fn add<'a>(
    guide: &'a Guide,
    tx: &'a dyn TextStyle,
    split: bool,
    page: &mut AddPage<'a, '_>,
) -> Result<(), ThemeError> {
    // A split compare page shows no office's facts, only where the tables are and their sizes,
    // which change only with what changes every page (an office's service or area).
    let shows = if split {
        Shows::Frame
    } else {
        Shows::EveryEntry
    };
    page(
        "compare/",
        "compare.html",
        shows,
        Box::new(move |cx, root| {
            cx.insert("columns", &compare::COLUMNS);
            cx.insert("split", &split);
            cx.insert("groups", &compare::groups(guide, root, tx, split));
            structured(cx, tx, || {
                jsonld::trail_only(guide, &trail("くらべる", "compare/"))
            });
        }),
    )?;
    if !split {
        return Ok(());
    }
    for plan in compare::pages(compare::plan(guide)) {
        let url = plan.url();
        let shows = Shows::Entries(plan.ids());
        let page_url = url.clone();
        page(
            &url,
            "compare-tables.html",
            shows,
            Box::new(move |cx, root| {
                let service = plan.service;
                let title = plan.title(tx);
                let base = format!("compare/{}/", service.id());
                let link = |i: usize| format!("{root}{}", pages::url(&base, i));
                cx.insert("title", &title);
                cx.insert("service_id", service.id());
                cx.insert("service_short", service.short_label());
                cx.insert("columns", &compare::COLUMNS);
                cx.insert("tables", &plan.tables(guide, root, tx));
                cx.insert("page_number", &(plan.index + 1));
                cx.insert("page_count", &plan.count);
                cx.insert("prev", &plan.index.checked_sub(1).map(link));
                cx.insert(
                    "next",
                    &(plan.index + 1 < plan.count).then(|| link(plan.index + 1)),
                );
                structured(cx, tx, || {
                    let mut t = trail("くらべる", "compare/");
                    t.push((title.clone(), page_url.clone()));
                    jsonld::trail_only(guide, &t)
                });
            }),
        )?;
    }
    Ok(())
}
