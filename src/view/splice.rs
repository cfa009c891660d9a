//! Markers in a rendered page replaced by bytes made once: the menu and the footer, which the
//! furigana edition's pass has already been over (`render/frame.rs`). A marker is an HTML
//! comment of its own, `<!--shirube-frame:…-->`; provider text cannot make one (it is escaped,
//! and Markdown's raw HTML loses its comments).

use memchr::memmem::Finder;
use std::sync::LazyLock;

/// A marker and the bytes that take its place.
pub type Splice<'a> = (&'a str, &'a [u8]);

/// What every marker begins with.
pub const MARKER_START: &[u8] = b"<!--shirube-frame:";

/// Where markers may begin in `page` (every [`MARKER_START`]), found with one searcher made for
/// the process: `memmem::find_iter` makes one at each call, once for every page.
pub fn marker_starts(page: &[u8]) -> impl Iterator<Item = usize> + '_ {
    static FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(MARKER_START));
    FINDER.find_iter(page)
}

/// `page` with every marker of `splices` replaced by its bytes, wherever it stands.
pub fn splice(page: Vec<u8>, splices: &[Splice]) -> Vec<u8> {
    if splices.is_empty() {
        return page;
    }
    let added: usize = splices.iter().map(|(_, part)| part.len()).sum();
    let mut out = Vec::with_capacity(page.len() + added);
    let mut copied = 0;
    for at in marker_starts(&page) {
        let Some((marker, part)) = marker_at(&page[at..], splices) else {
            continue;
        };
        out.extend_from_slice(&page[copied..at]);
        out.extend_from_slice(part);
        copied = at + marker.len();
    }
    out.extend_from_slice(&page[copied..]);
    out
}

/// The splice whose marker `s` begins with.
pub fn marker_at<'s>(s: &[u8], splices: &'s [Splice<'s>]) -> Option<&'s Splice<'s>> {
    splices
        .iter()
        .find(|(marker, _)| s.starts_with(marker.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_is_replaced_where_it_stands() {
        let page = b"<p>a</p><!--shirube-frame:nav--><p>b<!--shirube-frame:other--></p><!--shirube-frame:nav-->".to_vec();
        let out = splice(page, &[("<!--shirube-frame:nav-->", b"<nav>N</nav>")]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<p>a</p><nav>N</nav><p>b<!--shirube-frame:other--></p><nav>N</nav>"
        );
        assert_eq!(splice(b"<p>x</p>".to_vec(), &[]), b"<p>x</p>");
    }
}
