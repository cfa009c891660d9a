//! QR codes as inline SVG. We draw the SVG from the module matrix ourselves: the crate's own SVG
//! renderer writes a standalone XML document (with an XML declaration), which does not belong
//! inside HTML, and a single path with merged runs keeps the PDF small and the edges crisp.
//!
//! The mask is chosen here (`matrix`), by the standard's penalty rules as the qrcode crate
//! scores them: its own choice (`Canvas::apply_best_mask`) boxes a closure for every place it
//! looks for a finder-like pattern, 0.8 ms a code — a sixth of a national guide's build, which
//! prints ten thousand codes. The same rules on rows and columns of bits (`qr_penalty.rs`) take
//! a small part of that, and a test checks that every code is the one qrcode makes.

use super::qr_penalty as penalty;
use crate::text::{Html, escape};
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, bits, ec};
use std::fmt::Write as _;

/// Modules of white space around the code: the QR standard asks for four so phones find it.
const QUIET_ZONE: usize = 4;

/// An `<svg>` element that encodes `text`, labelled for screen readers with `label`.
pub fn svg(text: &str, label: &str) -> Result<Html, QrError> {
    // Level M survives a fold or a smudge on a handed-out sheet without making the code dense.
    let colors = matrix(text, EcLevel::M)?;
    let width = colors.len().isqrt();
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

/// The modules of `text`'s code, row by row: what `QrCode::with_error_correction_level` makes.
fn matrix(text: &str, level: EcLevel) -> Result<Vec<Color>, QrError> {
    let bits = bits::encode_auto(text.as_bytes(), level)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let masked = |pattern: MaskPattern| {
        let mut c = canvas.clone();
        c.apply_mask(pattern);
        c.into_colors()
    };
    let mut best: Option<(u16, Vec<Color>)> = None;
    for pattern in MASKS {
        let colors = masked(pattern);
        let dark: Vec<bool> = colors.iter().map(|&c| c == Color::Dark).collect();
        let score = penalty::penalty(&dark, colors.len().isqrt());
        // The first of equal scores, as qrcode's `min_by_key` keeps.
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, colors));
        }
    }
    Ok(best.map(|(_, colors)| colors).unwrap_or_default())
}

/// In qrcode's order, which decides between equal scores.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

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

    /// The codes are qrcode's own, module for module (the mask chosen here is the one it
    /// chooses), for addresses of every length a guide prints and with digits in them.
    #[test]
    fn every_code_is_the_one_qrcode_makes() {
        use qrcode::{EcLevel, QrCode};
        for i in 0..400u64 {
            let id = match i % 4 {
                0 => format!("wam-{:010}", i * 7_919_113 % 9_999_999_999),
                1 => "x".repeat(1 + (i as usize * 7) % 90),
                2 => format!("jigyosho-{i}-{}", "ab".repeat(i as usize % 13)),
                _ => format!("%E3%81%B2%E3%81%8B%E3%82%8A-{i}"),
            };
            let text = format!("https://example.org/guide/entries/{id}/");
            let ours = super::matrix(&text, EcLevel::M).unwrap();
            let theirs = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
                .unwrap()
                .to_colors();
            assert!(ours == theirs, "{text}");
        }
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
