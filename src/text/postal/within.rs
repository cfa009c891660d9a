//! Whether an address lies in a place named by a guide's area: a prefecture (青森県), a
//! municipality (弘前市, 岐阜県揖斐郡池田町), a designated city or a 郡 (札幌市, 揖斐郡), or a
//! ward or a town of one (北区, 池田町), as Japan Post names them.

use super::{City, fold, table};
use crate::hashing::FastSet;
use std::sync::OnceLock;

/// Whether the address whose municipality is written `city` (with or without its prefecture)
/// lies in the place called `place`. `None` when Japan Post names no place `place` (東部, 県北,
/// a made-up region) or no municipality `city`, so nothing can be said.
///
/// A name several places share counts for all of them (北区 is a ward of Sapporo, of Nagoya, of
/// Tokyo …; 府中市 is in Tokyo and in Hiroshima): `Some(false)` only when no reading of the
/// two names puts the address in the place.
pub fn lies_in(city: &str, place: &str) -> Option<bool> {
    let table = table();
    let place = fold(place);
    if !place_names().contains(&place) {
        return None;
    }
    let candidates = table.by_name.get(&fold(city))?;
    Some(
        candidates
            .iter()
            .any(|&i| names_of(&table.cities[i]).contains(&place)),
    )
}

/// Every name of [`names_of`] of every municipality: what a place may be called.
fn place_names() -> &'static FastSet<String> {
    static NAMES: OnceLock<FastSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| table().cities.iter().flat_map(names_of).collect())
}

/// The folded names of the places a municipality lies in, itself included: its prefecture; its
/// name with and without the prefecture; and for a ward of a designated city or a town of a 郡,
/// the city or 郡 (with and without the prefecture) and the ward or town alone.
fn names_of(city: &City) -> Vec<String> {
    let mut names = vec![
        fold(city.prefecture),
        fold(city.name),
        fold(&format!("{}{}", city.prefecture, city.name)),
    ];
    if let [(head, _), (tail, _)] = city.parts.as_slice() {
        names.push(fold(head));
        names.push(fold(&format!("{}{head}", city.prefecture)));
        names.push(fold(tail));
    }
    names
}

#[cfg(test)]
mod tests {
    use super::lies_in;

    #[test]
    fn a_municipality_lies_in_itself_its_prefecture_and_its_city() {
        assert_eq!(lies_in("弘前市", "弘前市"), Some(true));
        assert_eq!(lies_in("青森県弘前市", "青森県"), Some(true));
        assert_eq!(lies_in("弘前市", "青森県弘前市"), Some(true));
        assert_eq!(lies_in("札幌市北区", "札幌市"), Some(true));
        assert_eq!(lies_in("北海道札幌市北区", "北区"), Some(true));
        assert_eq!(lies_in("岐阜県揖斐郡池田町", "揖斐郡"), Some(true));
        assert_eq!(
            lies_in("池田町", "岐阜県"),
            Some(true),
            "one of the 池田町 is in 岐阜県"
        );
    }

    #[test]
    fn a_municipality_is_not_in_another() {
        assert_eq!(lies_in("弘前市", "青森市"), Some(false));
        assert_eq!(lies_in("弘前市", "岩手県"), Some(false));
        assert_eq!(lies_in("札幌市中央区", "北区"), Some(false));
        assert_eq!(lies_in("札幌市中央区", "名古屋市"), Some(false));
    }

    #[test]
    fn names_that_are_no_place_say_nothing() {
        assert_eq!(lies_in("弘前市", "東部"), None);
        assert_eq!(lies_in("弘前市", "全国"), None);
        assert_eq!(lies_in("ひかり市", "青森市"), None);
        assert_eq!(lies_in("ひかり市", "中央"), None);
    }
}
