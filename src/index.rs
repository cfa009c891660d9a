//! The index stage: every entry as the search sees it, then the split index under `search/`.

use crate::content::model::{Entry, EntryDetails};
use crate::enrich::Guide;
use crate::hashing::FastMap;
use crate::output::Files;
use crate::paths::slash;
use crate::search::{Ruby, SearchDoc, SearchError, build_index_with};
use crate::text::{html_to_segments, strip_author_ruby};
use crate::view::entries::{area_name, yen};
use crate::view::style::TextStyle;

/// Writes the index under `search/`; with the furigana edition's style, the results' texts also
/// with that edition's ruby (`search::Ruby`). Returns the number of documents.
pub fn index(
    guide: &Guide,
    files: &mut Files,
    furigana: Option<&dyn TextStyle>,
) -> Result<usize, SearchError> {
    let docs: Vec<SearchDoc> = guide.site.entries.iter().map(|e| doc(guide, e)).collect();
    // Bodies are made when the index reads them, not kept in every document.
    let entries: FastMap<&str, &Entry> = guide
        .site
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let bodies = |doc: &SearchDoc| {
        entries
            .get(doc.id.as_str())
            .map_or_else(String::new, |e| body(e))
    };
    // Read as the entry's page reads them: at the entry's place, from the ruby the pages keep.
    let ruby = |doc: &SearchDoc, texts: &[&str]| {
        let Some(style) = furigana else {
            return Vec::new();
        };
        let style = style.at(entries.get(doc.id.as_str()).and_then(|e| guide.place(e)));
        texts
            .iter()
            .map(|text| html_to_segments(&style.html(text)))
            .collect()
    };
    let ruby: Option<&Ruby> = furigana.map(|_| &ruby as &Ruby);
    for (path, bytes) in build_index_with(&docs, &bodies, ruby)? {
        files.add(format!("search/{}", slash(&path)), bytes);
    }
    Ok(docs.len())
}

/// Readings of the legal forms operators' names carry (most do: 株式会社 3,116 and 社会福祉法人
/// 1,334 of the national open data's 6,601). They tell no office from another, and their
/// syllables found what families search for: パン found every 一般社団法人
/// (いっぱんしゃだんほうじん), in the example region two offices of three that have no bread.
/// Longest first, so that 社会医療法人 goes before 医療法人 could cut it.
const LEGAL_FORMS: [&str; 21] = [
    "しょうひせいかつきょうどうくみあい",
    "とくていひえいりかつどうほうじん",
    "ろうどうしゃきょうどうくみあい",
    "のうぎょうせいさんほうじん",
    "いっぱんしゃだんほうじん",
    "いっぱんざいだんほうじん",
    "こうえきしゃだんほうじん",
    "こうえきざいだんほうじん",
    "しゃかいいりょうほうじん",
    "しゃかいふくしほうじん",
    "えぬぴーおーほうじん",
    "いりょうほうじん",
    "がっこうほうじん",
    "しゅうきょうほうじん",
    "かぶしきがいしゃ",
    "かぶしきかいしゃ",
    "ごうどうがいしゃ",
    "ごうどうかいしゃ",
    "ゆうげんがいしゃ",
    "ゆうげんかいしゃ",
    "きぎょうくみあい",
];

/// An operator's reading without its legal form (しゃかいふくしほうじん あおばかい → あおばかい).
fn without_legal_form(kana: &str) -> String {
    let mut rest = kana.to_string();
    for form in LEGAL_FORMS {
        if rest.contains(form) {
            rest = rest.replacen(form, " ", 1);
        }
    }
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What the search reads of an entry's own text: its body without Markdown, and its text in
/// やさしい日本語.
fn body(entry: &Entry) -> String {
    let mut body = strip_author_ruby(&crate::view::markdown::to_plain_text(&entry.body));
    if let Some(easy) = &entry.easy {
        body.push(' ');
        body.push_str(easy);
    }
    body
}

fn doc(guide: &Guide, entry: &Entry) -> SearchDoc {
    let config = &guide.site.config;
    let area = config.areas.get(&entry.area);
    // The name's reading comes first: the search ranks an exact reading match on it.
    let mut reading = vec![entry.kana.clone()];
    reading.extend(
        entry
            .operator
            .as_ref()
            .and_then(|o| o.kana.as_deref())
            .map(without_legal_form)
            .filter(|kana| !kana.is_empty()),
    );
    reading.extend(area.map(|a| a.kana.clone()));
    // Where it is, as Japan Post reads it (みとし せんばちょう): a family may search by the
    // reading of the town.
    if let Some(place) = guide.place(entry) {
        reading.extend(place.words.iter().map(|(_, r)| r.clone()));
    }
    let (services, service_labels): (Vec<String>, Vec<String>) = match &entry.details {
        EntryDetails::Office(o) => o
            .services
            .iter()
            .map(|s| (s.kind.id().to_string(), s.kind.label().to_string()))
            .unzip(),
        EntryDetails::Center(c) => (
            vec![c.center_type.id().to_string()],
            vec![c.center_type.label().to_string()],
        ),
        EntryDetails::Community(c) => (
            vec![c.community_type.id().to_string()],
            vec![c.community_type.label().to_string()],
        ),
        EntryDetails::Workplace(w) => (
            w.employment
                .map(|e| e.id().to_string())
                .into_iter()
                .collect(),
            vec![w.employment.map_or("企業", |e| e.label()).to_string()],
        ),
    };
    let work: Vec<String> = match &entry.details {
        EntryDetails::Office(o) => o.services.iter().flat_map(|s| s.work.clone()).collect(),
        EntryDetails::Workplace(w) => w.jobs.clone(),
        EntryDetails::Center(c) => c.offers.clone(),
        EntryDetails::Community(c) => c.schedule.clone().into_iter().collect(),
    };
    let (transport, lunch) = match &entry.details {
        EntryDetails::Office(o) => (
            o.transport.as_ref().map(|t| t.available),
            o.lunch.as_ref().map(|l| l.available),
        ),
        _ => (None, None),
    };
    let wage = entry
        .services()
        .iter()
        .filter_map(|s| s.wage.map(|w| w.monthly_average))
        .max();
    SearchDoc {
        id: entry.id.clone(),
        url: crate::enrich::entry_url(&entry.id),
        kind: entry.kind().id().to_string(),
        name: strip_author_ruby(&entry.name),
        reading: reading.join(" "),
        services,
        service_labels,
        area: entry.area.clone(),
        area_name: area_name(config, &entry.area)
            .unwrap_or_default()
            .to_string(),
        work: work.iter().map(|w| strip_author_ruby(w)).collect(),
        summary: entry
            .summary
            .as_deref()
            .map(strip_author_ruby)
            .unwrap_or_default(),
        body: String::new(),
        glossary_readings: glossary_readings(guide, entry, &work),
        accepts: entry.accepts.iter().map(|a| a.id().to_string()).collect(),
        transport,
        lunch,
        saturday: entry.open_saturday(),
        wage,
        key_facts: key_facts(entry, transport, lunch),
    }
}

/// The readings of the glossary's terms (and of terms whose aliases) the entry's own text uses,
/// in glossary order, each once: こうちん for a body that says 工賃. Found in the Markdown as
/// written, which holds the same words as the text the search reads.
fn glossary_readings(guide: &Guide, entry: &Entry, work: &[String]) -> Vec<String> {
    let texts = [
        Some(entry.body.as_str()),
        entry.summary.as_deref(),
        entry.easy.as_deref(),
    ]
    .into_iter()
    .flatten()
    .chain(work.iter().map(String::as_str));
    let terms: std::collections::BTreeSet<usize> = texts
        .flat_map(|text| guide.term_names.occurrences(text).map(|found| found.term))
        .collect();
    let mut readings: Vec<String> = Vec::new();
    for term in terms {
        let kana = guide.site.glossary.get(term).map(|t| t.kana.trim());
        if let Some(kana) = kana.filter(|k| !k.is_empty())
            && !readings.iter().any(|r| r == kana)
        {
            readings.push(kana.to_string());
        }
    }
    readings
}

fn key_facts(entry: &Entry, transport: Option<bool>, lunch: Option<bool>) -> Vec<String> {
    let mut facts: Vec<String> = entry
        .services()
        .iter()
        .filter_map(|s| {
            let w = s.wage?;
            let label = if s.kind.id() == "a-type" {
                "賃金"
            } else {
                "工賃"
            };
            Some(format!(
                "{label} 月{}（{}年度）",
                yen(w.monthly_average),
                w.fiscal_year
            ))
        })
        .collect();
    facts.extend(transport.map(|t| if t { "送迎あり" } else { "送迎なし" }.to_string()));
    facts.extend(lunch.map(|l| if l { "昼食あり" } else { "昼食なし" }.to_string()));
    if entry.open_saturday() {
        facts.push("土曜もあいている".into());
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::without_legal_form;

    #[test]
    fn legal_forms_are_left_out_of_operators_readings() {
        assert_eq!(
            without_legal_form("しゃかいふくしほうじん あおばかい"),
            "あおばかい"
        );
        assert_eq!(without_legal_form("かぶしきがいしゃこむぎ"), "こむぎ");
        assert_eq!(without_legal_form("こむぎかぶしきかいしゃ"), "こむぎ");
        assert_eq!(
            without_legal_form("しゃかいいりょうほうじんめぐみかい"),
            "めぐみかい"
        );
        // Nothing but the form: nothing to search by.
        assert_eq!(without_legal_form("いっぱんしゃだんほうじん"), "");
        assert_eq!(without_legal_form("ひかりし"), "ひかりし");
    }
}
