//! `shirube import wam`: one entry per office of a city, from the WAM NET open data CSVs
//! (障害福祉サービス等情報公表システム, one file per service).
//!
//! The data's quirks, and how they are met (see the data's README):
//! - 事業所番号 is not unique: a 多機能型 office has one row per service, in one file or several.
//!   Rows are grouped by the number, and the office gets one `services` item per service.
//! - The first column is the authority that designated the office, not where it is: the city
//!   filter reads 事業所住所（市区町村）.
//! - Full-width and half-width letters, digits and kana are mixed: text is NFKC-normalised,
//!   phone numbers are put in hyphenated groups, readings become hiragana.
//! - Hours are `HH:MM-HH:MM`, empty (unknown) or `00:00-00:00` (closed); anything else goes
//!   into the hours' notes with 定休日 and the remarks.
//! - What families ask first (作業内容, 工賃, 送迎, 対象) is not in the data: each file says so
//!   in a comment, for the provider to fill in.

mod areas;
mod entry;
pub mod region;
// Public for the fuzzer (examples/fuzz.rs), which feeds it mutated CSV.
pub mod rows;
mod sites;
mod update;

pub use areas::NewArea;
pub use region::{RegionError, Selection};

use crate::content::date::Date;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use crate::text::Reader;
use rows::{Row, consultation, office_key, read_rows, service_type};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What to import, and where to.
pub struct WamImport<'a> {
    /// The published CSVs (one per service: a-type.csv, transition.csv, …); each row's service
    /// comes from its サービス種別, whatever the file is called.
    pub files: &'a [PathBuf],
    /// Which offices: by prefecture and municipality (empty: all of the files).
    pub selection: &'a Selection,
    /// Put every entry in this area; `None`: each in the area of its municipality or ward,
    /// made when the site has none for it.
    pub area: Option<&'a str>,
    /// The month the data describes (e.g. 2025-03-01 for the March 2025 files).
    pub as_of: Date,
    /// The site's folder (site.yaml, content/entries).
    pub site_dir: &'a Path,
    /// The site's areas now.
    pub areas: &'a [crate::content::model::Area],
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Rows read from the files, and those whose service the guide has a kind for.
    pub rows: usize,
    pub rows_used: usize,
    /// Offices selected (a 多機能型 office is one office).
    pub offices: usize,
    /// Offices made of rows of several services (多機能型).
    pub merged: usize,
    /// Offices that share their number with another site of the same office (従たる事業所,
    /// `sites.rs`): each is an entry of its own, `wam-<number>-2` and on.
    pub split: usize,
    /// New entry files.
    pub written: Vec<PathBuf>,
    /// Imported entries brought up to date with the data, and which fields changed.
    pub updated: Vec<(PathBuf, Vec<&'static str>)>,
    /// Imported entries whose data-owned fields a person has edited: left as they are, with the
    /// fields where the data now says something else.
    pub kept: Vec<(PathBuf, Vec<&'static str>)>,
    /// Entries already there and not from this import (written by hand): left as they are.
    pub existing: Vec<PathBuf>,
    /// Areas added to site.yaml.
    pub new_areas: Vec<NewArea>,
    /// The site's areas that had no group and were given their prefecture (`areas.rs`).
    pub grouped_areas: Vec<String>,
    /// Streets that had the municipality written into them again, repaired.
    pub repaired_addresses: usize,
    /// Things a person should look at, one line each, naming the file.
    pub notes: Vec<Msg>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    Csv {
        path: PathBuf,
        line: u64,
        message: String,
    },
    NotWam {
        path: PathBuf,
        column: &'static str,
    },
    NoOffices,
    Region(RegionError),
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl Localized for ImportError {
    fn msg(&self) -> Msg {
        match self {
            ImportError::Read { path, error } => msg(
                format!("{} を読めません（{error}）", slash(path)),
                format!("cannot read {} ({error})", slash(path)),
            ),
            ImportError::Csv {
                path,
                line,
                message,
            } => msg(
                format!(
                    "{} の {line} 行目を CSV として読めません（{message}）",
                    slash(path)
                ),
                format!(
                    "line {line} of {} is not readable as CSV ({message})",
                    slash(path)
                ),
            ),
            ImportError::NotWam { path, column } => msg(
                format!(
                    "{} は WAM NET のオープンデータの形ではありません（「{column}」の列がありません）。サービスごとの CSV（csvdownload045.csv など）をそのまま指定してください",
                    slash(path)
                ),
                format!(
                    "{} is not shaped like WAM NET's open data (no column \"{column}\"): give the per-service CSV files (csvdownload045.csv …) as published",
                    slash(path)
                ),
            ),
            ImportError::NoOffices => msg(
                "指定した地域の事業所は、指定したファイルにありません（--pref・--city と、ファイルを確かめてください）",
                "the files have no office in the region asked for (check --pref, --city and the files)",
            ),
            ImportError::Region(RegionError::UnknownCity(city)) => msg(
                format!(
                    "「{city}」という市区町村が見つかりません。「横浜市」「東京都中野区」「札幌市中央区」のように書いてください"
                ),
                format!(
                    "there is no municipality \"{city}\"; write it like 横浜市, 東京都中野区 or 札幌市中央区"
                ),
            ),
            ImportError::Region(RegionError::AmbiguousCity { given, candidates }) => msg(
                format!(
                    "「{given}」はいくつかの場所にあります。どれか一つを書いてください: {}",
                    candidates.join("、")
                ),
                format!(
                    "\"{given}\" names several places; write one of them: {}",
                    candidates.join(", ")
                ),
            ),
            ImportError::Region(RegionError::UnknownPrefecture(pref)) => msg(
                format!("「{pref}」という都道府県はありません（例: 北海道、神奈川県）"),
                format!("there is no prefecture \"{pref}\" (e.g. 北海道, 神奈川県)"),
            ),
            ImportError::Write { path, error } => msg(
                format!("{} を書けません（{error}）", slash(path)),
                format!("cannot write {} ({error})", slash(path)),
            ),
        }
    }
}

crate::display_localized!(ImportError);

/// Import the selected offices: a new entry file for each office that has none, imported
/// entries brought up to date, anything a person wrote left alone.
pub fn import(job: &WamImport) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut offices: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut places: BTreeMap<String, &'static region::Place> = BTreeMap::new();
    for path in job.files {
        for row in read_rows(path)? {
            report.rows += 1;
            let service = row.get("サービス種別");
            if service_type(service).is_none() && consultation(service).is_none() {
                continue;
            }
            let Some(place) = region::place_of(row.get("事業所住所（市区町村）")) else {
                continue;
            };
            if !job.selection.includes(place) {
                continue;
            }
            report.rows_used += 1;
            offices.entry(office_key(&row)).or_default().push(row);
        }
    }
    if offices.is_empty() {
        return Err(ImportError::NoOffices);
    }
    // Each site of an office number is an office of its own (sites.rs): the first keeps the
    // number as its key, the others follow it as key-2, key-3 ….
    let mut offices_by_site: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for (key, rows) in offices {
        for (i, rows) in sites::sites(rows).into_iter().enumerate() {
            let site_key = match i {
                0 => key.clone(),
                _ => {
                    report.split += 1;
                    format!("{key}-{}", i + 1)
                }
            };
            // Every row read had a place (rows without one were left out).
            if let Some(place) = region::place_of(rows[0].get("事業所住所（市区町村）"))
            {
                places.insert(site_key.clone(), place);
                offices_by_site.insert(site_key, rows);
            }
        }
    }
    let offices = offices_by_site;
    report.offices = offices.len();
    report.merged = offices
        .values()
        .filter(|rows| {
            let mut kinds: Vec<&str> = rows.iter().map(|r| r.get("サービス種別")).collect();
            kinds.sort_unstable();
            kinds.dedup();
            kinds.len() > 1
        })
        .count();

    let mut planner = areas::Planner::new(job.areas);
    let entries_dir = job.site_dir.join("content").join("entries");
    let mut reader: Option<Reader> = None;
    for (key, rows) in &offices {
        let area = match job.area {
            Some(area) => area.to_string(),
            None => planner.area_for(places[key]),
        };
        let entry = entry::entry_blocks(rows, &area, job.as_of, &mut reader);
        let rel = PathBuf::from("content/entries").join(format!("wam-{key}.md"));
        let path = entries_dir.join(format!("wam-{key}.md"));
        let write = |text: String| {
            std::fs::create_dir_all(&entries_dir)
                .and_then(|()| std::fs::write(&path, text))
                .map_err(|error| ImportError::Write {
                    path: rel.clone(),
                    error,
                })
        };
        let outcome = match std::fs::read_to_string(&path) {
            Err(_) => {
                write(entry.file())?;
                report.written.push(rel.clone());
                update::Outcome::Written
            }
            Ok(old) => match update::update(&old, &entry) {
                update::Outcome::Updated { text, changed } => {
                    write(text)?;
                    report.updated.push((rel.clone(), changed.clone()));
                    update::Outcome::Updated {
                        text: String::new(),
                        changed,
                    }
                }
                update::Outcome::Kept { differs } => {
                    report.kept.push((rel.clone(), differs.clone()));
                    update::Outcome::Kept { differs }
                }
                update::Outcome::NotImported => {
                    report.existing.push(rel.clone());
                    update::Outcome::NotImported
                }
                other => other,
            },
        };
        if matches!(outcome, update::Outcome::Written) {
            report.repaired_addresses += usize::from(entry.repaired_address);
            let file = slash(&rel);
            report.notes.extend(
                entry
                    .notes
                    .iter()
                    .map(|n| msg(format!("{file}: {}", n.ja), format!("{file}: {}", n.en))),
            );
        }
    }
    let plan = planner.into_plan();
    if !plan.new.is_empty() || !plan.grouped.is_empty() {
        let site_yaml = job.site_dir.join("site.yaml");
        report.grouped_areas =
            areas::write_to_site_yaml(&site_yaml, &plan).map_err(|error| ImportError::Write {
                path: PathBuf::from("site.yaml"),
                error,
            })?;
    }
    report.new_areas = plan.new;
    Ok(report)
}
