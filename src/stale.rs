//! `shirube stale`: the entries whose facts were confirmed longest ago, for the council staff who
//! call providers once a year. Oldest first, with the phone number to call.

use crate::content::date::Date;
use crate::content::freshness::{Freshness, freshness};
use crate::content::model::Site;
use crate::lang::{Lang, msg};
use crate::paths::slash;

#[derive(Debug, PartialEq, Eq)]
pub struct StaleEntry {
    pub id: String,
    pub name: String,
    pub verified: Date,
    /// Whole months since `verified`.
    pub months: i64,
    pub phone: Option<String>,
    pub source: String,
}

/// Entries not confirmed for at least `months` months, oldest first.
pub fn stale_entries(site: &Site, today: Date, months: i64) -> Vec<StaleEntry> {
    let mut list: Vec<StaleEntry> = site
        .entries
        .iter()
        .filter_map(|e| match freshness(e.verified, today, months) {
            Freshness::Stale { months } => Some(StaleEntry {
                id: e.id.clone(),
                name: crate::text::strip_author_ruby(&e.name),
                verified: e.verified,
                months,
                phone: e.contact.phone.clone(),
                source: slash(&e.source),
            }),
            Freshness::Future | Freshness::Current => None,
        })
        .collect();
    list.sort_by(|a, b| (a.verified, &a.id).cmp(&(b.verified, &b.id)));
    list
}

/// The report as text: one line per entry, then a count.
pub fn report(list: &[StaleEntry], months: i64, lang: Lang) -> String {
    let mut out = String::new();
    for s in list {
        let ago = msg(
            format!("{}か月前", s.months),
            format!("{} months ago", s.months),
        );
        let no_phone = msg("（電話なし）", "(no phone)");
        out.push_str(&format!(
            "{}  {}  {}  {}  {}\n",
            s.verified,
            ago.get(lang),
            s.name,
            s.phone.as_deref().unwrap_or(no_phone.get(lang)),
            s.source
        ));
    }
    let total = msg(
        format!("{months}か月以上 確かめていない項目: {}件\n", list.len()),
        format!(
            "entries not confirmed for {months} months or more: {}\n",
            list.len()
        ),
    );
    out.push_str(total.get(lang));
    out
}
