//! Where an office is, and which offices an import takes.
//!
//! Every municipality of Japan comes from Japan Post's data (written by build.rs): its prefecture,
//! its name (a designated city's ward is `札幌市中央区`, a town in a district `足柄上郡中井町`) and its
//! reading. An office's 事業所住所（市区町村） is matched against it, so an office is placed in its
//! municipality, or its ward, whatever the data's spelling of the prefecture.
//!
//! A `--city` is a whole municipality name, with or without its prefecture: `札幌市` takes all its
//! wards, `札幌市中央区` one ward, `東京都中野区` one special ward. A name that several places share
//! (`中区`, `府中市`) is refused with the candidates, never guessed.

use crate::text::{nfkc, to_hiragana};
use std::collections::BTreeSet;
use std::sync::OnceLock;

const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/municipalities.tsv"));

/// A municipality, or a ward of a designated city.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// JIS prefecture code, 1 (北海道) to 47 (沖縄県): the order places are listed in.
    pub prefecture_code: u8,
    pub prefecture: String,
    /// `札幌市中央区`, `中野区`, `足柄上郡中井町`, `横手市`.
    pub city: String,
    /// The reading of `city`, in hiragana.
    pub kana: String,
}

impl Place {
    /// The municipality a ward belongs to (`札幌市` for `札幌市中央区`); itself otherwise.
    pub fn municipality(&self) -> &str {
        match designated_city_split(&self.city) {
            Some((city, _)) => city,
            None => &self.city,
        }
    }

    /// The name a guide's area gets: the place without its district (`中井町` for
    /// `足柄上郡中井町`), a ward with its city (`札幌市中央区`).
    pub fn area_name(&self) -> &str {
        match self.city.split_once('郡') {
            Some((district, town)) if !district.is_empty() && !town.is_empty() => town,
            _ => &self.city,
        }
    }

    /// The reading of `area_name`.
    pub fn area_kana(&self) -> String {
        match (self.city.split_once('郡'), self.kana.split_once("ぐん")) {
            (Some((district, town)), Some((_, kana)))
                if !district.is_empty() && !town.is_empty() && !kana.is_empty() =>
            {
                kana.to_string()
            }
            _ => self.kana.clone(),
        }
    }

    pub fn full_name(&self) -> String {
        format!("{}{}", self.prefecture, self.city)
    }
}

/// `札幌市中央区` → (`札幌市`, `中央区`): a designated city's ward.
fn designated_city_split(city: &str) -> Option<(&str, &str)> {
    let at = city.find('市')? + '市'.len_utf8();
    let (city_part, ward) = city.split_at(at);
    (ward.ends_with('区') && ward.chars().count() >= 2).then_some((city_part, ward))
}

pub fn places() -> &'static [Place] {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    PLACES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let code = cols.next()?.parse().ok()?;
                let (prefecture, city, kana) = (cols.next()?, cols.next()?, cols.next()?);
                Some(Place {
                    prefecture_code: code,
                    prefecture: prefecture.to_string(),
                    city: city.to_string(),
                    kana: to_hiragana(&nfkc(kana)),
                })
            })
            .collect()
    })
}

/// The place of an office from its 事業所住所（市区町村） (`北海道札幌市中央区`), the longest
/// municipality name that matches.
pub fn place_of(address_city: &str) -> Option<&'static Place> {
    let text: String = nfkc(address_city)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    places()
        .iter()
        .filter(|p| {
            text == p.full_name()
                || (text.starts_with(&p.prefecture) && text[p.prefecture.len()..] == p.city)
                || text == p.city
        })
        .max_by_key(|p| p.city.len())
}

/// Which offices an import takes.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Whole prefectures (`北海道`, `神奈川県`); empty for any.
    pub prefectures: Vec<String>,
    /// Municipalities or wards; empty for any.
    pub cities: Vec<CityChoice>,
}

/// One `--city`, resolved: the municipality and, for a ward, the ward alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityChoice {
    pub prefecture: String,
    /// `札幌市` (every ward) or `札幌市中央区` (one ward) or `中野区`.
    pub name: String,
}

/// Why a `--city` or `--pref` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionError {
    UnknownCity(String),
    AmbiguousCity {
        given: String,
        candidates: Vec<String>,
    },
    UnknownPrefecture(String),
}

impl Selection {
    pub fn new(prefectures: &[String], cities: &[String]) -> Result<Selection, RegionError> {
        let known: BTreeSet<&str> = places().iter().map(|p| p.prefecture.as_str()).collect();
        let mut selection = Selection::default();
        for pref in prefectures {
            let pref = squeeze(pref);
            // 東京 / 大阪 / 神奈川 without 都府県 is clear enough to accept.
            let found = known
                .iter()
                .find(|k| **k == pref || k.trim_end_matches(['都', '道', '府', '県']) == pref);
            match found {
                Some(k) => selection.prefectures.push(k.to_string()),
                None => return Err(RegionError::UnknownPrefecture(pref)),
            }
        }
        for city in cities {
            selection.cities.push(resolve_city(&squeeze(city))?);
        }
        Ok(selection)
    }

    pub fn includes(&self, place: &Place) -> bool {
        let pref_ok = self.prefectures.is_empty() || self.prefectures.contains(&place.prefecture);
        let city_ok = self.cities.is_empty()
            || self.cities.iter().any(|c| {
                c.prefecture == place.prefecture
                    && (c.name == place.city || c.name == place.municipality())
            });
        pref_ok && city_ok
    }
}

fn squeeze(text: &str) -> String {
    nfkc(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A `--city` as a whole name: a municipality (`札幌市`, all its wards), a ward (`札幌市中央区`),
/// either with its prefecture in front.
fn resolve_city(given: &str) -> Result<CityChoice, RegionError> {
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for place in places() {
        for name in [place.city.as_str(), place.municipality()] {
            let with_pref = format!("{}{name}", place.prefecture);
            if given == name || given == with_pref {
                found.insert((place.prefecture.clone(), name.to_string()));
            }
        }
        // A ward named alone (`中区`) matches every city's ward of that name: then it is
        // ambiguous, and the candidates show how to write it.
        if let Some((_, ward)) = designated_city_split(&place.city)
            && given == ward
        {
            found.insert((place.prefecture.clone(), place.city.clone()));
        }
    }
    match found.len() {
        0 => Err(RegionError::UnknownCity(given.to_string())),
        1 => {
            let (prefecture, name) = found.into_iter().next().unwrap_or_default();
            Ok(CityChoice { prefecture, name })
        }
        _ => Err(RegionError::AmbiguousCity {
            given: given.to_string(),
            candidates: found.into_iter().map(|(p, n)| format!("{p}{n}")).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_are_placed_in_their_ward() {
        let place = place_of("北海道札幌市中央区").unwrap();
        assert_eq!(place.city, "札幌市中央区");
        assert_eq!(place.municipality(), "札幌市");
        assert_eq!(place.kana, "さっぽろしちゅうおうく");
        let town = place_of("神奈川県足柄上郡中井町").unwrap();
        assert_eq!(town.area_name(), "中井町");
        assert_eq!(town.area_kana(), "なかいまち");
        assert_eq!(place_of("東京都中野区").unwrap().municipality(), "中野区");
    }

    #[test]
    fn a_city_takes_its_wards_and_a_shared_name_is_refused() {
        let sapporo = Selection::new(&[], &["札幌市".into()]).unwrap();
        assert!(sapporo.includes(place_of("北海道札幌市北区").unwrap()));
        assert!(!sapporo.includes(place_of("北海道旭川市").unwrap()));
        match Selection::new(&[], &["中区".into()]) {
            Err(RegionError::AmbiguousCity { candidates, .. }) => {
                assert!(candidates.contains(&"神奈川県横浜市中区".to_string()));
                assert!(candidates.contains(&"愛知県名古屋市中区".to_string()));
            }
            other => panic!("中区 must be ambiguous: {other:?}"),
        }
        assert!(matches!(
            Selection::new(&[], &["府中市".into()]),
            Err(RegionError::AmbiguousCity { .. })
        ));
        assert!(Selection::new(&[], &["東京都府中市".into()]).is_ok());
        assert!(matches!(
            Selection::new(&[], &["存在しない市".into()]),
            Err(RegionError::UnknownCity(_))
        ));
    }

    #[test]
    fn prefectures_with_or_without_their_suffix() {
        let s = Selection::new(&["神奈川".into()], &[]).unwrap();
        assert_eq!(s.prefectures, vec!["神奈川県".to_string()]);
        assert!(Selection::new(&["ハワイ".into()], &[]).is_err());
    }
}
