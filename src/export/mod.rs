//! The export stage: files for machines, one module per format.
//!
//! - `sitemap`: sitemap.xml, with robots.txt, for search engines;
//! - `json`: data/entries.json, every entry with every field (a versioned shape);
//! - `facilities_csv`: data/entries.csv, in the columns of デジタル庁's 自治体標準オープンデータセット
//!   「公共施設一覧」;
//! - `hsds`: data/hsds/, Open Referral's HSDS 3.0;
//! - `atom`: feed.xml, the entries and events most recently confirmed or changed;
//! - `ical`: events.ics, every event for calendar apps.
//!
//! Every date in them comes from the content, so two builds of the same content are identical.
//! (The JSON-LD in pages is made by `view::jsonld`, since pages show it.)

mod address;
pub mod atom;
pub mod facilities_csv;
pub mod hsds;
pub mod ical;
pub mod json;
mod json_list;
mod sitemap;

use crate::enrich::Guide;
use crate::output::Files;

pub fn export(guide: &Guide, files: &mut Files) {
    data(guide, files);
    sitemap(guide, files);
}

/// sitemap.xml and robots.txt: the sitemap lists every page in `files`, so it comes last.
pub fn sitemap(guide: &Guide, files: &mut Files) {
    let sitemap = sitemap::sitemap(guide, files.paths());
    files.add("sitemap.xml", sitemap);
    files.add(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            guide.site.config.base_url
        ),
    );
}

/// Everything but the sitemap: made from the guide alone, so the build makes it beside the
/// pages. The formats are made at the same time too (a national guide's HSDS alone takes seconds).
pub fn data(guide: &Guide, files: &mut Files) {
    let ((json, csv), (hsds, (feed, ics))) = rayon::join(
        || {
            rayon::join(
                || json::entries_json(guide),
                || facilities_csv::entries_csv(guide),
            )
        },
        || {
            rayon::join(
                || hsds::export(guide),
                || rayon::join(|| atom::feed(guide), || ical::calendar(guide)),
            )
        },
    );
    files.add("data/entries.json", json);
    files.add("data/entries.csv", csv);
    files.add("data/hsds/organizations.json", hsds.organizations);
    files.add("data/hsds/services.json", hsds.services);
    files.add("feed.xml", feed);
    files.add("events.ics", ics);
}
