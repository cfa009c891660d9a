//! The compare page: every office's facts in the same columns, one table per service type (one
//! per area where a service has many offices), so a family can compare without JavaScript.
//! `static/js/compare.js` reads the same rows to put the offices a visitor ticked side by side.

use crate::content::model::{Entry, EntryDetails, ServiceType};
use crate::enrich::Guide;
use crate::text::Html;
use crate::view::entries::{area_name, lunch_text, yearly_figures};
use crate::view::style::TextStyle;
use serde::Serialize;
use std::collections::HashMap;

/// The facts compared, in the order of the table's columns (after the office's name).
pub const COLUMNS: [&str; 13] = [
    "サービス",
    "定員",
    "工賃・賃金",
    "就職した人",
    "作業内容",
    "送迎",
    "昼食",
    "あいている時間",
    "土曜日",
    "見学・体験",
    "対象",
    "行きかた",
    "地域",
];

/// A service with more offices than this is compared area by area.
pub const AREA_SPLIT: usize = 12;

/// What a table shows for a fact the office has not written.
const NONE: &str = "<span class=\"none\">のっていません</span>";

#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub url: String,
    pub name: Html,
    pub name_plain: String,
    /// One per column of `COLUMNS`.
    pub cells: Vec<Html>,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub caption: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub label: &'static str,
    pub short: &'static str,
    pub tables: Vec<Table>,
}

/// One group per service type that has offices, in the order of the listings; offices in the
/// guide's order (五十音).
pub fn groups(guide: &Guide, root: &str, tx: &dyn TextStyle) -> Vec<Group> {
    let config = &guide.site.config;
    let mut out = Vec::new();
    for &service in ServiceType::ALL {
        let offices: Vec<&Entry> = guide
            .site
            .entries
            .iter()
            .filter(|e| e.offers(service))
            .collect();
        if offices.is_empty() {
            continue;
        }
        let row = |e: &&Entry| self::row(guide, e, root, tx);
        let tables = if offices.len() > AREA_SPLIT {
            // Each area's offices in one pass (a national guide has a thousand areas).
            let mut in_area: HashMap<&str, Vec<&Entry>> = HashMap::new();
            for e in &offices {
                in_area.entry(e.area.as_str()).or_default().push(e);
            }
            config
                .areas
                .iter()
                .filter_map(|a| {
                    let rows: Vec<Row> = in_area
                        .get(a.id.as_str())
                        .into_iter()
                        .flatten()
                        .map(row)
                        .collect();
                    (!rows.is_empty()).then(|| Table {
                        caption: format!("{}（{}）", service.label(), tx.plain(&a.name)),
                        rows,
                    })
                })
                .collect()
        } else {
            vec![Table {
                caption: service.label().to_string(),
                rows: offices.iter().map(row).collect(),
            }]
        };
        out.push(Group {
            id: service.id(),
            label: service.label(),
            short: service.short_label(),
            tables,
        });
    }
    out
}

fn row(guide: &Guide, entry: &Entry, root: &str, tx: &dyn TextStyle) -> Row {
    let tx = tx.at(guide.place(entry));
    let tx = tx.as_ref();
    Row {
        id: entry.id.clone(),
        url: format!("{root}{}", crate::enrich::entry_url(&entry.id)),
        name: tx.html(&entry.name),
        name_plain: tx.plain(&entry.name),
        cells: cells(entry, &guide.site.config, tx),
    }
}

/// The cells of one office, in the order of `COLUMNS`.
pub fn cells(
    entry: &Entry,
    site: &crate::content::model::SiteConfig,
    tx: &dyn TextStyle,
) -> Vec<Html> {
    let or_none = |h: Html| if h.is_empty() { Html::markup(NONE) } else { h };
    let EntryDetails::Office(o) = &entry.details else {
        return vec![Html::markup(NONE); COLUMNS.len()];
    };
    let several = o.services.len() > 1;
    // 「B型 20人」 where an office has several services, 「20人」 where it has one.
    let per_service = |f: &dyn Fn(&crate::content::model::Service) -> Option<Html>| {
        let lines: Vec<Html> = o
            .services
            .iter()
            .filter_map(|s| {
                f(s).map(|v| {
                    if several {
                        let mut line = Html::escape(s.kind.short_label());
                        line.push_markup(" ");
                        line.push(&v);
                        line
                    } else {
                        v
                    }
                })
            })
            .collect();
        Html::join(&lines, "<br>")
    };
    let text = |s: &str| Html::escape(s);
    let services = Html::join(
        &o.services
            .iter()
            .map(|s| text(s.kind.label()))
            .collect::<Vec<_>>(),
        "<br>",
    );
    let capacity = per_service(&|s| s.capacity.map(|c| text(&format!("{c}人"))));
    let figures = |label_of: &dyn Fn(&str) -> bool| {
        per_service(&|s| {
            let v: Vec<Html> = yearly_figures(s)
                .into_iter()
                .filter(|f| label_of(f.label))
                .map(|f| {
                    let mut line = text(f.label);
                    line.push_markup(" ");
                    line.push(&f.value);
                    line
                })
                .collect();
            (!v.is_empty()).then(|| Html::join(&v, "<br>"))
        })
    };
    let wage = figures(&|l| l != "就職した人");
    let placements = per_service(&|s| {
        s.placements
            .map(|p| text(&format!("{}人（{}年度）", p.count, p.fiscal_year)))
    });
    let work = per_service(&|s| (!s.work.is_empty()).then(|| tx.html(&s.work.join("、"))));
    let transport = o.transport.as_ref().map_or_else(Html::new, |t| {
        let mut v = Html::markup(if t.available { "あり" } else { "なし" });
        if let Some(n) = &t.notes {
            v.push_markup("（");
            v.push(&tx.html(n));
            v.push_markup("）");
        }
        v
    });
    let lunch = o
        .lunch
        .as_ref()
        .map_or_else(Html::new, |l| text(&lunch_text(l)));
    let hours = entry.hours.as_ref().map_or_else(Html::new, |h| {
        let mut v = text(&h.weekdays.map_or_else(
            || "月曜〜金曜 休み".to_string(),
            |r| format!("月曜〜金曜 {r}"),
        ));
        if let Some(n) = &h.notes {
            v.push_markup("<br>");
            v.push(&tx.html(n));
        }
        v
    });
    let saturday = match entry.hours.as_ref().and_then(|h| h.saturday) {
        Some(r) => text(&format!("あいている（{r}）")),
        None if entry.hours.is_some() => Html::markup("休み"),
        None => Html::new(),
    };
    let visits = o.visits.as_deref().map(|v| tx.html(v)).unwrap_or_default();
    let accepts = text(
        &entry
            .accepts
            .iter()
            .map(|d| d.label())
            .collect::<Vec<_>>()
            .join("、"),
    );
    let access = entry
        .access
        .as_deref()
        .map(|a| tx.html(a))
        .unwrap_or_default();
    let area = area_name(site, &entry.area)
        .map(|a| tx.html(a))
        .unwrap_or_default();
    [
        services, capacity, wage, placements, work, transport, lunch, hours, saturday, visits,
        accepts, access, area,
    ]
    .into_iter()
    .map(or_none)
    .collect()
}
