//! An HSDS 3.0 export (Open Referral's Human Services Data Specification), for referral systems
//! and directories that speak it: `data/hsds/organizations.json` and `data/hsds/services.json`,
//! each one page of the HSDS API's list shape holding every item.
//!
//! The mapping: an entry's operator (社会福祉法人…) is the `organization` (an entry without one is
//! its own organization); the entry is a `location` with its `address`, `phones`, opening hours as
//! weekly `schedules` and `accessibility`; each service an office offers (就労継続支援B型 …), or what
//! a centre or group does, is a `service` of the organization, delivered at the location through a
//! `service_at_location`. Ids are UUIDs derived from the base URL and the entry's id (version 5),
//! so they stay the same from build to build.

use super::json_list::JsonList;
use super::kept::{Group, KeptData};
use crate::content::model::{Entry, EntryDetails, Hours};
use crate::enrich::Guide;
use crate::export::address::{split_prefecture, to_katakana};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};
use uuid::Uuid;

/// Where writing the export failed: which of its two files, and why.
#[derive(Debug)]
pub enum WriteError {
    Organizations(io::Error),
    Services(io::Error),
}

struct Ids {
    namespace: Uuid,
}

impl Ids {
    fn new(base_url: &str) -> Ids {
        Ids {
            namespace: uuid_v5(&Uuid::NAMESPACE_URL, base_url),
        }
    }
    fn of(&self, name: &str) -> String {
        // Spelled into a buffer, not through `Display` (every item has one or more).
        let mut spelled = Uuid::encode_buffer();
        uuid_v5(&self.namespace, name)
            .hyphenated()
            .encode_lower(&mut spelled)
            .to_owned()
    }
}

/// The version 5 UUID of `name` in `namespace` (RFC 9562 §5.5): the first 16 bytes of the SHA-1
/// of the namespace's bytes and the name's, with the version and variant bits set.
fn uuid_v5(namespace: &Uuid, name: &str) -> Uuid {
    use sha1::{Digest, Sha1};
    let hash = Sha1::new()
        .chain_update(namespace.as_bytes())
        .chain_update(name.as_bytes())
        .finalize();
    let mut bytes = [0; 16];
    bytes.copy_from_slice(&hash[..16]);
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

fn plain(text: &str) -> String {
    crate::text::strip_author_ruby(text)
}

/// The organization an entry belongs to: its operator, or itself.
fn organization_key(entry: &Entry) -> String {
    match &entry.operator {
        Some(op) => match &op.corporate_number {
            Some(number) => format!("corporate:{number}"),
            None => format!("operator:{}", op.name),
        },
        None => format!("entry:{}", entry.id),
    }
}

/// Writes `organizations.json` into `organizations_out` and `services.json` into
/// `services_out`, side by side; each slice of organizations' items is read from `kept` when it
/// keeps them for the same entries.
pub fn write(
    guide: &Guide,
    kept: &KeptData,
    organizations_out: &mut dyn Write,
    services_out: &mut dyn Write,
) -> Result<(), WriteError> {
    use WriteError::{Organizations, Services};
    // Organizations in order of their first entry (五十音), each with its entries.
    let mut order: Vec<String> = Vec::new();
    let mut members: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for entry in &guide.site.entries {
        let key = organization_key(entry);
        if !members.contains_key(&key) {
            order.push(key.clone());
        }
        members.entry(key).or_default().push(entry);
    }

    let mut organizations = Page::new(organizations_out).map_err(Organizations)?;
    let mut services = Page::new(services_out).map_err(Services)?;
    let ids = Ids::new(&guide.site.config.base_url);
    for keys in order.chunks(super::kept::SLICE) {
        let made = kept.hsds.kept_or_made(
            keys.iter().map(|key| kept.group_key(key, &members[key])),
            |pieces| Group::read(pieces, keys.len()).is_some(),
            || {
                let mut pieces = Vec::new();
                for key in keys {
                    written(guide, key, &members[key], &ids, &mut pieces)?;
                }
                Ok(pieces)
            },
        );
        let pieces = made.map_err(Organizations)?;
        for org in Group::read(&pieces, keys.len()).unwrap_or_default() {
            for service in org.items {
                services.push_written(service).map_err(Services)?;
            }
            organizations
                .push_written(org.head)
                .map_err(Organizations)?;
        }
    }
    organizations.finish().map_err(Organizations)?;
    services.finish().map_err(Services)
}

/// Writes out the organization of `key`, whose entries are `entries`, as a group of pieces of a
/// kept slice (`Group`): the organization's item, and its services' items.
fn written(
    guide: &Guide,
    key: &str,
    entries: &[&Entry],
    ids: &Ids,
    pieces: &mut Vec<Vec<u8>>,
) -> io::Result<()> {
    let org_id = ids.of(&format!("organization:{key}"));
    let mut org = organization(entries[0], &org_id, ids);
    let locations: Vec<Location> = entries
        .iter()
        .map(|e| location(guide, e, &org_id, ids))
        .collect();
    let mut services = Vec::new();
    for (entry, location) in entries.iter().zip(&locations) {
        for service in entry_services(guide, entry, &org, location, ids) {
            services.push(crate::json::to_vec(&service)?);
        }
    }
    org.locations = Some(locations);
    Group::write(crate::json::to_vec(&org)?, services, pieces);
    Ok(())
}

/// One page of an HSDS list holding every item, written item by item.
struct Page<'w> {
    list: JsonList<'w>,
    count: usize,
}

impl<'w> Page<'w> {
    fn new(out: &'w mut dyn Write) -> io::Result<Page<'w>> {
        Ok(Page {
            // the fields are filled in at the end, when the count is known
            list: JsonList::new("contents", out)?,
            count: 0,
        })
    }

    fn push_written(&mut self, item: &[u8]) -> io::Result<()> {
        self.list.push_written(item)?;
        self.count += 1;
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        let n = self.count;
        let fields = json!({
            "total_items": n,
            "total_pages": 1,
            "page_number": 1,
            "size": n,
            "first_page": true,
            "last_page": true,
            "empty": n == 0,
        });
        let Value::Object(fields) = fields else {
            unreachable!("json! of an object literal is an object")
        };
        self.list.finish(fields)
    }
}

// The items, as HSDS 3.0 names their fields. Every struct lists its fields in code-point order
// of their names, the order the export has always had (it was written through serde_json's
// sorted maps), and leaves out a field it has no value for.

#[derive(Serialize)]
struct Organization {
    #[serde(skip_serializing_if = "Option::is_none")]
    alternate_name: Option<String>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    id: String,
    /// Only in `organizations.json`: the organization of a service leaves them out.
    #[serde(skip_serializing_if = "Option::is_none")]
    locations: Option<Vec<Location>>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization_identifiers: Option<[OrganizationIdentifier; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
}

#[derive(Serialize)]
struct OrganizationIdentifier {
    id: String,
    identifier: String,
    identifier_scheme: &'static str,
    identifier_type: &'static str,
    organization_id: String,
}

#[derive(Serialize)]
struct Location {
    accessibility: Vec<Accessibility>,
    addresses: [Address; 1],
    alternate_name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_identifier_type: Option<&'static str>,
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    location_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
    name: String,
    organization_id: String,
    phones: Vec<Phone>,
    schedules: Vec<Schedule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    transportation: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct Accessibility {
    description: &'static str,
    id: String,
    location_id: String,
}

#[derive(Serialize)]
struct Address {
    address_1: String,
    address_type: &'static str,
    city: String,
    country: &'static str,
    id: String,
    location_id: String,
    postal_code: String,
    state_province: String,
}

/// A phone of a location or of a service: `location_id` sorts before `number`, `service_id`
/// after it.
#[derive(Serialize)]
struct Phone {
    id: String,
    languages: [(); 0],
    #[serde(skip_serializing_if = "Option::is_none")]
    location_id: Option<String>,
    number: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct Schedule {
    byday: &'static str,
    closes_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    freq: &'static str,
    id: String,
    location_id: String,
    opens_at: String,
    timezone: u8,
}

#[derive(Serialize)]
struct Service<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    application_process: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    assured_date: Option<String>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    eligibility_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    id: String,
    name: String,
    organization: &'a Organization,
    organization_id: &'a str,
    phones: Vec<Phone>,
    service_at_locations: [ServiceAtLocation<'a>; 1],
    status: &'static str,
    url: String,
}

#[derive(Serialize)]
struct ServiceAtLocation<'a> {
    id: String,
    location: &'a Location,
    location_id: &'a str,
    service_id: String,
}

fn organization(entry: &Entry, id: &str, ids: &Ids) -> Organization {
    match &entry.operator {
        Some(op) => Organization {
            alternate_name: op.kana.as_deref().map(to_katakana),
            description: String::new(),
            email: None,
            id: id.to_string(),
            locations: None,
            name: plain(&op.name),
            organization_identifiers: op.corporate_number.as_ref().map(|number| {
                [OrganizationIdentifier {
                    id: ids.of(&format!("organization-identifier:{number}")),
                    identifier: number.clone(),
                    identifier_scheme: "JP-CN",
                    identifier_type: "法人番号",
                    organization_id: id.to_string(),
                }]
            }),
            website: None,
        },
        None => Organization {
            alternate_name: Some(to_katakana(&entry.kana)),
            description: entry.summary.as_deref().map(plain).unwrap_or_default(),
            email: entry.contact.email.clone(),
            id: id.to_string(),
            locations: None,
            name: plain(&entry.name),
            organization_identifiers: None,
            website: entry.contact.url.clone(),
        },
    }
}

fn location(guide: &Guide, entry: &Entry, org_id: &str, ids: &Ids) -> Location {
    let loc_id = ids.of(&format!("location:{}", entry.id));
    let a = &entry.address;
    let (prefecture, city) = split_prefecture(&a.city);
    let mut street = plain(&a.street);
    if let Some(b) = &a.building {
        street.push(' ');
        street.push_str(&plain(b));
    }
    Location {
        accessibility: entry
            .accessibility
            .iter()
            .map(|f| Accessibility {
                description: f.label(),
                id: ids.of(&format!("accessibility:{}:{}", entry.id, f.id())),
                location_id: loc_id.clone(),
            })
            .collect(),
        addresses: [Address {
            address_1: street,
            address_type: "physical",
            city: plain(city),
            country: "JP",
            id: ids.of(&format!("address:{}", entry.id)),
            location_id: loc_id.clone(),
            postal_code: a.postal_code.clone().unwrap_or_default(),
            state_province: prefecture.to_string(),
        }],
        alternate_name: to_katakana(&entry.kana),
        description: entry.summary.as_deref().map(plain).unwrap_or_default(),
        external_identifier: entry.office_number.clone(),
        external_identifier_type: entry.office_number.as_ref().map(|_| "事業所番号"),
        latitude: entry.geo.map(|g| g.lat),
        location_type: "physical",
        longitude: entry.geo.map(|g| g.lon),
        name: plain(&entry.name),
        organization_id: org_id.to_string(),
        phones: phones(entry, PhoneOf::Location(&loc_id), "location_id", ids),
        schedules: schedules(entry.hours.as_ref(), &entry.id, &loc_id, ids),
        transportation: entry.access.as_deref().map(plain),
        url: format!(
            "{}{}",
            guide.site.config.base_url,
            crate::enrich::entry_url(&entry.id)
        ),
        id: loc_id,
    }
}

/// What a phone belongs to, by id.
enum PhoneOf<'a> {
    Location(&'a str),
    Service(&'a str),
}

/// The entry's phone and fax as HSDS phones of the location or of one service. `scope` tells
/// them apart in the id: HSDS wants every phone's id unique, and an office with two services
/// has the same numbers twice, once per service.
fn phones(entry: &Entry, of: PhoneOf, scope: &str, ids: &Ids) -> Vec<Phone> {
    let c = &entry.contact;
    [("voice", &c.phone), ("fax", &c.fax)]
        .into_iter()
        .filter_map(|(kind, number)| {
            let number = number.as_ref()?;
            let (location_id, service_id) = match of {
                PhoneOf::Location(id) => (Some(id.to_string()), None),
                PhoneOf::Service(id) => (None, Some(id.to_string())),
            };
            Some(Phone {
                id: ids.of(&format!("phone:{}:{scope}:{kind}", entry.id)),
                languages: [],
                location_id,
                number: number.clone(),
                service_id,
                kind,
            })
        })
        .collect()
}

/// Opening hours as weekly schedules: one per set of days with the same hours.
fn schedules(hours: Option<&Hours>, entry_id: &str, loc_id: &str, ids: &Ids) -> Vec<Schedule> {
    let Some(h) = hours else {
        return Vec::new();
    };
    let clock = crate::content::model::clock;
    [
        ("weekdays", "MO,TU,WE,TH,FR", h.weekdays),
        ("saturday", "SA", h.saturday),
        ("sunday", "SU", h.sunday),
    ]
    .into_iter()
    .filter_map(|(key, byday, range)| {
        let r = range?;
        Some(Schedule {
            byday,
            closes_at: clock(r.close),
            description: h.notes.as_deref().map(plain),
            freq: "WEEKLY",
            id: ids.of(&format!("schedule:{entry_id}:{key}")),
            location_id: loc_id.to_string(),
            opens_at: clock(r.open),
            timezone: 9,
        })
    })
    .collect()
}

/// The services an entry offers: one per welfare service of an office; what a centre helps with
/// or what a group does as one service; none for an employer.
fn entry_services<'a>(
    guide: &Guide,
    entry: &'a Entry,
    org: &'a Organization,
    location: &'a Location,
    ids: &Ids,
) -> Vec<Service<'a>> {
    let accepts: Vec<&str> = entry.accepts.iter().map(|d| d.label()).collect();
    let eligibility = (!accepts.is_empty()).then(|| format!("対象: {}", accepts.join("、")));
    let (list, application): (Vec<(String, String, String)>, Option<String>) = match &entry.details
    {
        EntryDetails::Office(o) => (
            o.services
                .iter()
                .map(|s| {
                    let mut description = s.kind.label().to_string();
                    if !s.work.is_empty() {
                        description.push_str(&format!("。作業: {}", plain(&s.work.join("、"))));
                    }
                    if let Some(c) = s.capacity {
                        description.push_str(&format!("。定員 {c}人"));
                    }
                    (
                        s.kind.id().to_string(),
                        format!("{} {}", plain(&entry.name), s.kind.label()),
                        description,
                    )
                })
                .collect(),
            o.visits.as_deref().map(plain),
        ),
        EntryDetails::Center(c) => (
            vec![(
                "center".into(),
                plain(&entry.name),
                plain(&c.offers.join("。")),
            )],
            None,
        ),
        EntryDetails::Community(c) => (
            vec![(
                "community".into(),
                plain(&entry.name),
                c.community_type.label().to_string(),
            )],
            None,
        ),
        EntryDetails::Workplace(_) => (Vec::new(), None),
    };
    let url = format!(
        "{}{}",
        guide.site.config.base_url,
        crate::enrich::entry_url(&entry.id)
    );
    list.into_iter()
        .map(|(key, name, description)| {
            let service_id = ids.of(&format!("service:{}:{key}", entry.id));
            Service {
                application_process: application.clone(),
                assured_date: entry.verified.map(|day| day.to_string()),
                description,
                eligibility_description: eligibility.clone(),
                email: entry.contact.email.as_deref(),
                name,
                organization: org,
                organization_id: &org.id,
                phones: phones(
                    entry,
                    PhoneOf::Service(&service_id),
                    &format!("service_id:{key}"),
                    ids,
                ),
                service_at_locations: [ServiceAtLocation {
                    id: ids.of(&format!("service-at-location:{}:{key}", entry.id)),
                    location,
                    location_id: &location.id,
                    service_id: service_id.clone(),
                }],
                status: "active",
                url: url.clone(),
                id: service_id,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids are the version 5 UUIDs every other implementation makes of the same names
    /// (Python's `uuid.uuid5`, RFC 9562's example namespace), so they stay what earlier builds
    /// published.
    #[test]
    fn ids_are_standard_version_5_uuids() {
        assert_eq!(
            uuid_v5(&Uuid::NAMESPACE_DNS, "python.org").to_string(),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        );
        assert_eq!(
            uuid_v5(&Uuid::NAMESPACE_DNS, "www.example.com").to_string(),
            "2ed6657d-e927-568b-95e1-2665a8aea6a2"
        );
        let ids = Ids::new("https://shirube.test/hikari/");
        let id = ids.of("location:akebono-workshop");
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "5");
        assert_eq!(id, ids.of("location:akebono-workshop"));
    }
}
