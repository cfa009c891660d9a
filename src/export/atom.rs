//! `feed.xml`: an Atom feed (RFC 4287) of what changed in the guide — the entries most recently
//! confirmed or changed (their `verified` date) and the events most recently written (their
//! `updated` date). Every date comes from the content, never from the clock, so two builds of
//! the same content write the same feed.

use crate::content::date::Date;
use crate::enrich::Guide;
use crate::text::{escape, strip_author_ruby};

/// How many items the feed carries.
pub const LIMIT: usize = 50;

struct Item {
    date: Date,
    url: String,
    title: String,
    summary: String,
}

fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00+09:00")
}

pub fn feed(guide: &Guide) -> String {
    let config = &guide.site.config;
    let base = &config.base_url;
    let mut items: Vec<Item> = guide
        .site
        .entries
        .iter()
        .filter_map(|e| {
            // Dated by the confirmation, or for an imported entry nobody has confirmed yet, by
            // the month of the data it came from — and the feed says which.
            let (date, said) = match (e.verified, &e.imported) {
                (Some(day), _) => (day, format!("{} に情報を確かめました。", day.japanese())),
                (None, Some(data)) => (
                    data.as_of,
                    format!(
                        "公開データ（{}時点）から載せました。事業所への確認はまだです。",
                        data.as_of.japanese_month()
                    ),
                ),
                (None, None) => return None,
            };
            Some(Item {
                date,
                url: format!("{base}{}", crate::enrich::entry_url(&e.id)),
                title: format!("{}（{}）", strip_author_ruby(&e.name), e.kind().label()),
                summary: format!(
                    "{said}{}",
                    e.summary
                        .as_deref()
                        .map(strip_author_ruby)
                        .unwrap_or_default()
                ),
            })
        })
        .chain(guide.site.events.iter().map(|e| {
            Item {
                date: e.updated,
                url: format!("{base}{}", crate::enrich::event_url(&e.id)),
                title: format!(
                    "イベント: {}（{}）",
                    strip_author_ruby(&e.title),
                    crate::view::events::when(e)
                ),
                summary: e
                    .summary
                    .as_deref()
                    .map(strip_author_ruby)
                    .unwrap_or_default(),
            }
        }))
        .collect();
    // Newest first; the URL breaks ties so the order never depends on anything else.
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    items.truncate(LIMIT);
    let updated = items
        .iter()
        .map(|i| i.date)
        .max()
        .or(config.data_date)
        .unwrap_or(Date {
            year: 2000,
            month: 1,
            day: 1,
        });
    let title = strip_author_ruby(&config.title);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ja\">\n");
    out.push_str(&format!("  <id>{}</id>\n", escape(base)));
    out.push_str(&format!(
        "  <title>{}：新しい情報</title>\n",
        escape(&title)
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", timestamp(updated)));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&title)
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape(&format!("{base}feed.xml"))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" href=\"{}\"/>\n",
        escape(base)
    ));
    if let Some(license) = &config.license {
        out.push_str(&format!("  <rights>{}</rights>\n", escape(&license.name)));
    }
    for item in &items {
        out.push_str("  <entry>\n");
        // One id per page: a page confirmed again is the same item, updated.
        out.push_str(&format!("    <id>{}</id>\n", escape(&item.url)));
        out.push_str(&format!("    <title>{}</title>\n", escape(&item.title)));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            timestamp(item.date)
        ));
        out.push_str(&format!(
            "    <link rel=\"alternate\" href=\"{}\"/>\n",
            escape(&item.url)
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(&item.summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
