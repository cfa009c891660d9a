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
use crate::content::model::{Entry, EntryDetails, Hours};
use crate::enrich::Guide;
use crate::export::address::{split_prefecture, to_katakana};
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
            namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, base_url.as_bytes()),
        }
    }
    fn of(&self, name: &str) -> String {
        Uuid::new_v5(&self.namespace, name.as_bytes()).to_string()
    }
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
/// `services_out`, side by side.
pub fn write(
    guide: &Guide,
    organizations_out: &mut dyn Write,
    services_out: &mut dyn Write,
) -> Result<(), WriteError> {
    use WriteError::{Organizations, Services};
    let ids = Ids::new(&guide.site.config.base_url);
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
    for key in &order {
        let entries = &members[key];
        let first = entries[0];
        let org_id = ids.of(&format!("organization:{key}"));
        let org = organization(first, &org_id, &ids);
        let locations: Vec<Value> = entries
            .iter()
            .map(|e| location(guide, e, &org_id, &ids))
            .collect();
        for (entry, location) in entries.iter().zip(&locations) {
            for service in entry_services(guide, entry, &org, location, &ids) {
                services.push(&service).map_err(Services)?;
            }
        }
        let mut full = org;
        full["locations"] = json!(locations);
        organizations.push(&full).map_err(Organizations)?;
    }
    organizations.finish().map_err(Organizations)?;
    services.finish().map_err(Services)
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

    fn push(&mut self, item: &Value) -> io::Result<()> {
        self.list.push(item)?;
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

fn organization(entry: &Entry, id: &str, ids: &Ids) -> Value {
    match &entry.operator {
        Some(op) => {
            let mut org = json!({
                "id": id,
                "name": plain(&op.name),
                "description": "",
            });
            if let Some(kana) = &op.kana {
                org["alternate_name"] = json!(to_katakana(kana));
            }
            if let Some(number) = &op.corporate_number {
                org["organization_identifiers"] = json!([{
                    "id": ids.of(&format!("organization-identifier:{number}")),
                    "organization_id": id,
                    "identifier_scheme": "JP-CN",
                    "identifier_type": "法人番号",
                    "identifier": number,
                }]);
            }
            org
        }
        None => {
            let mut org = json!({
                "id": id,
                "name": plain(&entry.name),
                "alternate_name": to_katakana(&entry.kana),
                "description": entry.summary.as_deref().map(plain).unwrap_or_default(),
            });
            if let Some(email) = &entry.contact.email {
                org["email"] = json!(email);
            }
            if let Some(url) = &entry.contact.url {
                org["website"] = json!(url);
            }
            org
        }
    }
}

fn location(guide: &Guide, entry: &Entry, org_id: &str, ids: &Ids) -> Value {
    let loc_id = ids.of(&format!("location:{}", entry.id));
    let a = &entry.address;
    let (prefecture, city) = split_prefecture(&a.city);
    let mut street = plain(&a.street);
    if let Some(b) = &a.building {
        street.push(' ');
        street.push_str(&plain(b));
    }
    let mut location = json!({
        "id": loc_id,
        "location_type": "physical",
        "organization_id": org_id,
        "name": plain(&entry.name),
        "alternate_name": to_katakana(&entry.kana),
        "description": entry.summary.as_deref().map(plain).unwrap_or_default(),
        "url": format!("{}{}", guide.site.config.base_url, crate::enrich::entry_url(&entry.id)),
        "addresses": [{
            "id": ids.of(&format!("address:{}", entry.id)),
            "location_id": loc_id,
            "address_1": street,
            "city": plain(city),
            "state_province": prefecture,
            "postal_code": a.postal_code.clone().unwrap_or_default(),
            "country": "JP",
            "address_type": "physical",
        }],
        "phones": phones(entry, "location_id", &loc_id, "location_id", ids),
        "schedules": schedules(entry.hours.as_ref(), &entry.id, &loc_id, ids),
        "accessibility": entry.accessibility.iter().map(|f| json!({
            "id": ids.of(&format!("accessibility:{}:{}", entry.id, f.id())),
            "location_id": loc_id,
            "description": f.label(),
        })).collect::<Vec<_>>(),
    });
    if let Some(access) = &entry.access {
        location["transportation"] = json!(plain(access));
    }
    if let Some(geo) = entry.geo {
        location["latitude"] = json!(geo.lat);
        location["longitude"] = json!(geo.lon);
    }
    if let Some(number) = &entry.office_number {
        location["external_identifier"] = json!(number);
        location["external_identifier_type"] = json!("事業所番号");
    }
    location
}

/// The entry's phone and fax as HSDS phones of the location or of one service. `scope` tells
/// them apart in the id: HSDS wants every phone's id unique, and an office with two services
/// has the same numbers twice, once per service.
fn phones(entry: &Entry, link: &str, link_id: &str, scope: &str, ids: &Ids) -> Vec<Value> {
    let c = &entry.contact;
    [("voice", &c.phone), ("fax", &c.fax)]
        .into_iter()
        .filter_map(|(kind, number)| {
            let number = number.as_ref()?;
            Some(json!({
                "id": ids.of(&format!("phone:{}:{scope}:{kind}", entry.id)),
                link: link_id,
                "number": number,
                "type": kind,
                "languages": [],
            }))
        })
        .collect()
}

/// Opening hours as weekly schedules: one per set of days with the same hours.
fn schedules(hours: Option<&Hours>, entry_id: &str, loc_id: &str, ids: &Ids) -> Vec<Value> {
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
        let mut schedule = json!({
            "id": ids.of(&format!("schedule:{entry_id}:{key}")),
            "location_id": loc_id,
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": clock(r.open),
            "closes_at": clock(r.close),
            "timezone": 9,
        });
        if let Some(notes) = &h.notes {
            schedule["description"] = json!(plain(notes));
        }
        Some(schedule)
    })
    .collect()
}

/// The services an entry offers: one per welfare service of an office; what a centre helps with
/// or what a group does as one service; none for an employer.
fn entry_services(
    guide: &Guide,
    entry: &Entry,
    org: &Value,
    location: &Value,
    ids: &Ids,
) -> Vec<Value> {
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
            let mut service = json!({
                "id": service_id,
                "organization_id": org["id"],
                "name": name,
                "description": description,
                "url": url,
                "status": "active",
                "organization": org,
                "phones": phones(
                    entry,
                    "service_id",
                    &service_id,
                    &format!("service_id:{key}"),
                    ids,
                ),
                "service_at_locations": [{
                    "id": ids.of(&format!("service-at-location:{}:{key}", entry.id)),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                }],
            });
            if let Some(email) = &entry.contact.email {
                service["email"] = json!(email);
            }
            if let Some(e) = &eligibility {
                service["eligibility_description"] = json!(e);
            }
            if let Some(a) = &application {
                service["application_process"] = json!(a);
            }
            // Assured only when a person confirmed it; imported data is not an assurance.
            if let Some(day) = entry.verified {
                service["assured_date"] = json!(day.to_string());
            }
            service
        })
        .collect()
}
