//! A page's frame: what every page at one depth of an edition shares. The guide's menus and
//! counts (the site context), and the menu and footer that the theme's `partials/site-nav.html`
//! and `partials/footer.html` make from them alone.
//!
//! All are made once per depth, not once per page. The site context was counted per page
//! before it was made per depth (quadratic with a thousand areas). The footer, some thirty
//! links from loops over the services and the free pages, was most of what every page's
//! template did besides its own content: 2.4% of a plain build's instructions at N = 1,000,
//! the same for every entry's page.

use super::insert_html;
use crate::enrich::Guide;
use crate::text::Html;
use crate::theme::{Theme, ThemeError};
use crate::view::site::SiteContext;
use crate::view::style::TextStyle;

/// The theme's menu and footer, printed by `base.html` as `{{ site_nav | safe }}` and
/// `{{ footer | safe }}`. Rendered with the frame's context only (`site`, `root`,
/// `asset_root`, `edition`): they cannot show anything of the page they are on.
const SITE_NAV: &str = "partials/site-nav.html";
const FOOTER: &str = "partials/footer.html";

/// The shared part of the context of every page at one depth.
pub(super) struct Frame {
    /// The site context as a template value, made once: a page's context shares it (tera's
    /// maps and lists are reference-counted) instead of serializing the menus again per page.
    site: tera::Value,
    site_nav: Html,
    footer: Html,
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
        let mut frame = Frame {
            site,
            site_nav: Html::new(),
            footer: Html::new(),
        };
        let mut context = tera::Context::new();
        frame.insert_shared(&mut context, tx, root, asset_root);
        let part = |name: &str| -> Result<Html, ThemeError> {
            if !theme.has(name) {
                return Ok(Html::new());
            }
            let html = theme.render(name, &context)?;
            // tera's own output: it escaped what it printed, as in every page it renders.
            Ok(Html::from_trusted(
                String::from_utf8_lossy(&html).into_owned(),
            ))
        };
        frame.site_nav = part(SITE_NAV)?;
        frame.footer = part(FOOTER)?;
        Ok(frame)
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
    /// and them.
    pub(super) fn insert(
        &self,
        cx: &mut tera::Context,
        tx: &dyn TextStyle,
        root: &str,
        asset_root: &str,
    ) {
        self.insert_shared(cx, tx, root, asset_root);
        insert_html(cx, "site_nav", &self.site_nav);
        insert_html(cx, "footer", &self.footer);
    }

    fn insert_shared(
        &self,
        context: &mut tera::Context,
        tx: &dyn TextStyle,
        root: &str,
        asset_root: &str,
    ) {
        context.insert_value("site", self.site.clone());
        context.insert("root", root);
        context.insert("asset_root", asset_root);
        context.insert("edition", tx.edition());
    }
}
