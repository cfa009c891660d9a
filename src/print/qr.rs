//! QR codes as inline SVG. We draw the SVG from the module matrix ourselves: the crate's own SVG
//! renderer writes a standalone XML document (with an XML declaration), which does not belong
//! inside HTML, and a single path with merged runs keeps the PDF small and the edges crisp.

use crate::text::{Html, escape};
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write as _;

/// Modules of white space around the code: the QR standard asks for four so phones find it.
const QUIET_ZONE: usize = 4;

/// An `<svg>` element that encodes `text`, labelled for screen readers with `label`.
pub fn svg(text: &str, label: &str) -> Result<Html, QrError> {
    // Level M survives a fold or a smudge on a handed-out sheet without making the code dense.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                let _ = write!(
                    path,
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                );
            } else {
                x += 1;
            }
        }
    }
    // Numbers and the escaped label only.
    Ok(Html::from_trusted(format!(
        r##"<svg class="qr" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##,
        label = escape(label),
    )))
}

#[cfg(test)]
mod tests {
    use super::svg;

    #[test]
    fn draws_one_path_with_a_quiet_zone() {
        let s = svg("https://example.org/hikari/entries/komugi/", "QR <こむぎ>")
            .unwrap()
            .into_string();
        assert!(s.starts_with("<svg class=\"qr\" viewBox=\"0 0 "), "{s}");
        assert_eq!(s.matches("<path").count(), 1);
        assert!(s.contains("aria-label=\"QR &lt;こむぎ&gt;\""), "{s}");
        // Version 3 (29 modules) plus 4 on each side.
        assert!(s.contains("viewBox=\"0 0 37 37\""), "{s}");
        assert!(
            s.contains("M4 4h7v1h-7z"),
            "finder pattern starts at the quiet zone: {s}"
        );
    }

    /// The drawn runs cover exactly the dark modules of the code, row by row.
    #[test]
    fn path_matches_the_matrix() {
        use qrcode::{Color, QrCode};
        let text = "https://example.org/hikari/entries/tsubasa-hattatsu/";
        let code = QrCode::new(text.as_bytes()).unwrap();
        let width = code.width();
        let s = svg(text, "x").unwrap().into_string();
        let path = s.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut dark = vec![Color::Light; width * width];
        for run in path.split('M').filter(|r| !r.is_empty()) {
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let len: usize = rest.split('v').next().unwrap().parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            for dx in 0..len {
                dark[(y - 4) * width + x - 4 + dx] = Color::Dark;
            }
        }
        assert_eq!(dark, code.to_colors());
    }
}
