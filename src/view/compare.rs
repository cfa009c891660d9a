//! The compare page: every office's facts in the same columns, one table per service type (one
//! per area where a service has many offices), so a family can compare without JavaScript.
//! `static/js/compare.js` reads the same rows to put the offices a visitor ticked side by side.

use crate::content::model::{Area, Entry, EntryDetails, ServiceType};
use crate::enrich::Guide;
use crate::text::Html;
use crate::view::entries::{area_name, lunch_text, yearly_figures};
use crate::view::pages;
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
    /// The area's name, where the service is compared area by area.
    pub area_name: Option<String>,
    /// The table's id on its page (the target of links to it).
    pub anchor: String,
    /// Where the table is, on a split compare page (see [`is_split`]): its page and anchor.
    pub url: Option<String>,
    pub count: usize,
    /// Empty on a split compare page, which links to the tables instead.
    pub rows: Vec<Row>,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub label: &'static str,
    pub short: &'static str,
    pub tables: Vec<Table>,
}

/// A guide with more offices than this in its tables (an office counted once per service)
/// gets a compare page that links to pages of tables instead of holding them all: a national
/// guide's one page was tens of megabytes, more than a phone can open.
pub const ONE_PAGE_ROWS_MAX: usize = 200;

/// Rows a page of a split compare page is filled to: whole areas' tables, so a page holds more
/// only where one area alone has more.
pub const ROWS_PER_PAGE: usize = 100;

/// The offices of one table, before their rows are made.
pub struct TablePlan<'a> {
    pub service: ServiceType,
    /// The area, when the service is compared area by area.
    pub area: Option<&'a Area>,
    pub offices: Vec<&'a Entry>,
}

impl TablePlan<'_> {
    pub fn caption(&self, tx: &dyn TextStyle) -> String {
        match self.area {
            Some(area) => format!("{}（{}）", self.service.label(), tx.plain(&area.name)),
            None => self.service.label().to_string(),
        }
    }

    fn anchor(&self) -> String {
        match self.area {
            Some(area) => format!("compare-{}-{}", self.service.id(), area.id),
            None => format!("compare-{}", self.service.id()),
        }
    }

    /// The table with its rows; `url` is where it is when the compare page only links to it.
    fn table(&self, guide: &Guide, root: &str, tx: &dyn TextStyle, url: Option<String>) -> Table {
        let anchor = self.anchor();
        Table {
            caption: self.caption(tx),
            area_name: self.area.map(|a| tx.plain(&a.name)),
            rows: match url {
                Some(_) => Vec::new(),
                None => self
                    .offices
                    .iter()
                    .map(|e| row(guide, e, root, tx))
                    .collect(),
            },
            url: url.map(|u| format!("{root}{u}#{anchor}")),
            anchor,
            count: self.offices.len(),
        }
    }
}

/// A page of a split compare page: one service's tables for consecutive areas.
pub struct PagePlan<'a> {
    pub service: ServiceType,
    /// From 0, among the service's pages.
    pub index: usize,
    /// How many pages the service has.
    pub count: usize,
    pub tables: Vec<TablePlan<'a>>,
}

impl PagePlan<'_> {
    /// From the site root: `compare/a-type/`, `compare/a-type/page/2/` …
    pub fn url(&self) -> String {
        pages::url(&format!("compare/{}/", self.service.id()), self.index)
    }

    /// 「就労継続支援A型（札幌市〜旭川市）」, or the service's name where it has one page.
    pub fn title(&self, tx: &dyn TextStyle) -> String {
        let area = |t: Option<&TablePlan>| t.and_then(|t| t.area).map(|a| tx.plain(&a.name));
        match (area(self.tables.first()), area(self.tables.last())) {
            (Some(first), Some(last)) if self.count > 1 && first != last => {
                format!("{}（{first}〜{last}）", self.service.label())
            }
            (Some(only), _) if self.count > 1 => format!("{}（{only}）", self.service.label()),
            _ => self.service.label().to_string(),
        }
    }

    pub fn tables(&self, guide: &Guide, root: &str, tx: &dyn TextStyle) -> Vec<Table> {
        self.tables
            .iter()
            .map(|t| t.table(guide, root, tx, None))
            .collect()
    }

    pub fn ids(&self) -> Vec<String> {
        let offices = self.tables.iter().flat_map(|t| &t.offices);
        offices.map(|e| e.id.clone()).collect()
    }
}

/// Every table, in the order of the listings: one per service type that has offices (one per
/// area where a service has more than [`AREA_SPLIT`]), offices in the guide's order (五十音).
pub fn plan(guide: &Guide) -> Vec<TablePlan<'_>> {
    let mut out = Vec::new();
    for &service in ServiceType::ALL {
        let offices: Vec<&Entry> = guide
            .site
            .entries
            .iter()
            .filter(|e| e.offers(service))
            .collect();
        if offices.len() > AREA_SPLIT {
            // Each area's offices in one pass (a national guide has a thousand areas).
            let mut in_area: HashMap<&str, Vec<&Entry>> = HashMap::new();
            for e in offices {
                in_area.entry(e.area.as_str()).or_default().push(e);
            }
            for area in &guide.site.config.areas {
                if let Some(offices) = in_area.remove(area.id.as_str()) {
                    out.push(TablePlan {
                        service,
                        area: Some(area),
                        offices,
                    });
                }
            }
        } else if !offices.is_empty() {
            out.push(TablePlan {
                service,
                area: None,
                offices,
            });
        }
    }
    out
}

/// Whether the compare page links to pages of tables rather than holding them.
pub fn is_split(plan: &[TablePlan]) -> bool {
    plan.iter().map(|t| t.offices.len()).sum::<usize>() > ONE_PAGE_ROWS_MAX
}

/// The tables in pages: each service's, in order, whole tables filled up to [`ROWS_PER_PAGE`].
pub fn pages(plan: Vec<TablePlan<'_>>) -> Vec<PagePlan<'_>> {
    let mut out: Vec<PagePlan> = Vec::new();
    for table in plan {
        let fits = out.last().is_some_and(|p| {
            let rows: usize = p.tables.iter().map(|t| t.offices.len()).sum();
            p.service == table.service && rows + table.offices.len() <= ROWS_PER_PAGE
        });
        match out.last_mut() {
            Some(page) if fits => page.tables.push(table),
            _ => {
                let index = match out.last() {
                    Some(p) if p.service == table.service => p.index + 1,
                    _ => 0,
                };
                out.push(PagePlan {
                    service: table.service,
                    index,
                    count: 0,
                    tables: vec![table],
                });
            }
        }
    }
    // Each page is told how many its service has.
    for i in 0..out.len() {
        let service = out[i].service;
        out[i].count = out.iter().filter(|p| p.service == service).count();
    }
    out
}

/// The compare page's groups: every table with its rows, or (`split`) with a link to it.
pub fn groups(guide: &Guide, root: &str, tx: &dyn TextStyle, split: bool) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut add = |service: ServiceType, table: Table| {
        if out.last().is_none_or(|g| g.id != service.id()) {
            out.push(Group {
                id: service.id(),
                label: service.label(),
                short: service.short_label(),
                tables: Vec::new(),
            });
        }
        if let Some(group) = out.last_mut() {
            group.tables.push(table);
        }
    };
    if split {
        for page in pages(plan(guide)) {
            let url = page.url();
            for t in &page.tables {
                add(t.service, t.table(guide, root, tx, Some(url.clone())));
            }
        }
    } else {
        for t in plan(guide) {
            add(t.service, t.table(guide, root, tx, None));
        }
    }
    out
}

/// An office's row: on the compare page, and (split) on its own page for the side-by-side table.
pub fn row(guide: &Guide, entry: &Entry, root: &str, tx: &dyn TextStyle) -> Row {
    let tx = tx.at(guide.place(entry));
    let tx = tx.as_ref();
    Row {
        id: entry.id.clone(),
        url: [root, &crate::enrich::entry_url(&entry.id)].concat(),
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
