//! The export stage: files for machines — the sitemap and robots.txt for search engines.

mod sitemap;

use crate::enrich::Guide;
use crate::output::Files;

pub fn export(guide: &Guide, files: &mut Files) {
    let sitemap = sitemap::sitemap(guide, files.paths());
    files.add("sitemap.xml", sitemap);
    files.add(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            guide.site.config.base_url
        ),
    );
}
