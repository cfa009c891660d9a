//! Hiragana to Hepburn romaji, for ids made from readings (`さっぽろ` → `sapporo`): area ids of
//! an imported region must be ASCII, and a reading spelt out is an id a person recognises.

/// The Hepburn spelling of a reading; characters other than hiragana are left out.
pub fn romaji(kana: &str) -> String {
    let chars: Vec<char> = kana.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut double_next = false;
    while i < chars.len() {
        let c = chars[i];
        // Two-kana sounds first: きゃ, しゅ, ちょ …
        if let Some(&small) = chars.get(i + 1)
            && let Some(syllable) = youon(c, small)
        {
            push(&mut out, syllable, &mut double_next);
            i += 2;
            continue;
        }
        match c {
            'っ' => double_next = true,
            'ん' => {
                out.push('n');
            }
            'ー' => {
                // A long vowel: Hepburn without macrons writes nothing more.
            }
            _ => {
                if let Some(syllable) = single(c) {
                    push(&mut out, syllable, &mut double_next);
                }
            }
        }
        i += 1;
    }
    out
}

/// The id of a place made from its reading (`横手市`/`よこてし` → `yokote`): the reading in
/// romaji without the reading of 市, 区, 町 or 村; `None` when nothing ASCII is left. Shared by
/// `shirube init` (the region's area) and `shirube import` (the areas it adds), so both name a
/// place the same way.
pub fn place_id(name: &str, kana: &str) -> Option<String> {
    let suffixes: &[&str] = match name.chars().last() {
        Some('市') => &["し"],
        Some('区') => &["く"],
        Some('町') => &["ちょう", "まち"],
        Some('村') => &["むら", "そん"],
        _ => &[],
    };
    let stem = suffixes
        .iter()
        .find_map(|s| kana.strip_suffix(s))
        .filter(|s| !s.is_empty())
        .unwrap_or(kana);
    let id: String = romaji(stem)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    (!id.is_empty()).then_some(id)
}

fn push(out: &mut String, syllable: &str, double_next: &mut bool) {
    if std::mem::take(double_next) {
        // っ doubles the next consonant (っち → tchi).
        match syllable.strip_prefix("ch") {
            Some(_) => out.push('t'),
            None => {
                if let Some(first) = syllable.chars().next().filter(|c| !"aiueo".contains(*c)) {
                    out.push(first);
                }
            }
        }
    }
    out.push_str(syllable);
}

fn youon(c: char, small: char) -> Option<&'static str> {
    let base = match c {
        'き' => "ky",
        'ぎ' => "gy",
        'し' => "sh",
        'じ' => "j",
        'ち' => "ch",
        'ぢ' => "j",
        'に' => "ny",
        'ひ' => "hy",
        'び' => "by",
        'ぴ' => "py",
        'み' => "my",
        'り' => "ry",
        _ => return None,
    };
    let vowel = match small {
        'ゃ' => "a",
        'ゅ' => "u",
        'ょ' => "o",
        _ => return None,
    };
    Some(match (base, vowel) {
        ("ky", "a") => "kya",
        ("ky", "u") => "kyu",
        ("ky", _) => "kyo",
        ("gy", "a") => "gya",
        ("gy", "u") => "gyu",
        ("gy", _) => "gyo",
        ("sh", "a") => "sha",
        ("sh", "u") => "shu",
        ("sh", _) => "sho",
        ("j", "a") => "ja",
        ("j", "u") => "ju",
        ("j", _) => "jo",
        ("ch", "a") => "cha",
        ("ch", "u") => "chu",
        ("ch", _) => "cho",
        ("ny", "a") => "nya",
        ("ny", "u") => "nyu",
        ("ny", _) => "nyo",
        ("hy", "a") => "hya",
        ("hy", "u") => "hyu",
        ("hy", _) => "hyo",
        ("by", "a") => "bya",
        ("by", "u") => "byu",
        ("by", _) => "byo",
        ("py", "a") => "pya",
        ("py", "u") => "pyu",
        ("py", _) => "pyo",
        ("my", "a") => "mya",
        ("my", "u") => "myu",
        ("my", _) => "myo",
        ("ry", "a") => "rya",
        ("ry", "u") => "ryu",
        _ => "ryo",
    })
}

fn single(c: char) -> Option<&'static str> {
    #[rustfmt::skip]
    const TABLE: &[(char, &str)] = &[
        ('あ', "a"), ('い', "i"), ('う', "u"), ('え', "e"), ('お', "o"),
        ('か', "ka"), ('き', "ki"), ('く', "ku"), ('け', "ke"), ('こ', "ko"),
        ('が', "ga"), ('ぎ', "gi"), ('ぐ', "gu"), ('げ', "ge"), ('ご', "go"),
        ('さ', "sa"), ('し', "shi"), ('す', "su"), ('せ', "se"), ('そ', "so"),
        ('ざ', "za"), ('じ', "ji"), ('ず', "zu"), ('ぜ', "ze"), ('ぞ', "zo"),
        ('た', "ta"), ('ち', "chi"), ('つ', "tsu"), ('て', "te"), ('と', "to"),
        ('だ', "da"), ('ぢ', "ji"), ('づ', "zu"), ('で', "de"), ('ど', "do"),
        ('な', "na"), ('に', "ni"), ('ぬ', "nu"), ('ね', "ne"), ('の', "no"),
        ('は', "ha"), ('ひ', "hi"), ('ふ', "fu"), ('へ', "he"), ('ほ', "ho"),
        ('ば', "ba"), ('び', "bi"), ('ぶ', "bu"), ('べ', "be"), ('ぼ', "bo"),
        ('ぱ', "pa"), ('ぴ', "pi"), ('ぷ', "pu"), ('ぺ', "pe"), ('ぽ', "po"),
        ('ま', "ma"), ('み', "mi"), ('む', "mu"), ('め', "me"), ('も', "mo"),
        ('や', "ya"), ('ゆ', "yu"), ('よ', "yo"),
        ('ら', "ra"), ('り', "ri"), ('る', "ru"), ('れ', "re"), ('ろ', "ro"),
        ('わ', "wa"), ('ゐ', "i"), ('ゑ', "e"), ('を', "o"), ('ゔ', "vu"),
        ('ぁ', "a"), ('ぃ', "i"), ('ぅ', "u"), ('ぇ', "e"), ('ぉ', "o"),
        ('ゃ', "ya"), ('ゅ', "yu"), ('ょ', "yo"), ('ゎ', "wa"),
    ];
    TABLE.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

#[cfg(test)]
mod tests {
    use super::romaji;

    #[test]
    fn hepburn() {
        assert_eq!(romaji("さっぽろ"), "sapporo");
        assert_eq!(romaji("ちゅうおう"), "chuuou");
        assert_eq!(romaji("なかの"), "nakano");
        assert_eq!(romaji("はっちょうぼり"), "hatchoubori");
        assert_eq!(romaji("しんじゅく"), "shinjuku");
    }
}
