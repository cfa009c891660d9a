//! What templates see: display-ready views of the model. Labels, units, fiscal years and phone
//! links are worked out here, once, so the theme's templates only lay things out.

use crate::content::date::Date;
use crate::content::model::*;
use crate::paths::slash;
use crate::text::Html;
use crate::view::photos;
use crate::view::style::TextStyle;
use serde::Serialize;

#[derive(Debug)]
pub struct Fact {
    pub label: &'static str,
    pub value: Html,
}

impl Fact {
    /// The pictogram beside the label (`picto-<name>` in the theme's partials/pictograms.html):
    /// the facts families look for first — transport, lunch, Saturday, wheelchair access.
    pub fn icon(&self) -> Option<&'static str> {
        match self.label {
            "送迎" => Some("transport"),
            "昼食" => Some("lunch"),
            "土曜日" | "土曜" => Some("saturday"),
            WHEELCHAIR => Some("wheelchair"),
            _ => None,
        }
    }
}

/// Templates see `label`, `value` and `icon`.
impl Serialize for Fact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Fact", 3)?;
        st.serialize_field("label", self.label)?;
        st.serialize_field("value", &self.value)?;
        st.serialize_field("icon", &self.icon())?;
        st.end()
    }
}

/// The card's fact for an entry that says a wheelchair user can come in.
const WHEELCHAIR: &str = "車いす";

#[derive(Debug, Serialize)]
pub struct Badge {
    pub id: &'static str,
    pub short: &'static str,
    pub label: &'static str,
}

/// An entry as a card in a listing.
#[derive(Debug, Serialize)]
pub struct Card {
    pub id: String,
    pub url: String,
    pub name: Html,
    pub name_plain: String,
    pub kana: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub badges: Vec<Badge>,
    pub area: Html,
    pub summary: Option<Html>,
    pub facts: Vec<Fact>,
    pub phone: Option<Phone>,
    /// Latitude and longitude, for sorting by distance on the visitor's device.
    pub geo: Option<(f64, f64)>,
    /// The area's name as plain text, for choosing where to measure from.
    pub area_plain: String,
}

#[derive(Debug, Serialize)]
pub struct Phone {
    pub text: String,
    /// `tel:` link target, digits only.
    pub href: String,
}

impl Phone {
    pub fn new(number: &str) -> Phone {
        Phone {
            text: number.to_string(),
            href: "tel:"
                .chars()
                .chain(number.chars().filter(|&c| c != '-'))
                .collect(),
        }
    }
}

pub fn yen(amount: u32) -> String {
    let digits = amount.to_string();
    // Digits, their commas and 円 (three bytes).
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out.push('円');
    out
}

fn badges(entry: &Entry) -> Vec<Badge> {
    match &entry.details {
        EntryDetails::Office(o) => o
            .services
            .iter()
            .map(|s| Badge {
                id: s.kind.id(),
                short: s.kind.short_label(),
                label: s.kind.label(),
            })
            .collect(),
        EntryDetails::Center(c) => vec![Badge {
            id: "center",
            short: c.center_type.label(),
            label: c.center_type.label(),
        }],
        EntryDetails::Workplace(w) => vec![Badge {
            id: "workplace",
            short: w.employment.map_or("企業", |e| e.label()),
            label: w.employment.map_or("企業", |e| e.label()),
        }],
        EntryDetails::Community(c) => vec![Badge {
            id: "community",
            short: c.community_type.label(),
            label: c.community_type.label(),
        }],
    }
}

/// The few facts a family compares first, for cards.
fn key_facts(entry: &Entry, tx: &dyn TextStyle) -> Vec<Fact> {
    let mut facts = Vec::new();
    match &entry.details {
        EntryDetails::Office(o) => {
            for s in &o.services {
                facts.extend(yearly_figures(s));
            }
            let work: Vec<&str> = o
                .services
                .iter()
                .flat_map(|s| s.work.iter().map(String::as_str))
                .collect();
            if !work.is_empty() {
                facts.push(Fact {
                    label: "しごと",
                    value: tx.html(&work.join("、")),
                });
            }
            if let Some(t) = &o.transport {
                facts.push(Fact {
                    label: "送迎",
                    value: Html::markup(if t.available { "あり" } else { "なし" }),
                });
            }
            if let Some(l) = &o.lunch {
                facts.push(Fact {
                    label: "昼食",
                    value: Html::escape(&lunch_text(l)),
                });
            }
        }
        EntryDetails::Workplace(w) => {
            if let Some(i) = &w.industry {
                facts.push(Fact {
                    label: "業種",
                    value: tx.html(i),
                });
            }
            if !w.jobs.is_empty() {
                facts.push(Fact {
                    label: "しごと",
                    value: tx.html(&w.jobs.join("、")),
                });
            }
        }
        EntryDetails::Center(c) => {
            if !c.offers.is_empty() {
                facts.push(Fact {
                    label: "相談できること",
                    value: tx.html(&c.offers.join("、")),
                });
            }
        }
        EntryDetails::Community(c) => {
            if let Some(s) = &c.schedule {
                facts.push(Fact {
                    label: "集まる日",
                    value: tx.html(s),
                });
            }
        }
    }
    if entry.accessibility.contains(&Accessibility::Wheelchair) {
        facts.push(Fact {
            label: WHEELCHAIR,
            value: Html::markup("入れる"),
        });
    }
    facts.push(Fact {
        label: "土曜日",
        value: Html::markup(if entry.open_saturday() {
            "あいている"
        } else {
            "休み"
        }),
    });
    facts
}

/// The figures that change every year, each with its fiscal year: wage and placements.
pub(crate) fn yearly_figures(s: &Service) -> Vec<Fact> {
    let mut facts = Vec::new();
    if let (Some(label), Some(w)) = (s.kind.wage_label(), s.wage) {
        facts.push(Fact {
            label,
            value: Html::escape(
                &[
                    &yen(w.monthly_average),
                    "（",
                    &w.fiscal_year.to_string(),
                    "年度）",
                ]
                .concat(),
            ),
        });
    }
    if let Some(p) = s.placements {
        facts.push(Fact {
            label: "就職した人",
            value: Html::escape(
                &[
                    &p.count.to_string(),
                    "人（",
                    &p.fiscal_year.to_string(),
                    "年度）",
                ]
                .concat(),
            ),
        });
    }
    facts
}

pub(crate) fn lunch_text(l: &Lunch) -> String {
    match (l.available, l.cost_yen) {
        (true, Some(0)) => "あり（無料）".into(),
        (true, Some(c)) => ["あり（", &yen(c), "）"].concat(),
        (true, None) => "あり".into(),
        (false, _) => "なし（お弁当を持ってきます）".into(),
    }
}

pub fn card(entry: &Entry, site: &SiteConfig, root: &str, tx: &dyn TextStyle) -> Card {
    Card {
        id: entry.id.clone(),
        url: [root, &crate::enrich::entry_url(&entry.id)].concat(),
        name: tx.html(&entry.name),
        name_plain: tx.plain(&entry.name),
        kana: entry.kana.clone(),
        kind: entry.kind().id(),
        kind_label: entry.kind().label(),
        badges: badges(entry),
        area: area_name(site, &entry.area)
            .map(|a| tx.html(a))
            .unwrap_or_default(),
        summary: entry.summary.as_deref().map(|s| tx.html(s)),
        facts: key_facts(entry, tx),
        phone: entry.contact.phone.as_deref().map(Phone::new),
        geo: entry.geo.as_ref().map(|g| (g.lat, g.lon)),
        area_plain: area_name(site, &entry.area)
            .map(|a| tx.plain(a))
            .unwrap_or_default(),
    }
}

pub fn area_name<'a>(site: &'a SiteConfig, id: &str) -> Option<&'a str> {
    site.areas.get(id).map(|a| a.name.as_str())
}

#[derive(Debug, Serialize)]
pub struct ServiceView {
    pub id: &'static str,
    pub label: &'static str,
    pub short: &'static str,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Serialize)]
pub struct EntryPage {
    pub card: Card,
    pub operator: Option<Html>,
    pub address: Html,
    /// The address opened in the phone's map app (`view::maps`).
    pub map: crate::view::maps::MapLink,
    pub postal_code: Option<String>,
    pub access: Option<Html>,
    pub phone: Option<Phone>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub hours: Vec<Fact>,
    pub hours_notes: Option<Html>,
    pub accepts: Vec<&'static str>,
    pub accessibility: Vec<&'static str>,
    pub photos: Vec<photos::PhotoView>,
    pub easy: Option<Html>,
    /// The day the facts were confirmed, when they were.
    pub verified: Option<String>,
    /// The sentence that says how current the facts are: confirmed on a day, or imported from
    /// open data and not confirmed yet — never a confirmation that did not happen.
    pub confirmation: String,
    pub services: Vec<ServiceView>,
    /// Facts of the whole office: transport, lunch, visits; or the kind-specific facts.
    pub details: Vec<Fact>,
    pub lists: Vec<ListView>,
    pub voices: Vec<VoiceView>,
    pub body: Html,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct ListView {
    pub title: &'static str,
    pub items: Vec<Html>,
}

#[derive(Debug, Serialize)]
pub struct VoiceView {
    pub who: Html,
    pub words: Html,
}

pub fn entry_page(
    entry: &Entry,
    site: &SiteConfig,
    root: &str,
    body_html: Html,
    tx: &dyn TextStyle,
) -> EntryPage {
    // Photos are shared by the editions, at the site root.
    let media_root = root.strip_suffix(tx.prefix()).unwrap_or(root);
    let mut details = Vec::new();
    let mut lists = Vec::new();
    let mut voices = Vec::new();
    let mut services = Vec::new();
    let html_list = |items: &[String]| items.iter().map(|i| tx.html(i)).collect::<Vec<_>>();
    match &entry.details {
        EntryDetails::Office(o) => {
            services = o.services.iter().map(|s| service_view(s, tx)).collect();
            if let Some(t) = &o.transport {
                let mut value = Html::markup(if t.available { "あり" } else { "なし" });
                if let Some(n) = &t.notes {
                    value.push_markup("（");
                    value.push(&tx.html(n));
                    value.push_markup("）");
                }
                details.push(Fact {
                    label: "送迎",
                    value,
                });
            }
            if let Some(l) = &o.lunch {
                let mut value = Html::escape(&lunch_text(l));
                if let Some(n) = &l.notes {
                    value.push_markup("。");
                    value.push(&tx.html(n));
                }
                details.push(Fact {
                    label: "昼食",
                    value,
                });
            }
            if let Some(v) = &o.visits {
                details.push(Fact {
                    label: "見学・体験",
                    value: tx.html(v),
                });
            }
            if let Some(p) = &o.parking {
                details.push(Fact {
                    label: "駐車場",
                    value: tx.html(p),
                });
            }
        }
        EntryDetails::Workplace(w) => {
            if let Some(i) = &w.industry {
                details.push(Fact {
                    label: "業種",
                    value: tx.html(i),
                });
            }
            if let Some(e) = w.employment {
                details.push(Fact {
                    label: "働きかた",
                    value: Html::markup(e.label()),
                });
            }
            if let Some(i) = &w.internships {
                details.push(Fact {
                    label: "実習",
                    value: tx.html(i),
                });
            }
            lists.push(ListView {
                title: "しごとの内容",
                items: html_list(&w.jobs),
            });
            lists.push(ListView {
                title: "はたらきやすくする工夫（配慮）",
                items: html_list(&w.accommodations),
            });
            voices = w
                .voices
                .iter()
                .map(|v| VoiceView {
                    who: tx.html(&v.who),
                    words: tx.html(&v.text),
                })
                .collect();
        }
        EntryDetails::Center(c) => {
            details.push(Fact {
                label: "種類",
                value: Html::markup(c.center_type.label()),
            });
            if let Some(f) = &c.fee {
                details.push(Fact {
                    label: "費用",
                    value: tx.html(f),
                });
            }
            lists.push(ListView {
                title: "相談できること",
                items: html_list(&c.offers),
            });
        }
        EntryDetails::Community(c) => {
            details.push(Fact {
                label: "種類",
                value: Html::markup(c.community_type.label()),
            });
            if let Some(s) = &c.schedule {
                details.push(Fact {
                    label: "集まる日",
                    value: tx.html(s),
                });
            }
            if let Some(f) = &c.fee {
                details.push(Fact {
                    label: "費用",
                    value: tx.html(f),
                });
            }
        }
    }
    lists.retain(|l| !l.items.is_empty());
    let a = &entry.address;
    let address = a.one_line();
    let hours = entry
        .hours
        .as_ref()
        .map(|h| {
            [
                ("月曜〜金曜", h.weekdays),
                ("土曜", h.saturday),
                ("日曜", h.sunday),
                ("祝日", h.holidays),
            ]
            .into_iter()
            .map(|(label, range)| Fact {
                label,
                value: range.map_or_else(|| Html::markup("休み"), |r| Html::escape(&r.to_string())),
            })
            .collect()
        })
        .unwrap_or_default();
    EntryPage {
        card: card(entry, site, root, tx),
        operator: entry.operator.as_ref().map(|o| tx.html(&o.name)),
        address: tx.address(&address),
        map: crate::view::maps::link(&crate::text::strip_author_ruby(&entry.name), a, entry.geo),
        postal_code: a.postal_code.clone(),
        access: entry.access.as_deref().map(|s| tx.html(s)),
        phone: entry.contact.phone.as_deref().map(Phone::new),
        fax: entry.contact.fax.clone(),
        email: entry.contact.email.clone(),
        url: entry.contact.url.clone(),
        hours,
        hours_notes: entry
            .hours
            .as_ref()
            .and_then(|h| h.notes.as_deref())
            .map(|s| tx.html(s)),
        accepts: entry.accepts.iter().map(|d| d.label()).collect(),
        accessibility: entry.accessibility.iter().map(|d| d.label()).collect(),
        photos: entry
            .photos
            .iter()
            .map(|p| photos::view(p, media_root, tx))
            .collect(),
        easy: entry.easy.as_deref().map(|s| tx.html(s)),
        verified: entry.verified.map(Date::japanese),
        confirmation: confirmation(entry),
        services,
        details,
        lists,
        voices,
        body: body_html,
        source: slash(&entry.source),
    }
}

fn service_view(s: &Service, tx: &dyn TextStyle) -> ServiceView {
    let mut facts = Vec::new();
    if let Some(c) = s.capacity {
        facts.push(Fact {
            label: "定員",
            value: Html::escape(&format!("{c}人")),
        });
    }
    facts.extend(yearly_figures(s));
    if !s.work.is_empty() {
        facts.push(Fact {
            label: "作業内容",
            value: tx.html(&s.work.join("、")),
        });
    }
    if let Some(h) = &s.hours_per_day {
        facts.push(Fact {
            label: "働く時間",
            value: tx.html(h),
        });
    }
    if !s.styles.is_empty() {
        facts.push(Fact {
            label: "アセスメントの場所",
            value: Html::escape(
                &s.styles
                    .iter()
                    .map(|st| st.label())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        });
    }
    if let Some(n) = &s.notes {
        facts.push(Fact {
            label: "ひとこと",
            value: tx.html(n),
        });
    }
    ServiceView {
        id: s.kind.id(),
        label: s.kind.label(),
        short: s.kind.short_label(),
        facts,
    }
}

/// 「この情報は 2026年6月1日 に確かめました。」, or for an imported entry nobody has confirmed,
/// 「公開データ（2025年3月時点）。事業所への確認はまだです。」
fn confirmation(entry: &Entry) -> String {
    match (entry.verified, &entry.imported) {
        (Some(day), _) => format!("この情報は {} に確かめました。", day.japanese()),
        (None, Some(data)) => format!(
            "公開データ（{}時点）。事業所への確認はまだです。",
            data.as_of.japanese_month()
        ),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::yen;

    #[test]
    fn yen_groups_thousands() {
        assert_eq!(yen(0), "0円");
        assert_eq!(yen(300), "300円");
        assert_eq!(yen(16500), "16,500円");
        assert_eq!(yen(1234567), "1,234,567円");
    }
}
