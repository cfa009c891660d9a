//! An entry page's JSON-LD (see `jsonld`) as typed nodes, serialized straight to text.
//!
//! Built as `serde_json::Value` trees, an entry's nodes were maps of copied strings, made,
//! serialized and freed on every page: 2.7% of a national build. The fields of each node are
//! declared in the order `Value`'s maps kept their keys in (sorted, byte by byte), so the text
//! is the same as before.

use super::{Breadcrumb, Graph, absolute, breadcrumb, entry_types, is_place, plain};
use crate::content::model::{Entry, EntryDetails, Hours, TimeRange, clock};
use crate::enrich::Guide;
use serde::Serialize;

/// The place or organisation, its services, and the breadcrumb.
#[derive(Serialize)]
#[serde(untagged)]
pub enum GraphNode<'a> {
    Organization(Box<Organization<'a>>),
    Service(Service),
    Breadcrumb(Breadcrumb),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Types {
    One(&'static str),
    Many(Vec<&'static str>),
}

#[derive(Serialize)]
pub struct Organization<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    types: Types,
    address: PostalAddress<'a>,
    #[serde(rename = "amenityFeature", skip_serializing_if = "Vec::is_empty")]
    amenity_feature: Vec<Feature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(rename = "faxNumber", skip_serializing_if = "Option::is_none")]
    fax_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    image: Vec<String>,
    name: String,
    #[serde(
        rename = "openingHoursSpecification",
        skip_serializing_if = "Vec::is_empty"
    )]
    opening_hours: Vec<OpeningHours>,
    #[serde(rename = "parentOrganization", skip_serializing_if = "Option::is_none")]
    parent_organization: Option<Parent<'a>>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry")]
    country: &'static str,
    #[serde(rename = "addressLocality")]
    locality: String,
    #[serde(rename = "postalCode", skip_serializing_if = "Option::is_none")]
    postal_code: Option<&'a str>,
    #[serde(rename = "streetAddress")]
    street: String,
}

#[derive(Serialize)]
struct Feature {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    value: bool,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize)]
struct OpeningHours {
    #[serde(rename = "@type")]
    kind: &'static str,
    closes: String,
    #[serde(rename = "dayOfWeek")]
    day_of_week: &'static [&'static str],
    opens: String,
}

#[derive(Serialize)]
struct Parent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<CorporateNumber<'a>>,
    name: String,
}

#[derive(Serialize)]
struct CorporateNumber<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "propertyID")]
    property_id: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
pub struct Service {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "areaServed")]
    area_served: AreaServed,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    name: String,
    provider: Provider,
    #[serde(rename = "serviceType")]
    service_type: &'static str,
}

#[derive(Serialize)]
struct AreaServed {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
struct Provider {
    #[serde(rename = "@id")]
    id: String,
}

/// An entry's page: the place or organisation, its services, and the breadcrumb.
pub fn entry<'a>(guide: &Guide, entry: &'a Entry) -> Graph<GraphNode<'a>> {
    let url = absolute(guide, &crate::enrich::entry_url(&entry.id));
    let id = format!("{url}#organization");
    let types = entry_types(entry);
    let place = is_place(&types);
    let a = &entry.address;
    let c = &entry.contact;
    let node = Organization {
        types: match types.as_slice() {
            [one] => Types::One(one),
            _ => Types::Many(types),
        },
        name: plain(&entry.name),
        description: entry.summary.as_deref().map(plain),
        address: PostalAddress {
            kind: "PostalAddress",
            country: "JP",
            locality: plain(&a.city),
            postal_code: a.postal_code.as_deref(),
            street: plain(&match &a.building {
                Some(b) => format!("{} {b}", a.street),
                None => a.street.clone(),
            }),
        },
        telephone: c.phone.as_deref(),
        fax_number: c.fax.as_deref(),
        email: c.email.as_deref(),
        same_as: c.url.as_deref(),
        parent_organization: entry.operator.as_ref().map(|op| Parent {
            kind: "Organization",
            name: plain(&op.name),
            identifier: op.corporate_number.as_deref().map(|value| CorporateNumber {
                kind: "PropertyValue",
                property_id: "法人番号",
                value,
            }),
        }),
        geo: entry.geo.filter(|_| place).map(|geo| Geo {
            kind: "GeoCoordinates",
            latitude: geo.lat,
            longitude: geo.lon,
        }),
        opening_hours: match (&entry.hours, place) {
            (Some(hours), true) => opening_hours(hours),
            _ => Vec::new(),
        },
        amenity_feature: match place {
            true => entry
                .accessibility
                .iter()
                .map(|f| Feature {
                    kind: "LocationFeatureSpecification",
                    name: f.label(),
                    value: true,
                })
                .collect(),
            false => Vec::new(),
        },
        image: match place {
            true => entry
                .photos
                .iter()
                .map(|p| absolute(guide, &crate::view::photos::widest_jpeg(p)))
                .collect(),
            false => Vec::new(),
        },
        id,
        url,
    };
    let services = services(guide, entry, &node.url, &node.id);
    let mut graph = Vec::with_capacity(services.len() + 2);
    graph.push(GraphNode::Organization(Box::new(node)));
    graph.extend(services.into_iter().map(GraphNode::Service));
    graph.push(GraphNode::Breadcrumb(breadcrumb(
        guide,
        &[(entry.name.clone(), crate::enrich::entry_url(&entry.id))],
    )));
    Graph::new(graph)
}

fn opening_hours(hours: &Hours) -> Vec<OpeningHours> {
    const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let days: [(&'static [&'static str], Option<TimeRange>); 4] = [
        (WEEKDAYS, hours.weekdays),
        (&["Saturday"], hours.saturday),
        (&["Sunday"], hours.sunday),
        (&["PublicHolidays"], hours.holidays),
    ];
    days.into_iter()
        .filter_map(|(day_of_week, range)| {
            range.map(|r| OpeningHours {
                kind: "OpeningHoursSpecification",
                closes: clock(r.close),
                day_of_week,
                opens: clock(r.open),
            })
        })
        .collect()
}

/// A `Service` node for each service an office offers, or each thing a centre helps with.
fn services(guide: &Guide, entry: &Entry, url: &str, provider: &str) -> Vec<Service> {
    let region = plain(&guide.site.config.region);
    let node = |anchor: String, name: String, service_type: &'static str, description| Service {
        id: format!("{url}#{anchor}"),
        kind: "Service",
        area_served: AreaServed {
            kind: "AdministrativeArea",
            name: region.clone(),
        },
        description,
        name,
        provider: Provider {
            id: provider.to_string(),
        },
        service_type,
    };
    match &entry.details {
        EntryDetails::Office(o) => o
            .services
            .iter()
            .map(|s| {
                let work = (!s.work.is_empty()).then(|| plain(&s.work.join("、")));
                node(
                    format!("service-{}", s.kind.id()),
                    s.kind.label().to_string(),
                    s.kind.label(),
                    work,
                )
            })
            .collect(),
        EntryDetails::Center(c) => c
            .offers
            .iter()
            .enumerate()
            .map(|(i, offer)| {
                node(
                    format!("service-{}", i + 1),
                    plain(offer),
                    c.center_type.label(),
                    None,
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}
