//! `shirube stale`: the entries whose facts were confirmed longest ago, for the council staff who
//! call providers once a year — first those never confirmed at all (imported from open data),
//! then the oldest confirmations. With the phone number to call.

use crate::content::date::Date;
use crate::content::freshness::{Freshness, freshness};
use crate::content::model::Site;
use crate::lang::{Lang, msg};
use crate::paths::slash;

#[derive(Debug, PartialEq, Eq)]
pub struct StaleEntry {
    pub id: String,
    pub name: String,
    pub state: Confirmation,
    pub phone: Option<String>,
    pub source: String,
}

/// Why an entry is on the list. Unconfirmed entries sort first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confirmation {
    /// Imported from open data describing that day; nobody has confirmed it.
    Never { as_of: Date },
    /// Confirmed on `verified`, `months` whole months ago.
    Long { verified: Date, months: i64 },
}

/// Entries not confirmed for at least `months` months, and imported entries never confirmed.
pub fn stale_entries(site: &Site, today: Date, months: i64) -> Vec<StaleEntry> {
    let mut list: Vec<StaleEntry> = site
        .entries
        .iter()
        .filter_map(|e| {
            let state = match (e.verified, &e.imported) {
                (Some(verified), _) => match freshness(verified, today, months) {
                    Freshness::Stale { months } => Confirmation::Long { verified, months },
                    Freshness::Future | Freshness::Current => return None,
                },
                (None, Some(data)) => Confirmation::Never { as_of: data.as_of },
                // check refuses an entry with neither; nothing to list.
                (None, None) => return None,
            };
            Some(StaleEntry {
                id: e.id.clone(),
                name: crate::text::strip_author_ruby(&e.name),
                state,
                phone: e.contact.phone.clone(),
                source: slash(&e.source),
            })
        })
        .collect();
    list.sort_by(|a, b| (a.state, &a.id).cmp(&(b.state, &b.id)));
    list
}

/// The report as text: one line per entry, then a count.
pub fn report(list: &[StaleEntry], months: i64, lang: Lang) -> String {
    let mut out = String::new();
    for s in list {
        let when = match s.state {
            Confirmation::Never { as_of } => msg(
                format!("未確認（公開データ {}時点）", as_of.japanese_month()),
                format!("never confirmed (open data as of {})", as_of.year_month()),
            ),
            Confirmation::Long { verified, months } => msg(
                format!("{verified}  {months}か月前"),
                format!("{verified}  {months} months ago"),
            ),
        };
        let no_phone = msg("（電話なし）", "(no phone)");
        out.push_str(&format!(
            "{}  {}  {}  {}\n",
            when.get(lang),
            s.name,
            s.phone.as_deref().unwrap_or(no_phone.get(lang)),
            s.source
        ));
    }
    let never = list
        .iter()
        .filter(|s| matches!(s.state, Confirmation::Never { .. }))
        .count();
    let total = msg(
        format!(
            "{months}か月以上 確かめていない項目: {}件（うち まだ一度も確かめていない項目: {never}件）\n",
            list.len()
        ),
        format!(
            "entries not confirmed for {months} months or more: {} (of which never confirmed: {never})\n",
            list.len()
        ),
    );
    out.push_str(total.get(lang));
    out
}
