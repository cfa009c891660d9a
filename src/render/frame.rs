//! A page's frame: what every page at one depth of an edition shares. The guide's menus and
//! counts (the site context), and the menu and footer that the theme's `partials/site-nav.html`
//! and `partials/footer.html` make from them alone.
//!
//! All are made once per depth, not once per page. The site context was counted per page
//! before it was made per depth (quadratic with a thousand areas). The footer, some thirty
//! links from loops over the services and the free pages, was most of what every page's
//! template did besides its own content: 2.4% of a plain build's instructions at N = 1,000,
//! the same for every entry's page.
//!
//! The furigana edition's last pass over each page (`TextStyle::finish_page`) puts ruby over
//! the theme's text, the menu's and the footer's too: a fifth of an entry page's tags are the
//! footer's. The pass is run over the menu and the footer once, here, and a page is passed
//! with a marker in their place (an HTML comment, which the pass steps over at once) that is
//! replaced by them after. Provider text cannot make a marker: it is escaped, and Markdown's
//! raw HTML loses its comments.

use super::insert_html;
use super::page_key::{PageContext, value_hash};
use crate::enrich::Guide;
use crate::text::Html;
use crate::theme::{Theme, ThemeError};
use crate::view::site::SiteContext;
use crate::view::splice::Splice;
use crate::view::style::TextStyle;

/// The theme's menu and footer, printed by `base.html` as `{{ site_nav | safe }}` and
/// `{{ footer | safe }}`. Rendered with the frame's context only (`site`, `root`,
/// `asset_root`, `edition`): they cannot show anything of the page they are on.
const SITE_NAV: &str = "partials/site-nav.html";
const FOOTER: &str = "partials/footer.html";

/// What stands for a part during the edition's pass; see the module's comment.
const SITE_NAV_MARKER: &str = "<!--shirube-frame:site-nav-->";
const FOOTER_MARKER: &str = "<!--shirube-frame:footer-->";

/// The shared part of the context of every page at one depth.
pub(super) struct Frame {
    /// The site context as a template value, made once: a page's context shares it (tera's
    /// maps and lists are reference-counted) instead of serializing the menus again per page.
    site: tera::Value,
    site_nav: Part,
    footer: Part,
    /// A hash of the site context and of the menu and the footer as the edition's pass leaves
    /// them: what a page's key takes of its frame (`page_key.rs`); `None` when the site
    /// context cannot be hashed (its pages then have no key).
    fingerprint: Option<u128>,
}

/// The menu or the footer.
struct Part {
    /// What the page's template prints: the part, or its marker when the edition's pass
    /// changes the part.
    printed: Html,
    /// The marker, and the part as the edition's pass leaves it, to put in its place.
    passed: Option<(&'static str, Vec<u8>)>,
}

impl Part {
    /// `template` of the theme rendered with `context`, passed by `tx` (empty when the theme
    /// has no such template).
    fn new(
        theme: &Theme,
        tx: &dyn TextStyle,
        template: &str,
        marker: &'static str,
        context: &tera::Context,
    ) -> Result<Part, ThemeError> {
        if !theme.has(template) {
            return Ok(Part {
                printed: Html::new(),
                passed: None,
            });
        }
        let html = theme.render(template, context)?;
        let passed = tx.finish_page(html.clone());
        // tera's own output: it escaped what it printed, as in every page it renders.
        let html = Html::from_trusted(String::from_utf8_lossy(&html).into_owned());
        if passed == html.as_bytes() {
            return Ok(Part {
                printed: html,
                passed: None,
            });
        }
        Ok(Part {
            printed: Html::markup(marker),
            passed: Some((marker, passed)),
        })
    }
}

impl Frame {
    /// The frame of the pages whose links begin with `root` (and the shared files' with
    /// `asset_root`).
    pub(super) fn new(
        theme: &Theme,
        tx: &dyn TextStyle,
        site: &SiteContext,
        root: &str,
        asset_root: &str,
    ) -> Result<Frame, ThemeError> {
        let site = tera::Value::from_serializable(site);
        let site_hash = value_hash(&site);
        let mut context = PageContext::new(0);
        insert_shared(&mut context, &site, site_hash, tx, root, asset_root);
        let site_nav = Part::new(theme, tx, SITE_NAV, SITE_NAV_MARKER, context.context())?;
        let footer = Part::new(theme, tx, FOOTER, FOOTER_MARKER, context.context())?;
        let fingerprint = site_hash.map(|site| {
            let mut hash = xxhash_rust::xxh3::Xxh3::new();
            hash.update(&site.to_le_bytes());
            for part in [&site_nav, &footer] {
                let (marker, passed) = part.passed.as_ref().map_or(("", &[][..]), |(m, p)| (m, p));
                for bytes in [marker.as_bytes(), passed] {
                    hash.update(&(bytes.len() as u64).to_le_bytes());
                    hash.update(bytes);
                }
            }
            hash.digest128()
        });
        Ok(Frame {
            site_nav,
            footer,
            site,
            fingerprint,
        })
    }

    /// The frame of one page of `guide` rendered on its own (the 404 page).
    pub(super) fn single(
        guide: &Guide,
        theme: &Theme,
        tx: &dyn TextStyle,
        root: &str,
        asset_root: &str,
    ) -> Result<Frame, ThemeError> {
        Frame::new(
            theme,
            tx,
            &SiteContext::new(guide, root, tx, true),
            root,
            asset_root,
        )
    }

    /// Puts the frame into a page's context `cx`: what the menu and footer were made from,
    /// and them. The site context goes in by the frame's fingerprint, hashed once for all
    /// its pages.
    pub(super) fn insert(
        &self,
        cx: &mut PageContext,
        tx: &dyn TextStyle,
        root: &str,
        asset_root: &str,
    ) {
        insert_shared(cx, &self.site, self.fingerprint, tx, root, asset_root);
        insert_html(cx, "site_nav", &self.site_nav.printed);
        insert_html(cx, "footer", &self.footer.printed);
    }

    /// A page rendered with this frame, through the edition's pass (`tx`), with the menu and
    /// the footer in their markers' places.
    pub(super) fn finish_page(&self, tx: &dyn TextStyle, page: Vec<u8>) -> Vec<u8> {
        let splices: Vec<Splice> = [&self.site_nav, &self.footer]
            .into_iter()
            .filter_map(|part| part.passed.as_ref())
            .map(|(marker, part)| (*marker, part.as_slice()))
            .collect();
        tx.finish_page_spliced(page, &splices)
    }
}

/// What the menu and the footer are made from, into `cx`: the site context by its hash
/// `site_hash`, taken once (`None`: it cannot be hashed, and the page has no key).
fn insert_shared(
    cx: &mut PageContext,
    site: &tera::Value,
    site_hash: Option<u128>,
    tx: &dyn TextStyle,
    root: &str,
    asset_root: &str,
) {
    match site_hash {
        Some(hash) => cx.insert_hashed("site", site.clone(), hash),
        None => cx.insert_unkeyed("site", site.clone()),
    }
    cx.insert("root", root);
    cx.insert("asset_root", asset_root);
    cx.insert("edition", tx.edition());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splicing finds a marker by its beginning (`view/splice.rs`), and the furigana pass
    /// steps over a marker as the comment it is.
    #[test]
    fn markers_are_comments_with_the_common_beginning() {
        for marker in [SITE_NAV_MARKER, FOOTER_MARKER] {
            assert!(
                marker
                    .as_bytes()
                    .starts_with(crate::view::splice::MARKER_START),
                "{marker}"
            );
            let inner = marker
                .strip_prefix("<!--")
                .and_then(|m| m.strip_suffix("-->"));
            assert!(inner.is_some_and(|i| !i.contains("--")), "{marker}");
        }
    }
}
