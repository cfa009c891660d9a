//! What a reader sees of each entry, event, page, term and of the site settings, as labelled
//! rows of plain text. Entries go through the same views as their pages (`view::entries`), with a
//! text style that keeps provider text as written, so labels, yen, fiscal years, service names
//! and area names read exactly as on the site.

use crate::content::model::*;
use crate::paths::slash;
use crate::text::{Html, Place, unescape};
use crate::view::entries::{self, EntryPage, Fact};
use crate::view::events;
use crate::view::style::TextStyle;
use sha2::{Digest, Sha256};
use std::path::Path;

/// One fact of an item: `key` pairs it with the same fact in the other revision, `label` is what
/// the site calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub value: String,
    /// Prose (a body): a change is reported without quoting it.
    pub long: bool,
}

/// A photo an entry shows: what its file holds, to tell a replaced photo from the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFile {
    pub src: String,
    /// What it shows, as the page says it.
    pub alt: String,
    /// SHA-256 of the file's bytes (`None` when it could not be read).
    pub digest: Option<[u8; 32]>,
}

/// An entry, event, page or term, flattened.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub name: String,
    /// Its file, relative to the site folder.
    pub source: String,
    /// One line that says what it is, for "added" and "removed".
    pub gist: String,
    pub rows: Vec<Row>,
    pub photos: Vec<PhotoFile>,
}

/// Provider text as written (author ruby kept): escaped like any text of a view, and read back
/// with [`shown`]; the Markdown writer escapes for its own format.
struct AsWritten;

/// The text of a view's value made with [`AsWritten`].
fn shown(html: &Html) -> String {
    unescape(html.as_str())
}

impl TextStyle for AsWritten {
    fn html(&self, text: &str) -> Html {
        Html::escape(text)
    }
    fn plain(&self, text: &str) -> String {
        text.to_string()
    }
    fn edition(&self) -> &'static str {
        "plain"
    }
    fn at<'s>(&'s self, _place: Option<&Place>) -> Box<dyn TextStyle + 's> {
        Box::new(AsWritten)
    }
}

#[derive(Default)]
struct Rows(Vec<Row>);

impl Rows {
    fn add(&mut self, key: impl Into<String>, label: impl Into<String>, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() {
            self.0.push(Row {
                key: key.into(),
                label: label.into(),
                value,
                long: false,
            });
        }
    }
    fn opt(&mut self, key: &str, label: &str, value: Option<impl Into<String>>) {
        if let Some(v) = value {
            self.add(key, label, v);
        }
    }
    fn long(&mut self, key: &str, label: &str, value: &str) {
        if !value.trim().is_empty() {
            self.0.push(Row {
                key: key.into(),
                label: label.into(),
                value: value.trim().to_string(),
                long: true,
            });
        }
    }
    fn facts(&mut self, prefix: &str, label_of: impl Fn(&Fact) -> String, facts: &[Fact]) {
        for f in facts {
            self.add(format!("{prefix}{}", f.label), label_of(f), shown(&f.value));
        }
    }
}

fn join(items: &[&str]) -> String {
    items.join("、")
}

/// An entry as its page shows it.
pub fn entry(entry: &Entry, site: &SiteConfig) -> Item {
    let page: EntryPage = entries::entry_page(entry, site, "", Html::new(), &AsWritten);
    let mut rows = Rows::default();
    rows.add("name", "名前", &entry.name);
    rows.add("kana", "よみがな", &entry.kana);
    rows.add("kind", "分類", entry.kind().label());
    rows.opt("summary", "ひとこと", page.card.summary.as_ref().map(shown));
    rows.add("area", "地域", shown(&page.card.area));
    rows.opt("operator", "運営", page.operator.as_ref().map(shown));
    let address = match &page.postal_code {
        Some(code) => format!("〒{code} {}", shown(&page.address)),
        None => shown(&page.address),
    };
    rows.add("address", "住所", address);
    rows.opt("access", "行きかた", page.access.as_ref().map(shown));
    rows.opt("phone", "電話", page.phone.as_ref().map(|p| p.text.clone()));
    rows.opt("fax", "FAX", page.fax.clone());
    rows.opt("email", "メール", page.email.clone());
    rows.opt("url", "ホームページ", page.url.clone());
    rows.add("accepts", "対象", join(&page.accepts));
    rows.add("accessibility", "設備", join(&page.accessibility));
    for s in &page.services {
        rows.add(format!("service:{}", s.id), "サービス", s.label);
        let wage_label = ServiceType::from_id(s.id).and_then(ServiceType::wage_label);
        rows.facts(
            &format!("service:{}:", s.id),
            |f| match Some(f.label) == wage_label {
                // 平均工賃月額 and 平均賃金月額 already say which service they are of.
                true => f.label.to_string(),
                false => format!("{}の{}", s.short, f.label),
            },
            &s.facts,
        );
    }
    rows.facts("detail:", |f| f.label.to_string(), &page.details);
    for list in &page.lists {
        let items: Vec<String> = list.items.iter().map(shown).collect();
        rows.add(format!("list:{}", list.title), list.title, items.join("、"));
    }
    // By place in the list: two voices may come from people described alike.
    for (i, v) in page.voices.iter().enumerate() {
        rows.add(
            format!("voice:{i}"),
            format!("働いている人の声（{}）", shown(&v.who)),
            shown(&v.words),
        );
    }
    rows.facts(
        "hours:",
        |f| format!("あいている時間（{}）", f.label),
        &page.hours,
    );
    rows.opt(
        "hours-notes",
        "あいている時間の注意",
        page.hours_notes.as_ref().map(shown),
    );
    for p in &entry.photos {
        let alt = p.alt.clone().unwrap_or_else(|| "飾りの写真".into());
        rows.add(
            format!("photo:{}", p.src),
            format!("写真 {} の説明", p.src),
            alt,
        );
    }
    rows.opt("easy", "やさしい にほんご", page.easy.as_ref().map(shown));
    rows.opt("verified", "確かめた日", page.verified.clone());
    rows.long("body", "本文（どんなところ？）", &entry.body);
    let services: Vec<&str> = entry.services().iter().map(|s| s.kind.label()).collect();
    let mut gist = vec![entry.kind().label().to_string()];
    if !page.card.area.is_empty() {
        gist.push(shown(&page.card.area));
    }
    if !services.is_empty() {
        gist.push(join(&services));
    }
    Item {
        id: entry.id.clone(),
        name: entry.name.clone(),
        source: slash(&entry.source),
        gist: gist.join("・"),
        rows: rows.0,
        photos: entry
            .photos
            .iter()
            .map(|p| PhotoFile {
                src: p.src.clone(),
                alt: alt(p),
                digest: digest(&p.file),
            })
            .collect(),
    }
}

/// The key of a photo's description row: `photo:` and the photo's `src`.
pub const PHOTO_KEY: &str = "photo:";

fn alt(p: &Photo) -> String {
    p.alt.clone().unwrap_or_else(|| "飾りの写真".into())
}

fn digest(file: &Path) -> Option<[u8; 32]> {
    let bytes = std::fs::read(file).ok()?;
    Some(Sha256::digest(&bytes).into())
}

/// An event as its page shows it.
pub fn event(event: &Event) -> Item {
    let mut rows = Rows::default();
    let when = events::when(event);
    rows.add("title", "名前", &event.title);
    rows.add("kana", "よみがな", &event.kana);
    rows.add("type", "種類", event.event_type.label());
    rows.opt("summary", "ひとこと", event.summary.clone());
    rows.add("when", "日時", &when);
    rows.add("place", "場所", &event.place.name);
    rows.opt("address", "住所", event.place.address.clone());
    rows.add("organiser", "主催", &event.organiser.name);
    rows.opt("phone", "電話", event.organiser.phone.clone());
    rows.opt("email", "メール", event.organiser.email.clone());
    rows.opt("url", "くわしくは", event.organiser.url.clone());
    rows.add("fee", "参加費", shown(&events::fee_text(event, &AsWritten)));
    rows.opt("capacity", "定員", event.capacity.map(|c| format!("{c}人")));
    rows.add("join", "参加のしかた", &event.how_to_join);
    let access: Vec<&str> = event.accessibility.iter().map(|a| a.label()).collect();
    rows.add("accessibility", "バリアフリー・配慮", join(&access));
    rows.opt(
        "accessibility-notes",
        "バリアフリー・配慮の説明",
        event.accessibility_notes.clone(),
    );
    rows.opt("easy", "やさしい にほんご", event.easy.clone());
    rows.add("updated", "更新日", event.updated.japanese());
    rows.long("body", "本文（くわしく）", &event.body);
    Item {
        id: event.id.clone(),
        name: event.title.clone(),
        source: slash(&event.source),
        gist: format!(
            "{}・{}・{}",
            event.event_type.label(),
            when,
            event.place.name
        ),
        rows: rows.0,
        photos: Vec::new(),
    }
}

/// A free page.
pub fn page(page: &Page) -> Item {
    let mut rows = Rows::default();
    rows.add("title", "題名", &page.title);
    rows.opt("kana", "よみがな", page.title_kana.clone());
    rows.add("order", "並び順", page.order.to_string());
    rows.opt("summary", "ひとこと", page.summary.clone());
    rows.long("body", "本文", &page.body);
    Item {
        id: page.slug.clone(),
        name: page.title.clone(),
        source: slash(&page.source),
        gist: page.summary.clone().unwrap_or_default(),
        rows: rows.0,
        photos: Vec::new(),
    }
}

/// A glossary term.
pub fn term(term: &Term) -> Item {
    let mut rows = Rows::default();
    rows.add("term", "用語", &term.term);
    rows.add("kana", "よみがな", &term.kana);
    rows.add("definition", "説明", &term.definition);
    rows.opt("easy", "やさしい説明", term.easy.clone());
    let see: Vec<&str> = term.see.iter().map(String::as_str).collect();
    rows.add("see", "あわせて読む", join(&see));
    let aliases: Vec<&str> = term.aliases.iter().map(String::as_str).collect();
    rows.add("aliases", "ほかの呼びかた", join(&aliases));
    Item {
        id: term.id.clone(),
        name: term.term.clone(),
        source: "content/glossary.yaml".into(),
        gist: term.definition.clone(),
        rows: rows.0,
        photos: Vec::new(),
    }
}

/// The site's settings (site.yaml), as one item.
pub fn settings(config: &SiteConfig) -> Item {
    let mut rows = Rows::default();
    rows.add("title", "ガイドの題名", &config.title);
    rows.add("title-kana", "題名のよみがな", &config.title_kana);
    rows.add("region", "地域", &config.region);
    rows.add("region-kana", "地域のよみがな", &config.region_kana);
    rows.add("base-url", "公開するアドレス", &config.base_url);
    rows.add("description", "説明", &config.description);
    for a in &config.areas {
        rows.add(
            format!("area:{}", a.id),
            format!("地域の区分 {}", a.id),
            format!("{}（{}）", a.name, a.kana),
        );
    }
    let furigana = match config.furigana {
        FuriganaSetting::All => "すべての漢字".to_string(),
        FuriganaSetting::AboveGrade(g) => format!("小学{g}年生までに習う漢字より上"),
    };
    rows.add("furigana", "ふりがな", furigana);
    let paper = match config.print.paper {
        Paper::A4 => "A4",
        Paper::B5 => "B5",
    };
    let layout = match config.print.layout {
        PrintLayout::Full => "1ページに1件",
        PrintLayout::Compact => "1ページに2件",
    };
    rows.add("print", "印刷版", format!("{paper}・{layout}"));
    rows.opt(
        "data-date",
        "情報の時点",
        config.data_date.map(|d| d.japanese()),
    );
    rows.opt(
        "license",
        "ライセンス",
        config.license.as_ref().map(|l| match &l.url {
            Some(url) => format!("{}（{url}）", l.name),
            None => l.name.clone(),
        }),
    );
    rows.opt("lg-code", "全国地方公共団体コード", config.lg_code.clone());
    Item {
        id: "site".into(),
        name: "site.yaml".into(),
        source: "site.yaml".into(),
        gist: String::new(),
        rows: rows.0,
        photos: Vec::new(),
    }
}
