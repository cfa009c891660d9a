//! The typed model of a guide: what `check` builds from the provider files and every later stage
//! reads. Every fact a family compares is a typed field here, never prose.
//!
//! Why this file is long: it is the whole content model in one place — site, entries, events and
//! the closed sets of ids with their labels — so that the fields a provider can write are read in
//! one file, beside `docs/content-format.md`.

use crate::content::date::Date;
use crate::hashing::FastMap;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub config: SiteConfig,
    pub entries: Vec<Entry>,
    pub pages: Vec<Page>,
    pub glossary: Vec<Term>,
    pub readings: Vec<ReadingRule>,
    /// Forums, markets, job fairs and training (content/events/).
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub title_kana: String,
    pub region: String,
    pub region_kana: String,
    pub base_url: String,
    pub description: String,
    pub areas: Areas,
    pub furigana: FuriganaSetting,
    pub print: PrintSetting,
    pub data_date: Option<Date>,
    /// The licence of the guide's text and open data (site.yaml `license`).
    pub license: Option<License>,
    /// 全国地方公共団体コード of the council that publishes the guide (6 digits), for the
    /// 自治体標準オープンデータセット columns.
    pub lg_code: Option<String>,
}

/// The licence the guide's text and open data are published under.
#[derive(Debug, Clone, Serialize)]
pub struct License {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub kana: String,
    /// What the area belongs to (`青森県` for `青森市`): a guide whose areas fall into two or
    /// more groups lists them group by group, not a thousand in one list.
    pub group: Option<String>,
}

/// The areas of site.yaml in their order, found by id without a search: a national guide has a
/// thousand, and every card and search document names its entry's area.
#[derive(Debug, Clone, Default)]
pub struct Areas {
    list: Vec<Area>,
    by_id: FastMap<String, usize>,
}

impl Areas {
    pub fn get(&self, id: &str) -> Option<&Area> {
        self.by_id.get(id).map(|&i| &self.list[i])
    }

    pub fn as_slice(&self) -> &[Area] {
        &self.list
    }
}

impl From<Vec<Area>> for Areas {
    fn from(list: Vec<Area>) -> Areas {
        let mut by_id = FastMap::with_capacity_and_hasher(list.len(), Default::default());
        for (i, area) in list.iter().enumerate() {
            // The first of a repeated id, as a search in order would find (check reports it).
            by_id.entry(area.id.clone()).or_insert(i);
        }
        Areas { list, by_id }
    }
}

impl std::ops::Deref for Areas {
    type Target = [Area];
    fn deref(&self) -> &[Area] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Areas {
    type Item = &'a Area;
    type IntoIter = std::slice::Iter<'a, Area>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl Serialize for Areas {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(serializer)
    }
}

/// Which kanji get furigana on the furigana edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FuriganaSetting {
    /// Every kanji.
    All,
    /// Kanji not taught up to and including this school grade (1–6).
    AboveGrade(u8),
}

#[derive(Debug, Clone, Serialize)]
pub struct PrintSetting {
    pub paper: Paper,
    pub layout: PrintLayout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Paper {
    A4,
    B5,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrintLayout {
    Full,
    Compact,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: String,
    /// Path relative to the site root, for messages and "edit this page" links.
    pub source: PathBuf,
    pub name: String,
    pub kana: String,
    pub summary: Option<String>,
    pub operator: Option<Operator>,
    pub office_number: Option<String>,
    pub area: String,
    pub address: Address,
    pub geo: Option<Geo>,
    pub access: Option<String>,
    pub contact: Contact,
    pub hours: Option<Hours>,
    pub accepts: Vec<Disability>,
    pub accessibility: Vec<Accessibility>,
    pub photos: Vec<Photo>,
    pub easy: Option<String>,
    /// The day a person confirmed these facts with the provider; `None` for an imported entry
    /// nobody has confirmed yet.
    pub verified: Option<Date>,
    /// Where the facts came from when the entry was imported from open data.
    pub imported: Option<Imported>,
    pub details: EntryDetails,
    /// The Markdown body, as written.
    pub body: String,
    /// Line in the source file where the body starts (for diagnostics in the body).
    pub body_line: u32,
}

/// The slug of the page that tells families whom to ask first: the home page and the printed
/// guide point to it, and check warns when a site has none.
pub const WHERE_TO_ASK: &str = "where-to-ask";

/// An entry made from open data: which data, and the date the data describes. Until a provider
/// confirms the entry (`verified`), the guide says so instead of claiming a confirmation.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub from: DataSource,
    pub as_of: Date,
    /// What the importer wrote of the fields the data owns, hashed: a re-import compares it with
    /// the file to tell whether a person has edited those fields since.
    pub digest: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EntryDetails {
    Office(Office),
    Workplace(Workplace),
    Center(Center),
    Community(Community),
}

impl EntryDetails {
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryDetails::Office(_) => EntryKind::Office,
            EntryDetails::Workplace(_) => EntryKind::Workplace,
            EntryDetails::Center(_) => EntryKind::Center,
            EntryDetails::Community(_) => EntryKind::Community,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Operator {
    pub name: String,
    pub kana: Option<String>,
    pub corporate_number: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Address {
    pub postal_code: Option<String>,
    pub city: String,
    pub street: String,
    pub building: Option<String>,
}

impl Address {
    /// The address on one line, as it is written on an envelope: city, street, building.
    pub fn one_line(&self) -> String {
        match &self.building {
            Some(b) => format!("{}{} {b}", self.city, self.street),
            None => format!("{}{}", self.city, self.street),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// Opening hours; `None` for a day means closed that day.
#[derive(Debug, Clone, Serialize)]
pub struct Hours {
    pub weekdays: Option<TimeRange>,
    pub saturday: Option<TimeRange>,
    pub sunday: Option<TimeRange>,
    pub holidays: Option<TimeRange>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeRange {
    /// Minutes after midnight.
    pub open: u16,
    pub close: u16,
}

impl std::fmt::Display for TimeRange {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{}:{:02}〜{}:{:02}",
            self.open / 60,
            self.open % 60,
            self.close / 60,
            self.close % 60
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Photo {
    /// As written: a path under content/media.
    pub src: String,
    /// What the photo shows, for people who cannot see it; `None` for a photo the entry marks
    /// `decorative: true` (shown with an empty alt, which screen readers skip).
    pub alt: Option<String>,
    /// The original, resolved inside the site folder. Not in the open data: a path on the
    /// machine that built the site (`src` says where the photo is in the site).
    #[serde(skip)]
    pub file: std::path::PathBuf,
    /// Content and settings (`assets::cache::Cache::key`): names the published files.
    pub key: String,
    /// As shown, upright (EXIF orientation applied).
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Office {
    pub services: Vec<Service>,
    pub transport: Option<Transport>,
    pub lunch: Option<Lunch>,
    pub visits: Option<String>,
    /// 駐車場: spaces, cost, where.
    pub parking: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Service {
    #[serde(rename = "type")]
    pub kind: ServiceType,
    pub capacity: Option<u32>,
    pub wage: Option<Wage>,
    pub placements: Option<Placements>,
    pub work: Vec<String>,
    pub hours_per_day: Option<String>,
    pub styles: Vec<AssessmentStyle>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Wage {
    pub monthly_average: u32,
    pub fiscal_year: u16,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Placements {
    pub count: u32,
    pub fiscal_year: u16,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transport {
    pub available: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Lunch {
    pub available: bool,
    pub cost_yen: Option<u32>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Workplace {
    pub industry: Option<String>,
    pub employment: Option<EmploymentType>,
    pub jobs: Vec<String>,
    pub accommodations: Vec<String>,
    pub internships: Option<String>,
    pub voices: Vec<Voice>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Voice {
    pub who: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Center {
    pub center_type: CenterType,
    pub offers: Vec<String>,
    pub fee: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Community {
    pub community_type: CommunityType,
    pub schedule: Option<String>,
    pub fee: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub source: PathBuf,
    pub title: String,
    pub title_kana: Option<String>,
    pub order: i64,
    pub summary: Option<String>,
    pub body: String,
    pub body_line: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub kana: String,
    pub definition: String,
    pub easy: Option<String>,
    pub see: Vec<String>,
    /// Shorter names the term goes by in running text (B型 for 就労継続支援B型), linked to it
    /// where they appear.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadingRule {
    pub word: String,
    pub kana: String,
}

/// Declares a closed set of values written in YAML as kebab-case ids, each with its Japanese label.
/// One table per enum keeps the id, the label and the list of allowed values in one place, so
/// the checker's "使えるもの: …" list can never drift from the model.
/// A closed set of values written as ids: what `check` needs to read one forgivingly (the id, the
/// Japanese label, or another name people use for it).
pub trait Choice: Copy + Sized + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    fn label(self) -> &'static str;
    /// Other names people write for it (ナカポツ, サポステ), beside its label.
    fn also_called(self) -> &'static [&'static str];
}

macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident {
        $($variant:ident = $id:literal, $label:literal $(, aka [$($aka:literal),+])?;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        /// Written as its id (`b-type`), the way providers write it.
        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            pub fn from_id(id: &str) -> Option<Self> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }
            pub fn ids() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.id()).collect()
            }
            /// Every value as `(id, label)`: the schema's and the form's choices.
            pub fn choices() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.id(), v.label())).collect()
            }
        }

        impl Choice for $name {
            const ALL: &'static [$name] = $name::ALL;
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
            fn also_called(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($aka),+)?]),+ }
            }
        }
    };
}

id_enum!(
    /// The welfare services for work; one office may offer several (多機能型).
    ServiceType {
        Transition = "transition", "就労移行支援";
        AType = "a-type", "就労継続支援A型";
        BType = "b-type", "就労継続支援B型";
        Retention = "retention", "就労定着支援";
        Selection = "selection", "就労選択支援";
    }
);

impl ServiceType {
    /// The short name families use.
    pub fn short_label(self) -> &'static str {
        match self {
            ServiceType::Transition => "就労移行",
            ServiceType::AType => "A型",
            ServiceType::BType => "B型",
            ServiceType::Retention => "定着支援",
            ServiceType::Selection => "就労選択",
        }
    }
    /// What the yearly wage figure is called for this service, if it has one.
    pub fn wage_label(self) -> Option<&'static str> {
        match self {
            ServiceType::AType => Some("平均賃金月額"),
            ServiceType::BType => Some("平均工賃月額"),
            _ => None,
        }
    }
}

id_enum!(
    /// Open data an entry can be imported from.
    DataSource {
        Wam = "wam", "障害福祉サービス等情報公表システム（WAM NET）";
    }
);

impl Entry {
    /// Confirmed with the provider, or only imported from open data.
    pub fn confirmed(&self) -> bool {
        self.verified.is_some()
    }
}

id_enum!(
    EntryKind {
        Office = "office", "事業所";
        Workplace = "workplace", "企業・職場";
        Center = "center", "相談・支援機関";
        Community = "community", "地域の集まり";
    }
);

id_enum!(
    CenterType {
        Nakapotsu = "nakapotsu", "障害者就業・生活支援センター", aka ["ナカポツ", "就ポツ", "なかぽつ"];
        Municipal = "municipal", "区市町村障害者就労支援センター", aka ["就労支援センター"];
        Hellowork = "hellowork", "ハローワーク", aka ["公共職業安定所", "職安"];
        VocationalCenter = "vocational-center", "地域障害者職業センター";
        TrainingSchool = "training-school", "障害者職業能力開発校";
        Consultation = "consultation", "相談支援事業所";
        Developmental = "developmental", "発達障害者支援センター";
        YouthSupport = "youth-support", "地域若者サポートステーション", aka ["サポステ"];
        Other = "other", "そのほかの相談先";
    }
);

id_enum!(
    CommunityType {
        SelfAdvocacy = "self-advocacy", "当事者会";
        Family = "family", "家族会";
        PeerSupport = "peer-support", "ピアサポート";
        Volunteer = "volunteer", "ボランティアグループ";
        DayPlace = "day-place", "居場所";
        Other = "other", "そのほかの集まり";
    }
);

id_enum!(
    EmploymentType {
        SpecialSubsidiary = "special-subsidiary", "特例子会社";
        General = "general", "一般企業";
        Public = "public", "官公庁";
    }
);

id_enum!(
    Disability {
        Physical = "physical", "身体障害";
        Intellectual = "intellectual", "知的障害";
        Mental = "mental", "精神障害";
        Developmental = "developmental", "発達障害";
        Intractable = "intractable", "難病";
    }
);

id_enum!(
    Accessibility {
        Wheelchair = "wheelchair", "車いすで入れる", aka ["車椅子", "車イス"];
        AccessibleToilet = "accessible-toilet", "多目的トイレ", aka ["だれでもトイレ", "みんなのトイレ", "車いす用トイレ"];
        Elevator = "elevator", "エレベーター";
        AccessibleParking = "accessible-parking", "障害者用駐車場";
        SignLanguage = "sign-language", "手話で話せる職員";
        Braille = "braille", "点字の案内";
        QuietRoom = "quiet-room", "静かな休憩室";
    }
);

id_enum!(
    AssessmentStyle {
        AtOffice = "at-office", "事業所で";
        SchoolVisit = "school-visit", "学校に出向いて";
        WorkplaceVisit = "workplace-visit", "職場に出向いて";
    }
);

impl Entry {
    pub fn kind(&self) -> EntryKind {
        self.details.kind()
    }

    pub fn services(&self) -> &[Service] {
        match &self.details {
            EntryDetails::Office(o) => &o.services,
            _ => &[],
        }
    }

    pub fn offers(&self, service: ServiceType) -> bool {
        self.services().iter().any(|s| s.kind == service)
    }

    /// Open on Saturday: a family filter, derived from the hours.
    pub fn open_saturday(&self) -> bool {
        self.hours.as_ref().is_some_and(|h| h.saturday.is_some())
    }
}

// Events: forums, markets (マルシェ), job fairs (面接会) and training, one Markdown file each under
// `content/events/`. Like entries, every fact a family needs to decide whether to go — when,
// where, who runs it, how to join, what it costs, what access there is — is a typed field.

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
            /// Every value as `(id, label)`: the schema's and the form's choices.
            pub fn choices() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.id(), v.label())).collect()
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

impl Choice for EventType {
    const ALL: &'static [EventType] = EventType::ALL;
    fn id(self) -> &'static str {
        EventType::id(self)
    }
    fn label(self) -> &'static str {
        EventType::label(self)
    }
    fn also_called(self) -> &'static [&'static str] {
        match self {
            EventType::JobFair => &["面接会", "合同面接会"],
            EventType::Market => &["マルシェ", "販売会", "バザー"],
            EventType::Forum => &["講演会", "フォーラム"],
            EventType::Training => &["研修", "セミナー", "講座"],
            EventType::Other => &[],
        }
    }
}

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
    // By hand, not `format!("{:02}:{:02}")`: the open data spell every opening hour.
    let mut clock = String::with_capacity(5);
    push_two_digits(&mut clock, minutes / 60);
    clock.push(':');
    push_two_digits(&mut clock, minutes % 60);
    clock
}

/// `n` in at least two digits, as `{:02}` spells it.
fn push_two_digits(out: &mut String, n: u16) {
    if n >= 100 {
        out.push_str(&n.to_string());
        return;
    }
    for digit in [n / 10, n % 10] {
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::{Area, Areas, clock};

    #[test]
    fn clock_spells_two_digits_or_more() {
        for minutes in [
            0,
            9,
            60 * 9 + 5,
            60 * 13 + 30,
            60 * 23 + 59,
            60 * 100 + 1,
            u16::MAX,
        ] {
            let expected = format!("{:02}:{:02}", minutes / 60, minutes % 60);
            assert_eq!(clock(minutes), expected);
        }
    }

    #[test]
    fn areas_are_found_by_id_and_kept_in_order() {
        let area = |id: &str, name: &str| Area {
            id: id.into(),
            name: name.into(),
            kana: String::new(),
            group: None,
        };
        let areas: Areas = vec![
            area("kita", "北部"),
            area("minami", "南部"),
            area("kita", "x"),
        ]
        .into();
        assert_eq!(areas.get("minami").map(|a| a.name.as_str()), Some("南部"));
        // A repeated id (which check reports) finds the first, as a search in order did.
        assert_eq!(areas.get("kita").map(|a| a.name.as_str()), Some("北部"));
        assert!(areas.get("higashi").is_none());
        let ids: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["kita", "minami", "kita"]);
        assert_eq!(
            serde_json::to_value(&areas).unwrap()[1]["name"],
            serde_json::json!("南部")
        );
    }
}
