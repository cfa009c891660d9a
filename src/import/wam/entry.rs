//! One entry from an office's rows, as top-level blocks of YAML (`name: …`, `contact:` with its
//! lines …). Blocks keep the fields the data owns apart from the ones a provider writes, so a
//! re-import can replace exactly the former (see `update.rs`).

use super::rows::{Row, consultation, service_type, squeeze};
use crate::check::formats::{is_corporate_number, is_digits, is_url, parse_time_range};
use crate::content::date::Date;
use crate::import::phone::hyphenate_like;
use crate::import::yaml_out::{Lines, quoted};
use crate::lang::{Msg, msg};
use crate::paths::slash;
use crate::text::{Reader, is_reading, locate, nfkc, to_hiragana};

/// The top-level fields the data owns: a re-import may replace them while nobody has edited them.
pub const DATA_OWNED: [&str; 8] = [
    "name",
    "kana",
    "operator",
    "office_number",
    "address",
    "geo",
    "contact",
    "hours",
];

/// An entry as blocks, in file order: (top-level key, its lines). The first block's key is empty:
/// the comments at the top of the file.
pub struct EntryBlocks {
    pub blocks: Vec<(String, String)>,
    /// Things a person should look at.
    pub notes: Vec<Msg>,
    /// Whether the street had the municipality written into it again, and was repaired.
    pub repaired_address: bool,
}

impl EntryBlocks {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.blocks
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, text)| text.as_str())
    }

    /// The digest of the data-owned blocks as written: FNV-1a over their text, in order.
    pub fn digest(&self) -> String {
        digest_of(DATA_OWNED.iter().filter_map(|key| self.get(key)))
    }

    pub fn file(&self) -> String {
        let body: String = self.blocks.iter().map(|(_, text)| text.as_str()).collect();
        format!("---\n{body}---\n")
    }
}

/// 64-bit FNV-1a, in hex: stable across versions and machines (unlike std's hasher).
pub fn digest_of<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for text in texts {
        for byte in text.bytes().chain([0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn block(blocks: &mut Vec<(String, String)>, key: &str, write: impl FnOnce(&mut Lines)) {
    let mut y = Lines::default();
    write(&mut y);
    let text = y.finish();
    if !text.is_empty() {
        blocks.push((key.to_string(), text));
    }
}

/// The whole entry for an office of `rows` (one per service it offers), in `area`, from data
/// describing `as_of`.
pub fn entry_blocks(
    rows: &[Row],
    area: &str,
    as_of: Date,
    reader: &mut Option<Reader>,
) -> EntryBlocks {
    let first = &rows[0];
    let mut notes = Vec::new();
    let mut blocks = Vec::new();
    block(&mut blocks, "", |y| {
        y.comment(
            "出典：障害福祉サービス等情報公表システム（WAM NET）オープンデータを加工して作成",
        );
        y.comment(
            "shirube import wam で取り込みました。作業内容・工賃・送迎・昼食・対象となる障害は",
        );
        y.comment("このデータにありません。事業所に聞いて書きたし、確かめた日を verified に書いてください。");
    });
    let work: Vec<&'static str> = rows
        .iter()
        .filter_map(|r| service_type(r.get("サービス種別")))
        .collect();
    let consulting: Vec<&'static str> = rows
        .iter()
        .filter_map(|r| consultation(r.get("サービス種別")))
        .collect();
    let is_center = work.is_empty() && !consulting.is_empty();
    block(&mut blocks, "kind", |y| {
        y.raw("kind", if is_center { "center" } else { "office" })
    });
    let name = first.text("事業所の名称");
    block(&mut blocks, "name", |y| y.text("name", &name));
    let kana = match clean_reading(first.get("事業所の名称_かな")) {
        Some(kana) => Some(kana),
        None => {
            // The data has no usable reading: the reader's guess, marked for a person to check.
            if reader.is_none() {
                *reader = Reader::new(&[]).ok();
            }
            notes.push(msg(
                "よみ（kana）がデータにないため、自動でつけました",
                "the data has no reading (kana), so shirube guessed one",
            ));
            // Read at the office's address: a name that carries its town reads it as the town.
            let place = locate(
                &first.text("事業所住所（市区町村）"),
                &first.text("事業所住所（番地以降）"),
            );
            reader
                .as_ref()
                .map(|r| r.at(place.as_ref()).reading(&name))
                .as_deref()
                .and_then(clean_reading)
                .map(|kana| format!("#{kana}"))
        }
    };
    block(&mut blocks, "kana", |y| match kana.as_deref() {
        Some(guess) if guess.starts_with('#') => {
            y.comment("よみは shirube が自動でつけました。正しいか確かめてください");
            y.text("kana", &guess[1..]);
        }
        Some(kana) => y.text("kana", kana),
        None => {}
    });
    block(&mut blocks, "operator", |y| operator(y, first));
    let number = first.text("事業所番号").replace(' ', "");
    block(&mut blocks, "office_number", |y| {
        if is_digits(&number, 10) {
            y.text("office_number", &number);
        }
    });
    block(&mut blocks, "area", |y| y.text("area", area));
    let city = first.text("事業所住所（市区町村）");
    let (street, repaired_address) = repair_street(&city, &first.text("事業所住所（番地以降）"));
    block(&mut blocks, "address", |y| {
        y.map("address", |y| {
            y.text("city", &city);
            y.text("street", &street);
        })
    });
    let (lat, lon) = (first.get("事業所緯度"), first.get("事業所経度"));
    block(&mut blocks, "geo", |y| {
        if let (Ok(lat), Ok(lon)) = (lat.parse::<f64>(), lon.parse::<f64>())
            && (20.0..46.0).contains(&lat)
            && (122.0..154.0).contains(&lon)
        {
            y.raw("geo", &format!("{{ lat: {lat}, lon: {lon} }}"));
        }
    });
    block(&mut blocks, "contact", |y| contact(y, first, &mut notes));
    block(&mut blocks, "hours", |y| hours(y, first));
    if is_center {
        block(&mut blocks, "center_type", |y| {
            y.raw("center_type", "consultation")
        });
        let mut offers: Vec<&str> = consulting.clone();
        offers.dedup();
        let list: Vec<String> = offers.iter().map(|o| quoted(o)).collect();
        block(&mut blocks, "offers", |y| {
            y.raw("offers", &format!("[{}]", list.join(", ")))
        });
    } else {
        block(&mut blocks, "services", |y| services(y, rows, &mut notes));
        if !consulting.is_empty() {
            notes.push(msg(
                "相談支援も行っている事業所です。相談支援は別の項目（kind: center）に書けます",
                "this office also offers consultation, which can be a separate entry (kind: center)",
            ));
        }
    }
    let mut entry = EntryBlocks {
        blocks,
        notes,
        repaired_address,
    };
    let digest = entry.digest();
    block(&mut entry.blocks, "imported", |y| {
        y.map("imported", |y| {
            y.raw("from", "wam");
            y.raw("as_of", &as_of.to_string());
            y.text("digest", &digest);
        })
    });
    entry
}

/// The data sometimes writes the municipality into the street again, and the street twice
/// (「水見色360番地静岡県静岡市葵区水見色360番地」): the street is what follows the last copy of
/// the municipality, or the street itself when it is only repeated.
pub fn repair_street(city: &str, street: &str) -> (String, bool) {
    let squeezed_city: String = city.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed_city.is_empty() {
        return (street.to_string(), false);
    }
    if let Some(at) = street.rfind(&squeezed_city) {
        let (before, after) = (&street[..at], &street[at + squeezed_city.len()..]);
        let after = after.trim();
        let repaired = if after.is_empty() {
            before.trim()
        } else {
            after
        };
        if !repaired.is_empty() {
            return (repaired.to_string(), true);
        }
    }
    (street.to_string(), false)
}

fn services(y: &mut Lines, rows: &[Row], notes: &mut Vec<Msg>) {
    y.map("services", |y| {
        let mut seen = Vec::new();
        for row in rows {
            let text = row.get("サービス種別");
            let Some(kind) = service_type(text) else {
                if consultation(text).is_none() {
                    let source = slash(&row.source);
                    notes.push(msg(
                        format!("サービス種別「{text}」（{source}）は取り込めません"),
                        format!("the service type \"{text}\" ({source}) cannot be imported"),
                    ));
                }
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
        // Only a number that is one: the data has typos and office numbers with 000 after them.
        if is_corporate_number(&number) {
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
