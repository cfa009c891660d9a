//! The two fast readers (`simple`, `direct`) and serde-saphyr's deserializer give the same tree,
//! positions included, for every text a fast reader takes; and the fast readers take the guide's
//! own files.

use super::{direct, options, read_with_serde, simple};
use std::path::Path;

/// Which fast readers took `text`; each that did gave serde-saphyr's tree.
#[derive(Debug, Clone, Copy, Default)]
struct Taken {
    simple: bool,
    direct: bool,
}

fn agree(text: &str, line_offset: u32) -> Taken {
    let simple = simple::read(text, line_offset);
    let direct = direct::read(text, line_offset, &options());
    let taken = Taken {
        simple: simple.is_some(),
        direct: direct.is_some(),
    };
    if simple.is_none() && direct.is_none() {
        return taken;
    }
    let serde = read_with_serde(text, line_offset);
    for (reader, tree) in [("simple", simple), ("direct", direct)] {
        let Some(tree) = tree else { continue };
        let Ok(expected) = &serde else {
            panic!("the {reader} reader took a text serde-saphyr refuses: {text:?}: {serde:?}");
        };
        assert_eq!(
            format!("{tree:?}"),
            format!("{expected:?}"),
            "the {reader} reader and serde-saphyr disagree on {text:?}"
        );
    }
    taken
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
    let (mut taken, mut taken_simply) = (0, 0);
    let texts: Vec<_> = ["content", "tests/fixtures"]
        .iter()
        .flat_map(|dir| yaml_texts(&root.join(dir)))
        .collect();
    let content = root.join("content").display().to_string();
    for (name, text, offset) in &texts {
        let took = agree(text, *offset);
        taken += usize::from(took.direct);
        taken_simply += usize::from(took.simple);
        // Every file of the example region is plain: the direct reader must take it, and the
        // simple reader every entry (what providers and the importer write).
        if name.starts_with(&content) {
            assert!(took.direct, "the direct reader left {name} to serde-saphyr");
            if name.contains("/entries/") {
                assert!(took.simple, "the simple reader left {name} to the others");
            }
        }
    }
    assert!(
        texts.len() >= 100 && taken >= 100 && taken_simply >= 80,
        "{taken} and {taken_simply} of {}",
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
    let (mut taken, mut taken_simply) = (0, 0);
    for scalar in &scalars {
        for text in [
            format!("k: {scalar}\n"),
            format!("- {scalar}\n- x\n"),
            format!("[{scalar}, x]\n"),
            format!("{scalar}: v\n"),
            format!("k:\n  - {scalar}\n  - {{a: {scalar}}}\n"),
            format!("k: [{scalar}]\nm: {{a: {scalar}, b: '{scalar}'}}\n"),
        ] {
            let took = agree(&text, 3);
            taken += usize::from(took.direct);
            taken_simply += usize::from(took.simple);
        }
    }
    assert!(
        taken > scalars.len() && taken_simply > scalars.len(),
        "{taken} and {taken_simply} of {}",
        scalars.len() * 6
    );
}

/// Texts both fast readers leave to serde-saphyr: an anchor and alias, a tag, a complex key, a
/// null key, two documents, a directive, a number in serde-saphyr's own spelling, an error.
const LEFT_BY_BOTH: [&str; 8] = [
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "? [a, b]\n: c\n",
    "~: 1\n",
    "a: 1\n---\nb: 2\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1e3\n",
    "a: [1, 2\n",
];

#[test]
fn what_the_direct_reader_leaves_to_serde_saphyr() {
    let left = |text: &str| direct::read(text, 0, &options()).is_none();
    for text in LEFT_BY_BOTH {
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
            taken += usize::from(agree(text, offset).direct);
        }
    }
    assert!(taken >= 30, "{taken}");
}

#[test]
fn what_the_simple_reader_leaves_to_the_others() {
    let left = |text: &str| simple::read(text, 0).is_none();
    for text in LEFT_BY_BOTH.into_iter().chain([
        "a: [1, 2,]\n",
        "body: |\n  text\n",
        "summary: 一行目の\n  つづき\n",
        "a: \"tab\\tescaped\"\n",
        "a: \"two\n  lines\"\n",
        "\"quoted key\": 1\n",
        "a:\n  -\n  - 1\n",
        "- - 1\n",
        "a: 1\r\n",
        "\u{feff}a: 1\n",
        "a:\t1\n",
        "# only a comment\n",
        "just text\n",
        "a: 1\n  b: 2\n",
        "a: b: c\n",
    ]) {
        assert!(left(text), "{text:?}");
    }
    let deep = format!("a: {}1{}\n", "[".repeat(20), "]".repeat(20));
    assert!(left(&deep));
    // Near serde-saphyr's budget: many nodes (on one line, whose columns are counted once, not
    // from the line's start for each item), long scalars, a large file.
    let many = format!("a: [{}1]\n", "1, ".repeat(50_000));
    let long = format!(
        "a: {}\nb: {}\n",
        "x".repeat(300 * 1024),
        "y".repeat(300 * 1024)
    );
    let large = format!("a: x\n{}", "# comment\n".repeat(120 * 1024));
    for text in [many, long, large] {
        assert!(left(&text), "{}", &text[..20]);
    }
    assert!(!left(
        "name: みどり\nphone: 03-1234-5678\ncapacity: 20\nlunch: true\n"
    ));
}

#[test]
fn the_readers_agree_on_the_layouts_guide_files_use() {
    let texts = [
        "a: x\nb: \"q\"\nc: 'r''s'\nd: [1, \"s\", {e: f}]\n",
        "a:\nb: 1\n",
        "a:   # nothing\n  # still nothing\nb: 1\n",
        "a:\n",
        "a:   \n  \nb: 1\n",
        "a:\n- 1\n- x\n",
        "a:\n  - 1\n  - x\n",
        "a:\n    - 1\nb: 2\n",
        "- 1\n- 2\n",
        "# c\n\n- 1\n",
        "a:\n  # c\n  - 1\n",
        "  a: 1\n  b:\n    c: 2\n",
        "- a: 1\n  b: 2\n-   c: 3\n    d: [4]\n",
        "- work:\n  - a\n  - b\n  more: 1\n",
        "x: 1\na:\n  -   [1]\n  - {}\n  - []\n",
        "a: [ ]\nb: {}\nc: [ a , b ]\nd: { a: 1 , b: [x] }\n",
        "a: [a:b, c]\nb: {u: http://x.y/z}\nc: [-1, -a]\n",
        "a: x   # c\nb: \"y\" # c\nc: [z] # c\n",
        "a   : x\nb :\n  - 1\n",
        "url: http://example.com/a#b\nnote: a # b\nhash: a#b\n",
        "名前: みどり工房\n　全角: 　あき\nかな: [ひらがな, カタカナ]\n",
        "a: '#not a comment'\nb: \"# nor\"\nc: ''''\nd: ''\n",
        "a:\n  b:\n    c:\n      - d: 1\n        e:\n          - f\n",
        "services:\n  - type: \"a-type\"\n    work: [クリーニング, 部品の組み立て]\n    wage: { monthly_average: 49000, fiscal_year: 2024 }\n    capacity: 20\n# comment\nimported:\n  from: wam\n  as_of: 2025-03-01\n",
        "a: -\n",
        "a: [-]\n",
        "a: [a, [b, [c]], {d: {e: f}}]\n",
        "a: {x: [1, 2], y: 'z'}\n",
        "a: 1 #\nb: 2#3\n",
        "k: v\n\n\n# end\n",
        "k: v",
        "a: \"x\"y\n",
        "a: [x]y\n",
        "a: {b: 1}: c\n",
        "- 'a': b\n",
        "a: b\n - c\n",
        "a:\n  b: 1\n c: 2\n",
        "- a\n  b\n",
        "a: 'x\n",
        "a: \"x\n",
        "a: {b}\n",
        "a: {b:1}\n",
        "a: [b: 1]\n",
        "a: [,]\n",
        "a: ]\n",
        "a: x]\n",
        "a: x}\n",
        "a: x,y\n",
        "a: @x\n",
        "a: `x\n",
        "a: %x\n",
        "a: ?x\n",
        "a: :x\n",
        "-a: 1\n",
        "a:b: 1\n",
        "a b: 1\n",
        "a: 1\n- b\n",
        "- a\nb: 1\n",
        "a:\n- 1\n b: 2\n",
    ];
    let mut taken = 0;
    for text in texts {
        for offset in [0, 1] {
            taken += usize::from(agree(text, offset).simple);
        }
    }
    assert!(taken >= 40, "{taken}");
    // A national guide's site.yaml: a thousand areas, 70 KB.
    let areas: String = (0..1000)
        .map(|i| format!("  - {{ id: area-{i}, name: \"市{i}\", kana: \"し{i}\" }}\n"))
        .collect();
    let site = format!("# 設定\ntitle: \"全国\"\nareas:\n{areas}print:\n  paper: a4\n");
    assert!(agree(&site, 0).simple);
}

/// A small deterministic generator (xorshift), so that a failure repeats.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Edits 1–3 places of `text`, each putting, replacing or removing a character YAML gives a
/// meaning to (or a letter, a digit, a Japanese one, a line break and indentation).
fn edit(text: &str, random: &mut Random) -> String {
    const PIECES: &[&str] = &[
        " ", "  ", "\n", "\n  ", "\n- ", "-", "- ", ":", ": ", "#", " #", "'", "\"", "[", "]", "{",
        "}", ",", "&", "*", "!", "|", ">", "?", "%", "@", "~", "\\", "0", "1", ".", "e", "x", "あ",
        "\t", "---", "...", "\u{3000}",
    ];
    let mut text = text.to_string();
    for _ in 0..1 + random.below(3) {
        let mut at = random.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let piece = PIECES[random.below(PIECES.len())];
        let next = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        match random.below(3) {
            0 => text.insert_str(at, piece),
            1 => text.replace_range(at..next, piece),
            _ => text.replace_range(at..next, ""),
        }
    }
    text
}

#[test]
fn the_readers_agree_on_random_edits_of_real_files() {
    // Most edited files still read, some change type or structure, some are errors: a fast
    // reader must give serde-saphyr's tree or leave the text to it.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts = yaml_texts(&root.join("content"));
    assert!(texts.len() >= 10);
    // More rounds and other seeds can be asked for when the readers change.
    let setting = |name: &str| std::env::var(name).ok().and_then(|n| n.parse::<u64>().ok());
    let rounds = setting("SHIRUBE_YAML_EDITS").map_or(3000, |n| n as usize);
    let mut random = Random(setting("SHIRUBE_YAML_SEED").unwrap_or(0x5eed_cafe_f00d_1234) | 1);
    let mut taken = 0;
    for round in 0..rounds {
        let (_, text, offset) = &texts[round % texts.len()];
        taken += usize::from(agree(&edit(text, &mut random), *offset).simple);
    }
    eprintln!("simple took {taken} of {rounds}");
    assert!(taken * 3 >= rounds, "{taken} of {rounds}");
}
