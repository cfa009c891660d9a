//! The starter files of a new guide and how the region's values go into them.

use super::{
    PLACEHOLDER_BASE_URL, PLACEHOLDER_CONTACT, PLACEHOLDER_REPOSITORY, SHIRUBE_REPOSITORY, Settings,
};

/// Every file a new guide starts with: its path in the new repository and its template.
const STARTER: &[(&str, &str)] = &[
    (".gitignore", include_str!("starter/gitignore")),
    (
        ".github/CONTRIBUTING.md",
        include_str!("starter/github/CONTRIBUTING.md"),
    ),
    (
        ".github/actions/install-shirube/action.yml",
        include_str!("starter/github/actions/install-shirube/action.yml"),
    ),
    (
        ".github/pull_request_template.md",
        include_str!("starter/github/pull_request_template.md"),
    ),
    (
        ".github/workflows/check.yml",
        include_str!("starter/github/workflows/check.yml"),
    ),
    (
        ".github/workflows/comment.yml",
        include_str!("starter/github/workflows/comment.yml"),
    ),
    (
        ".github/workflows/daily.yml",
        include_str!("starter/github/workflows/daily.yml"),
    ),
    (
        ".github/workflows/publish.yml",
        include_str!("starter/github/workflows/publish.yml"),
    ),
    ("README.md", include_str!("starter/README.md")),
    (
        "content/entries/.gitkeep",
        "# 事業所などのファイル（1か所に1つ）がここに入ります。\n",
    ),
    (
        "content/glossary.yaml",
        include_str!("starter/content/glossary.yaml"),
    ),
    (
        "content/media/.gitkeep",
        "# 写真がここに入ります（項目の photos: の src は、このフォルダからの名前です）。\n",
    ),
    (
        "content/pages/about.md",
        include_str!("starter/content/pages/about.md"),
    ),
    (
        "content/pages/accessibility.md",
        include_str!("starter/content/pages/accessibility.md"),
    ),
    (
        "content/pages/how-to-use.md",
        include_str!("starter/content/pages/how-to-use.md"),
    ),
    (
        "content/pages/services.md",
        include_str!("starter/content/pages/services.md"),
    ),
    (
        "content/pages/where-to-ask.md",
        include_str!("starter/content/pages/where-to-ask.md"),
    ),
    (
        "content/readings.yaml",
        include_str!("starter/content/readings.yaml"),
    ),
    (
        "docs/事業所のみなさまへ.md",
        include_str!("starter/docs/providers.md"),
    ),
    ("site.yaml", include_str!("starter/site.yaml")),
];

/// The values the templates ask for.
fn vars(settings: &Settings) -> Vec<(&'static str, String)> {
    let base_url = match &settings.base_url {
        Some(url) if url.ends_with('/') => url.clone(),
        Some(url) => format!("{url}/"),
        None => PLACEHOLDER_BASE_URL.to_string(),
    };
    let base_url_note = match &settings.base_url {
        Some(_) => "# 公開するアドレス。印刷版の QR コードと sitemap.xml に使います",
        None => {
            "# 公開するアドレス。印刷版の QR コードと sitemap.xml に使います。\n\
             # ↓ これは仮のアドレスです。公開する前に、本当のアドレスに書きかえてください\n\
             #   （GitHub Pages なら https://<アカウント名>.github.io/<リポジトリ名>/ 。README.md の「公開のしくみ」）"
        }
    };
    let repository_note = match SHIRUBE_REPOSITORY == PLACEHOLDER_REPOSITORY {
        true => {
            "仮の URL です。shirube のリポジトリの URL に書きかえてください（README.md の「shirube の入れかた」）"
        }
        false => "shirube のリポジトリ",
    };
    let readme_repository_note = match SHIRUBE_REPOSITORY == PLACEHOLDER_REPOSITORY {
        true => {
            "**仮の URL です。GitHub で使う前に、shirube のリポジトリの URL に書きかえてください。**"
        }
        false => "",
    };
    let description = format!(
        "{}で はたらきたい 障害のある人と 家族のための ガイドです。事業所、会社、相談できるところ、地域の集まりを のせています。",
        settings.region
    );
    vec![
        ("REGION", settings.region.clone()),
        ("REGION_KANA", settings.region_kana.clone()),
        ("TITLE", settings.title.clone()),
        ("TITLE_KANA", settings.title_kana.clone()),
        ("DESCRIPTION", description),
        ("BASE_URL", base_url),
        ("BASE_URL_NOTE", base_url_note.to_string()),
        ("PUBLISHER", settings.publisher.clone()),
        (
            "CONTACT",
            settings
                .contact
                .clone()
                .unwrap_or_else(|| PLACEHOLDER_CONTACT.to_string()),
        ),
        ("AREA_ID", settings.area_id.clone()),
        ("TODAY", settings.today.to_string()),
        ("TODAY_JA", settings.today.japanese()),
        ("SHIRUBE_REPOSITORY", SHIRUBE_REPOSITORY.to_string()),
        ("SHIRUBE_REPOSITORY_NOTE", repository_note.to_string()),
        ("README_REPOSITORY_NOTE", readme_repository_note.to_string()),
        ("SHIRUBE_VERSION", settings.shirube_version.clone()),
    ]
}

/// One file of a new guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarterFile {
    /// Relative, `/`-separated.
    pub path: &'static str,
    pub text: String,
}

/// The files of a new guide, filled in, in the order of their paths.
pub fn files(settings: &Settings) -> Vec<StarterFile> {
    let vars = vars(settings);
    let mut files: Vec<StarterFile> = STARTER
        .iter()
        .map(|(path, template)| StarterFile {
            path,
            text: fill(template, &vars),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(b.path));
    files
}

/// Replaces each `%%NAME%%` by its value and `%%NAME_Q%%` by the value quoted for YAML, in one
/// pass, so a value that happens to contain `%%` is written as it is.
fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(start) = rest.find("%%") {
        let after = &rest[start + 2..];
        let name_len = after.find("%%").filter(|&n| {
            after[..n]
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b == b'_')
        });
        let Some(name_len) = name_len else {
            out.push_str(&rest[..start + 2]);
            rest = after;
            continue;
        };
        let name = &after[..name_len];
        let (key, quote) = match name.strip_suffix("_Q") {
            Some(key) => (key, true),
            None => (name, false),
        };
        out.push_str(&rest[..start]);
        match vars.iter().find(|(k, _)| *k == key) {
            // A JSON string is a YAML double-quoted scalar, escapes and all.
            Some((_, value)) if quote => {
                out.push_str(&serde_json::to_string(value).unwrap_or_default())
            }
            Some((_, value)) => out.push_str(value),
            None => out.push_str(&rest[start..start + 4 + name_len]),
        }
        rest = &after[name_len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_in_one_pass_and_quotes_for_yaml() {
        let vars = vec![("A", "x: \"%%B%%\"".to_string()), ("B", "b".to_string())];
        assert_eq!(
            fill("%%A%% %%A_Q%% %%B%%", &vars),
            "x: \"%%B%%\" \"x: \\\"%%B%%\\\"\" b"
        );
        // `%%` that is not a name is text; an unknown name stays as it is.
        assert_eq!(fill("50%% %%NOPE%% 100%%", &vars), "50%% %%NOPE%% 100%%");
    }
}
