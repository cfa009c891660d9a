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
mod kept;
mod sitemap;

pub use kept::KeptData;

use crate::enrich::Guide;
use crate::output::Files;

pub fn export(guide: &Guide, files: &mut Files) {
    data(guide, None, &KeptData::none(), files);
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
///
/// The files made from the guide in pieces (the JSON, the CSV, HSDS) are noted as made with
/// `key`, the guide's fingerprint (`Guide::fingerprint`: they are made from the guide alone by
/// this shirube, which it takes in), and kept as the last build made them when it is the same.
/// Made again, their entries are read from `kept` where it holds them for the same entries.
pub fn data(guide: &Guide, key: Option<u128>, kept: &KeptData, files: &mut Files) {
    let mut json_file = files.branch();
    let mut csv_file = files.branch();
    let mut organizations_file = files.branch();
    let mut services_file = files.branch();
    let ((), (feed, ics)) = rayon::join(
        || {
            rayon::join(
                || {
                    kept_or_written(&mut json_file, "data/entries.json", key, |out| {
                        json::write_entries(guide, kept, out)
                    })
                },
                || {
                    kept_or_written(&mut csv_file, "data/entries.csv", key, |out| {
                        facilities_csv::write_entries(guide, kept, out)
                    })
                },
            );
        },
        || {
            rayon::join(
                || {
                    let (organizations, services) = (&mut organizations_file, &mut services_file);
                    hsds_files(guide, key, kept, organizations, services)
                },
                || rayon::join(|| atom::feed(guide), || ical::calendar(guide)),
            )
            .1
        },
    );
    for branch in [json_file, csv_file, organizations_file, services_file] {
        files.merge(branch);
    }
    kept.forget_unused();
    files.add("feed.xml", feed);
    files.add("events.ics", ics);
}

/// `path` in `files` kept as the last build wrote it with `key` (`Files::keep`), else written
/// with `write`.
fn kept_or_written(
    files: &mut Files,
    path: &str,
    key: Option<u128>,
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
) {
    if !key.is_some_and(|key| files.keep(path, key)) {
        files.add_written_keyed(path, key, write);
    }
}

/// The HSDS export's two files, written side by side; a failure is noted for the file it hit.
/// Kept only as a pair: they are written in one pass. (One of them kept and the other not,
/// the first is written over with the same bytes, which leaves it as it is.)
fn hsds_files(
    guide: &Guide,
    key: Option<u128>,
    kept: &KeptData,
    organizations: &mut Files,
    services: &mut Files,
) {
    const ORGANIZATIONS: &str = "data/hsds/organizations.json";
    const SERVICES: &str = "data/hsds/services.json";
    if key.is_some_and(|key| organizations.keep(ORGANIZATIONS, key) && services.keep(SERVICES, key))
    {
        return;
    }
    organizations.add_written_keyed(ORGANIZATIONS, key, |organizations_out| {
        let mut organizations_result = Ok(());
        services.add_written_keyed(SERVICES, key, |services_out| {
            match hsds::write(guide, kept, organizations_out, services_out) {
                Ok(()) => Ok(()),
                Err(hsds::WriteError::Services(error)) => Err(error),
                Err(hsds::WriteError::Organizations(error)) => {
                    organizations_result = Err(error);
                    Ok(())
                }
            }
        });
        organizations_result
    });
}
