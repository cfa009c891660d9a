//! Reading the published CSVs: the columns used, one `Row` per line, and which office a row
//! belongs to.

use super::ImportError;
use crate::check::formats::is_digits;
use crate::text::nfkc;
use std::path::{Path, PathBuf};

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
pub struct Row {
    values: Vec<String>,
    pub source: PathBuf,
}

impl Row {
    pub fn get(&self, column: &str) -> &str {
        COLUMNS
            .iter()
            .position(|c| *c == column)
            .and_then(|i| self.values.get(i))
            .map_or("", |v| v.trim())
    }

    /// NFKC, with runs of spaces made one.
    pub fn text(&self, column: &str) -> String {
        nfkc(self.get(column))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
impl Row {
    /// A row with these columns' values, the others empty.
    pub fn for_test(values: &[(&str, &str)]) -> Row {
        Row {
            values: COLUMNS
                .iter()
                .map(|column| {
                    values
                        .iter()
                        .find(|(c, _)| c == column)
                        .map_or("", |(_, v)| v)
                        .to_string()
                })
                .collect(),
            source: PathBuf::new(),
        }
    }
}

pub fn read_rows(path: &Path) -> Result<Vec<Row>, ImportError> {
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
pub fn office_key(row: &Row) -> String {
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

pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The service type's id, from サービス種別 (就労継続支援Ａ型 …).
pub fn service_type(text: &str) -> Option<&'static str> {
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

/// A consultation service (相談支援) from サービス種別: such an office is a `center` of type
/// `consultation` in the guide, offering that service.
pub fn consultation(text: &str) -> Option<&'static str> {
    let text = nfkc(text);
    [
        "計画相談支援",
        "特定相談支援",
        "一般相談支援",
        "障害児相談支援",
        "地域移行支援",
        "地域定着支援",
    ]
    .into_iter()
    .find(|name| text.contains(name))
}
