//! Makes the sites `bench/run` times: from a guide that `shirube import wam` filled with the
//! national data, a shirube site of N offices with the fields families read (summary, easy
//! Japanese, work, wage, transport, lunch, who is accepted, a body of three paragraphs), and
//! the same offices as a Hugo site whose templates print the same facts.
//!
//! ```sh
//! cargo run --release --example bench_site -- <imported-site> <N> <shirube-site> <hugo-site>
//! ```
//!
//! Everything is deterministic (a hash of each office's id picks its synthetic text), so two
//! runs make the same sites. With more N than the data has offices, offices are repeated under
//! new ids (`wam-…-2`) and names (「…（第2）」), in the same area.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

const WORK: &[&str] = &[
    "お菓子づくり",
    "パンの製造と販売",
    "部品の組み立て",
    "データ入力",
    "清掃",
    "農作業",
    "ダイレクトメールの封入",
    "クリーニング",
    "カフェの接客",
    "手工芸品の製作",
];
const ACCEPTS: &[&str] = &["physical", "intellectual", "mental", "developmental"];
const PARAGRAPHS: &[&str] = &[
    "毎朝のミーティングで、その日の作業と体調を確かめます。はじめての人には職員がついて、作業の手順をいっしょに覚えます。",
    "地域の会社や商店から仕事を受けています。できあがった品物は、近くの市場やイベントでも販売しています。",
    "休けいの時間は、みんなで話したり、ひとりで静かに過ごしたり、思い思いに過ごしています。",
    "ハローワークや障害者就業・生活支援センターと連絡をとりあい、働きたい人の就職活動を応援します。",
    "見学はいつでも受けつけています。電話で日にちを相談してください。ご家族だけの見学もできます。",
    "体調に合わせて、週に何日、一日に何時間通うかを相談して決めます。少しずつ増やしていく人もいます。",
];

struct Office {
    id: String,
    /// The front matter's lines, without the `---` fences.
    lines: Vec<String>,
}

fn read_offices(entries: &Path) -> Vec<Office> {
    let mut paths: Vec<PathBuf> = fs::read_dir(entries)
        .expect("the imported site has content/entries")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).unwrap();
            let front = text.split("---\n").nth(1).unwrap_or_default();
            Office {
                id: p.file_stem().unwrap().to_string_lossy().into_owned(),
                lines: front.lines().map(str::to_string).collect(),
            }
        })
        .collect()
}

fn field<'a>(lines: &'a [String], key: &str) -> Option<&'a str> {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{key}: ")))
        .map(|v| v.trim_matches('"'))
}

/// The office's front matter with the family fields, its body, and the facts Hugo prints.
fn enrich(office: &Office, copy: usize) -> (String, Vec<String>, String) {
    let id = match copy {
        1 => office.id.clone(),
        n => format!("{}-{n}", office.id),
    };
    let h = fnv(&id);
    let pick = |i: u64, list: &[&'static str]| list[((h >> (i * 7)) % list.len() as u64) as usize];
    let first = (h % WORK.len() as u64) as usize;
    let second = (first + 1 + ((h >> 11) % (WORK.len() as u64 - 1)) as usize) % WORK.len();
    let work = [WORK[first], WORK[second]];
    let mut lines = Vec::new();
    let mut services = Vec::new();
    for line in &office.lines {
        if copy > 1 && line.starts_with("name: ") {
            let name = field(std::slice::from_ref(line), "name").unwrap_or_default();
            lines.push(format!("name: \"{name}（第{copy}）\""));
            continue;
        }
        // A copy is not the office the national number names.
        if copy > 1 && line.starts_with("office_number:") {
            continue;
        }
        lines.push(line.clone());
        if let Some(kind) = line.strip_prefix("  - type: ") {
            let kind = kind.trim_matches('"').to_string();
            lines.push(format!("    work: [{}, {}]", work[0], work[1]));
            match kind.as_str() {
                "a-type" | "b-type" => lines.push(format!(
                    "    wage: {{ monthly_average: {}, fiscal_year: 2024 }}",
                    12_000 + (h % 90) * 1_000
                )),
                "transition" => lines.push(format!(
                    "    placements: {{ count: {}, fiscal_year: 2024 }}",
                    h % 9
                )),
                _ => {}
            }
            services.push(kind);
        }
    }
    let name = field(&lines, "name").unwrap_or_default().to_string();
    let summary = format!(
        "{}と{}をしています。見学と体験ができます。",
        work[0], work[1]
    );
    let easy = "しごとを れんしゅうする ところです。みんなで いっしょに はたらきます。";
    let transport = h.is_multiple_of(2);
    let lunch_cost = 200 + (h % 4) * 50;
    // Two different kinds: a list that names one twice is warned about (`check`).
    let accepts = match (pick(3, ACCEPTS), pick(4, ACCEPTS)) {
        (first, second) if first == second => {
            let next = ACCEPTS.iter().position(|a| *a == first).unwrap_or(0) + 1;
            [first, ACCEPTS[next % ACCEPTS.len()]]
        }
        (first, second) => [first, second],
    };
    let _ = write!(
        lines.last_mut().unwrap(),
        "\nsummary: \"{summary}\"\neasy: \"{easy}\"\naccepts: [{}, {}]\ntransport:\n  available: {transport}\nlunch:\n  available: true\n  cost_yen: {lunch_cost}\nvisits: \"見学は平日の午後です。電話で相談してください。\"",
        accepts[0],
        accepts[1],
    );
    let body = (0..3)
        .map(|i| pick(5 + i, PARAGRAPHS))
        .collect::<Vec<_>>()
        .join("\n\n");
    let front = format!("---\n{}\n---\n{body}\n", lines.join("\n"));
    // Hugo: the same facts as front matter its templates print.
    let address = format!(
        "{}{}",
        nested(&lines, "address", "city"),
        nested(&lines, "address", "street")
    );
    let hugo = format!(
        "---\ntitle: \"{name}\"\nkana: \"{}\"\nsummary: \"{summary}\"\neasy: \"{easy}\"\naddress: \"{address}\"\nphone: \"{}\"\nareas: [\"{}\"]\nservices: [{}]\nwork: [\"{}\", \"{}\"]\ntransport: {transport}\nlunch: {lunch_cost}\naccepts: [\"{}\", \"{}\"]\n---\n{body}\n",
        field(&lines, "kana").unwrap_or_default(),
        nested(&lines, "contact", "phone"),
        field(&lines, "area").unwrap_or_default(),
        services
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", "),
        work[0],
        work[1],
        accepts[0],
        accepts[1],
    );
    (front, vec![id], hugo)
}

/// `  key: value` under `parent:`.
fn nested(lines: &[String], parent: &str, key: &str) -> String {
    let start = lines.iter().position(|l| l == &format!("{parent}:"));
    start
        .into_iter()
        .flat_map(|s| lines[s + 1..].iter().take_while(|l| l.starts_with("  ")))
        .find_map(|l| l.trim().strip_prefix(&format!("{key}: ")))
        .unwrap_or_default()
        .trim_matches('"')
        .to_string()
}

/// Every file under `from` but those under `skip`, as paths under `to` with their contents.
fn copy_dir(from: &Path, to: &Path, skip: &Path, files: &mut Files) {
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.path() == skip {
            continue;
        }
        if e.path().is_dir() {
            copy_dir(&e.path(), &target, skip, files);
        } else {
            files.insert(target, fs::read(e.path()).unwrap());
        }
    }
}

/// A site's files: path → contents.
type Files = std::collections::BTreeMap<PathBuf, Vec<u8>>;

/// Makes the folder `root` hold exactly `files`, writing only what differs and removing only
/// what is no longer there. Deleting and writing again tens of thousands of files right before
/// the timed builds made them slower: on this machine's ext4 (no journal) a new inode is not
/// taken from those freed in the last minutes, and every file or folder a build then made
/// searched past them (a folder took 43–116 µs to make instead of 10–14). The same offices
/// give the same files, so a second run of the harness changes nothing here.
fn sync_tree(root: &Path, files: &Files) {
    for (path, bytes) in files {
        if fs::read(path).ok().as_deref() != Some(bytes.as_slice()) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
    }
    remove_others(root, files);
}

/// Removes the files under `dir` that `files` does not list (and folders left empty).
fn remove_others(dir: &Path, files: &Files) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries {
        let path = e.unwrap().path();
        if path.is_dir() {
            remove_others(&path, files);
            let _ = fs::remove_dir(&path); // only when empty
        } else if !files.contains_key(&path) {
            fs::remove_file(&path).unwrap();
        }
    }
}

const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "ja"
title = "ベンチマーク"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
  area = "areas"
  service = "services"
"#;

const HUGO_BASEOF: &str = r#"<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">ホーム</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.kana }}</p>
<p>{{ .Params.summary }}</p><p>{{ .Params.easy }}</p>
<dl><dt>住所</dt><dd>{{ .Params.address }}</dd><dt>電話</dt><dd>{{ .Params.phone }}</dd>
<dt>サービス</dt><dd>{{ delimit .Params.services "、" }}</dd><dt>しごと</dt><dd>{{ delimit .Params.work "、" }}</dd>
<dt>送迎</dt><dd>{{ if .Params.transport }}あり{{ else }}なし{{ end }}</dd><dt>昼食</dt><dd>{{ .Params.lunch }}円</dd>
<dt>対象</dt><dd>{{ delimit .Params.accepts "、" }}</dd></dl>{{ .Content }}</article>{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.address }} {{ .Params.summary }}</li>{{ end }}</ul>{{ end }}
"#;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, imported, n, shirube_site, hugo_site] = &args[..] else {
        eprintln!("usage: bench_site <imported-site> <N> <shirube-site> <hugo-site>");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let imported = Path::new(imported);
    let (shirube_site, hugo_site) = (Path::new(shirube_site), Path::new(hugo_site));
    let offices = read_offices(&imported.join("content/entries"));
    assert!(!offices.is_empty(), "no offices in {}", imported.display());
    // The guide's own files (site.yaml with the areas, pages, glossary, readings), then N offices.
    let mut shirube = Files::new();
    shirube.insert(
        shirube_site.join("site.yaml"),
        fs::read(imported.join("site.yaml")).unwrap(),
    );
    // Not the imported offices: N of them follow, with the fields filled in.
    copy_dir(
        &imported.join("content"),
        &shirube_site.join("content"),
        &imported.join("content/entries"),
        &mut shirube,
    );
    let entries = shirube_site.join("content/entries");
    let hugo_entries = hugo_site.join("content/entries");
    let mut hugo = Files::new();
    let layouts = hugo_site.join("layouts");
    hugo.insert(hugo_site.join("hugo.toml"), HUGO_CONFIG.into());
    hugo.insert(layouts.join("_default/baseof.html"), HUGO_BASEOF.into());
    hugo.insert(layouts.join("_default/single.html"), HUGO_SINGLE.into());
    hugo.insert(layouts.join("_default/list.html"), HUGO_LIST.into());
    hugo.insert(layouts.join("index.html"), HUGO_BASEOF.replace(
        r#"{{ block "main" . }}{{ end }}"#,
        r#"<h1>{{ .Site.Title }}</h1><ul>{{ range .Site.Taxonomies.areas }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>"#,
    ).into());
    for i in 0..n {
        let office = &offices[i % offices.len()];
        let copy = i / offices.len() + 1;
        let (front, ids, hugo_front) = enrich(office, copy);
        shirube.insert(entries.join(format!("{}.md", ids[0])), front.into());
        hugo.insert(
            hugo_entries.join(format!("{}.md", ids[0])),
            hugo_front.into(),
        );
    }
    sync_tree(shirube_site, &shirube);
    sync_tree(hugo_site, &hugo);
    println!(
        "{n} offices: {} and {}",
        shirube_site.display(),
        hugo_site.display()
    );
}
