//! sitemap.xml: every HTML page of the plain edition, with absolute URLs from the site's base
//! URL. The furigana twins are left out: each names its plain page as the canonical one
//! (`base.html`), and a sitemap lists canonical pages only.

use crate::enrich::Guide;
use crate::text::escape;
use crate::view::style::FURIGANA_PREFIX;

pub fn sitemap<'a>(guide: &Guide, paths: impl Iterator<Item = &'a str>) -> String {
    let base = &guide.site.config.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        // Pages only; 404 and static files are not for search engines.
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        if dir.starts_with(FURIGANA_PREFIX) {
            continue;
        }
        out.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            escape(&format!("{base}{dir}"))
        ));
    }
    out.push_str("</urlset>\n");
    out
}
