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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::phone::hyphenate_like;
use super::yaml_out::{Lines, quoted};
use crate::check::formats::{is_digits, is_url, parse_time_range};
use crate::content::date::Date;
use crate::lang::{Localized, Msg, msg};
use crate::paths::slash;
use crate::text::{Reader, is_reading, locate, nfkc, to_hiragana};

/// What to import, and where to.
pub struct WamImport<'a> {
    /// The published CSVs (one per service: a-type.csv, transition.csv, …).
    pub files: &'a [PathBuf],
    /// Offices whose 事業所住所（市区町村） contains this: 横浜市, 東京都中野区.
    pub city: &'a str,
    /// The site's area every imported entry is put in.
    pub area: &'a str,
    /// The date written as `verified`: the day of the import.
    pub verified: Date,
    /// The site's `content/entries` folder.
    pub entries_dir: &'a Path,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Offices of the city found in the data.
    pub offices: usize,
    /// New entry files.
    pub written: Vec<PathBuf>,
    /// Entries that were there already and were left as they are.
    pub existing: Vec<PathBuf>,
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
    NoCity,
    NoOffices {
        city: String,
    },
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
            ImportError::NoCity => msg(
                "--city に市区町村を書いてください（例: 横浜市、東京都中野区）",
                "write a municipality after --city (e.g. 横浜市, 東京都中野区)",
            ),
            ImportError::NoOffices { city } => msg(
                format!(
                    "事業所住所が「{city}」の事業所は、指定したファイルにありません。市区町村は「横浜市」「東京都中野区」のように書いてください"
                ),
                format!(
                    "the files have no office whose address is in \"{city}\"; write the municipality like 横浜市 or 東京都中野区"
                ),
            ),
            ImportError::Write { path, error } => msg(
                format!("{} を書けません（{error}）", slash(path)),
                format!("cannot write {} ({error})", slash(path)),
            ),
        }
    }
}

crate::display_localized!(ImportError);

/// The columns used, by their published names.
const COLUMNS: [&str; 22] = [
    "NO（※システム内の固有の番号、連番）",
    "法人の名称",
    "法人の名称_かな",
    "法人番号",
    "サービス種別",
    "事業所の名称",
    "事業所の名称_かな",
    "事業所番号",
    "事業所住所（市区町村）",
    "事業所住所（番地以降）",
    "事業所電話番号",
    "事業所FAX番号",
    "事業所URL",
    "事業所緯度",
    "事業所経度",
    "利用可能な時間帯（平日）",
    "利用可能な時間帯（土曜）",
    "利用可能な時間帯（日曜）",
    "利用可能な時間帯（祝日）",
    "定休日",
    "利用可能曜日特記事項（留意事項）",
    "定員",
];

/// One row: the used columns, in the order of [`COLUMNS`].
struct Row {
    values: Vec<String>,
    source: PathBuf,
}

impl Row {
    fn get(&self, column: &str) -> &str {
        COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.values.get(i))
            .map_or("", |v| v.trim())
    }

    /// NFKC, with runs of spaces made one.
    fn text(&self, column: &str) -> String {
        nfkc(self.get(column))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Import the city's offices: write an entry file for each office that has none yet.
pub fn import(job: &WamImport) -> Result<ImportReport, ImportError> {
    let city = squeeze(&nfkc(job.city));
    if city.is_empty() {
        return Err(ImportError::NoCity);
    }
    let mut offices: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for path in job.files {
        for row in read_rows(path)? {
            if !squeeze(&row.text("事業所住所（市区町村）")).contains(&city) {
                continue;
            }
            offices.entry(office_key(&row)).or_default().push(row);
        }
    }
    if offices.is_empty() {
        return Err(ImportError::NoOffices {
            city: job.city.to_string(),
        });
    }
    let mut report = ImportReport {
        offices: offices.len(),
        ..ImportReport::default()
    };
    let mut reader = None;
    for (key, rows) in &offices {
        let rel = PathBuf::from("content/entries").join(format!("wam-{key}.md"));
        let path = job.entries_dir.join(format!("wam-{key}.md"));
        if path.exists() {
            report.existing.push(rel);
            continue;
        }
        let mut notes = Vec::new();
        let text = entry_file(job, rows, &mut reader, &mut notes);
        std::fs::create_dir_all(job.entries_dir)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|error| ImportError::Write {
                path: rel.clone(),
                error,
            })?;
        report.notes.extend(notes.into_iter().map(|n| {
            let file = slash(&rel);
            msg(format!("{file}: {}", n.ja), format!("{file}: {}", n.en))
        }));
        report.written.push(rel);
    }
    Ok(report)
}

fn read_rows(path: &Path) -> Result<Vec<Row>, ImportError> {
    let file = std::fs::File::open(path).map_err(|error| ImportError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let csv_error = |e: csv::Error| ImportError::Csv {
        path: path.to_path_buf(),
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    let headers: Vec<String> = csv
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let mut index = Vec::with_capacity(COLUMNS.len());
    for column in COLUMNS {
        match headers.iter().position(|h| h == column) {
            Some(i) => index.push(i),
            None => {
                return Err(ImportError::NotWam {
                    path: path.to_path_buf(),
                    column,
                });
            }
        }
    }
    let mut rows = Vec::new();
    for record in csv.records() {
        let record = record.map_err(csv_error)?;
        rows.push(Row {
            values: index
                .iter()
                .map(|&i| record.get(i).unwrap_or_default().to_string())
                .collect(),
            source: path.to_path_buf(),
        });
    }
    Ok(rows)
}

/// Rows of one office share its 事業所番号; a row without a usable one stands alone (by NO).
fn office_key(row: &Row) -> String {
    let number: String = row.text("事業所番号").replace(' ', "");
    if is_digits(&number, 10) {
        number
    } else {
        format!(
            "no-{}",
            squeeze(&row.text("NO（※システム内の固有の番号、連番）"))
        )
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The service type's id, from サービス種別 (就労継続支援Ａ型 …).
fn service_type(text: &str) -> Option<&'static str> {
    let text = nfkc(text);
    [
        ("就労継続支援A型", "a-type"),
        ("就労継続支援B型", "b-type"),
        ("就労移行支援", "transition"),
        ("就労定着支援", "retention"),
        ("就労選択支援", "selection"),
    ]
    .into_iter()
    .find(|(name, _)| text.contains(name))
    .map(|(_, id)| id)
}

/// A reading as `check` wants it: hiragana, with spaces, ー and ・. `None` if nothing is left.
fn clean_reading(kana: &str) -> Option<String> {
    let hira: String = to_hiragana(&nfkc(kana))
        .chars()
        .filter(|&c| matches!(c, 'ぁ'..='ゖ' | 'ゝ' | 'ゞ' | 'ー' | '・' | ' '))
        .collect();
    let hira = hira.split_whitespace().collect::<Vec<_>>().join(" ");
    is_reading(&hira).then_some(hira)
}

fn entry_file(
    job: &WamImport,
    rows: &[Row],
    reader: &mut Option<Reader>,
    notes: &mut Vec<Msg>,
) -> String {
    let first = &rows[0];
    let mut y = Lines::default();
    y.comment("出典：障害福祉サービス等情報公表システム（WAM NET）オープンデータを加工して作成");
    y.comment("shirube import wam で取り込みました。作業内容・工賃・送迎・昼食・対象となる障害は");
    y.comment("このデータにありません。事業所に聞いて書きたし、verified（確かめた日）を更新してください。");
    y.raw("kind", "office");
    let name = first.text("事業所の名称");
    y.text("name", &name);
    match clean_reading(first.get("事業所の名称_かな")) {
        Some(kana) => y.text("kana", &kana),
        None => {
            // The data has no usable reading: the reader's guess, marked for a person to check.
            if reader.is_none() {
                *reader = Reader::new(&[]).ok();
            }
            // Read at the office's address: a name that carries its town reads it as the town.
            let place = locate(
                &first.text("事業所住所（市区町村）"),
                &first.text("事業所住所（番地以降）"),
            );
            let guess = reader.as_ref().map(|r| r.at(place.as_ref()).reading(&name));
            if let Some(kana) = guess.as_deref().and_then(clean_reading) {
                y.comment("よみは shirube が自動でつけました。正しいか確かめてください");
                y.text("kana", &kana);
            }
            notes.push(msg(
                "よみ（kana）がデータにないため、自動でつけました",
                "the data has no reading (kana), so shirube guessed one",
            ));
        }
    }
    operator(&mut y, first);
    let number = first.text("事業所番号").replace(' ', "");
    if is_digits(&number, 10) {
        y.text("office_number", &number);
    }
    y.text("area", job.area);
    y.map("address", |y| {
        y.text("city", &first.text("事業所住所（市区町村）"));
        y.text("street", &first.text("事業所住所（番地以降）"));
    });
    let (lat, lon) = (first.get("事業所緯度"), first.get("事業所経度"));
    if let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>())
        && (20.0..46.0).contains(&lat)
        && (122.0..154.0).contains(&lon)
    {
        y.raw("geo", &format!("{{ lat: {lat}, lon: {lon} }}"));
    }
    contact(&mut y, first, notes);
    hours(&mut y, first);
    y.map("services", |y| {
        let mut seen = Vec::new();
        for row in rows {
            let Some(kind) = service_type(row.get("サービス種別")) else {
                let (kind, source) = (row.get("サービス種別"), slash(&row.source));
                notes.push(msg(
                    format!("サービス種別「{kind}」（{source}）は取り込めません"),
                    format!("the service type \"{kind}\" ({source}) cannot be imported"),
                ));
                continue;
            };
            if seen.contains(&kind) {
                continue;
            }
            seen.push(kind);
            let capacity = row.text("定員").parse::<u32>().ok();
            y.item(|y| {
                y.text("type", kind);
                if let Some(c) = capacity.filter(|c| (1..=1000).contains(c))
                    && kind != "retention"
                {
                    y.raw("capacity", &c.to_string());
                }
            });
        }
    });
    y.raw("verified", &job.verified.to_string());
    format!("---\n{}---\n", y.finish())
}

fn operator(y: &mut Lines, row: &Row) {
    let name = row.text("法人の名称");
    if name.is_empty() {
        return;
    }
    y.map("operator", |y| {
        y.text("name", &name);
        if let Some(kana) = clean_reading(row.get("法人の名称_かな")) {
            y.text("kana", &kana);
        }
        let number = squeeze(&row.text("法人番号"));
        if is_digits(&number, 13) {
            y.text("corporate_number", &number);
        }
    });
}

fn contact(y: &mut Lines, row: &Row, notes: &mut Vec<Msg>) {
    // A number typed as bare digits takes its groups from a number of the same area that was
    // typed with hyphens (the FAX beside it, the operator's phone).
    let typed = [
        row.get("事業所電話番号"),
        row.get("事業所FAX番号"),
        row.get("法人電話番号"),
        row.get("法人FAX番号"),
    ];
    let phone = hyphenate_like(typed[0], &typed);
    let fax = hyphenate_like(typed[1], &typed);
    let url = Some(row.text("事業所URL")).filter(|u| is_url(u));
    if phone.is_none() {
        notes.push(msg(
            "電話番号がデータにないか、読めません。contact に phone か email を書いてください",
            "the data has no readable phone number: add a phone or an email under contact",
        ));
    }
    if phone.is_none() && fax.is_none() && url.is_none() {
        // An empty map, so that check asks for the phone rather than for the whole field.
        y.raw("contact", "{}");
        return;
    }
    y.map("contact", |y| {
        if let Some(p) = &phone {
            y.text("phone", p);
        }
        if let Some(f) = &fax {
            y.text("fax", f);
        }
        if let Some(u) = &url {
            y.text("url", u);
        }
    });
}

fn hours(y: &mut Lines, row: &Row) {
    let days = [
        ("weekdays", "利用可能な時間帯（平日）"),
        ("saturday", "利用可能な時間帯（土曜）"),
        ("sunday", "利用可能な時間帯（日曜）"),
        ("holidays", "利用可能な時間帯（祝日）"),
    ];
    let mut lines: Vec<(&str, String)> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for (key, column) in days {
        let text = row.text(column).replace(['~', '〜', '～', '−', '‐'], "-");
        if text.is_empty() {
            continue;
        }
        match parse_time_range(&text) {
            Some((open, close)) if open == close => lines.push((key, "null".into())),
            Some((open, close)) if open < close => lines.push((key, quoted(&text))),
            _ => notes.push(format!("{column}: {text}")),
        }
    }
    for column in ["定休日", "利用可能曜日特記事項（留意事項）"] {
        let text = row.text(column);
        if !text.is_empty() {
            notes.push(text);
        }
    }
    // A day left out reads as closed, so without weekday hours the data says too little for an
    // `hours` block: what it has goes into a comment, for the provider to turn into hours.
    if !lines.iter().any(|(key, _)| *key == "weekdays") {
        if !notes.is_empty() {
            y.comment(&format!("hours（データより）: {}", notes.join(" / ")));
        }
        return;
    }
    y.map("hours", |y| {
        for (key, value) in &lines {
            y.raw(key, value);
        }
        if !notes.is_empty() {
            y.text("notes", &notes.join(" / "));
        }
    });
}
