//! QR codes as inline SVG. We draw the SVG from the module matrix ourselves: the crate's own SVG
//! renderer writes a standalone XML document (with an XML declaration), which does not belong
//! inside HTML, and a single path with merged runs keeps the PDF small and the edges crisp.
//!
//! The mask is chosen here (`matrix`), by the standard's penalty rules as the qrcode crate
//! scores them: its own choice (`Canvas::apply_best_mask`) boxes a closure for every place it
//! looks for a finder-like pattern, 0.8 ms a code — a sixth of a national guide's build, which
//! prints ten thousand codes. The same rules on rows and columns of bits (`qr_penalty.rs`) take
//! a small part of that, and a test checks that every code is the one qrcode makes. The eight
//! masked codes are made in bits too, from a layout each version shares (`Layout`): masking
//! copies of the canvas module by module was then most of a code's time. Ten thousand codes,
//! drawn as SVG: 2.2 s before the layouts, 0.4 s after (one core).

use super::qr_penalty as penalty;
use crate::text::{Html, escape};
use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::types::QrError;
use qrcode::{Color, EcLevel, Version, bits, ec};
use std::cell::RefCell;
use std::rc::Rc;

/// Modules of white space around the code: the QR standard asks for four so phones find it.
const QUIET_ZONE: usize = 4;

/// Level M survives a fold or a smudge on a handed-out sheet without making the code dense.
pub(super) const LEVEL: EcLevel = EcLevel::M;

/// An `<svg>` element that encodes `text`, labelled for screen readers with `label`.
pub fn svg(text: &str, label: &str) -> Result<Html, QrError> {
    let (width, modules) = modules(text, LEVEL)?;
    Ok(draw(width, &modules, label))
}

/// The `<svg>` element of a code `width` modules wide, labelled with `label`.
///
/// Each run of dark modules is a line one module thick along the middle of its row, drawn with
/// a stroke one module wide (its ends cut square, so it covers the run's modules exactly):
/// `M{x} {y}.5h{run}` for a row's first run, `m{gap} 0h{run}` for the runs after it in the row.
/// As filled rectangles (`M{x} {y}h{run}v1h-{run}z`) the paths were twice as long: 30 of the
/// 75 MB of a national guide's print document.
pub(super) fn draw(width: usize, modules: &Modules, label: &str) -> Html {
    let size = width + 2 * QUIET_ZONE;
    let mut path: Vec<u8> = Vec::with_capacity(width * width / 2);
    // The row of the last run and where it ended: the next run in the row moves on from there.
    let mut pen: Option<(usize, usize)> = None;
    // Spelled in a buffer of its own and added at once: pushed to the path a character at a
    // time, the steps were a quarter of a code's instructions (`write!` was most of its time).
    let mut push_run = |x: usize, y: usize, run: usize| {
        let mut step = Step::default();
        match pen {
            Some((row, end)) if row == y => {
                step.push(b'm');
                // A run begins after the light module that ended the one before.
                step.number(x.saturating_sub(end));
                step.push(b' ');
                step.push(b'0');
            }
            _ => {
                step.push(b'M');
                step.number(x + QUIET_ZONE);
                step.push(b' ');
                step.number(y + QUIET_ZONE);
                step.push(b'.');
                step.push(b'5');
            }
        }
        step.push(b'h');
        step.number(run);
        path.extend_from_slice(step.bytes());
        pen = Some((y, x + run));
    };
    match modules {
        // Runs found a word at a time (the light modules before one, then its dark ones),
        // not module by module: every printed code is this narrow.
        Modules::Rows(rows) => {
            // Only the code's own columns, whatever lies past them in a word.
            let columns = u64::MAX.checked_shr(64 - width as u32).unwrap_or(0);
            for (y, &row) in rows.iter().enumerate() {
                let (mut bits, mut x) = (row & columns, 0);
                while bits != 0 {
                    let light = bits.trailing_zeros() as usize;
                    bits >>= light;
                    let run = bits.trailing_ones() as usize;
                    push_run(x + light, y, run);
                    x += light + run;
                    bits = bits.checked_shr(run as u32).unwrap_or(0);
                }
            }
        }
        Modules::Colors(colors) => {
            for (y, row) in colors.chunks(width.max(1)).enumerate() {
                let mut x = 0;
                while x < width {
                    if row[x] == Color::Dark {
                        let start = x;
                        while x < width && row[x] == Color::Dark {
                            x += 1;
                        }
                        push_run(start, y, x - start);
                    } else {
                        x += 1;
                    }
                }
            }
        }
    }
    // ASCII letters, digits, spaces and points only.
    let path = String::from_utf8(path).unwrap_or_default();
    // Numbers and the escaped label only.
    Html::from_trusted(format!(
        r##"<svg class="qr" viewBox="0 0 {size} {size}" role="img" aria-label="{label}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="none" stroke="#000"/></svg>"##,
        label = escape(label),
    ))
}

/// One step of the path (`M12 34.5h5`, `m3 0h5`): at most 16 bytes while its numbers are below
/// 1,000.
#[derive(Default)]
struct Step {
    bytes: [u8; 32],
    len: usize,
}

impl Step {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// Appends `n` in decimal (a code's coordinates and runs: below 200).
    fn number(&mut self, n: usize) {
        let digit = |d: usize| b'0' + (d % 10) as u8;
        if n >= 100 {
            for b in n.to_string().bytes() {
                self.push(b);
            }
            return;
        }
        if n >= 10 {
            self.push(digit(n / 10));
        }
        self.push(digit(n));
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len.min(self.bytes.len())]
    }
}

/// A code's modules: up to 64 wide (every address a guide prints), a row of bits per line, bit
/// `x` of row `y` dark; wider, their colours row by row.
pub(super) enum Modules {
    Rows(Vec<u64>),
    Colors(Vec<Color>),
}

/// The modules of `text`'s code, row by row: what `QrCode::with_error_correction_level` makes.
#[cfg(test)]
fn matrix(text: &str, level: EcLevel) -> Result<Vec<Color>, QrError> {
    let (width, modules) = modules(text, level)?;
    Ok(match modules {
        Modules::Colors(colors) => colors,
        Modules::Rows(rows) => (0..width * width)
            .map(|i| match rows[i / width] >> (i % width) & 1 {
                1 => Color::Dark,
                _ => Color::Light,
            })
            .collect(),
    })
}

/// The width of `text`'s code and its modules (see [`Modules`]).
pub(super) fn modules(text: &str, level: EcLevel) -> Result<(usize, Modules), QrError> {
    let bits = bits::encode_auto(text.as_bytes(), level)?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, level)?;
    let width = usize::try_from(version.width()).unwrap_or(0);
    if width > 64 {
        let mut canvas = Canvas::new(version, level);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ec);
        return Ok((width, Modules::Colors(best_by_canvas(&canvas))));
    }
    let layout = Layout::of(version, level, width, data.len() + ec.len());
    let (rows, cols) = data_lines(&layout, &data, &ec, width);
    let mut best: Option<(u16, Vec<u64>)> = None;
    for masked in &layout.masked {
        // A data module is its colour flipped where the mask is dark: the layout holds the
        // mask's colour at every data module, so one exclusive or a line masks the code.
        let code_rows: Vec<u64> = masked.rows.iter().zip(&rows).map(|(m, d)| m ^ d).collect();
        let code_cols: Vec<u64> = masked.cols.iter().zip(&cols).map(|(m, d)| m ^ d).collect();
        let score = penalty::penalty_of_lines(&code_rows, &code_cols, width);
        // The first of equal scores, as qrcode's `min_by_key` keeps.
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, code_rows));
        }
    }
    let rows = best.map(|(_, rows)| rows).unwrap_or_default();
    Ok((width, Modules::Rows(rows)))
}

/// The data modules' colours before masking, as rows and columns of bits: each dark bit of
/// the codewords where the layout places it.
fn data_lines(layout: &Layout, data: &[u8], ec: &[u8], width: usize) -> (Vec<u64>, Vec<u64>) {
    let mut rows = vec![0u64; width];
    let mut cols = vec![0u64; width];
    for (i, &byte) in data.iter().chain(ec).enumerate() {
        for bit in 0..8 {
            if byte & (0x80 >> bit) == 0 {
                continue;
            }
            if let Some(&(x, y)) = layout.placement.get(i * 8 + bit).and_then(Option::as_ref) {
                let (x, y) = (usize::from(x), usize::from(y));
                rows[y] |= 1 << x;
                cols[x] |= 1 << y;
            }
        }
    }
    (rows, cols)
}

/// Whether `rows` (a code `width` modules wide) is a code of `text` at `level`, under any of the
/// eight masks: the codewords are made and placed again, which is a small part of making the
/// code (choosing the mask is most of it). A code kept from an earlier build (`qr_codes.rs`) is
/// drawn only if it passes, so a cache file edited by hand, or committed into the site by a
/// pull request, can never print a code of another address.
pub(super) fn encodes(text: &str, level: EcLevel, width: usize, rows: &[u64]) -> bool {
    let Ok(bits) = bits::encode_auto(text.as_bytes(), level) else {
        return false;
    };
    let version = bits.version();
    let Ok((data, ec)) = ec::construct_codewords(&bits.into_bytes(), version, level) else {
        return false;
    };
    if usize::try_from(version.width()).ok() != Some(width) || width > 64 || rows.len() != width {
        return false;
    }
    let layout = Layout::of(version, level, width, data.len() + ec.len());
    let (data_rows, _) = data_lines(&layout, &data, &ec, width);
    layout.masked.iter().any(|masked| {
        masked
            .rows
            .iter()
            .zip(&data_rows)
            .zip(rows)
            .all(|((m, d), r)| m ^ d == *r)
    })
}

/// The code qrcode chooses, mask by mask on copies of the canvas: for codes wider than 64
/// modules (version 12 and up, longer than any address a guide prints).
fn best_by_canvas(canvas: &Canvas) -> Vec<Color> {
    let mut best: Option<(u16, Vec<Color>)> = None;
    for pattern in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(pattern);
        let colors = c.into_colors();
        let dark: Vec<bool> = colors.iter().map(|&c| c == Color::Dark).collect();
        let score = penalty::penalty(&dark, colors.len().isqrt());
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, colors));
        }
    }
    best.map(|(_, colors)| colors).unwrap_or_default()
}

/// What every code of one version and level shares: once per mask, the function patterns (with
/// that mask's format information) and, at every data module, the mask's own colour; and where
/// each bit of the codewords goes. A code of that version is the masked layout with its dark
/// data modules flipped. A guide's addresses are of a few lengths, so a handful of layouts serve
/// ten thousand codes (drawing each code's bits on a canvas of its own was a third of its time).
struct Layout {
    version: Version,
    level: EcLevel,
    masked: Vec<Lines>,
    /// The module (x, y) of each bit of the codewords, data then error correction, each byte
    /// from its highest bit: the order qrcode draws them in. `None` for a bit that finds no
    /// room (qrcode drops it; no code of a guide has one).
    placement: Vec<Option<(u8, u8)>>,
}

/// A code as rows and columns of bits (bit x of row y is the module at x, y).
struct Lines {
    rows: Vec<u64>,
    cols: Vec<u64>,
}

impl Layout {
    /// The layout of `version` at `level` (`width` ≤ 64, `codewords` of data and error
    /// correction together), made once per thread.
    fn of(version: Version, level: EcLevel, width: usize, codewords: usize) -> Rc<Layout> {
        thread_local! {
            static MADE: RefCell<Vec<Rc<Layout>>> = const { RefCell::new(Vec::new()) };
        }
        MADE.with_borrow_mut(|made| {
            if let Some(layout) = made
                .iter()
                .find(|l| l.version == version && l.level == level)
            {
                return Rc::clone(layout);
            }
            let layout = Rc::new(Layout::make(version, level, width, codewords));
            made.push(Rc::clone(&layout));
            layout
        })
    }

    fn make(version: Version, level: EcLevel, width: usize, codewords: usize) -> Layout {
        // Without data, every data module is empty, and masking turns an empty module into the
        // mask's colour (qrcode's `Module::mask`), as it flips a light data module.
        let mut canvas = Canvas::new(version, level);
        canvas.draw_all_functional_patterns();
        let masked = MASKS
            .iter()
            .map(|&pattern| {
                let mut c = canvas.clone();
                c.apply_mask(pattern);
                let colors = c.into_colors();
                let mut lines = Lines {
                    rows: vec![0; width],
                    cols: vec![0; width],
                };
                for (i, _) in colors
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c == Color::Dark)
                {
                    let (x, y) = (i % width, i / width);
                    lines.rows[y] |= 1 << x;
                    lines.cols[x] |= 1 << y;
                }
                lines
            })
            .collect();
        Layout {
            version,
            level,
            masked,
            placement: placement(&canvas, width, codewords),
        }
    }
}

/// Where qrcode puts each bit of `codewords` bytes on `canvas` (its function patterns drawn),
/// asked of qrcode itself, whose walk through the modules is its own: drawn once for each bit
/// of a bit's number, dark where that bit of the number is 1, every module then spells the
/// number of the bit drawn on it.
fn placement(canvas: &Canvas, width: usize, codewords: usize) -> Vec<Option<(u8, u8)>> {
    let bits = codewords * 8;
    let mut numbers: Vec<Option<usize>> = vec![None; width * width];
    let mut digit = 0;
    while bits > 1 << digit {
        let stream: Vec<u8> = (0..codewords)
            .map(|byte| {
                (0..8).fold(0u8, |acc, bit| {
                    let number = byte * 8 + bit;
                    acc | (u8::from((number >> digit) & 1 == 1) << (7 - bit))
                })
            })
            .collect();
        let mut c = canvas.clone();
        c.draw_data(&[], &stream);
        for (i, number) in numbers.iter_mut().enumerate() {
            let (x, y) = ((i % width) as i16, (i / width) as i16);
            match c.get(x, y) {
                Module::Unmasked(color) => {
                    let n = number.get_or_insert(0);
                    if color == Color::Dark {
                        *n |= 1 << digit;
                    }
                }
                _ => continue,
            }
        }
        digit += 1;
    }
    let mut placement = vec![None; bits];
    for (i, number) in numbers.into_iter().enumerate() {
        if let Some(slot) = number.and_then(|n| placement.get_mut(n)) {
            *slot = Some(((i % width) as u8, (i / width) as u8));
        }
    }
    placement
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
            s.contains("d=\"M4 4.5h7m"),
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
        // Wider than 64 modules: masked on copies of the canvas.
        for len in [300, 520] {
            let text = format!("https://example.org/{}", "x".repeat(len));
            let ours = super::matrix(&text, EcLevel::M).unwrap();
            let theirs = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
            assert!(theirs.width() > 64);
            assert!(ours == theirs.to_colors(), "{len}");
        }
    }

    /// The drawn runs cover exactly the dark modules of the code, row by row, narrow (drawn
    /// from rows of bits) and wide (from colours).
    #[test]
    fn path_matches_the_matrix() {
        let wide = format!("https://example.org/{}", "x".repeat(300));
        for text in [
            "https://example.org/hikari/entries/tsubasa-hattatsu/",
            &wide,
        ] {
            path_matches(text);
        }
    }

    fn path_matches(text: &str) {
        use qrcode::{Color, QrCode};
        let code = QrCode::new(text.as_bytes()).unwrap();
        let width = code.width();
        let s = svg(text, "x").unwrap().into_string();
        let path = s.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut dark = vec![Color::Light; width * width];
        // `M{x} {y}.5h{run}` starts a row, `m{gap} 0h{run}` goes on in it.
        let (mut x, mut y) = (0, 0);
        let mut rest = path;
        while let Some(command) = rest.chars().next() {
            let end = rest[1..].find(['M', 'm']).map_or(rest.len(), |i| i + 1);
            let (step, next) = rest.split_at(end);
            rest = next;
            let (at, len) = step[1..].split_once('h').unwrap();
            let (dx, dy) = at.split_once(' ').unwrap();
            let dx: usize = dx.parse().unwrap();
            match command {
                'M' => {
                    x = dx;
                    let row = dy.strip_suffix(".5").unwrap();
                    y = row.parse().unwrap();
                }
                'm' => {
                    assert_eq!(dy, "0", "{step}");
                    x += dx;
                }
                _ => panic!("{step}"),
            }
            let len: usize = len.parse().unwrap();
            for i in 0..len {
                let cell = &mut dark[(y - 4) * width + x - 4 + i];
                assert_eq!(*cell, Color::Light, "drawn twice: {step}");
                *cell = Color::Dark;
            }
            x += len;
        }
        assert_eq!(dark, code.to_colors());
    }
}
