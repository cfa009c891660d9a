//! Structured data for search engines and portals: schema.org JSON-LD for every page of the plain
//! edition. Offices are `LocalBusiness`, ハローワーク and public centres `GovernmentOffice` and
//! `EmploymentAgency`, employers and groups `Organization`, each with a `Service` node per service
//! it offers; events are `Event`; every page but the home page has a `BreadcrumbList`, and the home
//! page names the `WebSite`.
//!
//! Only the plain edition carries it: the furigana twin is the same page, and two copies of the
//! same organisation would be counted twice.

use crate::content::model::{CenterType, Entry, EntryDetails};
use crate::content::model::{Event, clock};
use crate::enrich::Guide;
use crate::text::{Html, strip_author_ruby};
use serde::Serialize;
use serde_json::{Value, json};

mod entry_graph;

pub use entry_graph::entry;

pub(super) const CONTEXT: &str = "https://schema.org";

/// The `<script type="application/ld+json">` body: JSON with `<`, `>` and `&` escaped, so that
/// no provider text can close the element (`</script`) or open a comment.
pub fn script(value: &impl Serialize) -> Html {
    let text = crate::json::to_string(value).unwrap_or_else(|_| "{}".into());
    // JSON with `<`, `>` and `&` as escapes: nothing in it can end the script element.
    // Copied a run at a time between the three (ASCII) characters: character by character,
    // this was 1% of a national build's instructions.
    let mut safe = String::with_capacity(text.len() + 32);
    let mut run_start = 0;
    for at in memchr::memchr3_iter(b'<', b'>', b'&', text.as_bytes()) {
        safe.push_str(&text[run_start..at]);
        safe.push_str(match text.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        run_start = at + 1;
    }
    safe.push_str(&text[run_start..]);
    Html::from_trusted(safe)
}

pub(super) fn absolute(guide: &Guide, url: &str) -> String {
    format!("{}{url}", guide.site.config.base_url)
}

pub(super) fn plain(text: &str) -> String {
    strip_author_ruby(text)
}

/// The home page: the guide as a `WebSite`.
pub fn website(guide: &Guide) -> Value {
    let config = &guide.site.config;
    let mut site = json!({
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": plain(&config.title),
        "url": config.base_url,
        "inLanguage": "ja",
    });
    if !config.description.is_empty() {
        site["description"] = json!(plain(&config.description));
    }
    if let Some(license) = &config.license {
        site["license"] = json!(license.url.clone().unwrap_or_else(|| license.name.clone()));
    }
    site
}

/// A `BreadcrumbList`; its fields in the order `Value`'s sorted maps wrote them (see
/// `entry_graph`).
#[derive(Serialize)]
pub struct Breadcrumb {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem>,
}

#[derive(Serialize)]
struct ListItem {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: String,
    name: String,
    position: usize,
}

/// Home, then each (name, site-relative URL) of the trail; the last is the page itself.
pub fn breadcrumb(guide: &Guide, trail: &[(String, String)]) -> Breadcrumb {
    let home = ("ホーム".to_string(), String::new());
    let items = std::iter::once(&home)
        .chain(trail)
        .enumerate()
        .map(|(i, (name, url))| ListItem {
            kind: "ListItem",
            position: i + 1,
            name: plain(name),
            item: absolute(guide, url),
        })
        .collect();
    Breadcrumb {
        context: None,
        kind: "BreadcrumbList",
        items,
    }
}

/// A page with only a breadcrumb (listings, free pages, the glossary).
pub fn trail_only(guide: &Guide, trail: &[(String, String)]) -> Breadcrumb {
    Breadcrumb {
        context: Some(CONTEXT),
        ..breadcrumb(guide, trail)
    }
}

/// schema.org types of an entry.
pub fn entry_types(entry: &Entry) -> Vec<&'static str> {
    match &entry.details {
        EntryDetails::Office(_) => vec!["LocalBusiness"],
        EntryDetails::Center(c) => match c.center_type {
            CenterType::Hellowork | CenterType::VocationalCenter | CenterType::Municipal => {
                vec!["GovernmentOffice", "EmploymentAgency"]
            }
            CenterType::Nakapotsu | CenterType::YouthSupport => vec!["EmploymentAgency"],
            CenterType::TrainingSchool => vec!["EducationalOrganization"],
            _ => vec!["LocalBusiness"],
        },
        EntryDetails::Workplace(_) | EntryDetails::Community(_) => vec!["Organization"],
    }
}

/// Types that are places (have opening hours and amenities), not just organisations.
pub(super) fn is_place(types: &[&str]) -> bool {
    !types.contains(&"Organization")
}

/// `{"@context": …, "@graph": […]}` of a page whose nodes are several (an entry's, an event's).
#[derive(Serialize)]
pub struct Graph<N> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<N>,
}

impl<N> Graph<N> {
    pub(super) fn new(graph: Vec<N>) -> Self {
        Graph {
            context: CONTEXT,
            graph,
        }
    }
}

/// `2026-11-20T13:00:00+09:00`, or the date alone without a time.
fn date_time(date: crate::content::date::Date, time: Option<u16>) -> String {
    match time {
        Some(t) => format!("{date}T{}:00+09:00", clock(t)),
        None => date.to_string(),
    }
}

/// An event's page: the `Event` and the breadcrumb.
pub fn event(guide: &Guide, event: &Event) -> Graph<Value> {
    let url = absolute(guide, &crate::enrich::event_url(&event.id));
    let mut place = json!({ "@type": "Place", "name": plain(&event.place.name) });
    let address = crate::view::events::address(guide, event);
    if let Some(address) = &address {
        place["address"] = json!({
            "@type": "PostalAddress",
            "streetAddress": plain(address),
            "addressCountry": "JP",
        });
    }
    let geo = event.place.geo.or_else(|| {
        crate::view::events::entry(guide, event.place.entry.as_deref()).and_then(|e| e.geo)
    });
    if let Some(geo) = geo {
        place["geo"] =
            json!({ "@type": "GeoCoordinates", "latitude": geo.lat, "longitude": geo.lon });
    }
    let o = &event.organiser;
    let mut organizer = json!({ "@type": "Organization", "name": plain(&o.name) });
    if let Some(e) = crate::view::events::entry(guide, o.entry.as_deref()) {
        organizer["url"] = json!(absolute(guide, &crate::enrich::entry_url(&e.id)));
    } else if let Some(u) = &o.url {
        organizer["url"] = json!(u);
    }
    if let Some(phone) = &o.phone {
        organizer["telephone"] = json!(phone);
    }
    let last_day = event.end_date.unwrap_or(event.date);
    let mut node = json!({
        "@type": "Event",
        "name": plain(&event.title),
        "url": url,
        "startDate": date_time(event.date, event.start),
        "endDate": date_time(last_day, event.end),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": event.is_free(),
        "offers": {
            "@type": "Offer",
            "price": event.fee.yen,
            "priceCurrency": "JPY",
            "url": url,
        },
        "inLanguage": "ja",
    });
    node["location"] = place;
    node["organizer"] = organizer;
    if let Some(summary) = &event.summary {
        node["description"] = json!(plain(summary));
    }
    if let Some(c) = event.capacity {
        node["maximumAttendeeCapacity"] = json!(c);
    }
    let trail = [
        ("イベント".to_string(), "events/".to_string()),
        (event.title.clone(), crate::enrich::event_url(&event.id)),
    ];
    let crumb = serde_json::to_value(breadcrumb(guide, &trail)).unwrap_or(Value::Null);
    Graph::new(vec![node, crumb])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_close_the_element() {
        let value = json!({ "name": "</script><!-- & -->" });
        let text = script(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
