//! What text of a [`SearchDoc`] goes into which indexed field, and how much each field weighs.
//!
//! Synonyms live here rather than in the browser: the index stores 送迎 for an office with
//! transport, B型 and びーがた for a B-type service, so the client needs no dictionary.

use super::SearchDoc;

/// One indexed field: its name (for the manifest, informative), weight, and BM25 length
/// normalisation (`b`: how much a long field is penalised; names are short, bodies vary).
pub(crate) struct FieldSpec {
    pub name: &'static str,
    pub boost: f64,
    pub b: f64,
    /// The field's text is one of a few (labels, synonyms, area names) that many documents
    /// share: its tokens are remembered rather than made again for each document.
    pub shared: bool,
}

/// The order here is the order of the texts [`field_texts`] returns.
pub(crate) const FIELD_COUNT: usize = FIELDS.len();

/// How many tokens each field of one document has (its lengths, for BM25's normalisation).
pub(crate) type FieldCounts = [u32; FIELD_COUNT];

/// How often a term occurs in each field of one document, saturating at 255: BM25's curve is
/// flat long before in a field of ordinary length (255 occurrences score 99.5% of the most a
/// field can give); only a field tens of times longer than the average, which repeats one
/// term hundreds of times, scores a little less than it would. A byte each, a slice's
/// (document, counts) pair is 12 bytes, not 20, and packed (packed.rs) about three: a national
/// index holds millions of them (2.7 million at 10,000 documents).
pub(crate) type TermCounts = [u8; FIELD_COUNT];

/// A term's documents (ascending) and its occurrences in each field of them.
pub(crate) type Postings = Vec<(u32, TermCounts)>;

pub(crate) const FIELDS: [FieldSpec; 7] = [
    FieldSpec {
        name: "name",
        boost: 8.0,
        b: 0.75,
        shared: false,
    },
    FieldSpec {
        name: "reading",
        boost: 5.0,
        b: 0.5,
        shared: false,
    },
    FieldSpec {
        name: "services",
        boost: 3.0,
        b: 0.3,
        shared: true,
    },
    FieldSpec {
        name: "area",
        boost: 2.0,
        b: 0.3,
        shared: true,
    },
    FieldSpec {
        name: "work",
        boost: 3.0,
        b: 0.5,
        shared: true,
    },
    FieldSpec {
        name: "facts",
        boost: 2.0,
        b: 0.3,
        shared: true,
    },
    FieldSpec {
        name: "body",
        boost: 1.0,
        b: 0.75,
        shared: false,
    },
];

/// The texts of one document, in [`FIELDS`] order; `body` is its body.
pub(crate) fn field_texts(doc: &SearchDoc, body: &str) -> [String; 7] {
    [
        doc.name.clone(),
        doc.reading.clone(),
        services_text(doc),
        doc.area_name.clone(),
        doc.work.join(" "),
        facts_text(doc),
        body_text(doc, body),
    ]
}

/// The body field: the summary, the body, and the readings of the glossary's terms they use.
fn body_text(doc: &SearchDoc, body: &str) -> String {
    let mut text = [doc.summary.as_str(), body].join("\n");
    for reading in &doc.glossary_readings {
        text.push('\n');
        text.push_str(reading);
    }
    text
}

/// Candidates for "the reading of the name": the integrator joins name, operator, area and work
/// readings with spaces, name first, but a name's own reading may contain spaces too
/// (ひかりしやくしょ ちゃれんじこよう), so the first one, two and three segments are all offered.
pub(crate) fn name_readings(doc: &SearchDoc) -> Vec<String> {
    let segments: Vec<&str> = doc.reading.split_whitespace().collect();
    (1..=segments.len().min(3))
        .map(|n| segments[..n].concat())
        .collect()
}

fn services_text(doc: &SearchDoc) -> String {
    let mut parts: Vec<&str> = doc.service_labels.iter().map(String::as_str).collect();
    parts.extend(doc.services.iter().map(|s| service_synonyms(s)));
    parts.push(kind_words(&doc.kind));
    parts.join(" ")
}

/// Only facts that are true are written: "送迎なし" would otherwise match a search for 送迎.
fn facts_text(doc: &SearchDoc) -> String {
    let mut parts: Vec<&str> = doc.accepts.iter().map(|a| accepts_words(a)).collect();
    if doc.transport == Some(true) {
        parts.push("送迎あり 送迎 そうげい");
    }
    if doc.lunch == Some(true) {
        parts.push("昼食あり 昼食 お昼ごはん ちゅうしょく");
    }
    if doc.saturday {
        parts.push("土曜日も利用できる 土曜 どよう");
    }
    if doc.wage.is_some() {
        parts.push("工賃 賃金 こうちん ちんぎん");
    }
    parts.join(" ")
}

fn service_synonyms(id: &str) -> &'static str {
    match id {
        "transition" => "就労移行支援 移行 しゅうろういこう",
        "a-type" => "就労継続支援A型 A型 えーがた 雇用契約",
        "b-type" => "就労継続支援B型 B型 びーがた",
        "retention" => "就労定着支援 定着 ていちゃく",
        "selection" => "就労選択支援 選択 せんたく アセスメント",
        "nakapotsu" => "障害者就業・生活支援センター ナカポツ",
        "municipal" => "障害者就労支援センター",
        "hellowork" => "ハローワーク ハロワ 公共職業安定所",
        "vocational-center" => "地域障害者職業センター",
        "training-school" => "障害者職業能力開発校 職業訓練",
        "consultation" => "相談支援事業所 計画相談",
        "developmental" => "発達障害者支援センター",
        "youth-support" => "地域若者サポートステーション サポステ",
        "self-advocacy" => "当事者会",
        "family" => "家族会",
        "peer-support" => "ピアサポート",
        "volunteer" => "ボランティア",
        "day-place" => "居場所",
        _ => "",
    }
}

fn kind_words(kind: &str) -> &'static str {
    match kind {
        "office" => "事業所",
        "workplace" => "企業 会社 職場",
        "center" => "相談 相談先 相談機関",
        "community" => "地域の集まり",
        _ => "",
    }
}

fn accepts_words(id: &str) -> &'static str {
    match id {
        "physical" => "身体障害",
        "intellectual" => "知的障害",
        "mental" => "精神障害",
        "developmental" => "発達障害",
        "intractable" => "難病",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glossary's readings are indexed with the body, not shown anywhere: the body field
    /// holds them after the summary and the body.
    #[test]
    fn glossary_readings_go_with_the_body() {
        let doc = SearchDoc {
            summary: "パンを焼きます。".into(),
            glossary_readings: vec!["こうちん".into(), "じしゅせいひん".into()],
            ..SearchDoc::default()
        };
        let texts = field_texts(&doc, "工賃は月1万円。");
        assert_eq!(
            texts[FIELD_COUNT - 1],
            "パンを焼きます。\n工賃は月1万円。\nこうちん\nじしゅせいひん"
        );
        assert!(
            texts
                .iter()
                .take(FIELD_COUNT - 1)
                .all(|t| !t.contains("こうちん"))
        );
    }

    /// A wage is found by its word and by the word's reading, as 送迎 is.
    #[test]
    fn a_wage_is_found_by_its_reading() {
        let doc = SearchDoc {
            wage: Some(16_500),
            ..SearchDoc::default()
        };
        assert!(facts_text(&doc).contains("工賃 賃金 こうちん ちんぎん"));
        assert!(!facts_text(&SearchDoc::default()).contains("こうちん"));
    }
}
