//! Re-importing: an entry already imported is brought up to date with new data, field by field,
//! but only the fields the data owns (name, reading, operator, address, position, contact, hours)
//! and only while nobody has edited them. The importer records a digest of what it wrote; when
//! the file's data-owned fields still hash to it, they are the importer's own and may be
//! replaced. Otherwise a person has written there, and the file is left as it is; the report
//! says where the data now differs. Everything else in the file — what providers write — is
//! never touched.

use super::entry::{DATA_OWNED, EntryBlocks, digest_of};

#[derive(Debug)]
pub enum Outcome {
    Written,
    /// The data-owned fields were replaced; these changed.
    Updated {
        text: String,
        changed: Vec<&'static str>,
    },
    /// The data says the same as the file: nothing to do.
    Unchanged,
    /// A person edited data-owned fields: nothing written; where the data differs.
    Kept {
        differs: Vec<&'static str>,
    },
    /// The file was not written by an import (no `imported:` digest): left alone.
    NotImported,
}

/// The file's front matter as top-level blocks, as `EntryBlocks` has them, and the rest.
struct Parsed {
    blocks: Vec<(String, String)>,
    body: String,
}

fn parse(text: &str) -> Option<Parsed> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n").map(|i| i + 1).or_else(|| {
        rest.strip_suffix("\n---")
            .map(|r| r.len() + 1)
            .or_else(|| rest.starts_with("---\n").then_some(0))
    })?;
    let (front, after) = rest.split_at(end);
    let body = after.strip_prefix("---\n").or(after.strip_prefix("---"))?;
    let mut blocks: Vec<(String, String)> = vec![(String::new(), String::new())];
    let mut pending = String::new();
    for line in front.split_inclusive('\n') {
        let starts_key = !line.starts_with([' ', '\t', '#', '-', '\n']) && line.contains(':');
        if starts_key {
            let key = line
                .split(':')
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            blocks.push((key, std::mem::take(&mut pending) + line));
        } else if line.starts_with('#') || line.trim().is_empty() {
            // A comment belongs to the field below it.
            pending.push_str(line);
        } else if let Some(last) = blocks.last_mut() {
            last.1.push_str(&pending);
            pending.clear();
            last.1.push_str(line);
        }
    }
    if let Some(last) = blocks.last_mut() {
        last.1.push_str(&pending);
    }
    Some(Parsed {
        blocks,
        body: body.to_string(),
    })
}

fn recorded_digest(parsed: &Parsed) -> Option<String> {
    let (_, imported) = parsed.blocks.iter().find(|(k, _)| k == "imported")?;
    imported.lines().find_map(|l| {
        let value = l.trim().strip_prefix("digest:")?.trim();
        Some(value.trim_matches('"').to_string())
    })
}

fn get<'a>(blocks: &'a [(String, String)], key: &str) -> Option<&'a str> {
    blocks
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, t)| t.as_str())
}

/// The data-owned fields whose text differs between the file and the new data.
fn differing(old: &[(String, String)], new: &EntryBlocks) -> Vec<&'static str> {
    DATA_OWNED
        .iter()
        .copied()
        .filter(|key| get(old, key) != new.get(key))
        .collect()
}

pub fn update(old_text: &str, new: &EntryBlocks) -> Outcome {
    let Some(old) = parse(old_text) else {
        return Outcome::NotImported;
    };
    let Some(recorded) = recorded_digest(&old) else {
        return Outcome::NotImported;
    };
    let current = digest_of(DATA_OWNED.iter().filter_map(|key| get(&old.blocks, key)));
    let differs = differing(&old.blocks, new);
    if current != recorded {
        return match differs.is_empty() {
            true => Outcome::Unchanged,
            false => Outcome::Kept { differs },
        };
    }
    let new_imported = new.get("imported");
    if differs.is_empty() && get(&old.blocks, "imported") == new_imported {
        return Outcome::Unchanged;
    }
    // Replace the data-owned blocks (and `imported`) in place; add those the file lacks before
    // `imported`; drop those the data no longer has.
    let mut blocks: Vec<(String, String)> = Vec::new();
    for (key, text) in &old.blocks {
        let owned = DATA_OWNED.contains(&key.as_str()) || key == "imported";
        if !owned {
            blocks.push((key.clone(), text.clone()));
            continue;
        }
        if let Some(new_text) = new.get(key) {
            blocks.push((key.clone(), new_text.to_string()));
        }
    }
    for key in DATA_OWNED.iter().chain(&["imported"]) {
        if get(&blocks, key).is_none()
            && let Some(text) = new.get(key)
        {
            let at = blocks
                .iter()
                .position(|(k, _)| k == "imported")
                .unwrap_or(blocks.len());
            blocks.insert(at, (key.to_string(), text.to_string()));
        }
    }
    let front: String = blocks.iter().map(|(_, t)| t.as_str()).collect();
    Outcome::Updated {
        text: format!("---\n{front}---\n{}", old.body),
        changed: differs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(phone: &str) -> EntryBlocks {
        let blocks = vec![
            ("".to_string(), "# 出典\n".to_string()),
            ("kind".to_string(), "kind: office\n".to_string()),
            ("name".to_string(), "name: \"みどり\"\n".to_string()),
            (
                "contact".to_string(),
                format!("contact:\n  phone: \"{phone}\"\n"),
            ),
            (
                "services".to_string(),
                "services:\n  - type: \"b-type\"\n".to_string(),
            ),
        ];
        let mut e = EntryBlocks {
            blocks,
            notes: Vec::new(),
            repaired_address: false,
        };
        let digest = e.digest();
        e.blocks.push((
            "imported".into(),
            format!("imported:\n  from: wam\n  as_of: 2025-03-01\n  digest: \"{digest}\"\n"),
        ));
        e
    }

    #[test]
    fn untouched_fields_follow_the_data_and_provider_text_stays() {
        let old = entry("0120-00-0000").file();
        // A provider added their work and a body: theirs, never overwritten.
        let old = old.replace(
            "services:\n  - type: \"b-type\"\n",
            "services:\n  - type: \"b-type\"\n    work: [パン]\n",
        ) + "本文です。\n";
        match update(&old, &entry("0120-11-1111")) {
            Outcome::Updated { text, changed } => {
                assert_eq!(changed, vec!["contact"]);
                assert!(text.contains("0120-11-1111"));
                assert!(text.contains("work: [パン]"));
                assert!(text.ends_with("本文です。\n"));
            }
            other => panic!("expected an update, got {other:?}"),
        }
    }

    #[test]
    fn a_field_a_person_edited_is_kept() {
        let old = entry("0120-00-0000")
            .file()
            .replace("name: \"みどり\"", "name: \"みどり工房\"");
        match update(&old, &entry("0120-11-1111")) {
            Outcome::Kept { differs } => assert_eq!(differs, vec!["name", "contact"]),
            other => panic!("expected kept, got {other:?}"),
        }
    }

    #[test]
    fn a_hand_written_entry_is_not_touched() {
        let old = "---\nkind: office\nname: \"みどり\"\nverified: 2026-01-01\n---\n";
        assert!(matches!(
            update(old, &entry("0120-11-1111")),
            Outcome::NotImported
        ));
    }
}
