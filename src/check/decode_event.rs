//! An event's front matter (content/events/*.md) into the typed model: dates and times that
//! exist and come in order, a place and an organiser that can be found, how to join and the fee.

use crate::check::fields::{Decoder, Field};
use crate::check::formats;
use crate::check::spec;
use crate::content::date::Date;
use crate::content::load::RawDoc;
use crate::content::model::{Accessibility, Geo};
use crate::content::model::{Event, EventPlace, EventType, Fee, Organiser, clock};
use crate::diagnostics::{Format, Problem};
use std::collections::BTreeSet;

pub(super) const EVENT_FIELDS: &[&str] = &[
    "id",
    "title",
    "kana",
    "type",
    "summary",
    "date",
    "end_date",
    "start",
    "end",
    "place",
    "organiser",
    "accessibility",
    "accessibility_notes",
    "how_to_join",
    "fee",
    "capacity",
    "easy",
    "updated",
];

/// What an event is checked against beyond its own file.
pub struct EventContext<'a> {
    /// The ids of the entries that decoded, for `place.entry` and `organiser.entry`.
    pub entry_ids: &'a BTreeSet<String>,
    pub today: Date,
}

pub fn event(d: &mut Decoder, doc: &RawDoc, cx: &EventContext) -> Option<Event> {
    let mut f = d.fields(&doc.front, "")?;
    let id = match f.get("id") {
        Some(x) => d.formatted(&x, Format::Id),
        None if formats::is_id(&doc.stem) => Some(doc.stem.clone()),
        None => {
            d.error(
                f.pos(),
                "id",
                Problem::BadFormat {
                    format: Format::Id,
                    value: doc.stem.clone(),
                },
            );
            None
        }
    };
    let title_pos = f.get("title").map(|x| x.node.pos);
    let title = d.required_text(&mut f, "title");
    let kana = match f.get("kana") {
        Some(x) => d.reading(&x),
        None => {
            if title.as_deref().is_some_and(formats::needs_reading) {
                let pos = f.key_pos("kana").or(title_pos).unwrap_or(f.pos());
                d.error(pos, "kana", Problem::KanaRequired);
            }
            None
        }
    };
    let event_type = d.required(&mut f, "type", |d, x| d.choice::<EventType>(x));
    let summary = d.optional_text(&mut f, "summary");
    let date = d.required(&mut f, "date", |d, x| d.date(x));
    let end_date = d.optional(&mut f, "end_date", |d, x| {
        let end = d.date(x)?;
        match date {
            Some(start) if end < start => {
                d.error(
                    x.node.pos,
                    &x.path,
                    Problem::EndsBeforeStart {
                        start: start.to_string(),
                        end: end.to_string(),
                    },
                );
                None
            }
            _ => Some(end),
        }
    });
    let start = d.optional(&mut f, "start", time);
    let end_pos = f.key_pos("end");
    let end = d.optional(&mut f, "end", |d, x| {
        let end = time(d, x)?;
        // Over several days, each day may end before the first one started.
        let same_day = end_date.is_none_or(|e| Some(e) == date);
        match start {
            Some(start) if same_day && end <= start => {
                d.error(
                    x.node.pos,
                    &x.path,
                    Problem::EndsBeforeStart {
                        start: clock(start),
                        end: clock(end),
                    },
                );
                None
            }
            _ => Some(end),
        }
    });
    if end.is_some() && start.is_none() && !f.has("start") {
        d.error(end_pos.unwrap_or(f.pos()), "end", Problem::EndWithoutStart);
    }
    let place = d.required(&mut f, "place", |d, x| place(d, x, cx));
    let organiser = d.required(&mut f, "organiser", |d, x| organiser(d, x, cx));
    let accessibility = d.choices::<Accessibility>(&mut f, "accessibility");
    let accessibility_notes = d.optional_text(&mut f, "accessibility_notes");
    let how_to_join = d.required_text(&mut f, "how_to_join");
    let fee = d.required(&mut f, "fee", fee);
    let capacity = d.optional(&mut f, "capacity", |d, x| d.range(x, spec::EVENT_CAPACITY));
    let easy = d.optional_text(&mut f, "easy");
    let updated = d.required(&mut f, "updated", |d, x| {
        let date = d.date(x)?;
        if date > cx.today {
            d.warning(
                x.node.pos,
                &x.path,
                Problem::FutureDate {
                    value: date.to_string(),
                },
            );
        }
        Some(date)
    });
    d.finish(f, EVENT_FIELDS);

    Some(Event {
        id: id?,
        source: doc.path.clone(),
        kana: kana.unwrap_or_else(|| title.clone().unwrap_or_default()),
        title: title?,
        event_type: event_type?,
        summary,
        date: date?,
        end_date,
        start,
        end,
        place: place?,
        organiser: organiser?,
        accessibility,
        accessibility_notes,
        how_to_join: how_to_join?,
        fee: fee?,
        capacity: capacity.map(|c| c as u32),
        easy,
        updated: updated?,
        body: doc.body.clone(),
        body_line: doc.body_line,
    })
}

fn time(d: &mut Decoder, x: &Field) -> Option<u16> {
    let text = d.formatted(x, Format::Time)?;
    formats::parse_time(&text)
}

/// An id of an entry of the guide.
fn entry_ref(d: &mut Decoder, x: &Field, cx: &EventContext) -> Option<String> {
    let id = d.text(x)?;
    if cx.entry_ids.contains(&id) {
        Some(id)
    } else {
        d.error(x.node.pos, &x.path, Problem::UnknownEntry { id });
        None
    }
}

fn place(d: &mut Decoder, x: &Field, cx: &EventContext) -> Option<EventPlace> {
    let mut f = d.fields(x.node, &x.path)?;
    let name = d.required_text(&mut f, "name");
    let entry = d.optional(&mut f, "entry", |d, x| entry_ref(d, x, cx));
    let has_entry = f.has("entry");
    let address = if has_entry {
        d.optional_text(&mut f, "address")
    } else {
        // Without an entry to take it from, the address is what people need to get there.
        d.required_text(&mut f, "address")
    };
    let geo = d.optional(&mut f, "geo", |d, x| {
        let mut g = d.fields(x.node, &x.path)?;
        let lat = d.required(&mut g, "lat", |d, x| {
            d.number(x, spec::LATITUDE.0, spec::LATITUDE.1)
        });
        let lon = d.required(&mut g, "lon", |d, x| {
            d.number(x, spec::LONGITUDE.0, spec::LONGITUDE.1)
        });
        d.finish(g, &["lat", "lon"]);
        Some(Geo {
            lat: lat?,
            lon: lon?,
        })
    });
    d.finish(f, &["name", "address", "entry", "geo"]);
    Some(EventPlace {
        name: name?,
        address,
        entry,
        geo,
    })
}

fn organiser(d: &mut Decoder, x: &Field, cx: &EventContext) -> Option<Organiser> {
    let mut f = d.fields(x.node, &x.path)?;
    let name = d.required_text(&mut f, "name");
    let entry = d.optional(&mut f, "entry", |d, x| entry_ref(d, x, cx));
    let phone = d.optional(&mut f, "phone", |d, x| d.formatted(x, Format::Phone));
    let email = d.optional(&mut f, "email", |d, x| d.formatted(x, Format::Email));
    let url = d.optional(&mut f, "url", |d, x| d.formatted(x, Format::Url));
    // Someone must be reachable with questions: directly, or through the organiser's entry.
    if !f.has("phone") && !f.has("email") && !f.has("entry") {
        d.error(f.pos(), &x.path, Problem::OrganiserContactRequired);
    }
    d.finish(f, &["name", "entry", "phone", "email", "url"]);
    Some(Organiser {
        name: name?,
        entry,
        phone,
        email,
        url,
    })
}

fn fee(d: &mut Decoder, x: &Field) -> Option<Fee> {
    let mut f = d.fields(x.node, &x.path)?;
    let yen = d.required(&mut f, "yen", |d, x| d.range(x, spec::FEE_YEN));
    let notes = d.optional_text(&mut f, "notes");
    d.finish(f, &["yen", "notes"]);
    Some(Fee {
        yen: yen? as u32,
        notes,
    })
}
