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
/// pages. The formats are made at the same time too (a national guide's HSDS alone takes
/// seconds), each written into its file as it is made (a branch of `files` each).
pub fn data(guide: &Guide, files: &mut Files) {
    let mut json_file = files.branch();
    let mut csv_file = files.branch();
    let mut organizations_file = files.branch();
    let mut services_file = files.branch();
    let ((), (feed, ics)) = rayon::join(
        || {
            rayon::join(
                || {
                    json_file
                        .add_written("data/entries.json", |out| json::write_entries(guide, out))
                },
                || {
                    csv_file.add_written("data/entries.csv", |out| {
                        facilities_csv::write_entries(guide, out)
                    })
                },
            );
        },
        || {
            rayon::join(
                || hsds_files(guide, &mut organizations_file, &mut services_file),
                || rayon::join(|| atom::feed(guide), || ical::calendar(guide)),
            )
            .1
        },
    );
    for branch in [json_file, csv_file, organizations_file, services_file] {
        files.merge(branch);
    }
    files.add("feed.xml", feed);
    files.add("events.ics", ics);
}

/// The HSDS export's two files, written side by side; a failure is noted for the file it hit.
fn hsds_files(guide: &Guide, organizations: &mut Files, services: &mut Files) {
    organizations.add_written("data/hsds/organizations.json", |organizations_out| {
        let mut organizations_result = Ok(());
        services.add_written("data/hsds/services.json", |services_out| match hsds::write(
            guide,
            organizations_out,
            services_out,
        ) {
            Ok(()) => Ok(()),
            Err(hsds::WriteError::Services(error)) => Err(error),
            Err(hsds::WriteError::Organizations(error)) => {
                organizations_result = Err(error);
                Ok(())
            }
        });
        organizations_result
    });
}
