//! What an open page learns from the preview: the number of the last good build (a new one
//! reloads the page) and, while the last save does not build, its problems, which the page shows
//! over itself until the file is fixed — the way Zola's and Vite's previews do. Only the preview
//! injects the script; nothing of it is in the built site.

use crate::diagnostics::{Diagnostics, Severity};
use crate::lang::{Lang, msg};
use crate::paths::slash;
use crate::pipeline::BuildError;
use serde_json::{Value, json};

/// The path the pages poll.
pub const STATUS_PATH: &str = "/__shirube/status";

/// How many builds' changed pages the preview remembers for pages that ask what changed since
/// their version; a page older than that reloads.
const HISTORY: usize = 64;

/// The state of the preview.
#[derive(Debug, Default)]
pub struct Status {
    /// Counts the good builds; the page reloads when it changes and it is among the pages
    /// that changed.
    pub version: u64,
    /// Counts every change of the status (a build, a failure, a fix), for pages waiting on it.
    pub serial: u64,
    /// What stops the last save from building, ready for the page to show.
    pub failure: Option<Value>,
    /// The last builds' versions and the pages each changed (`/entries/a/`), `None` for a whole
    /// build.
    history: std::collections::VecDeque<(u64, Option<Vec<String>>)>,
}

impl Status {
    /// A good build, which changed these output files (`None`: the whole site).
    pub fn built(&mut self, changed: Option<&[String]>) {
        self.version += 1;
        self.serial += 1;
        self.failure = None;
        self.history
            .push_back((self.version, changed.map(pages_of)));
        if self.history.len() > HISTORY {
            self.history.pop_front();
        }
    }

    pub fn failed(&mut self, failure: Value) {
        self.serial += 1;
        self.failure = Some(failure);
    }

    /// The status for a page of version `since` (or any page): with the pages changed since,
    /// `null` when it does not know them all.
    pub fn to_json(&self, since: Option<u64>) -> String {
        let changed = since.and_then(|since| self.changed_since(since));
        json!({
            "version": self.version,
            "serial": self.serial,
            "failure": self.failure,
            "changed": changed,
        })
        .to_string()
    }

    fn changed_since(&self, since: u64) -> Option<Vec<String>> {
        let oldest = self.history.front().map_or(self.version + 1, |(v, _)| *v);
        if since + 1 < oldest {
            return None;
        }
        let mut pages = std::collections::BTreeSet::new();
        for (_, changed) in self.history.iter().filter(|(v, _)| *v > since) {
            pages.extend(changed.as_ref()?.iter().cloned());
        }
        Some(pages.into_iter().collect())
    }
}

/// The addresses at which pages show changed output files: `entries/a/index.html` is
/// `/entries/a/`; the search index's files change what the search pages show.
fn pages_of(files: &[String]) -> Vec<String> {
    let mut pages = std::collections::BTreeSet::new();
    for file in files {
        if file.starts_with("search/") && !file.ends_with(".html") {
            pages.insert("/search/".to_string());
            pages.insert(format!("/{}search/", crate::render::FURIGANA_PREFIX));
        } else {
            pages.insert(format!(
                "/{}",
                file.strip_suffix("index.html").unwrap_or(file)
            ));
        }
    }
    pages.into_iter().collect()
}

/// A build's failure as the page shows it: a title, a hint and one item per problem (errors,
/// and warnings too when they fail the build under `--strict`), in the person's language.
pub fn failure(error: &BuildError, strict: bool, lang: Lang) -> Value {
    let problems = match error {
        BuildError::Invalid(diags) => problems(diags, strict, lang),
        other => vec![json!({ "where": "", "message": other.to_string(), "fix": "" })],
    };
    let count = problems.len();
    json!({
        "title": msg(
            format!("ファイルに問題があります（{count}件）"),
            format!("The site has {count} problem(s)"),
        ).into_lang(lang),
        "hint": msg(
            "直して保存すると、このページは自動で読みなおします。いまは、前に作れたページを見せています。",
            "Fix and save: this page reloads by itself. Until then it shows the pages built before.",
        ).into_lang(lang),
        "close": msg("閉じる", "Close").into_lang(lang),
        "problems": problems,
    })
}

fn problems(diags: &Diagnostics, strict: bool, lang: Lang) -> Vec<Value> {
    let lead = msg("直しかた: ", "Fix: ");
    diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error || strict)
        .map(|d| {
            let wording = d.problem.wording();
            let place = format!("{}:{}:{}", slash(&d.file), d.pos.line, d.pos.column);
            json!({
                "where": if d.field.is_empty() { place } else { format!("{place} {}", d.field) },
                "message": wording.message.get(lang),
                "fix": format!("{}{}", lead.get(lang), wording.fix.get(lang)),
            })
        })
        .collect()
}

/// Where the preview serves its script: a file of the site's own origin, so the pages'
/// Content-Security-Policy (`script-src 'self'`, no inline script) lets it run.
pub const SCRIPT_PATH: &str = "/__shirube/preview.js";

/// Loaded by every page the preview serves (a `<script src>` before `</body>`). It asks for the
/// status and the server answers when the status changes (a long poll: a save reloads the page
/// as soon as it is built, with no polling interval to wait out); it reloads on a new good build
/// that changed this page; shows the problems in a panel over the page (text only,
/// never HTML from the files; styled through the CSSOM, which the policy allows), which a button
/// closes until the problems change. The panel is an `alertdialog` that takes focus, so a screen
/// reader reads it out.
pub const SCRIPT: &str = r#"(()=>{let v=null,shown=null;
const panel=()=>document.getElementById('shirube-problems');
const add=(parent,tag,text,css)=>{const e=document.createElement(tag);e.textContent=text;if(css)e.style.cssText=css;parent.append(e);return e;};
function show(f){const key=JSON.stringify(f);if(shown===key)return;shown=key;panel()?.remove();
const el=document.createElement('div');el.id='shirube-problems';el.setAttribute('role','alertdialog');el.setAttribute('aria-labelledby','shirube-problems-title');el.tabIndex=-1;
el.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:75vh;overflow:auto;z-index:2147483647;background:#fff;color:#1a1a1a;border-top:6px solid #a4001d;padding:1rem 1.25rem;font:16px/1.7 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.35)';
add(el,'h2',f.title,'margin:0 0 .25rem;font-size:1.25rem;color:#a4001d').id='shirube-problems-title';
add(el,'p',f.hint,'margin:0 0 .5rem');
const ul=add(el,'ul','','margin:0 0 .75rem;padding-left:1.25rem');
for(const p of f.problems){const li=add(ul,'li','','margin:.5rem 0');add(li,'code',p.where,'font-weight:bold;word-break:break-all');add(li,'div',p.message);if(p.fix)add(li,'div',p.fix,'color:#333');}
const b=add(el,'button',f.close,'font:inherit;padding:.4rem 1rem;min-height:44px');b.type='button';b.onclick=()=>el.remove();
document.body.append(el);el.focus();}
const here=decodeURIComponent(location.pathname).replace(/index\.html$/,'');
let serial='';
async function poll(){let wait=0;try{const r=await fetch('/__shirube/status?after='+serial+'&since='+(v??''),{cache:'no-store'});const s=await r.json();
if(v!==null&&s.version!==v&&(s.changed===null||s.changed.includes(here))){location.reload();return;}v=s.version;serial=s.serial;
if(s.failure)show(s.failure);else{shown=null;panel()?.remove();}}catch{wait=1000;}
setTimeout(poll,wait);}
poll();})();"#;

/// The page served while no build has succeeded yet, so the problems have somewhere to show.
pub fn waiting_page(lang: Lang) -> String {
    let (title, text) = match lang {
        Lang::Ja => (
            "プレビュー",
            "まだページを作れていません。下の問題を直して保存してください。",
        ),
        Lang::En => (
            "Preview",
            "No page could be built yet. Fix the problems below and save.",
        ),
    };
    let lang_attr = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    format!(
        "<!doctype html><html lang=\"{lang_attr}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Pos, Problem};
    use std::path::Path;

    fn changed(status: &Status, since: u64) -> Value {
        serde_json::from_str::<Value>(&status.to_json(Some(since))).unwrap()["changed"].clone()
    }

    #[test]
    fn a_page_learns_which_pages_changed_since_its_version() {
        let mut status = Status::default();
        status.built(None);
        let files = |f: &[&str]| f.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        status.built(Some(&files(&[
            "entries/a/index.html",
            "furigana/entries/a/index.html",
            "index.html",
        ])));
        status.built(Some(&files(&["search/t/ab.json", "data/entries.json"])));
        assert_eq!(status.version, 3);
        assert_eq!(
            changed(&status, 2),
            json!(["/data/entries.json", "/furigana/search/", "/search/"])
        );
        assert_eq!(
            changed(&status, 1),
            json!([
                "/",
                "/data/entries.json",
                "/entries/a/",
                "/furigana/entries/a/",
                "/furigana/search/",
                "/search/"
            ])
        );
        assert_eq!(changed(&status, 3), json!([]), "nothing since the last");
        assert_eq!(
            changed(&status, 0),
            Value::Null,
            "a whole build: every page"
        );
        // A failure changes the serial (pages waiting hear of it), not the version.
        let serial = status.serial;
        status.failed(json!({"title": "x"}));
        assert_eq!((status.version, status.serial), (3, serial + 1));
    }

    #[test]
    fn a_page_older_than_the_history_reloads() {
        let mut status = Status::default();
        for _ in 0..HISTORY + 5 {
            status.built(Some(&["entries/a/index.html".to_string()]));
        }
        assert_eq!(changed(&status, 1), Value::Null);
        let recent = status.version - 3;
        assert_eq!(changed(&status, recent), json!(["/entries/a/"]));
    }

    #[test]
    fn a_failure_lists_the_errors_with_where_and_how() {
        let mut diags = Diagnostics::default();
        let pos = Pos { line: 3, column: 5 };
        let file = Path::new("content/entries/midori.md");
        diags.error(
            file,
            pos,
            "",
            Problem::FullWidthColon { key: "name".into() },
        );
        diags.warning(file, pos, "summary", Problem::KanaRequired);
        let f = failure(&BuildError::Invalid(diags), false, Lang::Ja);
        assert_eq!(f["title"], "ファイルに問題があります（1件）");
        assert_eq!(f["problems"][0]["where"], "content/entries/midori.md:3:5");
        assert_eq!(
            f["problems"][0]["message"],
            "「name」のあとのコロンが 全角の「：」です"
        );
        assert!(
            f["problems"][0]["fix"]
                .as_str()
                .unwrap()
                .starts_with("直しかた: ")
        );
    }
}
