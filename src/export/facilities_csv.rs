//! `data/entries.csv`: every entry as a row of デジタル庁's 自治体標準オープンデータセット
//! 「公共施設一覧」, in its column order, UTF-8 with a BOM and CRLF line ends, so that a council can
//! publish it on its open-data portal beside its other datasets and tools that read the standard
//! read this too.
//!
//! Columns the guide has nothing for (英字 names, POI codes, 町字ID, altitude, images) are left
//! empty, as the standard allows. Readings become katakana; 利用可能曜日 lists the days the
//! weekday hours apply to, and other days' hours and notes go to 利用可能日時特記事項.

use crate::content::model::{Entry, EntryDetails, Hours};
use crate::enrich::Guide;
use crate::export::address::{split_prefecture, split_street, to_katakana};
use crate::export::kept::{self, KeptData};
use std::io;

/// The standard's columns, in its order (where the order comes from: `STANDARD_HEADER` in
/// tests/open_data.rs, which holds the export to it).
pub const COLUMNS: [&str; 38] = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "名称",
    "名称_カナ",
    "名称_英字",
    "名称_通称",
    "POIコード",
    "所在地_全国地方公共団体コード",
    "町字ID",
    "所在地_連結表記",
    "所在地_都道府県",
    "所在地_市区町村",
    "所在地_町字",
    "所在地_番地以下",
    "建物名等(方書)",
    "緯度",
    "経度",
    "高度の種別",
    "高度の値",
    "電話番号",
    "内線番号",
    "連絡先メールアドレス",
    "連絡先FormURL",
    "連絡先備考（その他、SNSなど）",
    "郵便番号",
    "法人番号",
    "団体名",
    "利用可能曜日",
    "開始時間",
    "終了時間",
    "利用可能日時特記事項",
    "説明",
    "バリアフリー情報",
    "URL",
    "画像",
    "画像_ライセンス",
    "備考",
];

/// Writes `data/entries.csv` into `out`, each slice of entries' rows read from `kept` when it
/// keeps them for the same entries.
pub fn write_entries(
    guide: &Guide,
    kept: &KeptData,
    out: &mut dyn std::io::Write,
) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    out.write_all(&record(COLUMNS)?)?;
    for entries in guide.site.entries.chunks(kept::SLICE) {
        let rows = kept.csv.kept_or_made(
            entries.iter().map(|entry| kept.entry_key(entry)),
            |rows| rows.len() == entries.len(),
            || {
                entries
                    .iter()
                    .map(|entry| record(row(guide, entry)))
                    .collect()
            },
        )?;
        for row in &rows {
            out.write_all(row)?;
        }
    }
    Ok(())
}

/// One record of the file, written out: a row is quoted and ended the same whatever rows
/// come before it.
fn record<const N: usize, T: AsRef<[u8]>>(fields: [T; N]) -> io::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(fields)?;
    writer.into_inner().map_err(|error| error.into_error())
}

fn row(guide: &Guide, entry: &Entry) -> [String; 38] {
    let config = &guide.site.config;
    let plain = crate::text::strip_author_ruby;
    let a = &entry.address;
    let (prefecture, city) = split_prefecture(&a.city);
    let (district, rest) = split_street(&a.street);
    let lg_code = config.lg_code.clone().unwrap_or_default();
    // The council's code is the place's only when the place is in the council's municipality.
    let place_code = if city == config.region || a.city == config.region {
        lg_code.clone()
    } else {
        String::new()
    };
    let (days, open, close, hours_notes) = hours(entry.hours.as_ref());
    let operator = entry.operator.as_ref();
    let geo = |f: fn(&crate::content::model::Geo) -> f64| {
        entry
            .geo
            .as_ref()
            .map(|g| f(g).to_string())
            .unwrap_or_default()
    };
    let url =
        entry.contact.url.clone().unwrap_or_else(|| {
            format!("{}{}", config.base_url, crate::enrich::entry_url(&entry.id))
        });
    [
        lg_code,
        entry.id.clone(),
        plain(&config.region),
        plain(&entry.name),
        to_katakana(&entry.kana),
        String::new(),
        String::new(),
        String::new(),
        place_code,
        String::new(),
        plain(&a.one_line()),
        prefecture.to_string(),
        plain(city),
        plain(district),
        plain(rest),
        a.building.as_deref().map(plain).unwrap_or_default(),
        geo(|g| g.lat),
        geo(|g| g.lon),
        String::new(),
        String::new(),
        entry.contact.phone.clone().unwrap_or_default(),
        String::new(),
        entry.contact.email.clone().unwrap_or_default(),
        String::new(),
        entry
            .contact
            .fax
            .as_ref()
            .map(|f| format!("FAX {f}"))
            .unwrap_or_default(),
        a.postal_code.clone().unwrap_or_default(),
        operator
            .and_then(|o| o.corporate_number.clone())
            .unwrap_or_default(),
        operator.map(|o| plain(&o.name)).unwrap_or_default(),
        days,
        open,
        close,
        hours_notes,
        entry.summary.as_deref().map(plain).unwrap_or_default(),
        entry
            .accessibility
            .iter()
            .map(|f| f.label())
            .collect::<Vec<_>>()
            .join(";"),
        url,
        String::new(),
        String::new(),
        remarks(entry),
    ]
}

/// 利用可能曜日, 開始時間, 終了時間 and 利用可能日時特記事項. One row has one pair of times: those of
/// the weekdays (or, closed on weekdays, of the first day open); days with other hours are said
/// in the notes.
fn hours(hours: Option<&Hours>) -> (String, String, String, String) {
    let Some(h) = hours else {
        return Default::default();
    };
    let days = [
        ("月,火,水,木,金", h.weekdays),
        ("土", h.saturday),
        ("日", h.sunday),
        ("祝", h.holidays),
    ];
    let Some(main) = days.iter().find_map(|(_, r)| *r) else {
        return (String::new(), String::new(), String::new(), notes_only(h));
    };
    let clock = crate::content::model::clock;
    let mut same = Vec::new();
    let mut other = Vec::new();
    for (label, range) in days {
        match range {
            Some(r) if r == main => same.push(label),
            Some(r) => other.push(format!("{}は{}", label.replace(',', ""), r)),
            None => {}
        }
    }
    let mut notes = other;
    notes.extend(h.notes.as_deref().map(crate::text::strip_author_ruby));
    (
        same.join(","),
        clock(main.open),
        clock(main.close),
        notes.join("。"),
    )
}

fn notes_only(h: &Hours) -> String {
    h.notes
        .as_deref()
        .map(crate::text::strip_author_ruby)
        .unwrap_or_default()
}

/// 備考: what kind of place it is, in the guide's words (事業所（B型・就労移行）).
fn remarks(entry: &Entry) -> String {
    match &entry.details {
        EntryDetails::Office(o) => format!(
            "{}（{}）",
            entry.kind().label(),
            o.services
                .iter()
                .map(|s| s.kind.label())
                .collect::<Vec<_>>()
                .join("・")
        ),
        EntryDetails::Center(c) => c.center_type.label().to_string(),
        EntryDetails::Community(c) => c.community_type.label().to_string(),
        EntryDetails::Workplace(w) => w
            .employment
            .map_or(entry.kind().label(), |e| e.label())
            .to_string(),
    }
}
