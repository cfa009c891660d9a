//! Long listings in pages: a prefecture's or the country's guide lists thousands of offices under
//! one service, and a page of thousands of cards is megabytes on a phone. Past `SPLIT` cards a
//! listing becomes pages of `PER_PAGE`, in the same 五十音 order: `services/b-type/`, then
//! `services/b-type/page/2/` …; a region's guide (a few hundred entries) keeps one page.

use serde::Serialize;

/// A listing with more cards than this is split.
pub const SPLIT: usize = 150;
/// Cards on each page of a split listing.
pub const PER_PAGE: usize = 100;

/// The members of a listing, page by page (one page, maybe empty, when it is short).
pub fn split<T>(members: Vec<T>) -> Vec<Vec<T>> {
    if members.len() <= SPLIT {
        return vec![members];
    }
    let mut pages = Vec::new();
    let mut rest = members.into_iter().peekable();
    while rest.peek().is_some() {
        pages.push(rest.by_ref().take(PER_PAGE).collect());
    }
    pages
}

/// Where page `index` (from 0) of the listing at `base` lives.
pub fn url(base: &str, index: usize) -> String {
    match index {
        0 => base.to_string(),
        i => format!("{base}page/{}/", i + 1),
    }
}

/// What a page of a split listing shows: which cards of how many, and links to every page.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// 1-based.
    pub current: usize,
    pub pages: Vec<PageLink>,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The card numbers this page shows, 1-based: 「101〜200件目」.
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

impl Pagination {
    /// `None` for a listing of one page. `root` leads from the page to the edition's root.
    pub fn new(root: &str, base: &str, index: usize, count: usize, total: usize) -> Option<Self> {
        if count <= 1 {
            return None;
        }
        let link = |i: usize| format!("{root}{}", url(base, i));
        Some(Pagination {
            current: index + 1,
            pages: (0..count)
                .map(|i| PageLink {
                    number: i + 1,
                    url: link(i),
                    current: i == index,
                })
                .collect(),
            prev: index.checked_sub(1).map(link),
            next: (index + 1 < count).then(|| link(index + 1)),
            first: index * PER_PAGE + 1,
            last: ((index + 1) * PER_PAGE).min(total),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_listings_stay_whole_long_ones_split_evenly() {
        assert_eq!(split((0..SPLIT).collect::<Vec<_>>()).len(), 1);
        assert_eq!(split(Vec::<u8>::new()).len(), 1);
        let pages = split((0..SPLIT + 1).collect::<Vec<_>>());
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), PER_PAGE);
        assert_eq!(pages.concat(), (0..SPLIT + 1).collect::<Vec<_>>());
    }

    #[test]
    fn links_lead_to_every_page() {
        assert_eq!(url("services/b-type/", 0), "services/b-type/");
        assert_eq!(url("services/b-type/", 2), "services/b-type/page/3/");
        assert!(Pagination::new("../", "x/", 0, 1, 10).is_none());
        let p = Pagination::new("../../../", "services/b-type/", 1, 3, 250).unwrap();
        assert_eq!(p.current, 2);
        assert_eq!(p.prev.as_deref(), Some("../../../services/b-type/"));
        assert_eq!(p.next.as_deref(), Some("../../../services/b-type/page/3/"));
        assert_eq!((p.first, p.last), (101, 200));
        let last = Pagination::new("", "x/", 2, 3, 250).unwrap();
        assert_eq!((last.first, last.last, last.next), (201, 250, None));
    }
}
