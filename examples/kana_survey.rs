//! How often `shirube check`'s kana warning (`text::kana_gaps`) speaks, on a real site's names:
//! as they are, with a word added to each name and the kana left unchanged (a renamed office),
//! and with the name's last run of kanji taken off (a word dropped from the name). The offices
//! are split by prefecture (the first two digits of the office number) into two halves, so a
//! rule that only suits some regions shows as a difference between them.
//!
//!     cargo run --release --example kana_survey -- /tmp/shirube-bench/imported
//!
//! (`bench/run` imports the national open data there.)

use shirube::content::date::Date;
use shirube::text::kana_gaps;

/// Words a renamed office often gains: a direction, a branch, a second site.
const ADDED: [&str; 7] = ["南", "第二", "駅前", "本店", "東", "分場", "工房"];

#[derive(Default)]
struct Half {
    names: usize,
    warned: usize,
    renamed: usize,
    renamed_caught: usize,
    shortened: usize,
    shortened_caught: usize,
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '々')
}

/// The name without its last run of kanji, when something with kanji or kana is left.
fn shortened(name: &str) -> Option<&str> {
    let end = name.trim_end_matches(is_kanji);
    if end.len() == name.len() {
        return None;
    }
    // A run of one kanji is often part of the word before it (作業所, 工房): two or more.
    if name[end.len()..].chars().count() < 2 {
        return None;
    }
    (!end.is_ascii()).then_some(end)
}

fn percent(part: usize, whole: usize) -> String {
    format!("{:.1}%", 100.0 * part as f64 / whole.max(1) as f64)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: kana_survey <site dir>");
    let today = Date::parse("2026-12-01").expect("a date");
    let (site, _) = shirube::check_site(std::path::Path::new(&dir), today);
    let site = site.expect("the site checks");
    let mut halves = [Half::default(), Half::default()];
    for (i, entry) in site.entries.iter().enumerate() {
        let prefecture: u32 = entry
            .office_number
            .as_deref()
            .and_then(|n| n.get(..2))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let half = &mut halves[usize::from(prefecture > 23)];
        let (name, kana) = (&entry.name, &entry.kana);
        half.names += 1;
        let gaps = |name: &str| kana_gaps(name, kana).expect("the dictionary loads");
        if gaps(name).is_some() {
            half.warned += 1;
            continue;
        }
        half.renamed += 1;
        let renamed = format!("{name}{}", ADDED[i % ADDED.len()]);
        half.renamed_caught += usize::from(gaps(&renamed).is_some());
        if let Some(short) = shortened(name) {
            half.shortened += 1;
            half.shortened_caught += usize::from(gaps(short).is_some());
        }
    }
    println!(
        "prefectures | names | warned as they are | word added: warned | last kanji taken off: warned"
    );
    for (label, h) in ["01–23", "24–47"].iter().zip(&halves) {
        println!(
            "{label} | {} | {} ({}) | {} of {} ({}) | {} of {} ({})",
            h.names,
            h.warned,
            percent(h.warned, h.names),
            h.renamed_caught,
            h.renamed,
            percent(h.renamed_caught, h.renamed),
            h.shortened_caught,
            h.shortened,
            percent(h.shortened_caught, h.shortened),
        );
    }
}
