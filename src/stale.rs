//! `shirube stale`: the entries whose facts were confirmed longest ago, for the council staff who
//! call providers once a year. Oldest first, with the phone number to call.

use crate::content::date::Date;
use crate::content::model::Site;
use crate::content::paths::slash;

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
        .filter_map(|e| {
            let age_days = today.days_since_epoch() - e.verified.days_since_epoch();
            let age_months = age_days * 12 / 365;
            (age_months >= months).then(|| StaleEntry {
                id: e.id.clone(),
                name: crate::text::strip_author_ruby(&e.name),
                verified: e.verified,
                months: age_months,
                phone: e.contact.phone.clone(),
                source: slash(&e.source),
            })
        })
        .collect();
    list.sort_by(|a, b| (a.verified, &a.id).cmp(&(b.verified, &b.id)));
    list
}

/// The report as text: one line per entry, then a count.
pub fn report(list: &[StaleEntry], months: i64) -> String {
    let mut out = String::new();
    for s in list {
        out.push_str(&format!(
            "{}  {}か月前  {}  {}  {}\n",
            s.verified,
            s.months,
            s.name,
            s.phone.as_deref().unwrap_or("（電話なし）"),
            s.source
        ));
    }
    out.push_str(&format!(
        "{}か月以上 確かめていない項目: {}件\n",
        months,
        list.len()
    ));
    out
}
