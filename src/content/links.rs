//! The link policy of the content format: how a link target written in a Markdown body is
//! interpreted. `check` uses it to accept or refuse links and the Markdown renderer to resolve
//! them, so what check accepts is exactly what build can resolve.

/// How a link target is interpreted; shared with the Markdown renderer so that what `check`
/// accepts is exactly what `build` can resolve.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// `@/entries/x.md#frag` → the content-relative path and an optional fragment.
    Internal {
        path: String,
        fragment: Option<&'a str>,
    },
    /// http, https, mailto, tel, or a fragment on the same page.
    External,
    /// javascript:, data:, and anything else that could run or embed content.
    Unsafe,
    /// A relative link to something that is not a page of the guide (`../../media/flyer.html`,
    /// `/index.html`): nothing of `content/` but the pages and the photos' renditions is
    /// published, so it would lead to a missing file, or to a file nobody reviewed.
    File,
}

pub fn classify<'a>(target: &'a str, doc_dir: &str) -> LinkTarget<'a> {
    let (path, fragment) = match target.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (target, None),
    };
    if let Some(internal) = path.strip_prefix("@/") {
        return LinkTarget::Internal {
            path: internal.to_string(),
            fragment,
        };
    }
    let lower = target.trim().to_ascii_lowercase();
    if lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || (path.is_empty() && fragment.is_some())
    {
        return LinkTarget::External;
    }
    if lower.contains(':') {
        return LinkTarget::Unsafe;
    }
    // A plain relative link to another Markdown file, written the way editors autocomplete it.
    if path.ends_with(".md") {
        let joined = normalize(&format!("{doc_dir}/{path}"));
        return LinkTarget::Internal {
            path: joined,
            fragment,
        };
    }
    // `//host/…` is another site with the page's scheme.
    if path.starts_with("//") {
        return LinkTarget::External;
    }
    LinkTarget::File
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_targets() {
        assert_eq!(
            classify("@/entries/a.md#x", "entries"),
            LinkTarget::Internal {
                path: "entries/a.md".into(),
                fragment: Some("x")
            }
        );
        assert_eq!(
            classify("../pages/about.md", "entries"),
            LinkTarget::Internal {
                path: "pages/about.md".into(),
                fragment: None
            }
        );
        assert_eq!(classify("https://example.jp", ""), LinkTarget::External);
        assert_eq!(classify("tel:0123-45-6789", ""), LinkTarget::External);
        assert_eq!(classify("javascript:alert(1)", ""), LinkTarget::Unsafe);
        assert_eq!(classify(" JavaScript:alert(1)", ""), LinkTarget::Unsafe);
        assert_eq!(classify("data:text/html,x", ""), LinkTarget::Unsafe);
        assert_eq!(
            classify("../../media/flyer.html", "entries"),
            LinkTarget::File
        );
        assert_eq!(classify("/index.html", "entries"), LinkTarget::File);
        assert_eq!(classify("#hours", "entries"), LinkTarget::External);
    }
}
