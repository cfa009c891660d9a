//! Japan Post's places found in addresses; the town candidates against every town.

use super::*;

fn words(city: &str, street: &str) -> Vec<(String, String)> {
    locate(city, street)
        .map(|p| p.words().to_vec())
        .unwrap_or_default()
}

fn pair(s: &str, r: &str) -> (String, String) {
    (s.to_string(), r.to_string())
}

#[test]
fn municipality_and_town_from_japan_post() {
    assert_eq!(
        words("茨城県水戸市", "千波町1234"),
        vec![
            pair("茨城県", "いばらきけん"),
            pair("水戸市", "みとし"),
            pair("千波町", "せんばちょう"),
        ]
    );
    assert_eq!(words("文京区", "小日向4-5")[1], pair("小日向", "こひなた"));
    assert_eq!(words("米原市", "岩脇1")[1], pair("岩脇", "いおぎ"));
}

#[test]
fn districts_and_wards_are_parts() {
    let w = words("岐阜県揖斐郡池田町", "田畑701");
    assert_eq!(w[1], pair("揖斐郡", "いびぐん"));
    assert_eq!(w[2], pair("池田町", "いけだちょう"));
    let w = words("大阪府大阪市中央区", "本町1丁目");
    assert_eq!(w[1], pair("大阪市", "おおさかし"));
    assert_eq!(w[2], pair("中央区", "ちゅうおうく"));
    assert_eq!(w[3], pair("本町", "ほんまち"));
}

#[test]
fn oaza_and_numbers_and_repeats() {
    let w = words("徳島県阿南市", "那賀川町大字江野島58-1");
    assert_eq!(w.last(), Some(&pair("江野島", "えのしま")), "{w:?}");
    let w = words("埼玉県川越市", "大字今福1230");
    assert_eq!(w.last(), Some(&pair("今福", "いまふく")), "{w:?}");
    let w = words("青森県青森市", "浪岡大字女鹿沢字野尻28");
    assert_eq!(
        w[2..],
        [pair("浪岡", "なみおか"), pair("女鹿沢", "めがさわ")],
        "{w:?}"
    );
    let w = words("神奈川県相模原市南区", "南区相模大野3-17");
    assert_eq!(w.last(), Some(&pair("相模大野", "さがみおおの")), "{w:?}");
    let w = words("北海道札幌市中央区", "北11条西1丁目");
    assert_eq!(
        w.last(),
        Some(&pair("北11条西", "きたじゅういちじょうにし")),
        "{w:?}"
    );
}

/// The towns a street is matched against are all the towns it could match: over whole
/// prefectures' cities, streets made of every town (as written, after 大字 or 字, with
/// digits for kanji numerals, repeated after the city, in Kyoto after a street and its
/// direction) find the same town as a match against every town of the city.
#[test]
fn candidates_find_what_every_town_finds() {
    let table = table();
    let mut checked = 0;
    for c in table
        .cities
        .iter()
        .filter(|c| ["北海道", "京都府", "徳島県", "青森県"].contains(&c.prefecture))
    {
        let names: Vec<String> = c.towns().map(|(_, name, _)| name.to_string()).collect();
        let all = |towns: &Towns, _: &[char]| (0..to_u32(towns.list.len())).collect();
        for name in names.iter().step_by(3) {
            let digits: String = name
                .chars()
                .map(
                    |ch| match "〇一二三四五六七八九".chars().position(|d| d == ch) {
                        Some(d) => char::from(b'0' + d as u8),
                        None => ch,
                    },
                )
                .collect();
            for street in [
                format!("{name}1-2"),
                format!("大字{name}3"),
                format!("字{name}"),
                format!("{digits}4丁目"),
                format!("{}{name}5", c.name),
                format!("烏丸通三条上る{name}6"),
                format!("{name}大字{name}7"),
            ] {
                let folded: Vec<char> = fold(&street).chars().collect();
                let written: Vec<char> = nfkc(&street).chars().collect();
                let skip = repeated_city(c, &folded);
                let (folded, written) = (&folded[skip..], &written[skip..]);
                let ours = find_town(c, folded, written).map(|m| (m.name, m.len, m.pieces));
                let every =
                    find_town_among(c, folded, written, all).map(|m| (m.name, m.len, m.pieces));
                assert_eq!(ours, every, "{} {street}", c.name);
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}

#[test]
fn made_up_places_are_none() {
    assert_eq!(locate("ひかり市", "北町1-2-3"), None);
}

/// A place's key follows its words and nothing else: the same words in another address give
/// the same key, another town or a word cut elsewhere another.
#[test]
fn the_words_key_follows_the_words() {
    let key = |city: &str, street: &str| locate(city, street).map(|p| p.words_key());
    let senba = key("茨城県水戸市", "千波町1234");
    assert!(senba.is_some());
    assert_eq!(senba, key("茨城県水戸市", "千波町5-6"));
    assert_ne!(senba, key("茨城県水戸市", "見川町100"));
    let cut = |words: &[(&str, &str)]| {
        let words = words.iter().map(|(s, r)| pair(s, r)).collect();
        Place::new(words, None).words_key()
    };
    assert_ne!(cut(&[("ab", "c")]), cut(&[("a", "bc")]));
    assert_ne!(cut(&[("ab", "c")]), cut(&[("a", "b"), ("", "c")]));
}
