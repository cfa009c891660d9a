//! Japanese addresses into the parts open-data formats ask for: prefecture, municipality, 町字
//! (district, with 丁目) and the rest (番地以下). Providers write `city` and `street`; a city may
//! start with its prefecture.

const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// `千葉県ひかり市` → (`千葉県`, `ひかり市`); a city without its prefecture → (``, city).
pub fn split_prefecture(city: &str) -> (&str, &str) {
    PREFECTURES
        .iter()
        .find_map(|p| city.strip_prefix(p).map(|rest| (*p, rest)))
        .unwrap_or(("", city))
}

/// `栄町2-5-8` → (`栄町`, `2-5-8`); `栄町2丁目5-8` → (`栄町2丁目`, `5-8`). The district ends where
/// the first number begins, unless that number is the 丁目.
pub fn split_street(street: &str) -> (&str, &str) {
    let Some(first) = street.find(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    else {
        return (street, "");
    };
    let after_digits = street[first..]
        .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
        .map_or(street.len(), |i| first + i);
    if street[after_digits..].starts_with("丁目") {
        let end = after_digits + "丁目".len();
        return (
            &street[..end],
            street[end..].trim_start_matches(['-', '－', ' ']),
        );
    }
    (&street[..first], &street[first..])
}

/// Hiragana to full-width katakana (readings are stored in hiragana; 名称_カナ is katakana).
pub fn to_katakana(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{3041}'..='\u{3096}' | 'ゝ' | 'ゞ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        assert_eq!(split_prefecture("千葉県ひかり市"), ("千葉県", "ひかり市"));
        assert_eq!(split_prefecture("ひかり市"), ("", "ひかり市"));
        assert_eq!(split_prefecture("京都府京都市"), ("京都府", "京都市"));
        assert_eq!(split_street("栄町2-5-8"), ("栄町", "2-5-8"));
        assert_eq!(split_street("栄町2丁目5-8"), ("栄町2丁目", "5-8"));
        assert_eq!(split_street("大字鶴馬1800-1"), ("大字鶴馬", "1800-1"));
        assert_eq!(split_street("本町"), ("本町", ""));
        assert_eq!(to_katakana("ぱんこうぼうこむぎ"), "パンコウボウコムギ");
        assert_eq!(to_katakana("はろーわーく ひかり"), "ハローワーク ヒカリ");
    }
}
