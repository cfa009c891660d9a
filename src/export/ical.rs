//! `events.ics`: every event as an iCalendar file (RFC 5545) that calendar apps can subscribe to,
//! with the time zone Asia/Tokyo given in full (`VTIMEZONE`), so that a phone set to another zone
//! still shows the right hour. The time stamp of each event (`DTSTAMP`) is its `updated` date:
//! nothing comes from the clock.

use crate::content::date::Date;
use crate::content::model::Event;
use crate::enrich::Guide;
use crate::text::strip_author_ruby;

const TZID: &str = "Asia/Tokyo";

pub fn calendar(guide: &Guide) -> String {
    let config = &guide.site.config;
    let title = strip_author_ruby(&config.title);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:-//shirube//{}//JA", text(&title)),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", text(&format!("{title}：イベント"))),
        format!("X-WR-TIMEZONE:{TZID}"),
        // Japan has kept +09:00 without daylight saving since 1951: one STANDARD rule says it all.
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{TZID}"),
        "BEGIN:STANDARD".to_string(),
        "DTSTART:19700101T000000".to_string(),
        "TZOFFSETFROM:+0900".to_string(),
        "TZOFFSETTO:+0900".to_string(),
        "TZNAME:JST".to_string(),
        "END:STANDARD".to_string(),
        "END:VTIMEZONE".to_string(),
    ];
    for event in &guide.site.events {
        lines.extend(vevent(guide, event));
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest)
}

fn compact(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year, date.month, date.day)
}

fn local(date: Date, minutes: u16) -> String {
    format!("{}T{:02}{:02}00", compact(date), minutes / 60, minutes % 60)
}

fn vevent(guide: &Guide, event: &Event) -> Vec<String> {
    let base = &guide.site.config.base_url;
    let url = format!("{base}{}", crate::enrich::event_url(&event.id));
    let days = event.last_day().days_since_epoch() - event.date.days_since_epoch() + 1;
    // 00:00 in Tokyo on the `updated` day, in UTC as DTSTAMP must be: 15:00 the day before.
    let stamp = Date::from_days_since_epoch(event.updated.days_since_epoch() - 1);
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@{}", event.id, host(base)),
        format!("DTSTAMP:{}T150000Z", compact(stamp)),
    ];
    match event.start {
        Some(start) => {
            lines.push(format!("DTSTART;TZID={TZID}:{}", local(event.date, start)));
            if let Some(end) = event.end {
                lines.push(format!("DTEND;TZID={TZID}:{}", local(event.date, end)));
            }
            // The same hours on each day of an event over several days.
            if days > 1 {
                lines.push(format!("RRULE:FREQ=DAILY;COUNT={days}"));
            }
        }
        None => {
            let after = Date::from_days_since_epoch(event.last_day().days_since_epoch() + 1);
            lines.push(format!("DTSTART;VALUE=DATE:{}", compact(event.date)));
            lines.push(format!("DTEND;VALUE=DATE:{}", compact(after)));
        }
    }
    lines.push(format!(
        "SUMMARY:{}",
        text(&strip_author_ruby(&event.title))
    ));
    let mut location = strip_author_ruby(&event.place.name);
    if let Some(address) = crate::view::events::address(guide, event) {
        location.push_str(&format!("（{}）", strip_author_ruby(&address)));
    }
    lines.push(format!("LOCATION:{}", text(&location)));
    if let Some(geo) = event.place.geo.or_else(|| {
        crate::view::events::entry(guide, event.place.entry.as_deref()).and_then(|e| e.geo)
    }) {
        lines.push(format!("GEO:{};{}", geo.lat, geo.lon));
    }
    lines.push(format!("DESCRIPTION:{}", text(&description(event, &url))));
    lines.push(format!("CATEGORIES:{}", text(event.event_type.label())));
    if let Some(email) = &event.organiser.email {
        lines.push(format!(
            "ORGANIZER;CN=\"{}\":mailto:{email}",
            strip_author_ruby(&event.organiser.name).replace('"', "'")
        ));
    }
    lines.push(format!("URL:{url}"));
    lines.push("END:VEVENT".to_string());
    lines
}

fn description(event: &Event, url: &str) -> String {
    let mut parts = Vec::new();
    if let Some(summary) = &event.summary {
        parts.push(strip_author_ruby(summary));
    }
    parts.push(format!(
        "主催: {}",
        strip_author_ruby(&event.organiser.name)
    ));
    let mut fee = match event.fee.yen {
        0 => "無料".to_string(),
        yen => crate::view::entries::yen(yen),
    };
    if let Some(notes) = &event.fee.notes {
        fee.push_str(&format!("（{}）", strip_author_ruby(notes)));
    }
    parts.push(format!("参加費: {fee}"));
    parts.push(format!(
        "参加のしかた: {}",
        strip_author_ruby(&event.how_to_join)
    ));
    let access: Vec<&str> = event.accessibility.iter().map(|a| a.label()).collect();
    if !access.is_empty() || event.accessibility_notes.is_some() {
        let mut line = access.join("、");
        if let Some(notes) = &event.accessibility_notes {
            if !line.is_empty() {
                line.push('。');
            }
            line.push_str(&strip_author_ruby(notes));
        }
        parts.push(format!("バリアフリー: {line}"));
    }
    parts.push(url.to_string());
    parts.join("\n")
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line, folded so that no line is longer than 75 octets (RFC 5545 3.1), never inside
/// a character, each line ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_between_characters() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "あ".repeat(40)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "あ".repeat(40)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
