//! The direct reader (`direct`) and serde-saphyr's deserializer give the same tree, positions
//! included, for every text the direct reader takes; and the direct reader takes the guide's
//! own files.

use super::{direct, options, read_with_serde};
use std::path::Path;

/// `None` when the direct reader left `text` to serde-saphyr.
fn agree(text: &str, line_offset: u32) -> Option<()> {
    let direct = direct::read(text, line_offset, &options())?;
    let serde = read_with_serde(text, line_offset);
    assert!(
        serde.is_ok(),
        "direct reader took a text serde-saphyr refuses: {text:?}: {serde:?}"
    );
    assert_eq!(
        format!("{direct:?}"),
        format!("{:?}", serde.unwrap()),
        "the readers disagree on {text:?}"
    );
    Some(())
}

/// The YAML of every `.yaml` and `.md` file under `dir`, with its line offset.
fn yaml_texts(dir: &Path) -> Vec<(String, String, u32)> {
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => texts.push((name, text, 0)),
            Some("md") => {
                if let Some(yaml) = front_matter(&text) {
                    texts.push((name, yaml.to_string(), 1));
                }
            }
            _ => {}
        }
    }
    texts
}

/// The YAML between a Markdown file's opening `---` line and its closing one (`yaml` must not
/// use `content`, which uses it).
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest
        .find("\n---\n")
        .map(|i| i + 1)
        .or_else(|| rest.strip_prefix("---\n").map(|_| 0))?;
    Some(&rest[..end])
}

#[test]
fn the_readers_agree_on_every_file_of_the_example_region_and_the_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut taken = 0;
    let texts: Vec<_> = ["content", "tests/fixtures"]
        .iter()
        .flat_map(|dir| yaml_texts(&root.join(dir)))
        .collect();
    for (name, text, offset) in &texts {
        let took = agree(text, *offset).is_some();
        taken += usize::from(took);
        // Every file of the example region is plain: the direct reader must take it.
        if name.starts_with(&root.join("content").display().to_string()) {
            assert!(took, "the direct reader left {name} to serde-saphyr");
        }
    }
    assert!(
        texts.len() >= 100 && taken >= 100,
        "{taken} of {}",
        texts.len()
    );
}

#[test]
fn the_readers_agree_on_plain_scalars() {
    // Every text of up to four characters over the characters numbers, dates, times and
    // phone numbers are spelt with, as a mapping's value, a list's item and a flow item.
    const CHARS: &[u8] = b"019-+.e_x:a ";
    let mut scalars: Vec<String> = vec![String::new()];
    let mut frontier = scalars.clone();
    for _ in 0..4 {
        frontier = frontier
            .iter()
            .flat_map(|s| CHARS.iter().map(move |&c| format!("{s}{}", c as char)))
            .collect();
        scalars.extend(frontier.iter().cloned());
    }
    scalars.extend(
        [
            "0123456789",
            "123456789012345678",
            "1234567890123456789",
            "-5",
            "+5",
            "-05",
            "0x1F",
            "0o17",
            "0b101",
            "1_000",
            "1e3",
            "1E-3",
            "1.5e+3",
            ".inf",
            "-.inf",
            ".NaN",
            "nan",
            "inf",
            "infinity",
            "1e999",
            "9223372036854775808",
            "18446744073709551616",
            "03-1234-5678",
            "2025-04-01",
            "9:00",
            "12:30:00",
            "Null",
            "NULL",
            "~",
            "TRUE",
            "True",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "〒100-0001",
            "１２３",
            "1,000",
            "1.2.3",
            "0.5",
            "00.5",
            "5.",
            ".5",
            "1__0",
            "_1",
            "1_",
            "0x",
            "0",
            "-0",
            "+0",
            "-.5",
        ]
        .map(String::from),
    );
    let mut taken = 0;
    for scalar in &scalars {
        for text in [
            format!("k: {scalar}\n"),
            format!("- {scalar}\n- x\n"),
            format!("[{scalar}, x]\n"),
            format!("{scalar}: v\n"),
            format!("k:\n  - {scalar}\n  - {{a: {scalar}}}\n"),
        ] {
            taken += usize::from(agree(&text, 3).is_some());
        }
    }
    assert!(taken > scalars.len(), "{taken} of {}", scalars.len() * 5);
}

#[test]
fn what_the_direct_reader_leaves_to_serde_saphyr() {
    let left = |text: &str| direct::read(text, 0, &options()).is_none();
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "? [a, b]\n: c\n",
        "~: 1\n",
        "a: 1\n---\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1e3\n",
        "a: [1, 2\n",
    ] {
        assert!(left(text), "{text:?}");
    }
    let deep = format!("{}1{}\n", "[".repeat(30), "]".repeat(30));
    assert!(left(&deep));
    assert!(!left(
        "name: みどり\nphone: 03-1234-5678\ncapacity: 20\nlunch: true\n"
    ));
}

#[test]
fn the_readers_agree_on_line_ends_byte_order_marks_and_layouts() {
    let texts = [
        "name: みどり\r\nservices:\r\n  - type: b-type\r\n    capacity: 20\r\n",
        "\u{feff}name: みどり\nkana: みどり\n",
        "summary: 一行目の\n  つづき\n  さらに\nnext: 1\n",
        "body: |\n  一行目\n  二行目\nfolded: >\n  a\n  b\n",
        "a:\n- 1\n- 2\nb: {x: 1, y: [2, 3]}\n",
        "---\nname: みどり\n...\n",
        "'quoted key': \"値\"\n\"\": empty\n",
        "a: 1 # comment\n# only a comment\nb: ''\n",
        "list:\n  -\n  - ~\n  - null\n",
        "\ttab: 1\n",
        "name: みどり\n\n\n",
        "---\n",
        "# only a comment\n",
        "---\n...\n",
    ];
    let mut taken = 0;
    for text in texts {
        for offset in [0, 1, 7] {
            taken += usize::from(agree(text, offset).is_some());
        }
    }
    assert!(taken >= 30, "{taken}");
}
