//! The places an office number covers. A 事業所番号 is not only one office's services (a
//! 多機能型 office is a row per service): it also covers the office's 従たる事業所, its
//! other sites, which the national data lists with their own names, addresses and phones
//! (PROGRESS in 土浦市 and PROGRESS坂東 in 坂東市 are one number; so are 27 pairs of sites in
//! different municipalities and some seventy in the same one, in the 2025-03 data). Merged into
//! one entry, one site was lost and the entry could take the other's area. Each site is an
//! entry of its own.
//!
//! Rows are one site unless they say so plainly: another municipality, or another phone and a
//! street whose numbers differ. The same address is written many ways (浜館一丁目18-5 and
//! 浜館1丁目18-5, 北安田町５４８ and 548番地２), so streets are compared by their numbers only,
//! and a street without numbers, or whose numbers begin the other's, is the same street.

use super::rows::Row;

/// `rows` (of one office number) as sites: rows that are one place together, the sites in the
/// order of their first rows.
pub fn sites(rows: Vec<Row>) -> Vec<Vec<Row>> {
    let keys: Vec<SiteKey> = rows.iter().map(SiteKey::of).collect();
    // Each row joins the site of the first earlier row it is one place with: a chain of rows
    // (a with b, b with c) is one site even where a and c alone would not be.
    let mut site_of: Vec<usize> = (0..rows.len()).collect();
    for i in 0..rows.len() {
        for j in 0..i {
            if keys[i].same_place(&keys[j]) {
                let (from, to) = (site_of[i], site_of[j]);
                for site in site_of.iter_mut().filter(|s| **s == from) {
                    *site = to;
                }
                break;
            }
        }
    }
    let mut sites: Vec<(usize, Vec<Row>)> = Vec::new();
    for (row, site) in rows.into_iter().zip(site_of) {
        match sites.iter_mut().find(|(s, _)| *s == site) {
            Some((_, rows)) => rows.push(row),
            None => sites.push((site, vec![row])),
        }
    }
    sites.into_iter().map(|(_, rows)| rows).collect()
}

/// What tells one site from another in a row.
struct SiteKey {
    municipality: String,
    phone: String,
    street_numbers: Vec<u32>,
}

impl SiteKey {
    fn of(row: &Row) -> SiteKey {
        let squeezed = |column: &str| -> String {
            row.text(column)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        SiteKey {
            municipality: squeezed("事業所住所（市区町村）"),
            phone: row
                .get("事業所電話番号")
                .chars()
                .filter(char::is_ascii_digit)
                .collect(),
            street_numbers: numbers(&row.text("事業所住所（番地以降）")),
        }
    }

    fn same_place(&self, other: &SiteKey) -> bool {
        if self.municipality != other.municipality {
            return false;
        }
        if !self.phone.is_empty() && self.phone == other.phone {
            return true;
        }
        let (a, b) = (&self.street_numbers, &other.street_numbers);
        a.is_empty() || b.is_empty() || a.starts_with(b) || b.starts_with(a)
    }
}

/// The numbers of a street (NFKC), in order: runs of digits, and of kanji numerals (一丁目,
/// 二十四番).
fn numbers(street: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut digits = String::new();
    let mut kanji = String::new();
    let flush = |digits: &mut String, kanji: &mut String, numbers: &mut Vec<u32>| {
        if !digits.is_empty() {
            numbers.extend(digits.parse::<u32>().ok());
            digits.clear();
        }
        if !kanji.is_empty() {
            numbers.extend(crate::text::kanji_value(kanji).and_then(|n| u32::try_from(n).ok()));
            kanji.clear();
        }
    };
    for c in street.chars() {
        if c.is_ascii_digit() {
            if !kanji.is_empty() {
                flush(&mut digits, &mut kanji, &mut numbers);
            }
            digits.push(c);
        } else if "〇一二三四五六七八九十".contains(c) {
            if !digits.is_empty() {
                flush(&mut digits, &mut kanji, &mut numbers);
            }
            kanji.push(c);
        } else {
            flush(&mut digits, &mut kanji, &mut numbers);
        }
    }
    flush(&mut digits, &mut kanji, &mut numbers);
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(city: &str, street: &str, phone: &str) -> Row {
        Row::for_test(&[
            ("事業所住所（市区町村）", city),
            ("事業所住所（番地以降）", street),
            ("事業所電話番号", phone),
        ])
    }

    fn streets(sites: &[Vec<Row>]) -> Vec<Vec<String>> {
        sites
            .iter()
            .map(|rows| {
                rows.iter()
                    .map(|r| r.get("事業所住所（番地以降）").to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn another_municipality_is_another_site() {
        let sites = sites(vec![
            row("茨城県土浦市", "並木1-13-11", "0298668356"),
            row("茨城県坂東市", "生子1542-2", "08087513550"),
        ]);
        assert_eq!(streets(&sites), [["並木1-13-11"], ["生子1542-2"]]);
    }

    #[test]
    fn one_address_written_two_ways_is_one_site() {
        for (a, b) in [
            ("浜館一丁目18-5", "浜館1丁目18-5"),
            ("弁天2丁目3番18号", "弁天２ー３−１８"),
            ("北安田町５４８", "548番地２"),
            ("納富分２９０４番地３", "納富分２９０４番地の３"),
            ("寒河江", "寒河江塩水4番地の１"),
        ] {
            let sites = sites(vec![row("市", a, "1"), row("市", b, "2")]);
            assert_eq!(sites.len(), 1, "{a} / {b}");
        }
    }

    #[test]
    fn another_street_and_phone_in_one_municipality_is_another_site() {
        let sites = sites(vec![
            row(
                "岩手県盛岡市",
                "盛岡駅西通1丁目７番１号アイーナ4階",
                "0196811103",
            ),
            row("岩手県盛岡市", "神明町7-5パルソビル１階", "0196817913"),
            row("岩手県盛岡市", "神明町７−５", ""),
        ]);
        assert_eq!(
            streets(&sites),
            vec![
                vec!["盛岡駅西通1丁目７番１号アイーナ4階"],
                vec!["神明町7-5パルソビル１階", "神明町７−５"],
            ]
        );
        // The same phone is one site, whatever its street says.
        let one = super::sites(vec![
            row("名古屋市千種区", "古出来三丁目202番地の3", "052-723-3773"),
            row("名古屋市千種区", "古出来３丁目２−２", "0527233773"),
        ]);
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn kanji_numbers_are_read() {
        assert_eq!(numbers("一番町二十四番地の十"), [1, 24, 10]);
        assert_eq!(numbers("中央3丁目260番地"), [3, 260]);
        assert_eq!(numbers("二〇二号"), [202]);
    }
}
