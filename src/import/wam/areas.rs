//! The areas of an imported region: each office goes to the area of its municipality (or its
//! ward, in a designated city). An area the site has already — same name — is used as it is;
//! one it lacks is added to site.yaml with its reading from Japan Post's data, so an import
//! builds without hand edits.

use super::region::Place;
use crate::import::yaml_out::quoted;
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
}

impl Planner {
    pub fn new(existing: &[(String, String)]) -> Planner {
        Planner {
            known: existing.to_vec(),
            new: Vec::new(),
        }
    }

    /// The id of the area for `place`.
    pub fn area_for(&mut self, place: &Place) -> String {
        let name = place.area_name();
        if let Some((id, _)) = self.known.iter().find(|(_, n)| n == name) {
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

    /// The new areas, north to south and in 五十音 order within a prefecture.
    pub fn into_new(mut self) -> Vec<NewArea> {
        self.new.sort_by(|a, b| a.order.cmp(&b.order));
        self.new
    }
}

/// `横手市`/`よこてし` → `yokote`: the reading in romaji without the reading of 市/区/町/村.
fn area_id(name: &str, kana: &str) -> String {
    crate::text::place_id(name, kana).unwrap_or_else(|| "area".to_string())
}

/// Appends the new areas to the `areas:` list of site.yaml, keeping every other line (and
/// comment) as it is. A site.yaml without `areas:` gets the list at its end.
pub fn add_to_site_yaml(path: &Path, new: &[NewArea]) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path)?;
    std::fs::write(path, with_areas(&text, new))
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
