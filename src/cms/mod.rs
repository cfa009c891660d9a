//! `shirube cms`: a form instead of YAML. Writes the configuration of Decap CMS (`config.yml`) and
//! the page that runs it (`index.html`) from the description of the fields that check uses
//! (`check::spec`): a collection per kind of entry (content/entries, told apart by `kind`) and one
//! for events, with Japanese labels and hints, the same required fields, choices (Japanese names
//! shown, canonical ids written) and patterns as check.
//!
//! Decap CMS was chosen over Sveltia CMS because its in-memory `test-repo` backend keeps what the
//! form wrote in `window.repoFiles`, where a browser test can read it back; both have a Japanese
//! interface and read front matter in `.md` files. Decap's script is never in this repository and
//! never comes from a CDN: the council's deploy workflow installs the `decap-cms` npm package and
//! copies its `dist/` next to `index.html` (see `src/init/starter/github/workflows/publish.yml`).

use crate::check::spec::{ENTRY_COMMON, ENTRY_KINDS, EVENT, Field, Need, Obj, Rule, Ty};
use crate::content::model::{EntryKind, SiteConfig};
use crate::diagnostics::Format;
use crate::lang::{Localized, Msg, msg};
use crate::schema::pattern;
use serde_json::{Map, Value, json};

/// Where the form's changes go.
#[derive(Debug, Clone)]
pub enum Backend {
    /// The guide's GitHub repository: a provider signs in with GitHub, and the form opens a pull
    /// request from their fork (`open_authoring`), which the council reviews.
    GitHub {
        repo: String,
        branch: String,
        /// The OAuth client's address (Decap's `base_url`), when it is not Netlify's.
        auth_url: Option<String>,
    },
    /// Decap's in-memory repository: to try the form, and for tests. Nothing is saved.
    Test,
}

/// `shirube cms` refuses to write a form it cannot make right.
#[derive(Debug, thiserror::Error)]
pub enum CmsError {
    /// The repository is not `owner/name`.
    BadRepo(String),
    /// The OAuth address is not an https URL.
    BadAuthUrl(String),
    /// site.yaml could not be read: the form needs the areas and the title.
    NoSite,
    Write(#[from] crate::schema::WriteError),
}

impl Localized for CmsError {
    fn msg(&self) -> Msg {
        match self {
            CmsError::BadRepo(repo) => msg(
                format!(
                    "「{repo}」はリポジトリの名前として読めません。--repo には 持ち主/名前 の形で書いてください（例: hikari-city/guide）"
                ),
                format!(
                    "\"{repo}\" is not a repository: give --repo as owner/name (e.g. hikari-city/guide)"
                ),
            ),
            CmsError::BadAuthUrl(url) => msg(
                format!("「{url}」は https:// から始まるアドレスではありません（--auth-url）"),
                format!("\"{url}\" is not an https:// address (--auth-url)"),
            ),
            CmsError::NoSite => msg(
                "site.yaml を読めません。shirube check で直してから、もう一度 shirube cms を実行してください（フォームには地区の一覧が要ります）",
                "cannot read site.yaml: fix it (shirube check), then run shirube cms again (the form needs the areas)",
            ),
            CmsError::Write(error) => error.msg(),
        }
    }
}

crate::display_localized!(CmsError);

/// The two files of the admin page: `config.yml` and `index.html`.
pub fn files(site: &SiteConfig, backend: &Backend) -> Result<Vec<(String, String)>, CmsError> {
    let config = config(site, backend)?;
    let json = serde_json::to_string_pretty(&config).unwrap_or_default();
    let config_yml = format!(
        "# Decap CMS の設定です。shirube cms が site.yaml と shirube の項目の定義から作りました。\n\
         # 手で直さず、shirube cms をもう一度 実行してください（JSON は YAML としても読めます）。\n{json}\n"
    );
    Ok(vec![
        ("config.yml".into(), config_yml),
        ("index.html".into(), index_html(site)),
    ])
}

/// The page that runs the CMS: Decap's script, served from the same folder.
pub fn index_html(site: &SiteConfig) -> String {
    let title = crate::text::escape(&site.title);
    format!(
        "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>項目の編集 — {title}</title>\n\
         <style>\n\
         /* Decap's editor is at least 800 px wide; on a phone the form alone fits the screen. */\n\
         @media (max-width: 799px) {{\n\
         [class*=\"EditorContainer\"], [class*=\"ToolbarContainer\"] {{ min-width: 0 !important; }}\n\
         [class*=\"ToolbarContainer\"] {{ overflow-x: auto; }}\n\
         [class*=\"BackStatus\"] {{ white-space: nowrap; writing-mode: horizontal-tb; }}\n\
         [class*=\"AppHeaderSiteLink\"], [class*=\"BackCollection\"] {{ display: none !important; }}\n\
         [class*=\"ToolbarSection\"] {{ padding: 0 6px !important; }}\n\
         [class*=\"ToolbarButton\"] {{ padding: 0 10px !important; margin: 0 4px !important; }}\n\
         }}\n\
         </style>\n</head>\n<body>\n\
         <noscript>この編集ページには JavaScript が必要です。</noscript>\n\
         <!-- decap-cms.js comes from the npm package decap-cms, copied here by the deploy workflow. -->\n\
         <script src=\"decap-cms.js\"></script>\n\
         <script>\n\
         // Decap's Japanese lacks a few words of its lists, objects and dates: they would show in English.\n\
         (function () {{\n\
         var ja = window.CMS && CMS.getLocale && CMS.getLocale('ja');\n\
         if (!ja || !ja.editor || !ja.editor.editorWidgets) return;\n\
         var w = ja.editor.editorWidgets;\n\
         w.list = Object.assign({{ add: '%{{item}}を追加', addType: '%{{item}}を追加' }}, w.list);\n\
         w.object = Object.assign({{ expand: 'ひらく', collapse: 'とじる' }}, w.object);\n\
         w.datetime = Object.assign({{ now: '今日', clear: '消す', setToNow: '%{{fieldLabel}}を今日にする' }}, w.datetime);\n\
         CMS.registerLocale('ja', ja);\n\
         }})();\n\
         </script>\n</body>\n</html>\n"
    )
}

/// Decap CMS's configuration.
pub fn config(site: &SiteConfig, backend: &Backend) -> Result<Value, CmsError> {
    let backend = match backend {
        Backend::GitHub {
            repo,
            branch,
            auth_url,
        } => {
            let valid = repo.split('/').count() == 2
                && repo.split('/').all(|part| {
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
                });
            if !valid {
                return Err(CmsError::BadRepo(repo.clone()));
            }
            let mut b = json!({
                "name": "github",
                "repo": repo,
                "branch": branch,
                "open_authoring": true,
                "always_fork": true,
                "commit_messages": {
                    "create": "{{collection}}「{{slug}}」を追加",
                    "update": "{{collection}}「{{slug}}」を更新",
                    "delete": "{{collection}}「{{slug}}」を削除",
                    "uploadMedia": "写真 {{path}} を追加",
                    "deleteMedia": "写真 {{path}} を削除",
                    "openAuthoring": "{{message}}",
                },
            });
            if let Some(url) = auth_url {
                if !crate::check::formats::is_url(url) || !url.starts_with("https://") {
                    return Err(CmsError::BadAuthUrl(url.clone()));
                }
                b["base_url"] = url.as_str().into();
            }
            b
        }
        Backend::Test => json!({ "name": "test-repo" }),
    };
    let area_options: Vec<Value> = site
        .areas
        .iter()
        .map(|a| json!({ "label": a.name, "value": a.id }))
        .collect();
    let cx = Cx {
        areas: &area_options,
    };
    let mut collections: Vec<Value> = ENTRY_KINDS
        .iter()
        .map(|(kind, obj)| cx.entry_collection(kind, obj))
        .collect();
    collections.push(cx.event_collection());
    Ok(json!({
        "backend": backend,
        // Changes become pull requests that the council reviews, never direct commits.
        "publish_mode": "editorial_workflow",
        "locale": "ja",
        "site_url": site.base_url,
        "display_url": site.base_url,
        "media_folder": "content/media",
        "public_folder": "",
        "omit_empty_optional_fields": true,
        "slug": { "encoding": "ascii", "clean_accents": true },
        "collections": collections,
    }))
}

struct Cx<'a> {
    areas: &'a [Value],
}

impl Cx<'_> {
    fn entry_collection(&self, kind: &str, obj: &Obj) -> Value {
        let label = EntryKind::from_id(kind).map(|k| k.label()).unwrap_or(kind);
        let mut fields = vec![json!({
            "label": "種類",
            "name": "kind",
            "widget": "hidden",
            "default": kind,
        })];
        fields.extend(
            ENTRY_COMMON
                .fields
                .iter()
                .filter(|f| f.name != "kind" && !f.machine)
                .map(|f| self.widget(f, true, &ENTRY_COMMON)),
        );
        fields.extend(obj.fields.iter().map(|f| self.widget(f, true, obj)));
        fields.push(body());
        let description = match kind {
            "office" => "就労移行支援・A型・B型・定着支援・就労選択支援の事業所です。",
            "workplace" => "障害のある人が働く企業・職場です。",
            "center" => "相談できる機関です（ナカポツ、ハローワーク など）。",
            _ => "当事者会・家族会・居場所 などの集まりです。",
        };
        json!({
            "name": kind,
            "label": label,
            "label_singular": label,
            "description": description,
            "folder": "content/entries",
            "extension": "md",
            "format": "frontmatter",
            "create": true,
            "delete": false,
            "filter": { "field": "kind", "value": kind },
            "identifier_field": "name",
            // The form alone: the preview pane would squeeze it on a phone.
            "editor": { "preview": false },
            "slug": "{{id}}",
            "summary": "{{name}}",
            "fields": fields,
        })
    }

    fn event_collection(&self) -> Value {
        let mut fields: Vec<Value> = EVENT
            .fields
            .iter()
            .map(|f| self.widget(f, true, &EVENT))
            .collect();
        fields.push(body());
        json!({
            "name": "events",
            "label": "催し",
            "label_singular": "催し",
            "description": "フォーラム・マルシェ・就職面接会・研修 などです。",
            "folder": "content/events",
            "extension": "md",
            "format": "frontmatter",
            "create": true,
            "delete": false,
            "identifier_field": "title",
            "editor": { "preview": false },
            "slug": "{{id}}",
            "summary": "{{title}}（{{date}}）",
            "fields": fields,
        })
    }

    /// One field as a Decap widget. `chain_required`: every object above it is required, so a
    /// required field can be required in the form too (Decap checks the fields of an empty
    /// optional object as if it were filled in; check still requires them when it is).
    fn widget(&self, field: &Field, chain_required: bool, parent: &Obj) -> Value {
        let required = chain_required && self.required_in_form(field, parent);
        let mut w = Map::new();
        w.insert("label".into(), field.label.into());
        w.insert("name".into(), field.name.into());
        let hint = match field.name {
            // The form names the file after the id, so it is always asked for.
            "id" => "ファイル名になります。半角の英小文字・数字・ハイフンで書きます（例: midori-bakery）".into(),
            _ => hint(field, parent),
        };
        if !hint.is_empty() {
            w.insert("hint".into(), hint.into());
        }
        w.insert("required".into(), required.into());
        let child_chain = chain_required && required;
        match &field.ty {
            Ty::Text | Ty::Reading | Ty::Format(_) | Ty::TimeRangeOrClosed | Ty::Grade => {
                // A calendar for a required date. An optional one is text: Decap's date widget
                // either fills in today or writes `""` when left alone, and check refuses both.
                if required && matches!(field.ty, Ty::Format(Format::Date)) {
                    w.insert("widget".into(), "datetime".into());
                    w.insert("format".into(), "YYYY-MM-DD".into());
                    w.insert("date_format".into(), "YYYY-MM-DD".into());
                    w.insert("time_format".into(), false.into());
                    w.insert("picker_utc".into(), true.into());
                } else {
                    w.insert("widget".into(), "string".into());
                }
                if let Some((regex, message)) = form_pattern(&field.ty) {
                    w.insert("pattern".into(), json!([regex, message]));
                }
            }
            Ty::LongText => {
                w.insert("widget".into(), "text".into());
            }
            Ty::Integer(range) => {
                w.insert("widget".into(), "number".into());
                w.insert("value_type".into(), "int".into());
                w.insert("min".into(), range.min.into());
                w.insert("max".into(), range.max.into());
            }
            Ty::Number(min, max) => {
                w.insert("widget".into(), "number".into());
                w.insert("value_type".into(), "float".into());
                w.insert("min".into(), (*min).into());
                w.insert("max".into(), (*max).into());
                w.insert("step".into(), 0.0001.into());
            }
            Ty::Bool => {
                w.insert("widget".into(), "boolean".into());
            }
            Ty::Choice(choices) => {
                w.insert("widget".into(), "select".into());
                w.insert("options".into(), options(choices()));
            }
            Ty::Area => {
                w.insert("widget".into(), "select".into());
                w.insert("options".into(), Value::Array(self.areas.to_vec()));
            }
            Ty::List(item) => match item {
                Ty::Choice(choices) => {
                    w.insert("widget".into(), "select".into());
                    w.insert("multiple".into(), true.into());
                    w.insert("options".into(), options(choices()));
                }
                _ => {
                    w.insert("widget".into(), "list".into());
                    w.insert(
                        "field".into(),
                        json!({ "label": field.label, "name": "item", "widget": "string" }),
                    );
                }
            },
            Ty::Object(obj) => {
                w.insert("widget".into(), "object".into());
                w.insert("collapsed".into(), (!required).into());
                let fields: Vec<Value> = obj
                    .fields
                    .iter()
                    .filter(|f| !f.machine)
                    .map(|f| self.widget(f, child_chain, obj))
                    .collect();
                w.insert("fields".into(), Value::Array(fields));
            }
            Ty::ListOfObjects(obj) => {
                w.insert("widget".into(), "list".into());
                w.insert("default".into(), json!([]));
                if let Some(first) = obj.fields.first() {
                    w.insert(
                        "summary".into(),
                        format!("{{{{fields.{}}}}}", first.name).into(),
                    );
                }
                if field.need == Need::Required {
                    w.insert("min".into(), 1.into());
                }
                // The items of a list are there because someone added them: their own required
                // fields are required.
                let fields: Vec<Value> = obj
                    .fields
                    .iter()
                    .filter(|f| !f.machine)
                    .map(|f| {
                        if f.name == "src" {
                            photo_widget(f)
                        } else {
                            self.widget(f, true, obj)
                        }
                    })
                    .collect();
                w.insert("fields".into(), Value::Array(fields));
            }
        }
        Value::Object(w)
    }

    /// Required in the form: what check requires, plus what check requires under a condition the
    /// form cannot see, when asking for it always is harmless (a reading, the date confirmed).
    fn required_in_form(&self, field: &Field, parent: &Obj) -> bool {
        if field.need == Need::Required {
            return true;
        }
        // The form writes a file name from the id, so the id is always asked for.
        if field.name == "id" {
            return true;
        }
        parent.rules.iter().any(|rule| match rule {
            Rule::ReadingFor { kana, .. } => *kana == field.name,
            Rule::RequiredUnless { field: f, .. } => *f == field.name && field.name == "verified",
            _ => false,
        })
    }
}

/// The hint under a field: the description's, and what rules over several fields say about it.
fn hint(field: &Field, parent: &Obj) -> String {
    let mut parts = Vec::new();
    if !field.hint.is_empty() {
        parts.push(field.hint.to_string());
    }
    if let Some((_, values)) = field.only_for {
        let names: Vec<&str> = values
            .iter()
            .filter_map(|id| crate::content::model::ServiceType::from_id(id))
            .map(|s| s.short_label())
            .collect();
        parts.push(format!("{} のときだけ書きます", names.join("・")));
    }
    for rule in parent.rules {
        match rule {
            Rule::AnyOf(fields) if fields.contains(&field.name) => {
                parts.push("電話番号・メールアドレス・ガイドの項目の どれかひとつは必要です".into())
            }
            Rule::EitherFlagOr { flag, field: f } if *f == field.name || *flag == field.name => {
                parts.push("説明を書くか、かざりの写真にするか どちらかです".into());
            }
            _ => {}
        }
    }
    parts.join("。")
}

fn options(choices: Vec<(&'static str, &'static str)>) -> Value {
    Value::Array(
        choices
            .into_iter()
            .map(|(id, label)| json!({ "label": label, "value": id }))
            .collect(),
    )
}

/// A photo's file: chosen from the site's content/media, written as its name there.
fn photo_widget(field: &Field) -> Value {
    json!({
        "label": field.label,
        "name": field.name,
        "hint": field.hint,
        "widget": "image",
        // Decap checks a list's item fields even while the list is empty; check requires it.
        "required": false,
        "choose_url": false,
        "media_folder": "/content/media",
        "public_folder": "",
    })
}

/// The body: the provider's own words, in Markdown.
fn body() -> Value {
    json!({
        "label": "本文",
        "name": "body",
        "widget": "markdown",
        "required": false,
        "hint": "自分のことばで紹介してください（見出し、箇条書き、リンクが使えます）",
    })
}

/// The pattern of a text field, with what to write, in Japanese.
fn form_pattern(ty: &Ty) -> Option<(&'static str, &'static str)> {
    Some(match ty {
        Ty::Reading => (
            crate::schema::READING,
            "ひらがなで書いてください（スペースと ー は使えます）",
        ),
        Ty::TimeRangeOrClosed => (
            pattern(Format::TimeRange),
            "09:30-15:30 のように、半角で 始まりと終わりの時刻を書いてください（休みの日は空のまま）",
        ),
        Ty::Format(format) => (
            pattern(*format),
            match format {
                Format::Phone => {
                    "半角数字をハイフンで区切って、市外局番から書いてください（例: 0123-45-6789）"
                }
                Format::PostalCode => "半角で 3けた-4けた の形で書いてください（例: 123-4567）",
                Format::Url => "https:// から始まるアドレスを書いてください",
                Format::Email => "メールアドレスの形ではありません（例: info@example.jp）",
                Format::Date => "YYYY-MM-DD の形で書いてください（例: 2026-04-01）",
                Format::TimeRange => "09:30-15:30 のように書いてください",
                Format::Time => "10:00 のように 24時間の半角で書いてください",
                Format::Id => "半角の英小文字・数字・ハイフンで書いてください（例: midori-bakery）",
                Format::OfficeNumber => "10けたの半角数字で書いてください",
                Format::CorporateNumber => "13けたの半角数字で書いてください",
                Format::LgCode => "6けたの半角数字で書いてください",
            },
        ),
        Ty::Text => ("\\S", "空にはできません"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Area, FuriganaSetting, Paper, PrintLayout, PrintSetting};

    fn site() -> SiteConfig {
        SiteConfig {
            title: "ひかり市 しごと応援ガイド".into(),
            title_kana: "ひかりし".into(),
            region: "ひかり市".into(),
            region_kana: "ひかりし".into(),
            base_url: "https://example.org/hikari/".into(),
            description: String::new(),
            areas: vec![Area {
                id: "kita".into(),
                name: "北部".into(),
                kana: "ほくぶ".into(),
                group: None,
            }]
            .into(),
            furigana: FuriganaSetting::AboveGrade(2),
            print: PrintSetting {
                paper: Paper::A4,
                layout: PrintLayout::Full,
            },
            data_date: None,
            license: None,
            lg_code: None,
        }
    }

    fn find<'v>(fields: &'v Value, name: &str) -> &'v Value {
        fields
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    }

    #[test]
    fn a_collection_per_kind_and_events_with_japanese_choices() {
        let config = config(&site(), &Backend::Test).unwrap();
        let collections = config["collections"].as_array().unwrap();
        let names: Vec<&str> = collections
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["office", "workplace", "center", "community", "events"]
        );
        let office = &collections[0];
        assert_eq!(
            office["filter"],
            json!({ "field": "kind", "value": "office" })
        );
        let services = find(&office["fields"], "services");
        assert_eq!(services["min"], 1);
        let kind = find(&services["fields"], "type");
        assert!(
            kind["options"]
                .as_array()
                .unwrap()
                .contains(&json!({ "label": "就労継続支援B型", "value": "b-type" }))
        );
        let area = find(&office["fields"], "area");
        assert_eq!(
            area["options"],
            json!([{ "label": "北部", "value": "kita" }])
        );
        let phone = find(&find(&office["fields"], "contact")["fields"], "phone");
        assert_eq!(phone["pattern"][0], pattern(Format::Phone));
        // Nothing written by a program is in the form.
        assert!(
            office["fields"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["name"] != "imported")
        );
    }

    #[test]
    fn refuses_a_repository_that_is_not_owner_and_name() {
        let backend = Backend::GitHub {
            repo: "guide".into(),
            branch: "main".into(),
            auth_url: None,
        };
        assert!(matches!(
            config(&site(), &backend),
            Err(CmsError::BadRepo(_))
        ));
    }
}
