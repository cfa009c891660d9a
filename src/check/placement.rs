//! An entry's area against its address. A guide whose areas are places (青森市, 弘前市; 北区,
//! 中央区; a prefecture's towns, as `import wam` makes them) lists each office under its area:
//! an office whose address is in another place (an entry copied from a neighbour's, an office
//! that moved) is listed where a family does not look for it.
//!
//! Only names Japan Post gives a place are compared (`text::lies_in`): 東部 or 県北 say nothing
//! of an address. And only in a guide whose entries mostly lie in their areas' places: a
//! council may call its own districts 北区 and 中央区 in a city that has no wards, and then
//! every entry would seem to be elsewhere.

use crate::content::model::{Area, Entry};
use crate::diagnostics::{Diagnostics, Pos, Problem};
use std::path::PathBuf;

/// One entry whose area names a place and whose address names a municipality.
pub(super) struct Placed {
    path: PathBuf,
    /// Where the entry's `area` is written.
    pos: Pos,
    area: String,
    area_name: String,
    city: String,
    /// Whether the address lies in the place the area names.
    lies_in: bool,
}

impl Placed {
    /// `entry` (from `path`, its `area` written at `pos`) in the area called `area_name`; `None`
    /// when the area's name or the address's municipality is no place Japan Post names.
    pub fn of(entry: &Entry, area_name: &str, path: PathBuf, pos: Pos) -> Option<Placed> {
        let lies_in = crate::text::lies_in(&entry.address.city, area_name)?;
        Some(Placed {
            path,
            pos,
            area: entry.area.clone(),
            area_name: area_name.to_string(),
            city: entry.address.city.clone(),
            lies_in,
        })
    }
}

/// Warns at the `area` of each entry whose address lies outside its area's place, when at least
/// as many entries lie in theirs (see the module comment), naming an area of `areas` the address
/// lies in when there is one.
pub(super) fn check(placed: &[Placed], areas: &[Area], diags: &mut Diagnostics) {
    let inside = placed.iter().filter(|p| p.lies_in).count();
    let outside = placed.len() - inside;
    if outside == 0 || inside < outside {
        return;
    }
    for entry in placed.iter().filter(|p| !p.lies_in) {
        let fitting = areas
            .iter()
            .find(|a| crate::text::lies_in(&entry.city, &a.name) == Some(true));
        diags.warning(
            &entry.path,
            entry.pos,
            "area",
            Problem::AreaNotAtAddress {
                id: entry.area.clone(),
                name: entry.area_name.clone(),
                city: entry.city.clone(),
                fitting: fitting.map(|a| (a.id.clone(), a.name.clone())),
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(id: &str, name: &str) -> Area {
        Area {
            id: id.into(),
            name: name.into(),
            kana: String::new(),
            group: None,
        }
    }

    /// Entries in (area id, area name, city), each placed as `check` would place it.
    fn placed(entries: &[(&str, &str, &str)]) -> Vec<Placed> {
        entries
            .iter()
            .filter_map(|&(id, name, city)| {
                Some(Placed {
                    path: PathBuf::from(format!("content/entries/{id}.md")),
                    pos: Pos { line: 4, column: 7 },
                    area: id.into(),
                    area_name: name.into(),
                    city: city.into(),
                    lies_in: crate::text::lies_in(city, name)?,
                })
            })
            .collect()
    }

    fn warnings(placed: &[Placed], areas: &[Area]) -> Vec<Problem> {
        let mut diags = Diagnostics::default();
        check(placed, areas, &mut diags);
        diags.iter().map(|d| d.problem.clone()).collect()
    }

    #[test]
    fn an_entry_away_from_its_area_is_told_the_area_it_is_in() {
        let areas = [area("aomori", "青森市"), area("hirosaki", "弘前市")];
        let placed = placed(&[
            ("aomori", "青森市", "青森市"),
            ("aomori", "青森市", "弘前市"),
            ("hirosaki", "弘前市", "青森県弘前市"),
        ]);
        assert_eq!(
            warnings(&placed, &areas),
            [Problem::AreaNotAtAddress {
                id: "aomori".into(),
                name: "青森市".into(),
                city: "弘前市".into(),
                fitting: Some(("hirosaki".into(), "弘前市".into())),
            }]
        );
    }

    /// A city with no wards whose council calls its own districts 北区 and 中央区: no entry
    /// lies in a ward of that name, so the areas are not places and nothing is said.
    #[test]
    fn districts_named_like_wards_are_not_compared() {
        let areas = [area("kita", "北区"), area("chuo", "中央区")];
        let placed = placed(&[
            ("kita", "北区", "水戸市"),
            ("chuo", "中央区", "水戸市"),
            ("chuo", "中央区", "茨城県水戸市"),
        ]);
        assert_eq!(placed.len(), 3, "the names are places Japan Post knows");
        assert_eq!(warnings(&placed, &areas), []);
    }

    #[test]
    fn names_that_are_no_places_are_not_compared() {
        let placed = placed(&[("tobu", "東部", "弘前市"), ("kita", "青森市", "ひかり市")]);
        assert!(placed.is_empty());
    }
}
