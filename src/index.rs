//! The index stage: every entry as the search sees it, then the split index under `search/`.

use crate::content::model::{Entry, EntryDetails};
use crate::enrich::Guide;
use crate::hashing::FastMap;
use crate::output::Files;
use crate::paths::slash;
use crate::search::{
    IndexFiles, Ruby, SearchDoc, SearchError, Shown, SliceCache, Unfinished, start_index,
};
use crate::text::{Segment, html_to_segments, strip_author_ruby};
use crate::view::entries::{area_name, yen};
use crate::view::style::TextStyle;
use std::sync::LazyLock;

/// Writes the index under `search/`, with the furigana edition's table when `furigana` is that
/// edition's style, with what `cache` kept of an earlier build's. Returns the number of
/// documents.
pub fn index(
    guide: &Guide,
    files: &mut Files,
    furigana: Option<&dyn TextStyle>,
    cache: &SliceCache,
) -> Result<usize, SearchError> {
    let started = start(guide, files, cache)?;
    finish(guide, started, files, furigana)
}

/// An index [`start`] wrote but for its manifest and the furigana edition's table.
pub struct Started(Unfinished);

/// Writes the index's term shards, document table and facet columns; [`finish`] writes the
/// rest. A build does other work between the two (see `pipeline/build.rs`).
pub fn start(guide: &Guide, files: &mut Files, cache: &SliceCache) -> Result<Started, SearchError> {
    let docs: Vec<SearchDoc> = guide.site.entries.iter().map(|e| doc(guide, e)).collect();
    let entries = entries_by_id(guide);
    let bodies = bodies_of(&entries);
    let (written, unfinished) = start_index(&docs, &bodies, cache)?;
    add(files, written);
    Ok(Started(unfinished))
}

/// Writes what [`start`] left: with the furigana edition's style, the results' texts with its
/// ruby (`search::Ruby`), read as the entry's pages read them; then the manifest. Returns the
/// number of documents.
pub fn finish(
    guide: &Guide,
    started: Started,
    files: &mut Files,
    furigana: Option<&dyn TextStyle>,
) -> Result<usize, SearchError> {
    // Only what results show: the documents are made again (cheaply) rather than held while
    // the build did other work.
    let docs: Vec<SearchDoc> = guide
        .site
        .entries
        .iter()
        .map(|e| result_doc(guide, e))
        .collect();
    let entries = entries_by_id(guide);
    let bodies = bodies_of(&entries);
    let ruby = |doc: &SearchDoc, texts: &[&str], shown: Shown| {
        let (Some(style), Some(entry)) = (furigana, entries.get(doc.id.as_str())) else {
            return Vec::new();
        };
        // At the entry's place, and from the text as written: the results' texts have the
        // author's ruby taken out ({曙|あけぼの} → 曙), the pages read the text with it.
        let style = style.at(guide.place(entry));
        let written = written_texts(guide, entry);
        texts
            .iter()
            .map(|&text| {
                let text = written
                    .iter()
                    .find(|w| strip_author_ruby(w) == text)
                    .map_or(text, |w| w.as_str());
                match shown {
                    Shown::AlsoOnPages => html_to_segments(&style.html(text)),
                    Shown::InResultsOnly if doc.key_facts.iter().any(|f| f == text) => {
                        fact_ruby(&*style, text)
                    }
                    Shown::InResultsOnly => html_to_segments(&style.html_once(text)),
                }
            })
            .collect()
    };
    let ruby: Option<&Ruby> = furigana.map(|_| &ruby as &Ruby);
    add(files, started.0.finish(&docs, &bodies, ruby)?);
    Ok(docs.len())
}

/// The ruby of a key fact (`key_facts`). Their words are this module's and their numbers the
/// entry's (工賃 月16,900円（2025年度）), and no word of theirs reads by its number: each shape
/// is read once with its numbers as 0 and kept, and the numbers are put back. Read whole, a
/// national guide's wage facts were ten thousand texts read once each.
fn fact_ruby(style: &dyn TextStyle, fact: &str) -> Vec<Segment> {
    let is_number = |c: char| c.is_ascii_digit() || c == ',';
    let mut numbers = Vec::new();
    let mut shape = String::with_capacity(fact.len());
    let mut rest = fact;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        shape.push_str(&rest[..at]);
        let end = rest[at..]
            .find(|c| !is_number(c))
            .map_or(rest.len(), |e| at + e);
        numbers.push(&rest[at..end]);
        shape.push('0');
        rest = &rest[end..];
    }
    shape.push_str(rest);
    if numbers.is_empty() {
        return html_to_segments(&style.html(fact));
    }
    let read = html_to_segments(&style.html(&shape));
    // Back with the numbers, in the plain text only: a shape whose ruby took in a number (a
    // counter read by its number) is read as it is.
    let mut numbers = numbers.into_iter();
    let mut out = Vec::with_capacity(read.len());
    for segment in read {
        match segment {
            Segment::Plain(text) => {
                let mut back = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        '0' => back.push_str(numbers.next().unwrap_or("0")),
                        c => back.push(c),
                    }
                }
                out.push(Segment::Plain(back));
            }
            Segment::Ruby { base, .. } if base.contains('0') => {
                return html_to_segments(&style.html_once(fact));
            }
            ruby => out.push(ruby),
        }
    }
    out
}

/// The texts of an entry that results show and that may hold author ruby, as written.
fn written_texts<'e>(guide: &'e Guide, entry: &'e Entry) -> Vec<&'e String> {
    let area = guide.site.config.areas.get(&entry.area).map(|a| &a.name);
    [Some(&entry.name), entry.summary.as_ref(), area]
        .into_iter()
        .flatten()
        .collect()
}

/// A document's body from its entry, made when the index reads it (not kept in every document).
fn bodies_of<'a>(entries: &'a FastMap<&str, &Entry>) -> impl Fn(&SearchDoc) -> String + Sync + 'a {
    |doc: &SearchDoc| {
        entries
            .get(doc.id.as_str())
            .map_or_else(String::new, |e| body(e))
    }
}

fn entries_by_id(guide: &Guide) -> FastMap<&str, &Entry> {
    guide
        .site
        .entries
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect()
}

fn add(files: &mut Files, written: IndexFiles) {
    for (path, bytes) in written {
        files.add(format!("search/{}", slash(&path)), bytes);
    }
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
    // Searchers made once: `str::contains` sets one up for every form of every operator,
    // which cost more than the searches (0.5% of a national build's instructions).
    static FORMS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        LEGAL_FORMS
            .iter()
            .map(memchr::memmem::Finder::new)
            .collect()
    });
    let mut rest = kana.to_string();
    for form in FORMS.iter() {
        if let Some(at) = form.find(rest.as_bytes()) {
            rest.replace_range(at..at + form.needle().len(), " ");
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

/// An entry as the search sees it.
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
        reading.extend(place.words().iter().map(|(_, r)| r.clone()));
    }
    let (services, _) = services(entry);
    let work: Vec<String> = match &entry.details {
        EntryDetails::Office(o) => o.services.iter().flat_map(|s| s.work.clone()).collect(),
        EntryDetails::Workplace(w) => w.jobs.clone(),
        EntryDetails::Center(c) => c.offers.clone(),
        EntryDetails::Community(c) => c.schedule.clone().into_iter().collect(),
    };
    let (transport, lunch) = transport_and_lunch(entry);
    let wage = entry
        .services()
        .iter()
        .filter_map(|s| s.wage.map(|w| w.monthly_average))
        .max();
    SearchDoc {
        reading: reading.join(" "),
        services,
        area: entry.area.clone(),
        work: work.iter().map(|w| strip_author_ruby(w)).collect(),
        glossary_readings: glossary_readings(guide, entry, &work),
        accepts: entry.accepts.iter().map(|a| a.id().to_string()).collect(),
        transport,
        lunch,
        saturday: entry.open_saturday(),
        wage,
        ..result_doc(guide, entry)
    }
}

/// What results show of an entry (and the summary a snippet is cut from); the rest empty.
fn result_doc(guide: &Guide, entry: &Entry) -> SearchDoc {
    let (transport, lunch) = transport_and_lunch(entry);
    SearchDoc {
        id: entry.id.clone(),
        url: crate::enrich::entry_url(&entry.id),
        kind: entry.kind().id().to_string(),
        name: strip_author_ruby(&entry.name),
        service_labels: services(entry).1,
        area_name: area_name(&guide.site.config, &entry.area)
            .unwrap_or_default()
            .to_string(),
        summary: entry
            .summary
            .as_deref()
            .map(strip_author_ruby)
            .unwrap_or_default(),
        key_facts: key_facts(entry, transport, lunch),
        ..SearchDoc::default()
    }
}

/// The entry's service type ids (or its kind's type) and their labels.
fn services(entry: &Entry) -> (Vec<String>, Vec<String>) {
    match &entry.details {
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
    }
}

/// Whether an office has transport and lunch (`None`: not said, or not an office).
fn transport_and_lunch(entry: &Entry) -> (Option<bool>, Option<bool>) {
    match &entry.details {
        EntryDetails::Office(o) => (
            o.transport.as_ref().map(|t| t.available),
            o.lunch.as_ref().map(|l| l.available),
        ),
        _ => (None, None),
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
    use super::{fact_ruby, without_legal_form};
    use crate::text::{Html, Place, Segment, segments_to_html};
    use crate::view::style::TextStyle;

    /// Ruby over 円 and 人, and over a number before 人 (as 1人 ひとり), counting its reads.
    #[derive(Default)]
    struct Counting(std::sync::atomic::AtomicUsize);

    impl TextStyle for Counting {
        fn html(&self, text: &str) -> Html {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let mut segments = Vec::new();
            let mut plain = String::new();
            for c in text.chars() {
                if c == '円' || c == '人' {
                    let base = match (c, plain.pop()) {
                        ('人', Some(d)) if d.is_ascii_digit() => format!("{d}人"),
                        (_, Some(other)) => {
                            plain.push(other);
                            c.to_string()
                        }
                        (_, None) => c.to_string(),
                    };
                    segments.push(Segment::Plain(std::mem::take(&mut plain)));
                    segments.push(Segment::Ruby {
                        base,
                        rt: "よみ".into(),
                    });
                } else {
                    plain.push(c);
                }
            }
            segments.push(Segment::Plain(plain));
            segments_to_html(&segments)
        }
        fn plain(&self, text: &str) -> String {
            text.into()
        }
        fn edition(&self) -> &'static str {
            "furigana"
        }
        fn at<'s>(&'s self, _place: Option<&Place>) -> Box<dyn TextStyle + 's> {
            Box::new(Counting::default())
        }
    }

    fn bases(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s {
                Segment::Plain(t) | Segment::Ruby { base: t, .. } => t.as_str(),
            })
            .collect()
    }

    #[test]
    fn a_fact_keeps_its_numbers_and_the_ruby_of_its_words() {
        let style = Counting::default();
        let fact = "工賃 月16,900円（2025年度）";
        let segments = fact_ruby(&style, fact);
        assert_eq!(bases(&segments), fact);
        assert!(segments.contains(&Segment::Ruby {
            base: "円".into(),
            rt: "よみ".into()
        }));
        // a ruby that took in a number is read from the fact itself
        let counted = fact_ruby(&style, "定員 3人");
        assert_eq!(bases(&counted), "定員 3人");
        assert!(counted.contains(&Segment::Ruby {
            base: "3人".into(),
            rt: "よみ".into()
        }));
    }

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
