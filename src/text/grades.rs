//! School grades of kanji (学年別漢字配当表, 2017, in force from 2020).

use std::collections::HashMap;
use std::sync::OnceLock;

/// `kanji<TAB>grade`, 1,026 rows; see data/kanji-grades.tsv and its provenance note.
const TABLE: &str = include_str!("../../data/kanji-grades.tsv");

/// The grade (1–6) in which a kanji is taught, or `None` for kanji taught later or never.
pub fn kanji_grade(c: char) -> Option<u8> {
    static GRADES: OnceLock<HashMap<char, u8>> = OnceLock::new();
    GRADES.get_or_init(parse).get(&c).copied()
}

fn parse() -> HashMap<char, u8> {
    TABLE
        .lines()
        .filter_map(|line| {
            let (kanji, grade) = line.split_once('\t')?;
            let mut chars = kanji.chars();
            let (c, None) = (chars.next()?, chars.next()) else {
                return None;
            };
            let grade: u8 = grade.trim().parse().ok()?;
            (1..=6).contains(&grade).then_some((c, grade))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete() {
        let table = parse();
        assert_eq!(table.len(), 1026);
        let per_grade: Vec<usize> = (1..=6)
            .map(|g| table.values().filter(|&&v| v == g).count())
            .collect();
        assert_eq!(per_grade, [80, 160, 200, 202, 193, 191]);
    }

    #[test]
    fn lookups() {
        assert_eq!(kanji_grade('一'), Some(1));
        assert_eq!(kanji_grade('働'), Some(4));
        assert_eq!(kanji_grade('岡'), Some(4));
        assert_eq!(kanji_grade('就'), Some(6));
        assert_eq!(kanji_grade('賃'), Some(6));
        assert_eq!(kanji_grade('障'), Some(6));
        assert_eq!(kanji_grade('援'), None);
        assert_eq!(kanji_grade('あ'), None);
    }
}
