//! The compare page: every office's facts in the same columns, one table per service type (one
//! per area where a service has many offices), so a family can compare without JavaScript.
//! `static/js/compare.js` reads the same rows to put the offices a visitor ticked side by side.

use crate::content::model::{Entry, EntryDetails, ServiceType};
use crate::enrich::Guide;
use crate::view::entries::{area_name, lunch_text, yearly_figures};
use crate::view::style::TextStyle;
use serde::Serialize;

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
    /// HTML.
    pub name: String,
    pub name_plain: String,
    /// HTML, one per column of `COLUMNS`.
    pub cells: Vec<String>,
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
            config
                .areas
                .iter()
                .filter_map(|a| {
                    let rows: Vec<Row> =
                        offices.iter().filter(|e| e.area == a.id).map(row).collect();
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
) -> Vec<String> {
    let or_none = |s: String| if s.is_empty() { NONE.to_string() } else { s };
    let EntryDetails::Office(o) = &entry.details else {
        return vec![NONE.to_string(); COLUMNS.len()];
    };
    let several = o.services.len() > 1;
    // 「B型 20人」 where an office has several services, 「20人」 where it has one.
    let per_service = |f: &dyn Fn(&crate::content::model::Service) -> Option<String>| {
        o.services
            .iter()
            .filter_map(|s| {
                f(s).map(|v| {
                    if several {
                        format!("{} {v}", s.kind.short_label())
                    } else {
                        v
                    }
                })
            })
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let services = o
        .services
        .iter()
        .map(|s| s.kind.label())
        .collect::<Vec<_>>()
        .join("<br>");
    let capacity = per_service(&|s| s.capacity.map(|c| format!("{c}人")));
    let figures = |label_of: &dyn Fn(&str) -> bool| {
        per_service(&|s| {
            let v: Vec<String> = yearly_figures(s)
                .into_iter()
                .filter(|f| label_of(f.label))
                .map(|f| format!("{} {}", f.label, f.value))
                .collect();
            (!v.is_empty()).then(|| v.join("<br>"))
        })
    };
    let wage = figures(&|l| l != "就職した人");
    let placements = per_service(&|s| {
        s.placements
            .map(|p| format!("{}人（{}年度）", p.count, p.fiscal_year))
    });
    let work = per_service(&|s| (!s.work.is_empty()).then(|| tx.html(&s.work.join("、"))));
    let transport = o.transport.as_ref().map_or_else(String::new, |t| {
        let mut v = if t.available { "あり" } else { "なし" }.to_string();
        if let Some(n) = &t.notes {
            v.push_str(&format!("（{}）", tx.html(n)));
        }
        v
    });
    let lunch = o.lunch.as_ref().map_or_else(String::new, lunch_text);
    let hours = entry.hours.as_ref().map_or_else(String::new, |h| {
        let mut v = h.weekdays.map_or_else(
            || "月曜〜金曜 休み".to_string(),
            |r| format!("月曜〜金曜 {r}"),
        );
        if let Some(n) = &h.notes {
            v.push_str(&format!("<br>{}", tx.html(n)));
        }
        v
    });
    let saturday = match entry.hours.as_ref().and_then(|h| h.saturday) {
        Some(r) => format!("あいている（{r}）"),
        None if entry.hours.is_some() => "休み".to_string(),
        None => String::new(),
    };
    let visits = o.visits.as_deref().map(|v| tx.html(v)).unwrap_or_default();
    let accepts = entry
        .accepts
        .iter()
        .map(|d| d.label())
        .collect::<Vec<_>>()
        .join("、");
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
