//! An entry's front matter into the typed model.

use crate::assets::cache::Cache;
use crate::check::decode_office::office;
use crate::check::decode_photo;
use crate::check::fields::{Decoder, Field, Fields};
use crate::check::formats;
use crate::check::provenance::{imported, verified};
use crate::content::date::Date;
use crate::content::load::RawDoc;
use crate::content::model::*;
use crate::diagnostics::{Format, Problem};
use crate::yaml::Value;

pub(super) const COMMON_FIELDS: &[&str] = &[
    "kind",
    "id",
    "name",
    "kana",
    "summary",
    "operator",
    "office_number",
    "area",
    "address",
    "geo",
    "access",
    "contact",
    "hours",
    "accepts",
    "accessibility",
    "photos",
    "easy",
    "verified",
    "imported",
];
pub(super) const OFFICE_FIELDS: &[&str] = &["services", "transport", "lunch", "visits", "parking"];
pub(super) const WORKPLACE_FIELDS: &[&str] = &[
    "industry",
    "employment",
    "jobs",
    "accommodations",
    "internships",
    "voices",
];
pub(super) const CENTER_FIELDS: &[&str] = &["center_type", "offers", "fee"];
pub(super) const COMMUNITY_FIELDS: &[&str] = &["community_type", "schedule", "fee"];

use crate::check::spec::{self, SUMMARY_MAX};

/// What an entry is checked against beyond its own file.
pub struct EntryContext<'a> {
    pub area_ids: Vec<String>,
    /// The areas by id: whether an entry's area is one, and what it is called.
    pub areas: crate::content::model::Areas,
    /// Each area's id by its name and by its reading, for an entry that names its area instead
    /// of giving its id (`area: 東部`).
    pub area_names: Vec<(String, String)>,
    /// The site folder: photos must be inside it (content/media), and are looked into here, so
    /// that a broken file is reported with its line.
    pub site_dir: &'a std::path::Path,
    /// Photos that decoded before are not decoded again.
    pub cache: Cache,
    pub today: Date,
    /// Whether the names' kana are fitted to the names (`check::Kana`).
    pub kana: super::Kana,
}

impl<'a> EntryContext<'a> {
    /// The context of the entries of the site in `site_dir` configured by `config` (without a
    /// valid site.yaml, any area is taken: only site.yaml's own problems are reported).
    pub fn new(
        config: Option<&crate::content::model::SiteConfig>,
        site_dir: &'a std::path::Path,
        today: Date,
    ) -> EntryContext<'a> {
        EntryContext {
            area_ids: config
                .map(|c| c.areas.iter().map(|a| a.id.clone()).collect())
                .unwrap_or_default(),
            areas: config.map(|c| c.areas.clone()).unwrap_or_default(),
            area_names: config
                .map(|c| {
                    c.areas
                        .iter()
                        .flat_map(|a| {
                            [
                                (a.name.clone(), a.id.clone()),
                                (a.kana.clone(), a.id.clone()),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default(),
            site_dir,
            cache: Cache::for_site(site_dir),
            today,
            kana: super::Kana::AsWritten,
        }
    }
}

pub fn entry(d: &mut Decoder, doc: &RawDoc, cx: &EntryContext) -> Option<Entry> {
    let mut f = d.fields(&doc.front, "")?;
    let kind = d.required(&mut f, "kind", |d, x| d.choice::<EntryKind>(x));
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
    let name_pos = f.get("name").map(|x| x.node.pos);
    let name = d.required_text(&mut f, "name");
    let kana = match f.get("kana") {
        Some(x) => d.reading(&x),
        None => {
            // Absent or left blank: either way the reading is missing.
            if name.as_deref().is_some_and(formats::needs_reading) {
                let pos = f.key_pos("kana").or(name_pos).unwrap_or(f.pos());
                d.error(pos, "kana", Problem::KanaRequired);
            }
            None
        }
    };
    if cx.kana == super::Kana::FitToName
        && let (Some(name), Some(kana), Some(pos)) = (&name, &kana, f.key_pos("kana"))
    {
        kana_fits_name(d, pos, name, kana);
    }
    let summary = d.optional_text(&mut f, "summary");
    if let (Some(s), Some(pos)) = (&summary, f.key_pos("summary")) {
        let length = s.chars().count();
        if length > SUMMARY_MAX {
            d.warning(
                pos,
                "summary",
                Problem::TooLong {
                    length,
                    max: SUMMARY_MAX,
                },
            );
        }
    }
    let operator = d.optional(&mut f, "operator", operator);
    let office_number = d.optional(&mut f, "office_number", |d, x| {
        d.formatted(x, Format::OfficeNumber)
    });
    let area = d.required(&mut f, "area", |d, x| {
        let value = d.text(x)?;
        // With no valid site.yaml there is nothing to compare against: site.yaml is reported.
        if cx.area_ids.is_empty() || cx.areas.get(&value).is_some() {
            Some(value)
        } else {
            d.error(
                x.node.pos,
                &x.path,
                Problem::UnknownArea {
                    meant: cx
                        .area_names
                        .iter()
                        .find(|(name, _)| !name.is_empty() && *name == value)
                        .map(|(_, id)| id.clone()),
                    value,
                    allowed: cx.area_ids.to_vec(),
                },
            );
            None
        }
    });
    let address = d.required(&mut f, "address", address);
    let geo = d.optional(&mut f, "geo", geo);
    let access = d.optional_words(&mut f, "access", "駅から歩いて5分");
    // Imported entries carry the data's gaps (no phone …) as warnings: an import always builds.
    let imported_pos = f.key_pos("imported");
    let imported = d.optional(&mut f, "imported", imported);
    let contact = d.required(&mut f, "contact", |d, x| contact(d, x, imported.is_some()));
    let hours = d.optional(&mut f, "hours", hours);
    let accepts = d.choices::<Disability>(&mut f, "accepts");
    let accessibility = d.choices::<Accessibility>(&mut f, "accessibility");
    let photos = match f.get("photos") {
        Some(x) => d.list(&x, |d, item| {
            decode_photo::photo(d, item, cx.site_dir, &cx.cache)
        }),
        None => Vec::new(),
    };
    let easy = d.optional_text(&mut f, "easy");
    // Fair by construction: every office can be read in easy Japanese. An imported entry nobody
    // has confirmed is already warned about; this comes once someone confirms it.
    if kind == Some(EntryKind::Office) && easy.is_none() && !f.has("easy") && f.has("verified") {
        d.warning(f.pos(), "easy", Problem::NoEasyJapanese);
    }
    let verified = match (f.has("verified"), &imported) {
        (false, Some(data)) => {
            let pos = imported_pos.unwrap_or(f.pos());
            d.warning(
                pos,
                "verified",
                Problem::Unconfirmed {
                    as_of: data.as_of.year_month(),
                },
            );
            Some(None)
        }
        _ => d
            .required(&mut f, "verified", |d, x| verified(d, x, cx.today))
            .map(Some),
    };

    let (details, extra) = match kind {
        Some(EntryKind::Office) => (office(d, &mut f).map(EntryDetails::Office), OFFICE_FIELDS),
        Some(EntryKind::Workplace) => (
            workplace(d, &mut f).map(EntryDetails::Workplace),
            WORKPLACE_FIELDS,
        ),
        Some(EntryKind::Center) => (center(d, &mut f).map(EntryDetails::Center), CENTER_FIELDS),
        Some(EntryKind::Community) => (
            community(d, &mut f).map(EntryDetails::Community),
            COMMUNITY_FIELDS,
        ),
        None => {
            // Without a kind we cannot tell which fields belong; accept all to avoid noise.
            for key in OFFICE_FIELDS
                .iter()
                .chain(WORKPLACE_FIELDS)
                .chain(CENTER_FIELDS)
                .chain(COMMUNITY_FIELDS)
            {
                f.get_raw(key);
            }
            (None, &[][..])
        }
    };
    let known: Vec<&str> = COMMON_FIELDS.iter().chain(extra).copied().collect();
    d.finish(f, &known);

    Some(Entry {
        id: id?,
        source: doc.path.clone(),
        kana: kana.unwrap_or_else(|| name.clone().unwrap_or_default()),
        name: name?,
        summary,
        operator,
        office_number,
        area: area?,
        address: address?,
        geo,
        access,
        contact: contact?,
        hours,
        accepts,
        accessibility,
        photos,
        easy,
        verified: verified?,
        imported,
        details: details?,
        body: doc.body.clone(),
        body_line: doc.body_line,
    })
}

fn operator(d: &mut Decoder, x: &Field) -> Option<Operator> {
    let mut f = d.fields(x.node, &x.path)?;
    let name = d.required_text(&mut f, "name");
    let kana = d.optional(&mut f, "kana", |d, x| d.reading(x));
    let corporate_number = d.optional(&mut f, "corporate_number", |d, x| {
        d.formatted(x, Format::CorporateNumber)
    });
    d.finish(f, &["name", "kana", "corporate_number"]);
    Some(Operator {
        name: name?,
        kana,
        corporate_number,
    })
}

fn address(d: &mut Decoder, x: &Field) -> Option<Address> {
    let mut f = d.fields(x.node, &x.path)?;
    let postal_code = d.optional(&mut f, "postal_code", |d, x| {
        d.formatted(x, Format::PostalCode)
    });
    let city = d.required_text(&mut f, "city");
    let street_pos = f.key_pos("street").unwrap_or(f.pos());
    let street = d.required_text(&mut f, "street");
    // The page shows city and street together: a street that begins with the city showed
    // ひかり市ひかり市栄町2-5-8.
    if let (Some(city), Some(street)) = (&city, &street)
        && !city.trim().is_empty()
        && street.trim_start().starts_with(city.trim())
    {
        let problem = Problem::StreetRepeatsCity { city: city.clone() };
        d.warning(street_pos, &f.child_path("street"), problem);
    }
    let building = d.optional_text(&mut f, "building");
    d.finish(f, &["postal_code", "city", "street", "building"]);
    Some(Address {
        postal_code,
        city: city?,
        street: street?,
        building,
    })
}

fn geo(d: &mut Decoder, x: &Field) -> Option<Geo> {
    let mut f = d.fields(x.node, &x.path)?;
    // Japan lies within these bounds; anything outside is a swapped or mistyped coordinate.
    let lat = d.required(&mut f, "lat", |d, x| {
        d.number(x, spec::LATITUDE.0, spec::LATITUDE.1)
    });
    let lon = d.required(&mut f, "lon", |d, x| {
        d.number(x, spec::LONGITUDE.0, spec::LONGITUDE.1)
    });
    d.finish(f, &["lat", "lon"]);
    Some(Geo {
        lat: lat?,
        lon: lon?,
    })
}

fn contact(d: &mut Decoder, x: &Field, imported: bool) -> Option<Contact> {
    let mut f = d.fields(x.node, &x.path)?;
    let phone = d.optional(&mut f, "phone", |d, x| d.formatted(x, Format::Phone));
    let fax = d.optional(&mut f, "fax", |d, x| d.formatted(x, Format::Phone));
    let email = d.optional(&mut f, "email", |d, x| d.formatted(x, Format::Email));
    let url = d.optional(&mut f, "url", |d, x| d.formatted(x, Format::Url));
    if !f.has("phone") && !f.has("email") {
        match imported {
            true => d.warning(f.pos(), &x.path, Problem::ContactRequired),
            false => d.error(f.pos(), &x.path, Problem::ContactRequired),
        }
    }
    d.finish(f, &["phone", "fax", "email", "url"]);
    Some(Contact {
        phone,
        fax,
        email,
        url,
    })
}

fn hours(d: &mut Decoder, x: &Field) -> Option<Hours> {
    let mut f = d.fields(x.node, &x.path)?;
    // A day left out reads as closed (imports leave out the days the data gives no times
    // for): with no day at all, or without 月曜〜金曜, the page would say 休み where the
    // provider said nothing.
    let days = ["weekdays", "saturday", "sunday", "holidays"];
    if !days.iter().any(|key| f.has(key)) {
        d.error(f.pos(), &x.path, Problem::HoursWithoutDays);
    } else if !f.has("weekdays") {
        d.warning(f.pos(), &x.path, Problem::WeekdaysLeftOut);
    }
    let mut day = |d: &mut Decoder, key: &str| -> Option<TimeRange> {
        let field = f.get_raw(key)?;
        if matches!(field.node.value, Value::Null) {
            return None;
        }
        let text = d.formatted(&field, Format::TimeRange)?;
        let (open, close) = formats::parse_time_range(&text)?;
        if close <= open {
            d.error(
                field.node.pos,
                &field.path,
                Problem::TimeRangeReversed { value: text },
            );
            return None;
        }
        Some(TimeRange { open, close })
    };
    let weekdays = day(d, "weekdays");
    let saturday = day(d, "saturday");
    let sunday = day(d, "sunday");
    let holidays = day(d, "holidays");
    let notes = d.optional_words(&mut f, "notes", "年末年始は休み");
    d.finish(f, &["weekdays", "saturday", "sunday", "holidays", "notes"]);
    Some(Hours {
        weekdays,
        saturday,
        sunday,
        holidays,
        notes,
    })
}

fn workplace(d: &mut Decoder, f: &mut Fields) -> Option<Workplace> {
    let industry = d.optional_text(f, "industry");
    let employment = d.optional(f, "employment", |d, x| d.choice::<EmploymentType>(x));
    let jobs = d.text_list(f, "jobs");
    let accommodations = d.text_list(f, "accommodations");
    let internships = d.optional_words(f, "internships", "あり（年に2回、1週間ずつ）");
    let voices = match f.get("voices") {
        Some(x) => d.list(&x, |d, item| {
            let mut g = d.fields(item.node, &item.path)?;
            let who = d.required_text(&mut g, "who");
            let text = d.required_text(&mut g, "text");
            d.finish(g, &["who", "text"]);
            Some(Voice {
                who: who?,
                text: text?,
            })
        }),
        None => Vec::new(),
    };
    Some(Workplace {
        industry,
        employment,
        jobs,
        accommodations,
        internships,
        voices,
    })
}

fn center(d: &mut Decoder, f: &mut Fields) -> Option<Center> {
    let center_type = d.required(f, "center_type", |d, x| d.choice::<CenterType>(x));
    let offers = d.text_list(f, "offers");
    let fee = d.optional_words(f, "fee", "無料、または 1回 300円");
    Some(Center {
        center_type: center_type?,
        offers,
        fee,
    })
}

fn community(d: &mut Decoder, f: &mut Fields) -> Option<Community> {
    let community_type = d.required(f, "community_type", |d, x| d.choice::<CommunityType>(x));
    let schedule = d.optional_words(f, "schedule", "毎月 第2土曜日 14:00-16:00");
    let fee = d.optional_words(f, "fee", "無料、または 1回 300円");
    Some(Community {
        community_type: community_type?,
        schedule,
        fee,
    })
}

/// A warning where `kana` leave out words of `name` or read words it no longer has.
fn kana_fits_name(d: &mut Decoder, pos: crate::diagnostics::Pos, name: &str, kana: &str) {
    // The dictionary is part of the binary: it fails to load only if the binary is broken,
    // and then every name would be said to fit.
    let Ok(Some(gaps)) = crate::text::kana_gaps(name, kana) else {
        return;
    };
    d.warning(
        pos,
        "kana",
        Problem::KanaGap {
            missing: gaps.missing.into_iter().map(|(word, _)| word).collect(),
            left_over: gaps.left_over,
            suggested: gaps.suggested,
        },
    );
}
