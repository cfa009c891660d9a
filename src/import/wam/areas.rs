//! The areas of an imported region: each office goes to the area of its municipality (or its
//! ward, in a designated city). An area the site has already — same name — is used as it is;
//! one it lacks is added to site.yaml with its reading from Japan Post's data, so an import
//! builds without hand edits.
//!
//! Areas carry their prefecture as `group`, and a guide with two or more groups lists its areas
//! group by group, those without one first, on their own. So when an import makes the guide's
//! groups two or more, the site's areas it used that have no group (written by hand, or by an
//! import before areas had groups) get theirs: else a prefecture's towns would stand outside
//! the prefecture, above the others.

use super::region::Place;
use crate::content::model::Area;
use crate::import::yaml_out::quoted;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// An area added to site.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArea {
    pub id: String,
    pub name: String,
    pub kana: String,
    /// Its prefecture (site.yaml's `group`: the pages list a guide's areas by prefecture when
    /// there are two or more).
    pub group: String,
    /// Where it sorts: prefecture code, then reading.
    order: (u8, String),
}

/// Chooses the area of each place, making new ones as needed.
pub struct Planner {
    /// (id, name) of every area, the site's and the new ones.
    known: Vec<(String, String)>,
    new: Vec<NewArea>,
    /// The groups of the site's areas.
    groups: BTreeSet<String>,
    /// The ids of the site's areas without a group.
    ungrouped: BTreeSet<String>,
    /// Of those, the ones a place was put in, with the place's prefecture.
    used_ungrouped: BTreeMap<String, String>,
}

/// What an import changes in site.yaml's areas.
#[derive(Debug, Default)]
pub struct AreaPlan {
    /// Areas to add, north to south and in 五十音 order within a prefecture.
    pub new: Vec<NewArea>,
    /// The site's areas without a group that get one: (id, group).
    pub grouped: Vec<(String, String)>,
}

impl Planner {
    pub fn new(existing: &[Area]) -> Planner {
        Planner {
            known: existing
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect(),
            new: Vec::new(),
            groups: existing.iter().filter_map(|a| a.group.clone()).collect(),
            ungrouped: existing
                .iter()
                .filter(|a| a.group.is_none())
                .map(|a| a.id.clone())
                .collect(),
            used_ungrouped: BTreeMap::new(),
        }
    }

    /// The id of the area for `place`.
    pub fn area_for(&mut self, place: &Place) -> String {
        let name = place.area_name();
        if let Some((id, _)) = self.known.iter().find(|(_, n)| n == name) {
            if self.ungrouped.contains(id) && !place.prefecture.is_empty() {
                self.used_ungrouped
                    .entry(id.clone())
                    .or_insert_with(|| place.prefecture.clone());
            }
            return id.clone();
        }
        let kana = place.area_kana();
        let base = area_id(name, &kana);
        let mut id = base.clone();
        let mut n = 2;
        while self.known.iter().any(|(known, _)| *known == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.known.push((id.clone(), name.to_string()));
        self.new.push(NewArea {
            id: id.clone(),
            name: name.to_string(),
            group: place.prefecture.clone(),
            order: (place.prefecture_code, kana.clone()),
            kana,
        });
        id
    }

    /// The new areas, and the groups of the site's areas this import used, when the guide then
    /// has two or more groups (with one, it lists its areas in one list all the same).
    pub fn into_plan(mut self) -> AreaPlan {
        self.new.sort_by(|a, b| a.order.cmp(&b.order));
        let mut groups = self.groups;
        groups.extend(self.new.iter().map(|a| a.group.clone()));
        groups.extend(self.used_ungrouped.values().cloned());
        let grouped = match groups.len() >= 2 {
            true => self.used_ungrouped.into_iter().collect(),
            false => Vec::new(),
        };
        AreaPlan {
            new: self.new,
            grouped,
        }
    }
}

/// `横手市`/`よこてし` → `yokote`: the reading in romaji without the reading of 市/区/町/村.
fn area_id(name: &str, kana: &str) -> String {
    crate::text::place_id(name, kana).unwrap_or_else(|| "area".to_string())
}

/// Gives the site's areas of `plan.grouped` their group and appends the new areas to the
/// `areas:` list of site.yaml, keeping every other line (and comment) as it is. A site.yaml
/// without `areas:` gets the list at its end. Returns the ids of the areas that were given a
/// group: only those written on one line, `- { id: …, name: … }`, as `init` and imports write
/// them (an area written over several lines is left as it is).
pub fn write_to_site_yaml(path: &Path, plan: &AreaPlan) -> std::io::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)?;
    let (text, grouped) = with_groups(&text, &plan.grouped);
    let text = match plan.new.is_empty() {
        true => text,
        false => with_areas(&text, &plan.new),
    };
    std::fs::write(path, text)?;
    Ok(grouped)
}

/// `text` with `, group: "…"` added to the one-line items of `grouped`' ids that have no group,
/// and those ids.
fn with_groups(text: &str, grouped: &[(String, String)]) -> (String, Vec<String>) {
    let mut done = Vec::new();
    if grouped.is_empty() {
        return (text.to_string(), done);
    }
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let group = one_line_item_id(line).and_then(|id| {
            grouped
                .iter()
                .find(|(g, _)| g == id)
                .map(|(id, group)| (id.clone(), group.clone()))
        });
        // The mapping's own `}` is its first: a comment after it may hold another.
        match (group, line.find('}')) {
            (Some((id, group)), Some(end)) if !line.contains("group:") => {
                let before = line[..end].trim_end();
                out.push(format!(
                    "{before}, group: {} }}{}",
                    quoted(&group),
                    &line[end + 1..]
                ));
                done.push(id);
            }
            _ => out.push(line.to_string()),
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    (text, done)
}

/// The id of a site.yaml line `  - { id: kita, name: 北部, … }` (quoted or not).
fn one_line_item_id(line: &str) -> Option<&str> {
    let inner = line.trim_start().strip_prefix('-')?.trim_start();
    let inner = inner.strip_prefix('{')?;
    if !inner.contains('}') {
        return None;
    }
    let after = inner.split(',').find_map(|pair| {
        let (key, value) = pair.split_once(':')?;
        (key.trim() == "id").then_some(value)
    })?;
    let value = after.trim().trim_end_matches('}').trim();
    Some(value.trim_matches(|c| c == '"' || c == '\''))
}

fn with_areas(text: &str, new: &[NewArea]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == "areas:" || l.starts_with("areas:"));
    let item = |indent: &str, a: &NewArea| {
        format!(
            "{indent}- {{ id: {}, name: {}, kana: {}, group: {} }}",
            a.id,
            quoted(&a.name),
            quoted(&a.kana),
            quoted(&a.group)
        )
    };
    let Some(start) = start.filter(|&i| lines[i].trim_end() == "areas:") else {
        // No block list to extend (none at all, or a flow list `areas: []`): a new block list
        // replaces an empty flow list, or goes at the end.
        let mut out: Vec<String> = lines
            .iter()
            .filter(|l| !l.starts_with("areas: []"))
            .map(|l| l.to_string())
            .collect();
        out.push("areas:".into());
        out.extend(new.iter().map(|a| item("  ", a)));
        return out.join("\n") + "\n";
    };
    // The list's items: the lines after `areas:` that are indented or start with `-`.
    let mut end = start + 1;
    let mut indent = "  ".to_string();
    while end < lines.len()
        && (lines[end].starts_with([' ', '-', '\t', '#']) || lines[end].trim().is_empty())
    {
        let line = lines[end];
        if let Some(dash) = line.find("- ")
            && line[..dash].trim().is_empty()
        {
            indent = line[..dash].to_string();
        }
        end += 1;
    }
    // Blank lines and comments that end the block belong to what follows.
    while end > start + 1 && (lines[end - 1].trim().is_empty() || lines[end - 1].starts_with('#')) {
        end -= 1;
    }
    let mut out: Vec<String> = lines[..end].iter().map(|l| l.to_string()).collect();
    out.extend(new.iter().map(|a| item(&indent, a)));
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readings_in_romaji() {
        assert_eq!(area_id("横手市", "よこてし"), "yokote");
        assert_eq!(area_id("中井町", "なかいまち"), "nakai");
        assert_eq!(area_id("中野区", "なかのく"), "nakano");
    }

    #[test]
    fn areas_without_a_group_get_theirs_on_their_own_line() {
        let yaml = "areas:\n  - { id: zenkoku, name: 全国, kana: ぜんこく }\n  - { id: \"aomori\", name: \"青森市\", kana: \"あおもりし\" }  # 県庁 {本庁}\n  - id: hachinohe\n    name: 八戸市\n";
        let grouped = [
            ("aomori".to_string(), "青森県".to_string()),
            ("hachinohe".to_string(), "青森県".to_string()),
        ];
        let (text, done) = with_groups(yaml, &grouped);
        assert_eq!(
            text,
            "areas:\n  - { id: zenkoku, name: 全国, kana: ぜんこく }\n  - { id: \"aomori\", name: \"青森市\", kana: \"あおもりし\", group: \"青森県\" }  # 県庁 {本庁}\n  - id: hachinohe\n    name: 八戸市\n"
        );
        assert_eq!(done, ["aomori"]);
        // An area that has a group keeps it.
        let yaml = "  - { id: aomori, name: 青森市, kana: あおもりし, group: 青森 }\n";
        assert_eq!(with_groups(yaml, &grouped), (yaml.to_string(), vec![]));
    }

    #[test]
    fn areas_are_appended_to_the_list() {
        let yaml = "title: x\nareas:\n  - { id: chuo, name: 中央, kana: ちゅうおう }\n\nfurigana: { grade: 2 }\n";
        let new = [NewArea {
            id: "yokote".into(),
            name: "横手市".into(),
            kana: "よこてし".into(),
            group: "秋田県".into(),
            order: (5, "よこてし".into()),
        }];
        assert_eq!(
            with_areas(yaml, &new),
            "title: x\nareas:\n  - { id: chuo, name: 中央, kana: ちゅうおう }\n  - { id: yokote, name: \"横手市\", kana: \"よこてし\", group: \"秋田県\" }\n\nfurigana: { grade: 2 }\n"
        );
        assert_eq!(
            with_areas("title: x\n", &new),
            "title: x\nareas:\n  - { id: yokote, name: \"横手市\", kana: \"よこてし\", group: \"秋田県\" }\n"
        );
    }
}
