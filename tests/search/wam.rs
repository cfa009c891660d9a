//! SearchDocs from the real national open data (../shared/data/wam-202503/*.csv, see its
//! README): for the corpus check (tests/search/main.rs) and the benchmark
//! (benches/search_bench.rs). A small RFC 4180 reader, since no CSV crate is a dependency.

#![allow(dead_code)] // each user takes the parts it needs

use shirube::search::SearchDoc;
use std::path::{Path, PathBuf};

/// One CSV row reduced to what the search needs.
#[derive(Clone, Debug)]
pub struct Office {
    pub no: String,
    pub office_number: String,
    pub name: String,
    pub kana: String,
    pub doc: SearchDoc,
}

/// `<repo>/../shared/data/wam-202503`, or `$SHIRUBE_WAM_DIR`. Fails with a message when missing:
/// the corpus check must never be skipped silently.
pub fn data_dir(repo_root: &Path) -> Result<PathBuf, String> {
    let dir = std::env::var_os("SHIRUBE_WAM_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root.join("../shared/data/wam-202503"));
    if dir.join("a-type.csv").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "the WAM open data is missing: expected {}/{{a-type,transition,retention}}.csv \
             (set SHIRUBE_WAM_DIR to its folder)",
            dir.display()
        ))
    }
}

/// Every office row of the three files, in file order (a-type, transition, retention).
pub fn load_offices(dir: &Path) -> Result<Vec<Office>, String> {
    let mut out = Vec::new();
    for (file, service, label) in [
        ("a-type.csv", "a-type", "就労継続支援A型"),
        ("transition.csv", "transition", "就労移行支援"),
        ("retention.csv", "retention", "就労定着支援"),
    ] {
        let path = dir.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let rows = parse_csv(text.trim_start_matches('\u{feff}'));
        let mut rows = rows.into_iter();
        let header = rows
            .next()
            .ok_or_else(|| format!("{}: empty", path.display()))?;
        if header.len() != 29 {
            return Err(format!(
                "{}: expected 29 columns, found {}",
                path.display(),
                header.len()
            ));
        }
        for row in rows.filter(|r| r.len() == 29) {
            out.push(office(&row, service, label));
        }
    }
    Ok(out)
}

fn office(row: &[String], service: &str, label: &str) -> Office {
    let col = |i: usize| row[i].trim().to_string();
    let (pref, pref_kana, pref_id) = prefecture(&col(15));
    // NO is unique within a file but not across the three (A0000103283 is in two), so the
    // service is part of the id.
    let id = format!("wam-{service}-{}", col(1).to_lowercase());
    let saturday = !col(23).is_empty() && col(23) != "00:00-00:00";
    let mut key_facts = Vec::new();
    if !col(28).is_empty() {
        key_facts.push(format!("定員 {}人", col(28)));
    }
    if saturday {
        key_facts.push("土曜も開いています".to_string());
    }
    let body = [
        col(3),
        format!("{}{}", col(15), col(16)),
        format!("平日 {}", col(22)),
        format!("定休日 {}", col(26)),
        col(27),
    ]
    .join("。");
    let doc = SearchDoc {
        url: format!("entries/{id}/"),
        id,
        kind: "office".into(),
        name: col(12),
        reading: [col(13), col(4), pref_kana.to_string()].join(" "),
        services: vec![service.to_string()],
        service_labels: vec![label.to_string()],
        area: pref_id,
        area_name: pref.to_string(),
        work: Vec::new(),
        summary: String::new(),
        body,
        glossary_readings: Vec::new(),
        accepts: Vec::new(),
        transport: None,
        lunch: None,
        saturday,
        wage: None,
        key_facts,
    };
    Office {
        no: col(1),
        office_number: col(14),
        name: col(12),
        kana: col(13),
        doc,
    }
}

/// `count` documents: the offices in an even spread when fewer are wanted, and past 8,566 the
/// offices again under varied names (…分室, …第二) so that the index really grows.
pub fn docs_for(offices: &[Office], count: usize) -> Vec<SearchDoc> {
    const SUFFIXES: [(&str, &str); 4] = [
        ("分室", "ぶんしつ"),
        ("第二", "だいに"),
        ("サテライト", "さてらいと"),
        ("駅前", "えきまえ"),
    ];
    if offices.is_empty() {
        return Vec::new();
    }
    if count <= offices.len() {
        let step = offices.len() as f64 / count as f64;
        return (0..count)
            .map(|i| offices[(i as f64 * step) as usize].doc.clone())
            .collect();
    }
    let mut docs: Vec<SearchDoc> = offices.iter().map(|o| o.doc.clone()).collect();
    for i in 0..count - offices.len() {
        let (suffix, kana) = SUFFIXES[(i / offices.len()) % SUFFIXES.len()];
        let mut doc = offices[(i * 7) % offices.len()].doc.clone();
        doc.id = format!("{}-{i}", doc.id);
        doc.url = format!("entries/{}/", doc.id);
        doc.name.push_str(suffix);
        if let Some(space) = doc.reading.find(' ') {
            doc.reading.insert_str(space, kana);
        }
        docs.push(doc);
    }
    docs
}

/// Prefecture of an address's 市区町村 column ("秋田県横手市" → 秋田県), with reading and an id.
/// The first column of the CSV is the designating authority, not the location (README).
fn prefecture(city: &str) -> (&'static str, &'static str, String) {
    for (code, (name, kana)) in (1..).zip(PREFECTURES) {
        if city.starts_with(name) {
            return (name, kana, format!("pref-{code:02}"));
        }
    }
    ("不明", "ふめい", "pref-00".to_string())
}

const PREFECTURES: [(&str, &str); 47] = [
    ("北海道", "ほっかいどう"),
    ("青森県", "あおもりけん"),
    ("岩手県", "いわてけん"),
    ("宮城県", "みやぎけん"),
    ("秋田県", "あきたけん"),
    ("山形県", "やまがたけん"),
    ("福島県", "ふくしまけん"),
    ("茨城県", "いばらきけん"),
    ("栃木県", "とちぎけん"),
    ("群馬県", "ぐんまけん"),
    ("埼玉県", "さいたまけん"),
    ("千葉県", "ちばけん"),
    ("東京都", "とうきょうと"),
    ("神奈川県", "かながわけん"),
    ("新潟県", "にいがたけん"),
    ("富山県", "とやまけん"),
    ("石川県", "いしかわけん"),
    ("福井県", "ふくいけん"),
    ("山梨県", "やまなしけん"),
    ("長野県", "ながのけん"),
    ("岐阜県", "ぎふけん"),
    ("静岡県", "しずおかけん"),
    ("愛知県", "あいちけん"),
    ("三重県", "みえけん"),
    ("滋賀県", "しがけん"),
    ("京都府", "きょうとふ"),
    ("大阪府", "おおさかふ"),
    ("兵庫県", "ひょうごけん"),
    ("奈良県", "ならけん"),
    ("和歌山県", "わかやまけん"),
    ("鳥取県", "とっとりけん"),
    ("島根県", "しまねけん"),
    ("岡山県", "おかやまけん"),
    ("広島県", "ひろしまけん"),
    ("山口県", "やまぐちけん"),
    ("徳島県", "とくしまけん"),
    ("香川県", "かがわけん"),
    ("愛媛県", "えひめけん"),
    ("高知県", "こうちけん"),
    ("福岡県", "ふくおかけん"),
    ("佐賀県", "さがけん"),
    ("長崎県", "ながさきけん"),
    ("熊本県", "くまもとけん"),
    ("大分県", "おおいたけん"),
    ("宮崎県", "みやざきけん"),
    ("鹿児島県", "かごしまけん"),
    ("沖縄県", "おきなわけん"),
];

/// RFC 4180: fields separated by commas, optionally quoted, "" inside quotes is a quote, quoted
/// fields may hold line breaks. Lines end in LF (or CRLF).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
