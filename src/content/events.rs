//! Events: forums, markets (マルシェ), job fairs (面接会) and training, one Markdown file each under
//! `content/events/`. Like entries, every fact a family needs to decide whether to go — when,
//! where, who runs it, how to join, what it costs, what access there is — is a typed field.

use crate::content::date::Date;
use crate::content::model::{Accessibility, Geo};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: String,
    /// Path relative to the site root, for messages.
    pub source: PathBuf,
    pub title: String,
    /// Reading of the title, hiragana (the title itself when it needs none).
    pub kana: String,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub summary: Option<String>,
    /// The (first) day.
    pub date: Date,
    /// The last day, for an event over several days.
    pub end_date: Option<Date>,
    /// Minutes after midnight; `None` for an event without a set time.
    pub start: Option<u16>,
    pub end: Option<u16>,
    pub place: EventPlace,
    pub organiser: Organiser,
    pub accessibility: Vec<Accessibility>,
    pub accessibility_notes: Option<String>,
    /// How to take part: whether to apply first, by when, how.
    pub how_to_join: String,
    pub fee: Fee,
    pub capacity: Option<u32>,
    pub easy: Option<String>,
    /// When the organiser last wrote or confirmed this information: the date of the feed item
    /// and the calendar's time stamp, so that no output depends on the day of the build.
    pub updated: Date,
    /// The Markdown body, as written.
    pub body: String,
    pub body_line: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventPlace {
    pub name: String,
    /// The address on one line; taken from `entry` when that is given and this is not.
    pub address: Option<String>,
    /// The id of an entry of the guide that is the place.
    pub entry: Option<String>,
    pub geo: Option<Geo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organiser {
    pub name: String,
    /// The id of an entry of the guide that organises it.
    pub entry: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// What taking part costs: `yen: 0` is free.
#[derive(Debug, Clone, Serialize)]
pub struct Fee {
    pub yen: u32,
    pub notes: Option<String>,
}

macro_rules! event_types {
    ($($variant:ident = $id:literal, $label:literal;)+) => {
        /// The kinds of event a guide lists.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum EventType { $($variant),+ }

        impl EventType {
            pub const ALL: &'static [EventType] = &[$(EventType::$variant),+];
            pub fn id(self) -> &'static str {
                match self { $(EventType::$variant => $id),+ }
            }
            pub fn label(self) -> &'static str {
                match self { $(EventType::$variant => $label),+ }
            }
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some(EventType::$variant),)+ _ => None }
            }
            pub fn ids() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.id()).collect()
            }
        }
    };
}

event_types!(
    Forum = "forum", "フォーラム・講演会";
    Market = "market", "マルシェ・販売会";
    JobFair = "job-fair", "就職面接会";
    Training = "training", "研修・セミナー";
    Other = "other", "そのほかの催し";
);

impl Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl Event {
    /// The last day of the event.
    pub fn last_day(&self) -> Date {
        self.end_date.unwrap_or(self.date)
    }

    /// Upcoming (or under way) on `today`; past events are archived.
    pub fn is_upcoming(&self, today: Date) -> bool {
        self.last_day() >= today
    }

    /// Free to take part.
    pub fn is_free(&self) -> bool {
        self.fee.yen == 0
    }
}

/// `13:30` from minutes after midnight.
pub fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}
