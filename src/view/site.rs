//! What every page knows about the whole guide: its title, the menu, the listings with counts.

use crate::content::model::{Areas, Disability, WHERE_TO_ASK};
use crate::enrich::Guide;
use crate::text::Html;
use crate::view::categories::{self, Category};
use crate::view::style::TextStyle;
use serde::Serialize;
use std::collections::HashMap;

/// More areas than this are listed on the home page only.
pub const FOOTER_AREAS_MAX: usize = 30;

#[derive(Debug, Serialize)]
pub struct SiteContext {
    pub title: Html,
    pub title_plain: String,
    pub region: Html,
    pub description: Html,
    pub data_date: Option<String>,
    pub categories: Vec<Link>,
    /// Empty on the pages that do not list the areas (see `footer_areas`).
    pub areas: Vec<Link>,
    /// The same links group by group, when the areas fall into two or more groups (site.yaml's
    /// `group`: a national guide's prefectures); empty otherwise.
    pub area_groups: Vec<AreaGroup>,
    /// How many areas the guide has, on every page.
    pub area_count: usize,
    pub pages: Vec<Link>,
    /// The 「どこに相談すればいい？」 page, when the site has one: the home page links to it
    /// first, and only then (a link to a page that is not there would be a 404).
    pub where_to_ask: Option<String>,
    /// Whether every page's footer lists the areas: not when there are so many (a prefecture's
    /// or the country's municipalities) that the list would bury the page; the home page has them.
    pub footer_areas: bool,
    /// The `accepts` values with their labels, for filters (one list: the model's).
    pub disabilities: Vec<Choice>,
    pub entry_count: usize,
    /// The licence of the guide's text and open data, from site.yaml.
    pub license_name: Option<String>,
    pub license_url: Option<String>,
    /// The Content-Security-Policy of the page (`csp::PAGES`).
    pub csp: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub id: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AreaGroup {
    /// The group's name; empty for the areas that have none (listed first).
    pub label: Html,
    /// The entries of all its areas.
    pub count: usize,
    pub areas: Vec<Link>,
}

#[derive(Debug, Serialize, Clone)]
pub struct Link {
    pub id: String,
    pub url: String,
    pub label: Html,
    pub description: Html,
    pub count: usize,
}

impl SiteContext {
    /// The context of the pages whose links begin with `root`; with the areas' links when
    /// `with_areas` (past [`FOOTER_AREAS_MAX`] areas, only the pages that list them have them:
    /// a national guide's thousand area links were made for every depth and dropped).
    pub fn new(guide: &Guide, root: &str, tx: &dyn TextStyle, with_areas: bool) -> SiteContext {
        let site = &guide.site;
        let config = &site.config;
        let category_link = |c: Category| Link {
            id: c.id().to_string(),
            url: format!("{root}{}", c.url()),
            label: Html::markup(c.label()),
            description: Html::markup(c.description()),
            count: site.entries.iter().filter(|e| c.includes(e)).count(),
        };
        let areas = match with_areas {
            true => area_links(guide, root, tx),
            false => Vec::new(),
        };
        SiteContext {
            area_groups: area_groups(&config.areas, &areas, tx),
            areas,
            title: tx.html(&config.title),
            title_plain: tx.plain(&config.title),
            region: tx.html(&config.region),
            description: tx.html(&config.description),
            data_date: config.data_date.map(|d| d.japanese()),
            categories: categories::all().into_iter().map(category_link).collect(),
            area_count: config.areas.len(),
            pages: site
                .pages
                .iter()
                .map(|p| Link {
                    id: p.slug.clone(),
                    url: format!("{root}{}", crate::enrich::page_url(&p.slug)),
                    label: tx.html(&p.title),
                    description: p.summary.as_deref().map(|s| tx.html(s)).unwrap_or_default(),
                    count: 0,
                })
                .collect(),
            footer_areas: config.areas.len() <= FOOTER_AREAS_MAX,
            where_to_ask: site
                .pages
                .iter()
                .find(|p| p.slug == WHERE_TO_ASK)
                .map(|p| format!("{root}{}", crate::enrich::page_url(&p.slug))),
            disabilities: Disability::ALL
                .iter()
                .map(|d| Choice {
                    id: d.id(),
                    label: d.label(),
                })
                .collect(),
            entry_count: site.entries.len(),
            license_name: config.license.as_ref().map(|l| l.name.clone()),
            license_url: config.license.as_ref().and_then(|l| l.url.clone()),
            csp: super::csp::PAGES,
        }
    }
}

/// `links` (one per area of `areas`, in their order) group by group, in the order each group
/// first appears, the areas without a group first; nothing when there are fewer than two groups.
fn area_groups(areas: &Areas, links: &[Link], tx: &dyn TextStyle) -> Vec<AreaGroup> {
    let mut groups: Vec<(Option<&str>, Vec<Link>)> = Vec::new();
    for (area, link) in areas.as_slice().iter().zip(links) {
        let group = area.group.as_deref();
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, members)) => members.push(link.clone()),
            None => groups.push((group, vec![link.clone()])),
        }
    }
    if groups.iter().filter(|(g, _)| g.is_some()).count() < 2 {
        return Vec::new();
    }
    groups.sort_by_key(|(g, _)| g.is_some());
    groups
        .into_iter()
        .map(|(group, areas)| AreaGroup {
            label: group.map(|g| tx.html(g)).unwrap_or_default(),
            count: areas.iter().map(|a| a.count).sum(),
            areas,
        })
        .collect()
}

/// A link to each area's listing, with its count of entries.
fn area_links(guide: &Guide, root: &str, tx: &dyn TextStyle) -> Vec<Link> {
    // A national guide has a thousand areas: count every area's entries in one pass.
    let mut per_area: HashMap<&str, usize> = HashMap::new();
    for e in &guide.site.entries {
        *per_area.entry(e.area.as_str()).or_default() += 1;
    }
    guide
        .site
        .config
        .areas
        .iter()
        .map(|a| Link {
            id: a.id.clone(),
            url: format!("{root}areas/{}/", a.id),
            label: tx.html(&a.name),
            description: Html::new(),
            count: per_area.get(a.id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct TermView {
    pub id: String,
    pub term: Html,
    pub kana: String,
    pub definition: Html,
    pub easy: Option<Html>,
    pub see: Vec<Link>,
}

/// Glossary terms in 五十音 order of their reading.
pub fn glossary(guide: &Guide, tx: &dyn TextStyle) -> Vec<TermView> {
    let mut terms: Vec<_> = guide.site.glossary.iter().collect();
    terms.sort_by_cached_key(|t| crate::text::sort_key(&t.kana));
    terms
        .into_iter()
        .map(|t| TermView {
            id: t.id.clone(),
            term: tx.html(&t.term),
            kana: t.kana.clone(),
            definition: tx.html(&t.definition),
            easy: t.easy.as_deref().map(|s| tx.html(s)),
            see: t
                .see
                .iter()
                .filter_map(|id| guide.site.glossary.iter().find(|g| &g.id == id))
                .map(|g| Link {
                    id: g.id.clone(),
                    url: format!("#{}", g.id),
                    label: tx.html(&g.term),
                    description: Html::new(),
                    count: 0,
                })
                .collect(),
        })
        .collect()
}
