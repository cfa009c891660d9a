//! Views of events: cards for the home page and the listings, and an event's own page. When,
//! where and what it costs are worked out here in plain Japanese, once.

use crate::content::date::Date;
use crate::content::model::Entry;
use crate::content::model::{Event, clock};
use crate::enrich::Guide;
use crate::text::Html;
use crate::view::entries::{Fact, Phone, yen};
use crate::view::style::TextStyle;
use serde::Serialize;

/// How many upcoming events the home page shows.
pub const HOME_LIMIT: usize = 3;

#[derive(Debug, Serialize)]
pub struct EventCard {
    pub id: String,
    pub url: String,
    pub title: Html,
    pub title_plain: String,
    pub kana: String,
    pub type_id: &'static str,
    pub type_label: &'static str,
    /// `2026年11月20日（金） 13:00〜16:00`
    pub when: String,
    /// `2026-11-20`, for `<time datetime>`.
    pub date: String,
    pub place: Html,
    pub fee: Html,
    pub summary: Option<Html>,
    pub upcoming: bool,
}

#[derive(Debug, Serialize)]
pub struct EventPage {
    pub card: EventCard,
    pub facts: Vec<Fact>,
    pub how_to_join: Html,
    pub accessibility: Vec<&'static str>,
    pub accessibility_notes: Option<Html>,
    pub phone: Option<Phone>,
    pub easy: Option<Html>,
    pub body: Html,
    pub updated: String,
    pub source: String,
}

/// The date and time in words: one day, or from the first to the last day.
pub fn when(event: &Event) -> String {
    let mut text = event.date.japanese_with_weekday();
    if let Some(last) = event.end_date.filter(|d| *d != event.date) {
        let last_text = last.japanese_with_weekday();
        // 2026年12月3日（木）〜12月5日（土）: the year once when it does not change.
        let tail = match last.year == event.date.year {
            true => last_text
                .split_once('年')
                .map_or(last_text.clone(), |(_, rest)| rest.to_string()),
            false => last_text,
        };
        text.push('〜');
        text.push_str(&tail);
    }
    match (event.start, event.end) {
        (Some(start), Some(end)) => text.push_str(&format!(" {}〜{}", clock(start), clock(end))),
        (Some(start), None) => text.push_str(&format!(" {}から", clock(start))),
        _ => {}
    }
    text
}

pub fn fee_text(event: &Event, tx: &dyn TextStyle) -> Html {
    let mut text = match event.fee.yen {
        0 => Html::markup("無料"),
        amount => Html::escape(&yen(amount)),
    };
    if let Some(notes) = &event.fee.notes {
        text.push_markup("（");
        text.push(&tx.html(notes));
        text.push_markup("）");
    }
    text
}

/// The entry an event names as its place or organiser.
pub fn entry<'g>(guide: &'g Guide, id: Option<&str>) -> Option<&'g Entry> {
    let id = id?;
    guide.site.entries.iter().find(|e| e.id == id)
}

/// The place's address: as written, else the entry's.
pub fn address(guide: &Guide, event: &Event) -> Option<String> {
    event
        .place
        .address
        .clone()
        .or_else(|| entry(guide, event.place.entry.as_deref()).map(|e| e.address.one_line()))
}

pub fn card(event: &Event, root: &str, today: Date, tx: &dyn TextStyle) -> EventCard {
    EventCard {
        id: event.id.clone(),
        url: format!("{root}{}", crate::enrich::event_url(&event.id)),
        title: tx.html(&event.title),
        title_plain: tx.plain(&event.title),
        kana: event.kana.clone(),
        type_id: event.event_type.id(),
        type_label: event.event_type.label(),
        when: when(event),
        date: event.date.to_string(),
        place: tx.html(&event.place.name),
        fee: fee_text(event, tx),
        summary: event.summary.as_deref().map(|s| tx.html(s)),
        upcoming: event.is_upcoming(today),
    }
}

/// Upcoming events, soonest first.
pub fn upcoming(guide: &Guide, today: Date) -> impl Iterator<Item = &Event> {
    guide
        .site
        .events
        .iter()
        .filter(move |e| e.is_upcoming(today))
}

/// Past events, latest first.
pub fn past(guide: &Guide, today: Date) -> Vec<&Event> {
    let mut list: Vec<&Event> = guide
        .site
        .events
        .iter()
        .filter(|e| !e.is_upcoming(today))
        .collect();
    list.reverse();
    list
}

/// A link to an entry's page, or the name alone.
fn name_with_link(
    guide: &Guide,
    name: &str,
    id: Option<&str>,
    root: &str,
    tx: &dyn TextStyle,
) -> Html {
    match entry(guide, id) {
        Some(e) => {
            let mut link = Html::markup("<a href=\"");
            link.push_text(&format!("{root}{}", crate::enrich::entry_url(&e.id)));
            link.push_markup("\">");
            link.push(&tx.html(name));
            link.push_markup("</a>");
            link
        }
        None => tx.html(name),
    }
}

pub fn page(
    guide: &Guide,
    event: &Event,
    root: &str,
    today: Date,
    body_html: Html,
    tx: &dyn TextStyle,
) -> EventPage {
    let mut facts = vec![
        Fact {
            label: "日時",
            value: Html::escape(&when(event)),
        },
        Fact {
            label: "場所",
            value: name_with_link(
                guide,
                &event.place.name,
                event.place.entry.as_deref(),
                root,
                tx,
            ),
        },
    ];
    if let Some(address) = address(guide, event) {
        facts.push(Fact {
            label: "住所",
            value: tx.html(&address),
        });
    }
    let organiser = &event.organiser;
    facts.push(Fact {
        label: "主催",
        value: name_with_link(guide, &organiser.name, organiser.entry.as_deref(), root, tx),
    });
    facts.push(Fact {
        label: "参加費",
        value: fee_text(event, tx),
    });
    if let Some(c) = event.capacity {
        facts.push(Fact {
            label: "定員",
            value: Html::escape(&format!("{c}人")),
        });
    }
    let organiser_entry = entry(guide, organiser.entry.as_deref());
    let phone = organiser
        .phone
        .as_deref()
        .or_else(|| organiser_entry.and_then(|e| e.contact.phone.as_deref()))
        .map(Phone::new);
    if let Some(email) = &organiser.email {
        facts.push(Fact {
            label: "メール",
            value: link(&format!("mailto:{email}"), email),
        });
    }
    if let Some(url) = &organiser.url {
        facts.push(Fact {
            label: "くわしくは",
            value: link(url, url),
        });
    }
    EventPage {
        card: card(event, root, today, tx),
        facts,
        how_to_join: tx.html(&event.how_to_join),
        accessibility: event.accessibility.iter().map(|a| a.label()).collect(),
        accessibility_notes: event.accessibility_notes.as_deref().map(|s| tx.html(s)),
        phone,
        easy: event.easy.as_deref().map(|s| tx.html(s)),
        body: body_html,
        updated: event.updated.japanese(),
        source: crate::paths::slash(&event.source),
    }
}

/// `<a href="href">text</a>`, both escaped.
fn link(href: &str, text: &str) -> Html {
    let mut a = Html::markup("<a href=\"");
    a.push_text(href);
    a.push_markup("\">");
    a.push_text(text);
    a.push_markup("</a>");
    a
}
